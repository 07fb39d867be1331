import type { Db } from "~/db/client.server.ts";
import type { SchoolScope } from "~/policy/index.ts";
import { cohortPeople } from "~/training/enrolment.server.ts";
import type { Cohort } from "~/training/schemas.ts";

/**
 * A series' audience as people: the training programme's cohorts (stage, group, college, studio:
 * active counselors) plus people named one by one (any active account: a deputy secretary, an
 * invited mentor). A college's series stays within its college, as a college admin's cohort does.
 */
export async function resolveAudience(db: Db, seriesId: string): Promise<string[]> {
  const series = await db.meetingSeries.findUniqueOrThrow({
    where: { id: seriesId },
    select: { organiserKind: true, collegeId: true, targets: { select: { kind: true, stage: true, group: true, collegeId: true, studioId: true, userId: true } } },
  });
  const scope: SchoolScope = series.organiserKind === "COLLEGE" && series.collegeId ? { kind: "college", collegeId: series.collegeId } : { kind: "school" };
  const people = new Set<string>();
  for (const target of series.targets) {
    if (target.kind === "PERSON") {
      if (target.userId) people.add(target.userId);
      continue;
    }
    const cohort = cohortOf(target);
    if (cohort) for (const userId of await cohortPeople(cohort, scope, db)) people.add(userId);
  }
  const named = series.targets.flatMap((t) => (t.kind === "PERSON" && t.userId ? [t.userId] : []));
  if (named.length) {
    // Named people who are no longer active are not invited.
    const inactive = await db.user.findMany({ where: { id: { in: named }, active: false }, select: { id: true } });
    for (const { id } of inactive) people.delete(id);
  }
  return [...people].sort();
}

function cohortOf(target: { kind: string; stage: string | null; group: string | null; collegeId: string | null; studioId: string | null }): Cohort | null {
  if (target.kind === "STAGE" && target.stage) return { kind: "stage", stage: target.stage as Extract<Cohort, { kind: "stage" }>["stage"] };
  if (target.kind === "GROUP" && target.group) return { kind: "group", group: target.group as Extract<Cohort, { kind: "group" }>["group"] };
  if (target.kind === "COLLEGE" && target.collegeId) return { kind: "college", collegeId: target.collegeId };
  if (target.kind === "STUDIO" && target.studioId) return { kind: "studio", studioId: target.studioId };
  return null;
}
