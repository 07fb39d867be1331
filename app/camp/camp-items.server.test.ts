import { describe, expect, it } from "vitest";
import { prisma } from "~/db/client.server.ts";
import { action as campAction, loader as campLoader } from "~/routes/camp.$campId.tsx";
import { loader as countLoader } from "~/routes/camp.$campId_.people_.count.tsx";
import { action as resultsAction, loader as resultsLoader } from "~/routes/camp.$campId_.results.$userId.tsx";
import { action as cutAction } from "~/routes/camp.$campId_.rounds.$roundId.cut.tsx";
import { loader as boardLoader } from "~/routes/camp.$campId_.rounds.$roundId_.board.tsx";
import { action as menuAction, loader as menuLoader } from "~/routes/training._index.tsx";
import { menuFor } from "~/training/progress.server.ts";
import { buildCamp, buildCollege, buildScoredCamp, buildUser, unique, type BuiltUser, buildUpcomingCourse } from "../../tests/support/factories.ts";
import { asUser } from "../../tests/support/signed-in.ts";
import { BOARD_PAGE_SIZE, boardPage } from "./judged/pages.server.ts";
import { releaseResults } from "./release/release.server.ts";
import { campOverview } from "./release/views.server.ts";
import { createCamp } from "./setup/camps.server.ts";
import { defaultCampInput } from "./setup/schemas.ts";
import { openCamp } from "./setup/transitions.server.ts";
import { identificationRound, roundPage, startIdentification } from "./students/round.server.ts";

/**
 * The camp's smaller items of issue 20 (decisions 130–131), on the real database through the
 * routes: dismissing a recommendation, the board a page at a time, a draw without JavaScript, a cut
 * into 人物辨识, the live count of the targets, and the groups kept with the participant.
 */

const text = (data: unknown) => JSON.stringify(data);


describe("dismissing a recommended course (不感兴趣)", () => {
  it("takes it out of one's menu from the menu itself, lists it on the results page and brings it back", async () => {
    const career = await buildUpcomingCourse("CAREER");
    const camp = await buildScoredCamp();
    await releaseResults(camp.id, camp.organiser.id);
    const a = camp.a;
    const form = { campId: camp.id, courseId: career.id };
    const menuBefore = await asUser(a.username, menuLoader, "/training");
    const electives = (menuBefore.data as { menu: { electives: Array<{ id: string; recommendedBy: { campId: string } | null }> } }).menu.electives;
    expect(electives.find((c) => c.id === career.id)?.recommendedBy).toEqual({ campId: camp.id });

    const dismissed = await asUser(a.username, menuAction, "/training", { form: { intent: "dismissRecommendation", ...form } });
    expect(dismissed.status).toBe(200);
    expect(text(dismissed.data)).toContain(`已忽略「${career.title}」`);
    const menu = await menuFor(a.id);
    expect(menu.electives.find((c) => c.id === career.id)?.reason.key).not.toBe("training.reasons.campWeakDuty");
    expect(menu.campRecommendations).toEqual({ campId: camp.id, dismissed: 1 });
    expect(await prisma.auditLog.count({ where: { actorId: a.id, action: "camp.recommendation-dismiss" } })).toBe(1);

    // The results page lists it as set aside, with 恢复 for the person.
    const url = `/camp/${camp.id}/results/${a.id}`;
    const params = { campId: camp.id, userId: a.id };
    const page = (await asUser(a.username, resultsLoader, url, { params })).data as { mayDismiss: boolean; dismissed: Array<{ courseId: string }>; results: { recommendations: unknown[] } };
    expect(page.mayDismiss).toBe(true);
    expect(page.dismissed.map((d) => d.courseId)).toEqual([career.id]);
    expect(page.results.recommendations).toEqual([]);

    const restored = await asUser(a.username, resultsAction, url, { params, form: { intent: "restoreRecommendation", ...form } });
    expect(restored.status).toBe(200);
    expect(text(restored.data)).toContain(`已恢复「${career.title}」`);
    expect((await menuFor(a.id)).electives[0]).toMatchObject({ id: career.id, reason: { key: "training.reasons.campWeakDuty" } });
    // Pressed again: nothing changes, no second audit entry.
    await asUser(a.username, resultsAction, url, { params, form: { intent: "restoreRecommendation", ...form } });
    expect(await prisma.auditLog.count({ where: { actorId: a.id, action: "camp.recommendation-restore" } })).toBe(1);
  });

  it("is the person's alone: not the organiser, not another participant, not before the release, not a course never recommended", async () => {
    const career = await buildUpcomingCourse("CAREER");
    const released = await buildScoredCamp();
    await releaseResults(released.id, released.organiser.id);
    const form = { campId: released.id, courseId: career.id };
    const unchanged = async () => expect(await prisma.campRecommendation.count({ where: { campId: released.id, dismissedAt: { not: null } } })).toBe(0);

    // The organiser sees a's results but cannot dismiss for them: the action only ever acts on one's own, and they took no part.
    const organiserPage = (await asUser(released.organiser.username, resultsLoader, `/camp/${released.id}/results/${released.a.id}`, { params: { campId: released.id, userId: released.a.id } })).data as {
      mayDismiss: boolean;
    };
    expect(organiserPage.mayDismiss).toBe(false);
    expect((await asUser(released.organiser.username, menuAction, "/training", { form: { intent: "dismissRecommendation", ...form } })).status).toBe(404);
    // b took part, but the course was recommended to a, not b.
    const other = await asUser(released.b.username, menuAction, "/training", { form: { intent: "dismissRecommendation", ...form } });
    expect(other.status).toBe(404);
    expect(text(other.data)).toContain("没有这条推荐。");
    // Someone with no part in the camp.
    expect((await asUser((await buildUser()).username, menuAction, "/training", { form: { intent: "dismissRecommendation", ...form } })).status).toBe(404);
    // Bad input.
    expect((await asUser(released.a.username, menuAction, "/training", { form: { intent: "dismissRecommendation", campId: released.id } })).status).toBe(400);
    await unchanged();

    // Before the release the person may not (their results are not theirs to see yet).
    const scoring = await buildScoredCamp();
    expect((await asUser(scoring.a.username, menuAction, "/training", { form: { intent: "dismissRecommendation", campId: scoring.id, courseId: career.id } })).status).toBe(403);
  });
});

/** An open camp's 谈心谈话 round with `count` contestants in panels A and B, one external judge on each; the first `submitted` sheets in. */
async function bigRound(count: number, submitted: number) {
  const college = await buildCollege();
  const people: BuiltUser[] = [];
  for (let i = 0; i < count; i += 1) people.push(await buildUser({ college, profile: false }));
  const judge = await buildUser({ college: null, profile: false });
  const camp = await buildCamp({ status: "OPEN", participants: people, judges: [judge] });
  await prisma.campRound.update({ where: { id: camp.roundId }, data: { scoringRule: "MEAN", judgesPerContestant: 1 } });
  for (const [index, entryId] of camp.entryIds.entries()) {
    await prisma.campRoundEntry.update({ where: { id: entryId }, data: { panel: index % 2 === 0 ? "A" : "B", sequence: index + 1 } });
  }
  const sheets = await prisma.judgeAssignment.findMany({ where: { roundId: camp.roundId }, orderBy: { entry: { sequence: "asc" } }, select: { id: true } });
  for (const sheet of sheets.slice(0, submitted)) await prisma.judgeAssignment.update({ where: { id: sheet.id }, data: { submittedAt: new Date(), total: 80 } });
  return { ...camp, people };
}

describe("the live board of a judged round with many contestants", () => {
  it("pages, filters by panel and by missing sheets, and keeps the round's counts", async () => {
    const round = await bigRound(BOARD_PAGE_SIZE + 5, 40);
    const first = await boardPage(round.roundId);
    expect(first.rows).toHaveLength(BOARD_PAGE_SIZE);
    expect(first).toMatchObject({ page: 1, pages: 2, matching: BOARD_PAGE_SIZE + 5, counts: { sheets: BOARD_PAGE_SIZE + 5, submitted: 40, missing: 5 } });
    expect(first.rows.every((row) => row.sheets.length === 1)).toBe(true);

    const admin = await buildUser({ roles: ["ADMIN"] });
    const params = { campId: round.id, roundId: round.roundId };
    const url = (query: string) => `/camp/${round.id}/rounds/${round.roundId}/board?${query}`;
    const second = (await asUser(admin.username, boardLoader, url("page=2"), { params })).data as Awaited<ReturnType<typeof boardPage>>;
    expect(second.rows.map((r) => r.sequence)).toEqual([41, 42, 43, 44, 45]);

    const missing = (await asUser(admin.username, boardLoader, url("show=missing"), { params })).data as Awaited<ReturnType<typeof boardPage>>;
    expect(missing.rows.map((r) => r.sequence)).toEqual([41, 42, 43, 44, 45]);
    expect(missing.rows.every((r) => r.sheets.every((s) => s.submittedAt === null))).toBe(true);

    const panelB = (await asUser(admin.username, boardLoader, url("panel=B&show=missing"), { params })).data as Awaited<ReturnType<typeof boardPage>>;
    expect(panelB.panels).toEqual(["A", "B"]);
    expect(panelB.rows.map((r) => r.sequence)).toEqual([42, 44]);
    // Past the last page: the last page; an unknown filter: everyone.
    const beyond = (await asUser(admin.username, boardLoader, url("page=99&show=nonsense"), { params })).data as Awaited<ReturnType<typeof boardPage>>;
    expect(beyond).toMatchObject({ page: 2, query: { show: "all" } });
    expect((await asUser(admin.username, boardLoader, url("show=flagged"), { params })).data).toMatchObject({ matching: 0, rows: [] });

    // Contestants and the judge do not see the board.
    expect((await asUser(round.people[0]!.username, boardLoader, url("page=2"), { params })).status).toBe(403);
  });
});

describe("a contestant's draw (抽签) without JavaScript", () => {
  it("posts to the camp page: asked first, then drawn and recorded as theirs; never another's entry", async () => {
    const college = await buildCollege();
    const [me, other] = [await buildUser({ college }), await buildUser({ college })];
    const camp = await buildCamp({ status: "OPEN", participants: [me, other] });
    await prisma.campTopic.create({ data: { roundId: camp.roundId, title: "新生想家想退学", position: 1 } });
    const params = { campId: camp.id };
    const url = `/camp/${camp.id}`;
    const [mine, theirs] = camp.entryIds as [string, string];

    const asked = await asUser(me.username, campAction, url, { params, form: { intent: "draw", entryId: mine } });
    expect(asked.status).toBe(200);
    expect(asked.data).toMatchObject({ status: "confirm", confirm: { message: "现在为谈心谈话抽签？只能抽一次，结果会被记录。" } });
    expect((await prisma.campRoundEntry.findUniqueOrThrow({ where: { id: mine } })).topicId).toBeNull();

    // Someone else's entry: refused, nothing drawn.
    expect((await asUser(me.username, campAction, url, { params, form: { intent: "draw", entryId: theirs, confirmed: "yes" } })).status).toBe(403);
    // An entry of another camp: not found here.
    const elsewhere = await buildCamp({ status: "OPEN", participants: [await buildUser()] });
    expect((await asUser(me.username, campAction, url, { params, form: { intent: "draw", entryId: elsewhere.entryIds[0]!, confirmed: "yes" } })).status).toBe(404);

    const drawn = await asUser(me.username, campAction, url, { params, form: { intent: "draw", entryId: mine, confirmed: "yes" } });
    expect(drawn.status).toBe(200);
    expect(text(drawn.data)).toContain("新生想家想退学");
    const entry = await prisma.campRoundEntry.findUniqueOrThrow({ where: { id: mine } });
    expect(entry).toMatchObject({ drawnById: me.id });
    expect(entry.drawnAt).not.toBeNull();
    // The page the post lands on shows the topic, and no second draw.
    const page = (await asUser(me.username, campLoader, url, { params })).data as { myJudged: Array<{ topic: { title: string } | null; canDraw: boolean }> };
    expect(page.myJudged).toMatchObject([{ topic: { title: "新生想家想退学" }, canDraw: false }]);
    expect((await asUser(me.username, campAction, url, { params, form: { intent: "draw", entryId: mine, confirmed: "yes" } })).status).toBe(403);
    expect(await prisma.campRoundEntry.count({ where: { id: theirs, topicId: { not: null } } })).toBe(0);
  });
});

/** An open camp of `count` named people; 人物辨识 takes the best `top` of the knowledge test when `top` is given. */
async function campWithIdentification(count: number, top?: number) {
  const admin = await buildUser({ roles: ["ADMIN"] });
  const input = defaultCampInput(2026);
  input.title = unique("人物辨识晋级训练营");
  if (top) input.rounds.IDENTIFICATION = { ...input.rounds.IDENTIFICATION, cutFrom: "KNOWLEDGE_TEST", cutTop: top };
  const { id: campId } = await createCamp(input, admin.id);
  const people: BuiltUser[] = [];
  for (let i = 0; i < count; i += 1) people.push(await buildUser());
  await prisma.campTarget.createMany({ data: people.map((p) => ({ campId, kind: "PERSON" as const, userId: p.id })) });
  await openCamp(campId, admin.id);
  const rounds = Object.fromEntries((await prisma.campRound.findMany({ where: { campId }, select: { id: true, kind: true } })).map((r) => [r.kind, r.id]));
  return { admin, people, campId, rounds: rounds as Record<"KNOWLEDGE_TEST" | "IDENTIFICATION" | "CASE_STUDY" | "TALK", string> };
}

describe("a cut into 人物辨识 (a timed round)", () => {
  it("is refused into the knowledge test but accepted into 人物辨识", async () => {
    const admin = await buildUser({ roles: ["ADMIN"] });
    const input = defaultCampInput(2026);
    input.title = unique("晋级设置训练营");
    input.rounds.KNOWLEDGE_TEST = { ...input.rounds.KNOWLEDGE_TEST, cutFrom: "IDENTIFICATION", cutTop: 3 };
    await expect(createCamp(input, admin.id)).rejects.toMatchObject({ key: "camp.setup.errors.cutOnlyJudged" });
    const { people, rounds } = await campWithIdentification(2, 1);
    const round = await prisma.campRound.findUniqueOrThrow({ where: { id: rounds.IDENTIFICATION }, select: { cutFromRoundId: true, cutTop: true, entriesFixedAt: true } });
    expect(round).toEqual({ cutFromRoundId: rounds.KNOWLEDGE_TEST, cutTop: 1, entriesFixedAt: null });
    // Behind a cut: nobody is on its list at the opening; the judged rounds without a cut have everyone.
    expect(await prisma.campRoundEntry.count({ where: { roundId: rounds.IDENTIFICATION } })).toBe(0);
    expect(await prisma.campRoundEntry.count({ where: { roundId: rounds.CASE_STUDY } })).toBe(people.length);
  });

  it("without a cut, everyone is on 人物辨识's list from the opening", async () => {
    const { people, rounds } = await campWithIdentification(3);
    const entries = await prisma.campRoundEntry.findMany({ where: { roundId: rounds.IDENTIFICATION }, select: { userId: true } });
    expect(entries.map((e) => e.userId).sort()).toEqual(people.map((p) => p.id).sort());
  });

  it("lets only those who pass start it; the others are told why, on the page and in a notice", async () => {
    const { admin, people, campId, rounds } = await campWithIdentification(4, 2);
    const round = (await identificationRound(campId))!;
    expect((await roundPage(round, people[0]!.id)).state).toBe("awaitingCut");

    // Scores 90, 80, 70 and one absent.
    const scores = [90, 80, 70, null];
    await prisma.roundResult.createMany({ data: people.map((p, i) => ({ roundId: rounds.KNOWLEDGE_TEST, campId, userId: p.id, score: scores[i], flags: scores[i] === null ? ["ABSENT" as const] : [] })) });
    const params = { campId, roundId: rounds.IDENTIFICATION };
    const url = `/camp/${campId}/rounds/${rounds.IDENTIFICATION}/cut`;
    const applied = await asUser(admin.username, cutAction, url, { params, form: { intent: "apply", confirmed: "yes" } });
    expect(applied.status).toBe(200);
    const entered = await prisma.campRoundEntry.findMany({ where: { roundId: rounds.IDENTIFICATION }, select: { userId: true } });
    expect(entered.map((e) => e.userId).sort()).toEqual([people[0]!.id, people[1]!.id].sort());

    const fixed = (await identificationRound(campId))!;
    expect((await roundPage(fixed, people[0]!.id)).state).toBe("ready");
    const cut = await roundPage(fixed, people[2]!.id);
    expect(cut.state).toBe("cutOut");
    expect(cut.settings.cut).toEqual({ from: "KNOWLEDGE_TEST", top: 2 });
    await expect(startIdentification(fixed, people[2]!.id)).rejects.toMatchObject({ key: "camp.students.round.cutOut" });
    await expect(startIdentification(fixed, people[3]!.id)).rejects.toMatchObject({ key: "camp.students.round.cutOut" });

    const notices = await prisma.notification.findMany({ where: { userId: { in: people.map((p) => p.id) } }, select: { userId: true, type: true, data: true } });
    const of = (person: BuiltUser) => notices.filter((n) => n.userId === person.id && n.type !== "camp.setup.notices.opened");
    expect(of(people[0]!).map((n) => n.type)).toEqual(["camp.setup.notices.advanced"]);
    expect(of(people[2]!)).toMatchObject([{ type: "camp.setup.notices.notAdvanced", data: { top: 2, rank: 3, score: "70.00", border: "80.00" } }]);
    expect(of(people[3]!).map((n) => n.type)).toEqual(["camp.setup.notices.notAdvancedAbsent"]);
  });
});

describe("the live count of the targets being ticked", () => {
  it("counts the people the ticked stages, groups and colleges give (with the named people), as the opening then does", async () => {
    const admin = await buildUser({ roles: ["ADMIN"] });
    const college = await buildCollege();
    const [x, y] = [await buildUser({ college }), await buildUser({ college })];
    const named = await buildUser();
    const input = defaultCampInput(2026);
    input.title = unique("人数训练营");
    const { id: campId } = await createCamp(input, admin.id);
    await prisma.campTarget.create({ data: { campId, kind: "PERSON", userId: named.id } });
    const url = (query: string) => `/camp/${campId}/people/count?${query}`;
    const params = { campId };
    expect((await asUser(admin.username, countLoader, url(`colleges=${college.id}`), { params })).data).toEqual({ count: 3 });
    expect((await asUser(admin.username, countLoader, url(""), { params })).data).toEqual({ count: 1 });
    // Nothing was saved by counting.
    expect(await prisma.campTarget.count({ where: { campId } })).toBe(1);

    // Bad input and people who may not manage the camp.
    expect((await asUser(admin.username, countLoader, url(`colleges=${"x".repeat(60)}`), { params })).status).toBe(400);
    expect((await asUser(admin.username, countLoader, url("stages=NOBODY"), { params })).status).toBe(400);
    expect((await asUser(x.username, countLoader, url(`colleges=${college.id}`), { params })).status).toBe(403);
    const collegeAdmin = await buildUser({ roles: ["COLLEGE_ADMIN"], college });
    expect([403, 404]).toContain((await asUser(collegeAdmin.username, countLoader, url(`colleges=${college.id}`), { params })).status);

    await prisma.campTarget.create({ data: { campId, kind: "COLLEGE", collegeId: college.id } });
    await openCamp(campId, admin.id);
    expect((await prisma.campParticipant.findMany({ where: { campId }, select: { userId: true } })).map((p) => p.userId).sort()).toEqual([x.id, y.id, named.id].sort());
  });
});

describe("groups kept with the participant", () => {
  it("ranks per group by the groups of the opening, not the ones people have since", async () => {
    const admin = await buildUser({ roles: ["ADMIN"] });
    const backbone = await buildUser({ groups: ["ALL_COUNSELORS", "BACKBONE"] });
    const newcomer = await buildUser({ groups: ["ALL_COUNSELORS", "NEW_HIRES"] });
    const input = defaultCampInput(2026);
    input.title = unique("群体快照训练营");
    const { id: campId } = await createCamp(input, admin.id);
    await prisma.campTarget.createMany({ data: [backbone, newcomer].map((p) => ({ campId, kind: "PERSON" as const, userId: p.id })) });
    await openCamp(campId, admin.id);
    const snapshot = await prisma.campParticipant.findMany({ where: { campId }, select: { userId: true, groups: true } });
    expect(Object.fromEntries(snapshot.map((p) => [p.userId, p.groups]))).toEqual({ [backbone.id]: ["ALL_COUNSELORS", "BACKBONE"], [newcomer.id]: ["ALL_COUNSELORS", "NEW_HIRES"] });

    // Later the newcomer becomes backbone and the backbone leaves the group.
    await prisma.counselorProfile.update({ where: { userId: newcomer.id }, data: { groups: ["ALL_COUNSELORS", "BACKBONE"] } });
    await prisma.counselorProfile.update({ where: { userId: backbone.id }, data: { groups: ["ALL_COUNSELORS"] } });
    await prisma.campParticipant.updateMany({ where: { campId }, data: { total: 60 } });
    const ranking = (await campOverview(campId, { group: "BACKBONE" })).ranking;
    expect(ranking.map((r) => [r.userId, r.groups])).toEqual([[backbone.id, ["ALL_COUNSELORS", "BACKBONE"]]]);
    expect((await campOverview(campId, { group: "NEW_HIRES" })).ranking.map((r) => r.userId)).toEqual([newcomer.id]);
  });
});
