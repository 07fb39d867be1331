import type { CareerStage } from "~/people/career-stage.ts";
import type { SchoolScope } from "~/policy/index.ts";
import { shortfallList } from "../progress.server.ts";
import type { ComplianceRule } from "./filters.ts";

/**
 * 合规名单: who is short of the national rules or of their plan this year, and by how much, from
 * progress.server.ts's shortfallList (authorise "training:view-scope" on the scope first),
 * narrowed to a stage and to one rule, a page at a time.
 */
export const COMPLIANCE_PAGE_SIZE = 50;

type Row = Awaited<ReturnType<typeof shortfallList>>["rows"][number];

const shortOn: Record<ComplianceRule, (row: Row) => boolean> = {
  plan: (r) => r.compliance.plan.short > 0,
  induction: (r) => r.compliance.induction.short > 0,
  schoolLevel: (r) => r.compliance.schoolLevel.short > 0,
  nationalOrProvincial: (r) => r.compliance.nationalOrProvincial.short,
};

export async function complianceRows(scope: SchoolScope, filters: { stage?: CareerStage; rule?: ComplianceRule }, now = new Date()) {
  const list = await shortfallList(scope, now);
  const rows = list.rows.filter((r) => (!filters.stage || r.stage === filters.stage) && (!filters.rule || shortOn[filters.rule](r)));
  return { year: list.year, people: list.people, shortCount: list.shortCount, rows };
}

export async function compliancePage(scope: SchoolScope, filters: { stage?: CareerStage; rule?: ComplianceRule }, page = 1, now = new Date()) {
  const { rows, ...counts } = await complianceRows(scope, filters, now);
  const pages = Math.max(1, Math.ceil(rows.length / COMPLIANCE_PAGE_SIZE));
  const current = Math.min(page, pages);
  return { ...counts, total: rows.length, page: current, pages, rows: rows.slice((current - 1) * COMPLIANCE_PAGE_SIZE, current * COMPLIANCE_PAGE_SIZE) };
}
