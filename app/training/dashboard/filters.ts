import { z } from "zod";
import { CAREER_STAGES } from "~/people/career-stage.ts";

/**
 * The query parameters of the dashboard and the compliance list (and their .xlsx), checked on the
 * server: a wrong one is a 400, never a silently different list.
 */
const blankToUndefined = (value: unknown) => (value === "" || value === null ? undefined : value);

export const COMPLIANCE_RULES = ["plan", "induction", "schoolLevel", "nationalOrProvincial"] as const;
export type ComplianceRule = (typeof COMPLIANCE_RULES)[number];

export const dashboardQuery = z.object({
  year: z.preprocess(blankToUndefined, z.coerce.number().int().min(2000).max(2100).optional()),
  college: z.preprocess(blankToUndefined, z.string().max(64).optional()),
});

export const complianceQuery = z.object({
  college: z.preprocess(blankToUndefined, z.string().max(64).optional()),
  stage: z.preprocess(blankToUndefined, z.enum(CAREER_STAGES).optional()),
  rule: z.preprocess(blankToUndefined, z.enum(COMPLIANCE_RULES).optional()),
  page: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).max(100_000).optional()),
});

/** The parsed query, or a 400 response for the error boundary. */
export function parseQuery<S extends z.ZodType>(schema: S, url: string): z.infer<S> {
  const params = Object.fromEntries(new URL(url).searchParams);
  const parsed = schema.safeParse(params);
  if (!parsed.success) throw new Response("Bad Request", { status: 400, statusText: "Bad Request" });
  return parsed.data;
}
