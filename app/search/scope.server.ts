import { prisma, type Db } from "~/db/client.server.ts";
import { can, whereCan, type Actor } from "~/policy/index.ts";
import { manageableSeries } from "~/policy/meetings.ts";
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

/**
 * The meetings a search may return: the list side of "meeting:view" — every meeting of a series
 * the person organises (by office or by name; 学工部 all), and the meetings they are invited to.
 * Series are few (a handful per organiser), so they are named one by one; invitations are
 * carried by the meeting's record (meetingInviteeIds).
 */
export async function searchableMeetings(actor: Actor, db: Db = prisma): Promise<SearchScope["meetings"]> {
  if (!can(actor, "meetings:use", null)) return { seriesIds: [], inviteeId: null };
  const series = await db.meetingSeries.findMany({ where: manageableSeries(actor), orderBy: { id: "asc" }, select: { id: true } });
  return { seriesIds: series.map((s) => s.id), inviteeId: actor.id };
}

export async function searchScope(actor: Actor, db: Db = prisma): Promise<SearchScope> {
  const [studioIds, courses, meetings] = await Promise.all([readableStudioIds(actor, db), searchableCourses(actor, db), searchableMeetings(actor, db)]);
  return { studioIds, seesPublic: can(actor, "search:see-public", null), courses, meetings };
}
