import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/db/client.server.ts";
import { loadDocumentAccess } from "~/documents/access.server.ts";
import { studiosOf } from "~/documents/documents.server.ts";
import { actionsOf, can, LISTED_ACTIONS, PEOPLE_LISTED_ACTIONS, whereCan, whoMay, type Actor } from "~/policy/index.ts";
import type { StudioResource } from "~/policy/studios.ts";
import { readableStudioIds } from "~/search/scope.server.ts";
import { findStudioAccess } from "~/studios/access.server.ts";
import { collegeAdminWithoutCollege } from "../support/personas.ts";

/**
 * The list side of each read rule must select exactly the rows the rule allows one by one. For
 * every seeded person (the demo university's and the edge cases below), the ids a list scope
 * returns are compared with all rows filtered through `can(...)`, each row's resource loaded by
 * the same loaders the pages use. A scope that forgets a way in (an accepted mentorship) or lets
 * one too many through (an invitation not yet accepted, a college admin's college) fails here.
 */

let people: Actor[] = [];
let studioIds: string[] = [];
/** Each person's relation to each studio, as the single-studio loader sees it. */
const relations = new Map<string, Map<string, StudioResource>>();

const sorted = (ids: Iterable<string>) => [...ids].sort();
const relation = (actor: Actor, studioId: string) => relations.get(actor.id)!.get(studioId)!;

beforeAll(async () => {
  await collegeAdminWithoutCollege();
  // Mentorships in every state that does not count, each with a mentor who has no other way into
  // that studio: the demo seed's assignments are all accepted.
  const studios = await prisma.studio.findMany({ orderBy: { id: "asc" }, select: { id: true, directions: { select: { id: true }, take: 1 } } });
  const mentors = await prisma.mentor.findMany({
    where: { assignments: { none: {} } },
    orderBy: { id: "asc" },
    take: 4,
    select: { id: true },
  });
  expect(mentors.length, "the seed has mentors without assignments").toBe(4);
  const withDirection = studios.filter((s) => s.directions.length);
  for (const [i, status] of (["INVITED", "PROPOSED", "DECLINED", "EXCLUDED"] as const).entries()) {
    await prisma.mentorAssignment.create({ data: { mentorId: mentors[i]!.id, directionId: withDirection[i % withDirection.length]!.directions[0]!.id, status } });
  }

  people = await prisma.user.findMany({ orderBy: { username: "asc" }, select: { id: true, roles: true, collegeId: true } });
  studioIds = studios.map((s) => s.id);
  for (const person of people) {
    const loaded = await Promise.all(studioIds.map(async (studioId) => [studioId, (await findStudioAccess(person, studioId))!.resource] as const));
    relations.set(person.id, new Map(loaded));
  }
});

describe("list scopes are the read rules' list side, for every seeded person", () => {
  it("has a case below for every list scope the policy offers", () => {
    // A new scope in app/policy gets its comparison here.
    expect([...LISTED_ACTIONS].sort()).toEqual(["document:read", "person:view-card", "search:see-document", "studio:view", "studio:view-workspace"]);
  });

  it("covers the kinds of people the rules tell apart", () => {
    const kinds = new Set(people.flatMap((p) => p.roles));
    expect([...kinds].sort()).toEqual(["ADMIN", "COLLEGE_ADMIN", "COUNSELOR", "MENTOR"]);
    const viewer = (predicate: (r: StudioResource) => boolean) => people.some((p) => studioIds.some((s) => predicate(relation(p, s))));
    expect(viewer((r) => r.viewerRole === "LEADER") && viewer((r) => r.viewerRole === "NEWCOMER") && viewer((r) => r.viewerMentors)).toBe(true);
  });

  it("studios: every studio to look at, working material to members, accepted mentors and 学工部", async () => {
    for (const person of people) {
      for (const action of ["studio:view", "studio:view-workspace"] as const) {
        const listed = await prisma.studio.findMany({ where: whereCan(person, action), select: { id: true } });
        const allowed = studioIds.filter((id) => can(person, action, relation(person, id)));
        expect(sorted(listed.map((s) => s.id)), `${person.id} ${action}`).toEqual(sorted(allowed));
      }
    }
  });

  it("search: the studios whose documents a search may return are those whose documents the person may open", async () => {
    for (const person of people) {
      const allowed = studioIds.filter((id) => can(person, "search:see-document", relation(person, id)));
      expect(await readableStudioIds(person), person.id).toEqual(sorted(allowed));
    }
  });

  it("documents: the documents overview lists exactly the documents the person may open", async () => {
    const documents = await prisma.document.findMany({ orderBy: { id: "asc" }, select: { id: true } });
    expect(documents.length).toBeGreaterThan(10);
    let readers = 0;
    for (const person of people) {
      const listed = await prisma.document.findMany({ where: whereCan(person, "document:read"), select: { id: true } });
      const loaded = await Promise.all(documents.map(async ({ id }) => ({ id, access: (await loadDocumentAccess(id, person))! })));
      const allowed = loaded.filter(({ access }) => can(person, "document:read", access.resource)).map(({ id }) => id);
      expect(sorted(listed.map((d) => d.id)), person.id).toEqual(sorted(allowed));
      if (allowed.length > 0 && allowed.length < documents.length) readers += 1;
    }
    // Not everyone or no one: the comparison told people apart.
    expect(readers).toBeGreaterThan(5);
  }, 120_000);

  it("documents: the studios offered on the overview are the open studios whose working material the person sees", async () => {
    const open = new Set((await prisma.studio.findMany({ where: { archivedAt: null }, select: { id: true } })).map((s) => s.id));
    for (const person of people) {
      const offered = (await studiosOf(person)).map((s) => s.id);
      const allowed = studioIds.filter((id) => open.has(id) && can(person, "studio:view-workspace", relation(person, id)));
      expect(sorted(offered), person.id).toEqual(sorted(allowed));
    }
  });

  it("people: every card is listed for everyone", async () => {
    const everyone = await prisma.user.findMany({ select: { id: true, collegeId: true } });
    for (const person of people) {
      const listed = await prisma.user.findMany({ where: whereCan(person, "person:view-card"), select: { id: true } });
      const allowed = everyone.filter((other) => can(person, "person:view-card", { userId: other.id, collegeId: other.collegeId }));
      expect(sorted(listed.map((u) => u.id)), person.id).toEqual(sorted(allowed.map((u) => u.id)));
    }
  });

  it("whom to offer or tell: the people a rule about the person alone holds for", async () => {
    const studioActions = new Set<string>(actionsOf("studio"));
    for (const action of PEOPLE_LISTED_ACTIONS) {
      const listed = new Set((await prisma.user.findMany({ where: whoMay(action), select: { id: true } })).map((u) => u.id));
      for (const person of people) {
        // A studio rule that depends on the person alone holds in every studio or in none.
        const answers = studioActions.has(action)
          ? studioIds.map((id) => can(person, action as "evaluation:grade", relation(person, id)))
          : [can(person, action as "studio:join", null)];
        expect(new Set(answers).size, `${action} ${person.id}`).toBe(1);
        expect(listed.has(person.id), `${action} ${person.id}`).toBe(answers[0]);
      }
      expect(listed.size, action).toBeGreaterThan(0);
    }
  });
});
