import { prisma, type Db } from "~/db/client.server.ts";
import { can, whereCan, type Actor } from "~/policy/index.ts";
import type { SearchScope } from "./filters.ts";

/**
 * The studios whose documents this person may find: the list side of "search:see-document"
 * (app/policy/search.ts), i.e. of the documents' own read rule, derived from the same
 * viewer↔studio relation the single-document checks load. Search filters every query with this
 * list, so a hit is never something the person could not open (tests/integration/list-scopes.test.ts
 * compares it with the rule for every seeded person).
 */
export async function readableStudioIds(actor: Actor, db: Db = prisma): Promise<string[]> {
  const studios = await db.studio.findMany({ where: whereCan(actor, "search:see-document"), orderBy: { id: "asc" }, select: { id: true } });
  return studios.map((studio) => studio.id);
}

/**
 * The courses a search may return: for those who may browse the catalogue, the list side of
 * "training-course:view" — published and cancelled courses, and the drafts it lets them see
 * (those they organise, or are enrolled in), named one by one.
 */
export async function searchableCourses(actor: Actor, db: Db = prisma): Promise<SearchScope["courses"]> {
  if (!can(actor, "training:browse", null)) return { published: false, draftIds: [] };
  const drafts = await db.trainingCourse.findMany({
    where: { AND: [whereCan(actor, "training-course:view"), { status: "DRAFT" }] },
    orderBy: { id: "asc" },
    select: { id: true },
  });
  return { published: true, draftIds: drafts.map((course) => course.id) };
}

export async function searchScope(actor: Actor, db: Db = prisma): Promise<SearchScope> {
  const [studioIds, courses] = await Promise.all([readableStudioIds(actor, db), searchableCourses(actor, db)]);
  return { studioIds, seesPublic: can(actor, "search:see-public", null), courses };
}
