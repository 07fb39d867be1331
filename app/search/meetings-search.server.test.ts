import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/db/client.server.ts";
import { addAgendaItem, cancelMeeting, publishAgenda, updateAgendaItem } from "~/meetings/agenda.server.ts";
import { closeMeeting, createMinutes } from "~/meetings/minutes.server.ts";
import { createSeries, generateMeetings } from "~/meetings/series.server.ts";
import { whereCan, type Actor } from "~/policy/index.ts";
import { buildCollege, buildMeetingSeries, buildStudio, buildUser, unique, type BuiltUser } from "../../tests/support/factories.ts";
import { defaultEngine, dropIndexes } from "./engine.server.ts";
import { createOutboxWorker, type OutboxWorker } from "./outbox.server.ts";
import { searchParamsSchema } from "./schemas.ts";
import { search } from "./search.server.ts";

/**
 * Meetings in the site search (issue 19): a meeting's record holds its agenda and its minutes'
 * text, reaches the index through the outbox triggers on every change (publishing, agenda edits,
 * minutes, closing, cancelling), leads to /meetings/:id, and is found exactly by those
 * "meeting:view" lets see it — its series' organisers (学工部 all) and its invitees.
 */

let worker: OutboxWorker;
const WORD = unique("例会检索");
let people: Record<"admin" | "collegeAdmin" | "otherCollegeAdmin" | "coOrganiser" | "invitee" | "outsider" | "studioLeader", BuiltUser>;
let meetingId = "";
let itemId = "";
let segmentId = "";
let studioId = "";

const meetingHits = async (actor: Actor, q: string) => {
  const result = await search(actor, searchParamsSchema.parse({ q, limit: 50 }));
  // Only what matches the whole query (not the partial matches offered when nothing does).
  return result.partial ? [] : result.hits.filter((hit) => hit.kind === "meeting");
};
const finds = async (actor: Actor, q: string) => (await meetingHits(actor, q)).map((hit) => hit.id);

beforeAll(async () => {
  worker = createOutboxWorker({ pollMs: 300 });
  await worker.start(() => {});
  const college = await buildCollege();
  const studio = await buildStudio();
  studioId = studio.id;
  people = {
    admin: await buildUser({ roles: ["ADMIN"] }),
    collegeAdmin: await buildUser({ roles: ["COLLEGE_ADMIN"], college }),
    otherCollegeAdmin: await buildUser({ roles: ["COLLEGE_ADMIN"] }),
    coOrganiser: await buildUser(),
    invitee: await buildUser({ college }),
    // Same college, not invited: being in the college is not enough.
    outsider: await buildUser({ college }),
    studioLeader: studio.leader,
  };
  const series = await createSeries(
    {
      title: `${WORD}学院月度例会`,
      organiserKind: "COLLEGE",
      collegeId: college.id,
      weekOfMonth: 2,
      weekday: 3,
      startTime: "14:30",
      durationMinutes: 120,
      coOrganiserIds: [people.coOrganiser.id],
      targets: [{ kind: "PERSON", userId: people.invitee.id }],
    },
    people.collegeAdmin.id,
  );
  await generateMeetings(series.id, 1, people.collegeAdmin.id);
  const meeting = await prisma.meeting.findFirstOrThrow({ where: { seriesId: series.id }, select: { id: true, segments: { orderBy: { position: "asc" }, select: { id: true } } } });
  meetingId = meeting.id;
  segmentId = meeting.segments[2]!.id;
  itemId = (await addAgendaItem(meetingId, { segmentId, title: `宿舍${WORD}矛盾调解案例`, presenterId: people.invitee.id, minutes: 20, notes: "三名学生作息冲突" }, people.collegeAdmin.id)).id;
  await publishAgenda(meetingId, people.collegeAdmin);
  await worker.idle(120_000);
}, 180_000);

afterAll(async () => {
  await worker.stop();
  await dropIndexes(defaultEngine());
});

describe("a meeting is found by those who may see it", () => {
  it("the invitee, the organisers and 学工部 find it by an agenda item; an outsider, another college's admin and a studio leader do not", async () => {
    const hits = await meetingHits(people.invitee, `宿舍${WORD}`);
    expect(hits.map((h) => h.id)).toEqual([meetingId]);
    expect(hits[0]!.url).toBe(`/meetings/${meetingId}`);
    expect(hits[0]!.title.join("")).toContain(`${WORD}学院月度例会`);
    for (const name of ["collegeAdmin", "coOrganiser", "admin"] as const) expect(await finds(people[name], `宿舍${WORD}`), name).toEqual([meetingId]);
    for (const name of ["outsider", "otherCollegeAdmin", "studioLeader"] as const) expect(await finds(people[name], `宿舍${WORD}`), name).toEqual([]);
  });

  it("finds exactly the meetings the list side of meeting:view selects, for each person", async () => {
    // A second series of another organiser kind, so the comparison is not of one meeting only.
    await buildMeetingSeries({ organiser: people.studioLeader, organiserKind: "STUDIO", studioId, title: `${WORD}工作室例会`, invitees: [people.outsider] }, [new Date(), new Date(Date.now() - 40 * 86_400_000)]);
    await worker.idle();
    const ours = { series: { title: { contains: WORD } } };
    for (const [name, person] of Object.entries(people)) {
      const allowed = await prisma.meeting.findMany({ where: { AND: [whereCan(person, "meeting:view"), ours] }, select: { id: true } });
      expect((await finds(person, WORD)).sort(), name).toEqual(allowed.map((m) => m.id).sort());
    }
  });
});

describe("the index follows the meeting", () => {
  it("an agenda edit replaces the old words with the new ones", async () => {
    await updateAgendaItem(itemId, { segmentId, title: `寝室${WORD}关系调解案例`, presenterId: people.invitee.id, minutes: 20 }, people.collegeAdmin.id);
    await worker.idle();
    expect(await finds(people.invitee, `寝室${WORD}`)).toEqual([meetingId]);
    expect(await finds(people.invitee, `宿舍${WORD}`)).toEqual([]);
  });

  it("finds the minutes' text through their meeting, with the meeting's permissions, and never as a document", async () => {
    const documentId = await createMinutes(meetingId, people.collegeAdmin.id);
    // What the collaboration worker stores as the note-takers type.
    await prisma.document.update({ where: { id: documentId }, data: { plainText: `会议决定：${WORD}推行朋辈调解员制度。` } });
    await worker.idle();
    expect(await finds(people.invitee, `朋辈调解员`)).toContain(meetingId);
    expect(await finds(people.outsider, `朋辈调解员`)).not.toContain(meetingId);
    const all = await search(people.admin, searchParamsSchema.parse({ q: `${WORD}推行朋辈调解员`, limit: 50 }));
    expect(all.hits.map((h) => [h.kind, h.id])).toEqual([["meeting", meetingId]]);
  });

  it("a closed meeting is still found and says it is closed; a cancelled one says so", async () => {
    const meeting = await prisma.meeting.findUniqueOrThrow({ where: { id: meetingId }, select: { startsAt: true } });
    expect((await meetingHits(people.invitee, `寝室${WORD}`))[0]?.detail).not.toContain("已结束");
    await closeMeeting(meetingId, people.collegeAdmin, new Date(meeting.startsAt.getTime() + 3 * 3_600_000));
    await worker.idle();
    const closed = await meetingHits(people.invitee, `寝室${WORD}`);
    expect(closed.map((h) => h.id)).toEqual([meetingId]);
    expect(closed[0]!.detail).toContain("已结束");

    const later = await prisma.meeting.findFirstOrThrow({ where: { series: { title: `${WORD}工作室例会` } }, orderBy: { startsAt: "desc" }, select: { id: true } });
    await prisma.meeting.update({ where: { id: later.id }, data: { startsAt: new Date(Date.now() + 86_400_000) } });
    await cancelMeeting(later.id, people.studioLeader);
    await worker.idle();
    const [hit] = await meetingHits(people.outsider, `${WORD}工作室例会`).then((hits) => hits.filter((h) => h.id === later.id));
    expect(hit?.detail).toContain("已取消");
  });
});
