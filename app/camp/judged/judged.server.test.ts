import http from "node:http";
import type { AddressInfo } from "node:net";
import { io as connect, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUserSession } from "~/auth/session.server.ts";
import { prisma } from "~/db/client.server.ts";
import { createSocketServer } from "~/realtime/socket-server.server.ts";
import { loader as boardLoader } from "~/routes/camp.$campId_.rounds.$roundId_.board.tsx";
import { action as roundAction, loader as roundLoader } from "~/routes/camp.$campId_.rounds.$roundId._index.tsx";
import { loader as judgingListLoader } from "~/routes/camp.judging._index.tsx";
import { action as sheetAction, loader as sheetLoader } from "~/routes/camp.judging.$assignmentId.tsx";
import { buildCollege, buildJudgedRound, buildUser, type BuiltUser } from "../../../tests/support/factories.ts";
import { asUser } from "../../../tests/support/signed-in.ts";
import { roundScores } from "../judging.ts";
import { addFurtherJudge, assignRoundJudges } from "./assignment.server.ts";
import { BOARD_CHANGED, BOARD_WATCH } from "./board-events.ts";
import { campBoardSocket } from "./board-live.server.ts";
import { myJudgedRounds } from "./pages.server.ts";
import { addTopic, drawRemaining, drawTopic, removeTopic, updateTopic } from "./round.server.ts";
import { judgedRoundScores } from "./scores.server.ts";
import { saveSheet } from "./sheets.server.ts";

const chinese = /[\u4e00-\u9fa5]/;
const roundUrl = (r: { campId: string; roundId: string }) => `/camp/${r.campId}/rounds/${r.roundId}?index`;
const roundParams = (r: { campId: string; roundId: string }) => ({ campId: r.campId, roundId: r.roundId });

/** Points for the five criteria of the factory's rubric (25, 25, 20, 20, 10) adding up to `total` (a multiple of 0.5 up to 100). */
function sheetFor(criteria: Array<{ id: string; weight: number }>, total: number): Record<string, string> {
  let left = total;
  const scores: Record<string, string> = {};
  for (const criterion of criteria) {
    const given = Math.min(criterion.weight, left);
    scores[criterion.id] = String(given);
    left = Math.round((left - given) * 10) / 10;
  }
  return scores;
}

async function sheetOf(entryId: string, judgeId: string) {
  return prisma.judgeAssignment.findUniqueOrThrow({ where: { entryId_judgeId: { entryId, judgeId } }, select: { id: true, submittedAt: true, total: true } });
}

describe("topics and the draw (抽签)", () => {
  it("draws once per contestant, recorded, with the topics used evenly; topics lock at the first draw", async () => {
    const organiser = await buildUser({ roles: ["COUNSELOR"] });
    const contestants = await Promise.all(Array.from({ length: 7 }, () => buildUser()));
    const round = await buildJudgedRound({ organisers: [organiser], contestants, topics: ["学生沉迷网络游戏", "宿舍矛盾", "学业预警"] });

    const { drawn } = await drawRemaining(round.roundId, organiser.id);
    expect(drawn).toBe(7);
    const entries = await prisma.campRoundEntry.findMany({ where: { roundId: round.roundId }, select: { id: true, topicId: true, drawnAt: true, drawnById: true } });
    expect(entries.every((e) => e.topicId && e.drawnAt && e.drawnById === organiser.id)).toBe(true);
    const uses = round.topicIds.map((id) => entries.filter((e) => e.topicId === id).length).sort();
    expect(uses).toEqual([2, 2, 3]);
    expect(await prisma.auditLog.count({ where: { action: "camp.draw", entityId: { in: round.entryIds } } })).toBe(7);

    // Once: a second draw of the same entry is refused and the first stays.
    const before = entries.find((e) => e.id === round.entryIds[0])!;
    await expect(drawTopic(round.entryIds[0]!, organiser.id)).rejects.toMatchObject({ key: "camp.judged.errors.alreadyDrawn" });
    expect((await prisma.campRoundEntry.findUniqueOrThrow({ where: { id: before.id } })).topicId).toBe(before.topicId);
    await expect(drawRemaining(round.roundId, organiser.id)).rejects.toMatchObject({ key: "camp.judged.errors.nothingToDraw" });

    // Once drawn, the pool is fixed.
    await expect(addTopic(round.roundId, { title: "新题", body: "" }, organiser.id)).rejects.toMatchObject({ key: "camp.judged.errors.topicsLocked" });
    await expect(updateTopic(round.roundId, round.topicIds[0]!, { title: "改过的题", body: "" }, organiser.id)).rejects.toMatchObject({ key: "camp.judged.errors.topicsLocked" });
    await expect(removeTopic(round.roundId, round.topicIds[0]!, organiser.id)).rejects.toMatchObject({ key: "camp.judged.errors.topicsLocked" });
    expect(await prisma.campTopic.count({ where: { roundId: round.roundId } })).toBe(3);
  });

  it("lets the contestant draw their own topic once from the camp page, and nobody else but an organiser", async () => {
    const organiser = await buildUser();
    const [me, other] = [await buildUser(), await buildUser()];
    const round = await buildJudgedRound({ organisers: [organiser], contestants: [me, other], topics: ["案例一"] });

    const mine = await myJudgedRounds(me, round.campId);
    expect(mine).toEqual([expect.objectContaining({ entryId: round.entryIds[0], topic: null, canDraw: true })]);

    // Another participant cannot draw for me.
    const denied = await asUser(other.username, roundAction, roundUrl(round), { params: roundParams(round), form: { intent: "draw", entryId: round.entryIds[0]!, confirmed: "yes" } });
    expect(denied.status).toBe(403);
    const drawn = await asUser(me.username, roundAction, roundUrl(round), { params: roundParams(round), form: { intent: "draw", entryId: round.entryIds[0]!, confirmed: "yes" } });
    expect(drawn.status).toBe(200);
    const entry = await prisma.campRoundEntry.findUniqueOrThrow({ where: { id: round.entryIds[0]! } });
    expect(entry).toMatchObject({ topicId: round.topicIds[0], drawnById: me.id });
    expect((await myJudgedRounds(me, round.campId))[0]).toMatchObject({ topic: { title: "案例一" }, canDraw: false });
    // Once: a second post is refused by the policy (already drawn).
    expect((await asUser(me.username, roundAction, roundUrl(round), { params: roundParams(round), form: { intent: "draw", entryId: round.entryIds[0]!, confirmed: "yes" } })).status).toBe(403);
  });

  it("edits topics before the draw through the page, refusing a topic without a title in Chinese with nothing written", async () => {
    const organiser = await buildUser({ roles: ["ADMIN"], college: null });
    const counselor = await buildUser();
    const round = await buildJudgedRound({ contestants: [counselor] });
    const post = (who: BuiltUser, form: Record<string, string>) => asUser(who.username, roundAction, roundUrl(round), { params: roundParams(round), form });

    const bad = await post(organiser, { intent: "addTopic", title: "  ", body: "" });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.data)).toMatch(chinese);
    expect(await prisma.campTopic.count({ where: { roundId: round.roundId } })).toBe(0);

    expect((await post(counselor, { intent: "addTopic", title: "情境一", body: "" })).status).toBe(403);
    expect((await post(organiser, { intent: "addTopic", title: "情境一", body: "新生适应困难" })).status).toBe(200);
    const topic = await prisma.campTopic.findFirstOrThrow({ where: { roundId: round.roundId } });
    expect(topic).toMatchObject({ title: "情境一", body: "新生适应困难" });
    expect((await post(organiser, { intent: "editTopic", topicId: topic.id, title: "情境一（修订）", body: "" })).status).toBe(200);
    expect((await prisma.campTopic.findUniqueOrThrow({ where: { id: topic.id } })).title).toBe("情境一（修订）");
    // Removing asks first.
    expect(((await post(organiser, { intent: "removeTopic", topicId: topic.id, title: "情境一" })).data as { status: string }).status).toBe("confirm");
    expect((await post(organiser, { intent: "removeTopic", topicId: topic.id, title: "情境一", confirmed: "yes" })).status).toBe(200);
    expect(await prisma.campTopic.count({ where: { roundId: round.roundId } })).toBe(0);
  });
});

describe("assigning judges", () => {
  it("never assigns a judge of the contestant's college, keeps loads even, and keeps sheets begun when run again", async () => {
    const organiser = await buildUser();
    const colleges = await Promise.all([buildCollege(), buildCollege(), buildCollege()]);
    const contestants = await Promise.all(Array.from({ length: 9 }, (_, i) => buildUser({ college: colleges[i % 3]! })));
    const judgePeople = [
      ...(await Promise.all(colleges.map((college) => buildUser({ college })))),
      await buildUser({ roles: ["MENTOR"], college: null }),
      await buildUser({ college: colleges[0]! }),
    ];
    const round = await buildJudgedRound({ organisers: [organiser], contestants, judges: judgePeople, judgesPerContestant: 3 });

    expect(await assignRoundJudges(round.roundId, organiser.id)).toEqual({ created: 27, kept: 0 });
    const sheets = await prisma.judgeAssignment.findMany({ where: { roundId: round.roundId }, select: { entryId: true, judgeId: true, judge: { select: { collegeId: true } }, entry: { select: { participant: { select: { collegeId: true } } } } } });
    expect(sheets.filter((s) => s.judge.collegeId !== null && s.judge.collegeId === s.entry.participant.collegeId)).toEqual([]);
    for (const entryId of round.entryIds) expect(sheets.filter((s) => s.entryId === entryId)).toHaveLength(3);
    // The busiest judge as little busy as possible: 27 sheets over 5 judges is at least 6 for someone, and 6 is enough.
    const loads = round.judgeIds.map((id) => sheets.filter((s) => s.judgeId === id).length);
    expect(Math.max(...loads)).toBe(6);

    // A judge submits one sheet and saves a draft of another; re-running keeps both.
    const [first, second] = sheets;
    const submitted = await sheetOf(first!.entryId, first!.judgeId);
    await saveSheet(submitted.id, { scores: sheetFor(round.criteria, 80), comment: "" }, organiser.id, { submit: true });
    const draft = await sheetOf(second!.entryId, second!.judgeId);
    await saveSheet(draft.id, { scores: { [round.criteria[0]!.id]: "20" }, comment: "" }, organiser.id, { submit: false });
    const again = await assignRoundJudges(round.roundId, organiser.id);
    expect(again.kept).toBe(2);
    expect((await sheetOf(first!.entryId, first!.judgeId)).id).toBe(submitted.id);
    expect((await sheetOf(second!.entryId, second!.judgeId)).id).toBe(draft.id);
    for (const entryId of round.entryIds) expect(await prisma.judgeAssignment.count({ where: { entryId } })).toBe(3);
  });

  it("refuses, naming the contestant in Chinese, when too few judges are of another college, and changes nothing", async () => {
    const organiser = await buildUser();
    const college = await buildCollege();
    const contestant = await buildUser({ college, name: "林晓" });
    const judges = [await buildUser({ college }), await buildUser()];
    const round = await buildJudgedRound({ organisers: [organiser], contestants: [contestant], judges, judgesPerContestant: 2 });
    const reply = await asUser(organiser.username, roundAction, roundUrl(round), { params: roundParams(round), form: { intent: "assign", confirmed: "yes" } });
    expect(reply.status).toBe(409);
    expect((reply.data as { error: string }).error).toContain("林晓");
    expect((reply.data as { error: string }).error).toMatch(chinese);
    expect(await prisma.judgeAssignment.count({ where: { roundId: round.roundId } })).toBe(0);
  });

  it("adds a further judge to one entry, but never one of the contestant's college, one already on it, or after the release", async () => {
    const organiser = await buildUser();
    const college = await buildCollege();
    const contestant = await buildUser({ college });
    const judges = [await buildUser(), await buildUser(), await buildUser({ college })];
    const round = await buildJudgedRound({ organisers: [organiser], contestants: [contestant], judges, judgesPerContestant: 1 });
    await assignRoundJudges(round.roundId, organiser.id);
    const onIt = (await prisma.judgeAssignment.findFirstOrThrow({ where: { entryId: round.entryIds[0]! } })).judgeId;
    const free = round.judgeIds.slice(0, 2).find((id) => id !== onIt)!;
    await expect(addFurtherJudge(round.entryIds[0]!, round.judgeIds[2]!, organiser.id)).rejects.toMatchObject({ key: "camp.judged.errors.ownCollege" });
    await expect(addFurtherJudge(round.entryIds[0]!, onIt, organiser.id)).rejects.toMatchObject({ key: "camp.judged.errors.alreadyJudging" });
    await addFurtherJudge(round.entryIds[0]!, free, organiser.id);
    expect(await prisma.judgeAssignment.count({ where: { entryId: round.entryIds[0]! } })).toBe(2);

    // Once the results are released, the sheets are the record: no more judges, no re-assignment.
    await prisma.camp.update({ where: { id: round.campId }, data: { status: "RELEASED" } });
    await expect(assignRoundJudges(round.roundId, organiser.id)).rejects.toMatchObject({ key: "camp.judged.errors.judgingClosed" });
    await prisma.judgeAssignment.deleteMany({ where: { entryId: round.entryIds[0]!, judgeId: free } });
    await expect(addFurtherJudge(round.entryIds[0]!, free, organiser.id)).rejects.toMatchObject({ key: "camp.judged.errors.judgingClosed" });
    expect(await prisma.judgeAssignment.count({ where: { entryId: round.entryIds[0]! } })).toBe(1);
  });
});

describe("the score sheet", () => {
  async function oneSheet() {
    const organiser = await buildUser();
    const contestant = await buildUser({ name: "周敏" });
    const judge = await buildUser();
    const round = await buildJudgedRound({ organisers: [organiser], contestants: [contestant], judges: [judge], judgesPerContestant: 1 });
    await assignRoundJudges(round.roundId, organiser.id);
    const sheet = await sheetOf(round.entryIds[0]!, round.judgeIds[0]!);
    const post = (who: { username: string }, form: Record<string, string>) =>
      asUser(who.username, sheetAction, `/camp/judging/${sheet.id}`, { params: { assignmentId: sheet.id }, form });
    const fields = (scores: Record<string, string>) => Object.fromEntries(Object.entries(scores).map(([id, value]) => [`scores.${id}`, value]));
    return { organiser, contestant, judge, round, sheet, post, fields };
  }

  it("refuses a score outside the scale in Chinese and stores nothing; a draft may be partial; submitting locks it", async () => {
    const { judge, round, sheet, post, fields } = await oneSheet();
    const [theme, reasoning] = round.criteria;
    const outside = await post(judge, { intent: "saveDraft", ...fields({ [theme!.id]: "26" }), comment: "" });
    expect(outside.status).toBe(409);
    expect(JSON.stringify(outside.data)).toContain("0 到 25");
    for (const value of ["-1", "12.25", "abc"]) {
      const refused = await post(judge, { intent: "saveDraft", ...fields({ [theme!.id]: value }), comment: "" });
      expect(refused.status).toBeGreaterThanOrEqual(400);
      expect(JSON.stringify(refused.data)).toMatch(chinese);
    }
    expect(await prisma.judgeScore.count({ where: { assignmentId: sheet.id } })).toBe(0);

    expect((await post(judge, { intent: "saveDraft", ...fields({ [theme!.id]: "20.5", [reasoning!.id]: "22" }), comment: "条理清楚" })).status).toBe(200);
    expect(await prisma.judgeScore.count({ where: { assignmentId: sheet.id } })).toBe(2);
    expect((await sheetOf(round.entryIds[0]!, round.judgeIds[0]!)).submittedAt).toBeNull();

    // Submitting an incomplete sheet is refused; it asks first, then stores the total and locks.
    const incomplete = await post(judge, { intent: "submit", ...fields({ [theme!.id]: "20.5" }), comment: "", confirmed: "yes" });
    expect(incomplete.status).toBe(409);
    expect(JSON.stringify(incomplete.data)).toMatch(chinese);
    const full = sheetFor(round.criteria, 87.5);
    expect(((await post(judge, { intent: "submit", ...fields(full), comment: "很好" })).data as { status: string }).status).toBe("confirm");
    expect((await post(judge, { intent: "submit", ...fields(full), comment: "很好", confirmed: "yes" })).status).toBe(200);
    const stored = await prisma.judgeAssignment.findUniqueOrThrow({ where: { id: sheet.id }, select: { total: true, submittedAt: true, comment: true } });
    expect(Number(stored.total)).toBe(87.5);
    expect(stored.submittedAt).not.toBeNull();
    expect(stored.comment).toBe("很好");

    const late = await post(judge, { intent: "saveDraft", ...fields(sheetFor(round.criteria, 50)), comment: "" });
    expect(late.status).toBe(409);
    expect(JSON.stringify(late.data)).toMatch(chinese);
    expect(Number((await prisma.judgeAssignment.findUniqueOrThrow({ where: { id: sheet.id } })).total)).toBe(87.5);
    const page = (await asUser(judge.username, sheetLoader, `/camp/judging/${sheet.id}`, { params: { assignmentId: sheet.id } })).data as { sheet: { submittedAt: unknown; total: number } };
    expect(page.sheet).toMatchObject({ total: 87.5 });
    expect(page.sheet.submittedAt).not.toBeNull();
  });

  it("is denied to a counselor, to another judge of the same camp, to a judge of the contestant's college, to another camp's judge, to the contestant's college admin and to a non-judging organiser", async () => {
    const { organiser, contestant, round, sheet, post, fields } = await oneSheet();
    const sameCollege = await buildUser({ college: { id: contestant.collegeId! } });
    const otherJudge = await buildUser();
    // Assignments that slipped through: a judge of the contestant's own college (the policy refuses anyway).
    const ownCollegeJudge = await prisma.campJudge.create({ data: { campId: round.campId, userId: sameCollege.id, collegeId: sameCollege.collegeId } });
    const ownCollegeSheet = await prisma.judgeAssignment.create({ data: { roundId: round.roundId, entryId: round.entryIds[0]!, judgeId: ownCollegeJudge.id } });
    const otherJudgeRow = await prisma.campJudge.create({ data: { campId: round.campId, userId: otherJudge.id, collegeId: otherJudge.collegeId } });
    const otherJudgeSheet = await prisma.judgeAssignment.create({ data: { roundId: round.roundId, entryId: round.entryIds[0]!, judgeId: otherJudgeRow.id } });
    const elsewhere = await buildUser();
    const otherCamp = await buildJudgedRound({ contestants: [await buildUser()], judges: [elsewhere] });
    void otherCamp;
    const counselor = await buildUser();
    const collegeAdmin = await buildUser({ roles: ["COLLEGE_ADMIN"], college: { id: contestant.collegeId! } });
    const form = { intent: "saveDraft", ...fields(sheetFor(round.criteria, 60)), comment: "" };

    for (const who of [counselor, otherJudge, elsewhere, organiser, contestant, collegeAdmin]) {
      expect((await post(who, form)).status).toBe(403);
    }
    for (const who of [counselor, elsewhere, otherJudge, contestant, collegeAdmin]) {
      expect((await asUser(who.username, sheetLoader, `/camp/judging/${sheet.id}`, { params: { assignmentId: sheet.id } })).status).toBe(403);
    }
    const ownCollegePost = await asUser(sameCollege.username, sheetAction, `/camp/judging/${ownCollegeSheet.id}`, { params: { assignmentId: ownCollegeSheet.id }, form });
    expect(ownCollegePost.status).toBe(403);
    expect((await asUser(sameCollege.username, sheetLoader, `/camp/judging/${ownCollegeSheet.id}`, { params: { assignmentId: ownCollegeSheet.id } })).status).toBe(403);
    expect(await prisma.judgeScore.count({ where: { assignmentId: { in: [sheet.id, ownCollegeSheet.id, otherJudgeSheet.id] } } })).toBe(0);
    // The organiser may read any sheet of the camp, but not score it.
    const read = await asUser(organiser.username, sheetLoader, `/camp/judging/${sheet.id}`, { params: { assignmentId: sheet.id } });
    expect(read.status).toBe(200);
    expect((read.data as { canScore: boolean }).canScore).toBe(false);

    // The judging list: own sheets only, never the slipped-through own-college one.
    const list = (who: BuiltUser) => asUser(who.username, judgingListLoader, "/camp/judging").then((r) => (r.data as { sheets: Array<{ id: string }> }).sheets.map((s) => s.id));
    expect(await list(sameCollege)).toEqual([]);
    expect(await list(otherJudge)).toEqual([otherJudgeSheet.id]);
    expect(await list(counselor)).toEqual([]);

    // The organiser's pages are the organisers'.
    for (const who of [counselor, otherJudge, contestant, collegeAdmin]) {
      expect((await asUser(who.username, roundLoader, roundUrl(round), { params: roundParams(round) })).status).toBe(403);
      expect((await asUser(who.username, boardLoader, `/camp/${round.campId}/rounds/${round.roundId}/board`, { params: roundParams(round) })).status).toBe(403);
    }
    expect((await asUser(organiser.username, roundLoader, roundUrl(round), { params: roundParams(round) })).status).toBe(200);
  });
});

describe("the round's scores", () => {
  /** Four contestants, three judges each (all of another college), with the given totals [contestant][judge]. */
  async function scoredRound(totals: number[][], rule: "MEAN" | "TRIMMED_MEAN" | "Z_SCORE", tolerance = 10) {
    const organiser = await buildUser();
    const contestants = await Promise.all(totals.map(() => buildUser()));
    const judges = await Promise.all([0, 1, 2].map(() => buildUser({ roles: ["MENTOR"], college: null })));
    const round = await buildJudgedRound({ organisers: [organiser], contestants, judges, judgesPerContestant: 3, scoringRule: rule, tolerance });
    await assignRoundJudges(round.roundId, organiser.id);
    const input: Array<{ judgeId: string; contestantId: string; total: number }> = [];
    for (const [c, row] of totals.entries()) {
      for (const [j, total] of row.entries()) {
        if (Number.isNaN(total)) continue;
        const sheet = await sheetOf(round.entryIds[c]!, round.judgeIds[j]!);
        await saveSheet(sheet.id, { scores: sheetFor(round.criteria, total), comment: "" }, judges[j]!.id, { submit: true });
        input.push({ judgeId: round.judgeIds[j]!, contestantId: round.entryIds[c]!, total });
      }
    }
    return { round, input, scores: await judgedRoundScores(round.roundId) };
  }

  const totals = [
    [85, 90, 82],
    [70, 72, 95],
    [60, 65, 62],
    [88, 91, 90],
  ];

  it.each(["MEAN", "TRIMMED_MEAN", "Z_SCORE"] as const)("computes %s from the submitted sheets, as judging.ts does", async (rule) => {
    const { round, input, scores } = await scoredRound(totals, rule);
    const expected = roundScores(input, rule, 10);
    expect(scores.rule).toBe(rule);
    for (const [index, entryId] of round.entryIds.entries()) {
      const mine = scores.contestants.find((c) => c.entryId === entryId)!;
      expect(mine.score).toBe(expected.contestants.find((c) => c.contestantId === entryId)!.score);
      expect(mine.judges).toBe(3);
      // The second contestant's judges are 25 apart: flagged for a further judge.
      expect(mine.flags.includes("DISAGREEMENT")).toBe(index === 1);
    }
    if (rule === "MEAN") expect(scores.contestants.find((c) => c.entryId === round.entryIds[0])!.score).toBe(85.67);
    if (rule === "TRIMMED_MEAN") expect(scores.contestants.find((c) => c.entryId === round.entryIds[0])!.score).toBe(85);
    expect(scores.consistency.map((c) => c.compared)).toEqual([4, 4, 4]);
  });

  it("flags too few judges for the trimmed mean and counts sheets still missing", async () => {
    const { round, scores } = await scoredRound([[80, 82, Number.NaN]], "TRIMMED_MEAN");
    const only = scores.contestants.find((c) => c.entryId === round.entryIds[0])!;
    expect(only).toMatchObject({ score: null, judges: 2, pending: 1, flags: ["TOO_FEW_JUDGES"], error: { key: "camp.scoring.round.trimmedNeedsThree" } });
  });
});

describe("the live board", () => {
  let server: http.Server;
  let url: string;
  beforeAll(async () => {
    server = http.createServer();
    createSocketServer(server, [campBoardSocket]);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  async function open(user: BuiltUser): Promise<Socket> {
    const response = await createUserSession(new Request("http://localhost/login"), user.id, "/");
    const socket = connect(url, { transports: ["websocket"], extraHeaders: { Cookie: response.headers.get("Set-Cookie")!.split(";")[0]! }, reconnection: false });
    await new Promise<void>((resolve, reject) => {
      socket.on("connect", () => resolve());
      socket.on("connect_error", reject);
    });
    return socket;
  }

  it("admits the organisers to a round's room and tells them when a sheet is submitted; others are refused", async () => {
    const organiser = await buildUser();
    const judge = await buildUser({ roles: ["MENTOR"], college: null });
    const contestant = await buildUser();
    const round = await buildJudgedRound({ organisers: [organiser], contestants: [contestant], judges: [judge], judgesPerContestant: 1 });
    await assignRoundJudges(round.roundId, organiser.id);
    const [board, judging, outsider] = [await open(organiser), await open(judge), await open(contestant)];
    const watch = (socket: Socket) => socket.emitWithAck(BOARD_WATCH, { campId: round.campId, roundId: round.roundId });
    expect(await watch(board)).toEqual({ ok: true });
    expect(await watch(judging)).toEqual({ ok: false });
    expect(await watch(outsider)).toEqual({ ok: false });
    expect(await outsider.emitWithAck(BOARD_WATCH, { campId: "nope", roundId: round.roundId })).toEqual({ ok: false });

    const heard: unknown[] = [];
    judging.on(BOARD_CHANGED, (event) => heard.push(["judge", event]));
    outsider.on(BOARD_CHANGED, (event) => heard.push(["contestant", event]));
    const arrived = new Promise((resolve) => board.once(BOARD_CHANGED, resolve));
    const sheet = await sheetOf(round.entryIds[0]!, round.judgeIds[0]!);
    await saveSheet(sheet.id, { scores: sheetFor(round.criteria, 75), comment: "" }, judge.id, { submit: true });
    expect(await arrived).toEqual({ roundId: round.roundId, assignmentId: sheet.id });
    const page = (await asUser(organiser.username, boardLoader, `/camp/${round.campId}/rounds/${round.roundId}/board`, { params: roundParams(round) })).data as { counts: { submitted: number; missing: number } };
    expect(page.counts).toMatchObject({ submitted: 1, missing: 0 });
    // A round trip on the others' sockets: had the event reached them, it would have arrived before this answer.
    await watch(judging);
    await watch(outsider);
    expect(heard).toEqual([]);
    for (const socket of [board, judging, outsider]) socket.disconnect();
  });
});
