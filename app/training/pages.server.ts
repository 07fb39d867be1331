import { prisma } from "~/db/client.server.ts";
import { CAREER_STAGES, type CareerStage } from "~/people/career-stage.ts";
import { ownScope, type Actor } from "~/policy/index.ts";
import type { TrainingOrganiserResource } from "~/policy/training.ts";
import { listJointGroups } from "./organisers.server.ts";
import { listPlatforms } from "./plans.server.ts";
import { DUTIES, GROUPS, LEVELS } from "./schemas.ts";
import type { CatalogueFilters } from "./catalogue.server.ts";
import type { Duty, TargetGroup, TrainingLevel } from "~/generated/prisma/enums.ts";

/** What the training pages need beside the services: filters from the URL, and the choices their forms offer. */

/** The organiser a person would create a course for by default: the school for 学工部, their college for a college admin. */
export function defaultOrganiser(actor: Actor): TrainingOrganiserResource {
  const own = ownScope(actor);
  return own?.kind === "college" ? { level: "COLLEGE", collegeId: own.collegeId, groupCollegeIds: [] } : { level: "SCHOOL", collegeId: null, groupCollegeIds: [] };
}

const oneOf = <T extends string>(values: readonly T[], value: string | null): T | undefined => (values as readonly string[]).includes(value ?? "") ? (value as T) : undefined;

/** The catalogue's filters from the query string; anything unknown is ignored. */
export function parseCatalogueFilters(params: URLSearchParams): { filters: CatalogueFilters; page: number } {
  const q = params.get("q")?.trim().slice(0, 100);
  const platformId = params.get("platformId")?.trim();
  return {
    filters: {
      q: q || undefined,
      platformId: platformId || undefined,
      level: oneOf<TrainingLevel>(LEVELS, params.get("level")),
      stage: oneOf<CareerStage>(CAREER_STAGES, params.get("stage")),
      group: oneOf<TargetGroup>(GROUPS, params.get("group")),
      duty: oneOf<Duty>(DUTIES, params.get("duty")),
    },
    page: Math.max(1, Math.min(10_000, Math.floor(Number(params.get("page"))) || 1)),
  };
}

export async function platformOptions() {
  return (await listPlatforms()).map((p) => ({ id: p.id, nameZh: p.nameZh, nameEn: p.nameEn }));
}

/** The organisers a person may pick on the course form: 学工部 any college or group, a college admin their own. */
export async function organiserOptions(actor: Actor) {
  const own = ownScope(actor);
  const [colleges, groups] = await Promise.all([
    prisma.college.findMany({ where: own?.kind === "college" ? { id: own.collegeId } : {}, orderBy: { code: "asc" }, select: { id: true, name: true } }),
    listJointGroups(),
  ]);
  return {
    colleges,
    jointGroups: groups.filter((g) => own?.kind !== "college" || g.members.some((m) => m.college.id === own.collegeId)).map((g) => ({ id: g.id, name: g.name })),
  };
}

/** The cohorts an assigner may choose from: colleges within their own scope, active studios. */
export async function cohortOptions(actor: Actor) {
  const own = ownScope(actor);
  const [colleges, studios] = await Promise.all([
    prisma.college.findMany({ where: own?.kind === "college" ? { id: own.collegeId } : {}, orderBy: { code: "asc" }, select: { id: true, name: true } }),
    prisma.studio.findMany({ where: { archivedAt: null }, orderBy: { name: "asc" }, select: { id: true, name: true } }),
  ]);
  return { colleges, studios, ownCollegeOnly: own?.kind === "college" };
}
