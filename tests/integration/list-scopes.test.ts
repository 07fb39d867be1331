import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/db/client.server.ts";
import { loadDocumentAccess } from "~/documents/access.server.ts";
import { studiosOf } from "~/documents/documents.server.ts";
import { actionsOf, can, LISTED_ACTIONS, PEOPLE_LISTED_ACTIONS, whereCan, whoMay, type Actor } from "~/policy/index.ts";
import type { StudioResource } from "~/policy/studios.ts";
import { readableStudioIds } from "~/search/scope.server.ts";
import { findStudioAccess } from "~/studios/access.server.ts";
import { findCourseAccess } from "~/training/access.server.ts";
import { findMeetingAccess, findSeriesAccess, loadActionItemAccess } from "~/meetings/access.server.ts";
import { findCampAccess, findEntryAccess, findResultAccess, findStudentAccess } from "~/camp/access.server.ts";
import { buildCamp, buildMeetingSeries } from "../support/factories.ts";
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
    expect([...LISTED_ACTIONS].sort()).toEqual([
      "action-item:view",
      "camp-entry:view",
      "camp-result:view",
      "camp-student:view",
      "camp:view",
      "document:read",
      "meeting-series:view",
      "meeting:view",
      "person:view-card",
      "search:see-document",
      "studio:view",
      "studio:view-workspace",
      "training-course:view",
      "training-enrolment:view",
      "training-external:view",
      "training:view-ledger",
    ]);
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

  it("training: the catalogue, rosters, ledger entries and external records each person may see", async () => {
    // Drafts at college level (one college's, one joint group's) tell organisers apart from everyone else.
    const collegeCourse = await prisma.trainingCourse.findFirstOrThrow({ where: { level: "COLLEGE", collegeId: { not: null } }, orderBy: { id: "asc" } });
    // The demo has a joint group only when some college has fewer than six full-time counselors.
    const groupCourse = (await prisma.trainingCourse.findFirst({ where: { level: "COLLEGE", jointGroupId: { not: null } }, orderBy: { id: "asc" } })) ?? collegeCourse;
    await prisma.trainingCourse.updateMany({ where: { id: { in: [collegeCourse.id, groupCourse.id] } }, data: { status: "DRAFT" } });
    const courses = (await prisma.trainingCourse.findMany({ orderBy: { id: "asc" }, select: { id: true } })).map((c) => c.id);
    const enrolments = await prisma.trainingEnrolment.findMany({ select: { id: true, userId: true, courseId: true } });
    const entries = await prisma.trainingHoursEntry.findMany({ select: { id: true, userId: true, user: { select: { collegeId: true } } } });
    const records = await prisma.externalTrainingRecord.findMany({ select: { id: true, userId: true, status: true, user: { select: { collegeId: true } } } });
    expect(courses.length && enrolments.length && entries.length && records.length, "the seed has training data").toBeTruthy();
    const ids = (rows: Array<{ id: string }>) => sorted(rows.map((r) => r.id));
    let organisers = 0;
    for (const person of people) {
      const access = new Map(await Promise.all(courses.map(async (id) => [id, (await findCourseAccess(person, id))!.resource] as const)));
      const visible = courses.filter((id) => can(person, "training-course:view", access.get(id)!));
      expect(ids(await prisma.trainingCourse.findMany({ where: whereCan(person, "training-course:view"), select: { id: true } })), person.id).toEqual(sorted(visible));
      if (visible.includes(collegeCourse.id) || visible.includes(groupCourse.id)) organisers += 1;

      const roster = enrolments.filter((e) => can(person, "training-enrolment:view", { userId: e.userId, course: access.get(e.courseId)! }));
      expect(ids(await prisma.trainingEnrolment.findMany({ where: whereCan(person, "training-enrolment:view"), select: { id: true } })), person.id).toEqual(ids(roster));

      const ledger = entries.filter((e) => can(person, "training:view-ledger", { userId: e.userId, collegeId: e.user.collegeId, viewerLeadsTheirStudio: false }));
      expect(ids(await prisma.trainingHoursEntry.findMany({ where: whereCan(person, "training:view-ledger"), select: { id: true } })), person.id).toEqual(ids(ledger));

      const external = records.filter((r) => can(person, "training-external:view", { userId: r.userId, collegeId: r.user.collegeId, status: r.status }));
      expect(ids(await prisma.externalTrainingRecord.findMany({ where: whereCan(person, "training-external:view"), select: { id: true } })), person.id).toEqual(ids(external));
    }
    // 学工部 and the organising colleges' admins see the drafts, nobody else.
    expect(organisers).toBeGreaterThan(1);
    expect(organisers).toBeLessThan(people.length / 2);
  }, 300_000);

  it("meetings: the series, meetings and action items each person may see", async () => {
    // One series of each organiser kind, organised by seeded people, inviting a few others by name;
    // an action item on each, owned by an invitee.
    const byRole = (role: string) => people.filter((p) => p.roles.includes(role as never));
    const admin = byRole("ADMIN")[0]!;
    const collegeAdmin = byRole("COLLEGE_ADMIN").find((p) => p.collegeId)!;
    const counselors = byRole("COUNSELOR");
    const leaderOf = await prisma.studioMembership.findFirstOrThrow({ where: { role: "LEADER" }, orderBy: { id: "asc" }, select: { studioId: true, userId: true } });
    const leader = people.find((p) => p.id === leaderOf.userId)!;
    const group = await prisma.jointTrainingGroupMember.findFirst({ orderBy: { collegeId: "asc" } });
    const specs = [
      { organiser: admin, organiserKind: "SCHOOL" as const },
      { organiser: counselors[0]!, organiserKind: "COLLEGE" as const, collegeId: collegeAdmin.collegeId! },
      { organiser: leader, organiserKind: "STUDIO" as const, studioId: leaderOf.studioId },
      ...(group ? [{ organiser: admin, organiserKind: "JOINT_GROUP" as const, jointGroupId: group.groupId }] : []),
    ];
    for (const [i, spec] of specs.entries()) {
      const invitees = counselors.slice(3 + i * 3, 6 + i * 3);
      const series = await buildMeetingSeries({ ...spec, invitees }, [new Date()]);
      const meeting = series.meetings[0]!;
      await prisma.actionItem.create({ data: { seriesId: series.id, meetingId: series.meetings[0]!.id, title: `督办${i}`, ownerId: invitees[0]!.id, dueOn: new Date("2027-01-31T00:00:00Z") } });
    }
    const allSeries = (await prisma.meetingSeries.findMany({ orderBy: { id: "asc" }, select: { id: true } })).map((s) => s.id);
    const meetings = (await prisma.meeting.findMany({ orderBy: { id: "asc" }, select: { id: true } })).map((m) => m.id);
    const items = (await prisma.actionItem.findMany({ orderBy: { id: "asc" }, select: { id: true } })).map((a) => a.id);
    let seeingSome = 0;
    for (const person of people) {
      const series = [];
      for (const id of allSeries) if (can(person, "meeting-series:view", (await findSeriesAccess(person, id))!.resource)) series.push(id);
      expect(sorted((await prisma.meetingSeries.findMany({ where: whereCan(person, "meeting-series:view"), select: { id: true } })).map((s) => s.id)), person.id).toEqual(sorted(series));
      const visible = [];
      for (const id of meetings) if (can(person, "meeting:view", (await findMeetingAccess(person, id))!.resource)) visible.push(id);
      expect(sorted((await prisma.meeting.findMany({ where: whereCan(person, "meeting:view"), select: { id: true } })).map((m) => m.id)), person.id).toEqual(sorted(visible));
      const actions = [];
      for (const id of items) if (can(person, "action-item:view", (await loadActionItemAccess(person, id)).resource)) actions.push(id);
      expect(sorted((await prisma.actionItem.findMany({ where: whereCan(person, "action-item:view"), select: { id: true } })).map((a) => a.id)), person.id).toEqual(sorted(actions));
      if (series.length && series.length < allSeries.length) seeingSome += 1;
    }
    // Some people see some series and not others (the rules tell people apart).
    expect(seeingSome).toBeGreaterThan(5);
  }, 300_000);

  it("camps: the camps, results, judged entries and students' personal data each person may see", async () => {
    // One camp in each state, named-organised by a counselor, with participants from the college
    // admin's college and from others, an external judge (no college) and a judge of that college.
    const byRole = (role: string) => people.filter((p) => p.roles.includes(role as never));
    const collegeAdmin = byRole("COLLEGE_ADMIN").find((p) => p.collegeId)!;
    const counselors = byRole("COUNSELOR").filter((p) => p.collegeId);
    const ownCollege = counselors.filter((p) => p.collegeId === collegeAdmin.collegeId);
    const otherColleges = counselors.filter((p) => p.collegeId !== collegeAdmin.collegeId);
    const externalJudge = byRole("MENTOR").find((p) => p.collegeId === null) ?? byRole("MENTOR")[0]!;
    expect(ownCollege.length >= 3 && otherColleges.length >= 8, "the seed has counselors in several colleges").toBe(true);
    // Only these camps are compared: the demo camps (hundreds of rows of last year's camp) would make
    // the per-row rule checks below run for minutes without telling more people apart.
    const built: string[] = [];
    for (const [i, status] of (["DRAFT", "OPEN", "SCORING", "RELEASED", "ARCHIVED"] as const).entries()) {
      const camp = await buildCamp({
        status,
        organisers: [otherColleges[i]!],
        participants: [ownCollege[0]!, ownCollege[1]!, otherColleges[5 + (i % 3)]!],
        judges: [externalJudge, ownCollege[2]!],
      });
      // A sheet wrongly assigned to a judge of the contestant's own college: neither side lets it through.
      const sameCollegeJudge = await prisma.campJudge.findUniqueOrThrow({ where: { campId_userId: { campId: camp.id, userId: ownCollege[2]!.id } } });
      await prisma.judgeAssignment.create({ data: { roundId: camp.roundId, entryId: camp.entryIds[0]!, judgeId: sameCollegeJudge.id } });
      built.push(camp.id);
    }
    const ours = { campId: { in: built } };
    const camps = (await prisma.camp.findMany({ where: { id: { in: built } }, orderBy: { id: "asc" }, select: { id: true } })).map((c) => c.id);
    const participants = await prisma.campParticipant.findMany({ where: ours, select: { campId: true, userId: true } });
    const entries = (await prisma.campRoundEntry.findMany({ where: ours, select: { id: true } })).map((e) => e.id);
    const students = (await prisma.identificationStudent.findMany({ where: ours, select: { id: true } })).map((s) => s.id);
    const key = (row: { campId: string; userId: string }) => `${row.campId}:${row.userId}`;
    let seeingSome = 0;
    for (const person of people) {
      const visible = [];
      for (const id of camps) if (can(person, "camp:view", (await findCampAccess(person, id))!)) visible.push(id);
      expect(sorted((await prisma.camp.findMany({ where: { AND: [whereCan(person, "camp:view"), { id: { in: built } }] }, select: { id: true } })).map((c) => c.id)), person.id).toEqual(sorted(visible));
      if (visible.length && visible.length < camps.length) seeingSome += 1;

      const results = [];
      for (const row of participants) if (can(person, "camp-result:view", (await findResultAccess(person, row.campId, row.userId))!)) results.push(key(row));
      const listedResults = await prisma.campParticipant.findMany({ where: { AND: [whereCan(person, "camp-result:view"), ours] }, select: { campId: true, userId: true } });
      expect(sorted(listedResults.map(key)), person.id).toEqual(sorted(results));

      const judged = [];
      for (const id of entries) if (can(person, "camp-entry:view", (await findEntryAccess(person, id))!)) judged.push(id);
      expect(sorted((await prisma.campRoundEntry.findMany({ where: { AND: [whereCan(person, "camp-entry:view"), ours] }, select: { id: true } })).map((e) => e.id)), person.id).toEqual(sorted(judged));

      const personal = [];
      for (const id of students) if (can(person, "camp-student:view", (await findStudentAccess(person, id))!)) personal.push(id);
      expect(sorted((await prisma.identificationStudent.findMany({ where: { AND: [whereCan(person, "camp-student:view"), ours] }, select: { id: true } })).map((s) => s.id)), person.id).toEqual(
        sorted(personal),
      );
    }
    // Some people see some camps and not others (the rules tell people apart).
    expect(seeingSome).toBeGreaterThan(5);
  }, 300_000);

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
