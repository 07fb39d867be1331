import { beforeEach, describe, expect, it } from "vitest";
import { prisma, sqlRows } from "~/db/client.server.ts";
import { Prisma } from "~/generated/prisma/client.ts";
import { blanksOfStem } from "../access.server.ts";
import { blankCount } from "./answers.ts";
import { isUserError } from "~/lib/user-error.ts";
import { buildCamp, buildKnowledgeTest, buildQuestion, buildUser, type BuiltUser } from "../../../tests/support/factories.ts";
import { closeOverdueAttempts, saveAnswer, startAttempt, submitAttempt, takerPaper, unansweredPositions } from "./attempts.server.ts";
import { gradeRound } from "./grade.server.ts";
import { campTestSweepPass } from "./sweep.server.ts";
import { backgroundTaskNames } from "~/composition/background.server.ts";

/**
 * Taking the knowledge test on the real database: starting once, saving, the deadline, another
 * person's attempt, submission and grading of each kind, and the automatic submission.
 */

/** The bank is the school's: each test retires every question but its own, so its rules draw exactly those. */
async function onlyInBank(questions: Array<{ id: string }>) {
  await prisma.question.updateMany({ where: { id: { notIn: questions.map((q) => q.id) }, retiredAt: null }, data: { retiredAt: new Date() } });
}

/** Expects a refusal with this message key; returns nothing. */
async function refused(promise: Promise<unknown>, key: string) {
  const error = await promise.then(
    () => null,
    (thrown: unknown) => thrown,
  );
  expect(isUserError(error) ? error.key : error).toBe(key);
}

let taker: BuiltUser;
let other: BuiltUser;
let camp: Awaited<ReturnType<typeof buildCamp>>;

/** A paper of one question of each kind: single (B right), multiple (A and C right), true/false (false), fill-in of two blanks, short answer. */
async function paperOfEachKind(options: Parameters<typeof buildKnowledgeTest>[2] = {}) {
  const questions = [
    await buildQuestion({ kind: "SINGLE", options: ["甲", "乙", "丙", "丁"], answerKey: { correct: 1 } }),
    await buildQuestion({ kind: "MULTIPLE", options: ["甲", "乙", "丙"], answerKey: { correct: [0, 2] } }),
    await buildQuestion({ kind: "TRUE_FALSE", answerKey: { correct: false } }),
    await buildQuestion({ kind: "FILL_IN", stem: "辅导员是____队伍和____队伍的重要组成部分。", answerKey: { blanks: [["教师"], ["管理"]] } }),
    await buildQuestion({ kind: "SHORT_ANSWER", answerKey: { referenceAnswer: "先稳定情绪" } }),
  ];
  await onlyInBank(questions);
  const round = await buildKnowledgeTest(
    camp.id,
    [
      { kind: "SINGLE", count: 1, pointsEach: 2 },
      { kind: "MULTIPLE", count: 1, pointsEach: 4 },
      { kind: "TRUE_FALSE", count: 1, pointsEach: 1 },
      { kind: "FILL_IN", count: 1, pointsEach: 2 },
      { kind: "SHORT_ANSWER", count: 1, pointsEach: 10 },
    ],
    options,
  );
  return { questions, round };
}

/** The shown position of a question's stored option in a drawn paper. */
async function shownOf(attemptId: string, position: number, stored: number) {
  const question = await prisma.attemptQuestion.findUniqueOrThrow({ where: { attemptId_position: { attemptId, position } } });
  return question.optionOrder.indexOf(stored);
}

beforeEach(async () => {
  taker = await buildUser();
  other = await buildUser();
  camp = await buildCamp({ participants: [taker, other] });
});

describe("starting the test", () => {
  it("draws one paper once: starting twice, even at the same moment, gives the same attempt and the same paper", async () => {
    await paperOfEachKind();
    const [first, second] = await Promise.all([startAttempt(camp.id, taker.id), startAttempt(camp.id, taker.id)]);
    expect(second).toBe(first);
    const again = await startAttempt(camp.id, taker.id);
    expect(again).toBe(first);
    expect(await prisma.campAttempt.count({ where: { campId: camp.id, userId: taker.id } })).toBe(1);
    const paper = await takerPaper(first);
    expect(paper.questions.map((q) => q.kind)).toEqual(["SINGLE", "MULTIPLE", "TRUE_FALSE", "FILL_IN", "SHORT_ANSWER"]);
    expect((await takerPaper(again)).questions).toEqual(paper.questions);
    expect(paper.questions[3]!.blanks).toBe(2);
  });

  it("draws a full paper for everyone starting at once (one shared read of the bank), and a question retired after that read is not drawn again", async () => {
    const takers = [taker, other, ...(await Promise.all(Array.from({ length: 8 }, () => buildUser())))];
    const late = await buildUser();
    camp = await buildCamp({ participants: [...takers, late] });
    await paperOfEachKind();
    const attempts = await Promise.all(takers.map((person) => startAttempt(camp.id, person.id)));
    expect(new Set(attempts).size).toBe(takers.length);
    for (const attemptId of attempts) expect((await takerPaper(attemptId)).questions.map((q) => q.kind)).toEqual(["SINGLE", "MULTIPLE", "TRUE_FALSE", "FILL_IN", "SHORT_ANSWER"]);
    await prisma.question.updateMany({ where: { retiredAt: null }, data: { retiredAt: new Date() } });
    await refused(startAttempt(camp.id, late.id), "camp.test.errors.paperUnavailable");
  });

  it("fixes the deadline at the start: the time limit, but never after the round closes", async () => {
    await paperOfEachKind({ durationMinutes: 60, closesInMinutes: 30 });
    const now = new Date();
    const attemptId = await startAttempt(camp.id, taker.id, now);
    const attempt = await prisma.campAttempt.findUniqueOrThrow({ where: { id: attemptId }, include: { round: true } });
    expect(attempt.deadline).toEqual(attempt.round.closesAt);
  });

  it("refuses someone who does not take part, a closed round and a round not open yet, in Chinese, writing nothing", async () => {
    await paperOfEachKind();
    const outsider = await buildUser();
    await refused(startAttempt(camp.id, outsider.id), "camp.test.errors.notParticipant");
    await refused(startAttempt(camp.id, taker.id, new Date(Date.now() + 3 * 3_600_000)), "camp.test.errors.closed");
    await refused(startAttempt(camp.id, taker.id, new Date(Date.now() - 3_600_000)), "camp.test.errors.notOpenYet");
    expect(await prisma.campAttempt.count({ where: { campId: camp.id } })).toBe(0);
  });

  it("refuses a paper the bank cannot fill, writing nothing", async () => {
    const questions = [await buildQuestion({ kind: "SINGLE", options: ["甲", "乙"], answerKey: { correct: 0 } })];
    await onlyInBank(questions);
    await buildKnowledgeTest(camp.id, [{ kind: "SINGLE", count: 2, pointsEach: 1 }]);
    await refused(startAttempt(camp.id, taker.id), "camp.test.errors.paperUnavailable");
    expect(await prisma.campAttempt.count({ where: { campId: camp.id } })).toBe(0);
  });
});

describe("saving answers", () => {
  it("counts a fill-in's blanks in SQL (the save's check) as the page does (blankCount)", async () => {
    const stems = ["没有空", "一个空____。", "两个空___和______。", "__两道下划线不算", "连着______________一个", "换行___\n___\n______末尾", "全角＿＿＿不算，半角___算", ""];
    for (const stem of stems) {
      const [row] = await sqlRows<{ blanks: number }>(Prisma.sql`SELECT ${blanksOfStem(Prisma.sql`${stem}::text`)} AS blanks`);
      expect({ stem, blanks: row!.blanks }).toEqual({ stem, blanks: blankCount(stem) });
    }
  });

  it("stores an answer and overwrites it, one row per question; the paper shows the last one", async () => {
    await paperOfEachKind();
    const attemptId = await startAttempt(camp.id, taker.id);
    await saveAnswer(attemptId, taker.id, 0, { kind: "SINGLE", chosen: 0 });
    await saveAnswer(attemptId, taker.id, 0, { kind: "SINGLE", chosen: 2 });
    await saveAnswer(attemptId, taker.id, 0, { kind: "SINGLE", chosen: 2 });
    await saveAnswer(attemptId, taker.id, 4, { kind: "SHORT_ANSWER", text: "先与学生谈心" });
    expect(await prisma.attemptAnswer.count({ where: { attemptId } })).toBe(2);
    const paper = await takerPaper(attemptId);
    expect(paper.questions[0]!.response).toEqual({ kind: "SINGLE", chosen: 2 });
    expect(paper.questions[4]!.response).toEqual({ kind: "SHORT_ANSWER", text: "先与学生谈心" });
    expect(await unansweredPositions(attemptId)).toEqual([1, 2, 3]);
  });

  it("refuses an answer of the wrong kind, an option that does not exist and the wrong number of blanks", async () => {
    await paperOfEachKind();
    const attemptId = await startAttempt(camp.id, taker.id);
    await refused(saveAnswer(attemptId, taker.id, 0, { kind: "TRUE_FALSE", value: true }), "camp.scoring.grading.wrongKind");
    await refused(saveAnswer(attemptId, taker.id, 0, { kind: "SINGLE", chosen: 4 }), "camp.scoring.grading.noSuchOption");
    await refused(saveAnswer(attemptId, taker.id, 3, { kind: "FILL_IN", texts: ["教师"] }), "camp.test.errors.blankCount");
    await refused(saveAnswer(attemptId, taker.id, 9, { kind: "SINGLE", chosen: 0 }), "camp.test.errors.noSuchQuestion");
    expect(await prisma.attemptAnswer.count({ where: { attemptId } })).toBe(0);
  });

  it("refuses a save after the deadline and on another person's attempt, storing nothing", async () => {
    await paperOfEachKind();
    const attemptId = await startAttempt(camp.id, taker.id);
    await refused(saveAnswer(attemptId, other.id, 0, { kind: "SINGLE", chosen: 1 }), "camp.test.errors.ended");
    const deadline = (await prisma.campAttempt.findUniqueOrThrow({ where: { id: attemptId } })).deadline;
    await refused(saveAnswer(attemptId, taker.id, 0, { kind: "SINGLE", chosen: 1 }, deadline), "camp.test.errors.ended");
    await refused(submitAttempt(attemptId, other.id), "camp.test.errors.notYours");
    expect(await prisma.attemptAnswer.count({ where: { attemptId } })).toBe(0);
    expect((await prisma.campAttempt.findUniqueOrThrow({ where: { id: attemptId } })).submittedAt).toBeNull();
  });

  it("refuses a save after submission and a second submission", async () => {
    await paperOfEachKind();
    const attemptId = await startAttempt(camp.id, taker.id);
    await submitAttempt(attemptId, taker.id);
    await refused(saveAnswer(attemptId, taker.id, 0, { kind: "SINGLE", chosen: 1 }), "camp.test.errors.ended");
    await refused(submitAttempt(attemptId, taker.id), "camp.test.errors.alreadySubmitted");
    expect(await prisma.attemptAnswer.count({ where: { attemptId } })).toBe(0);
  });
});

describe("grading", () => {
  it("grades each objective kind at submission through the option order, and leaves the score open until the short answer is graded", async () => {
    await paperOfEachKind();
    const attemptId = await startAttempt(camp.id, taker.id);
    await saveAnswer(attemptId, taker.id, 0, { kind: "SINGLE", chosen: await shownOf(attemptId, 0, 1) });
    // Only one of the two right options: wrong under ALL_OR_NOTHING.
    await saveAnswer(attemptId, taker.id, 1, { kind: "MULTIPLE", chosen: [await shownOf(attemptId, 1, 0)] });
    await saveAnswer(attemptId, taker.id, 2, { kind: "TRUE_FALSE", value: false });
    await saveAnswer(attemptId, taker.id, 3, { kind: "FILL_IN", texts: [" 教师 ", "服务"] });
    await saveAnswer(attemptId, taker.id, 4, { kind: "SHORT_ANSWER", text: "先稳定学生情绪，再联系家长。" });
    await submitAttempt(attemptId, taker.id);
    const answers = await prisma.attemptAnswer.findMany({ where: { attemptId }, orderBy: { position: "asc" } });
    expect(answers.map((a) => (a.score === null ? null : Number(a.score)))).toEqual([2, 0, 1, 1, null]);
    const attempt = await prisma.campAttempt.findUniqueOrThrow({ where: { id: attemptId } });
    expect(attempt.submittedAt).not.toBeNull();
    expect(attempt.score).toBeNull();
  });

  it("gives partial points for 不定项 under the PARTIAL rule and completes the score when there is no short answer to grade", async () => {
    const questions = [await buildQuestion({ kind: "MULTIPLE", options: ["甲", "乙", "丙"], answerKey: { correct: [0, 2] } })];
    await onlyInBank(questions);
    await buildKnowledgeTest(camp.id, [{ kind: "MULTIPLE", count: 1, pointsEach: 3 }], { multipleChoiceRule: "PARTIAL" });
    const attemptId = await startAttempt(camp.id, taker.id);
    await saveAnswer(attemptId, taker.id, 0, { kind: "MULTIPLE", chosen: [await shownOf(attemptId, 0, 2)] });
    await submitAttempt(attemptId, taker.id);
    const attempt = await prisma.campAttempt.findUniqueOrThrow({ where: { id: attemptId } });
    expect(Number(attempt.score)).toBe(1.5);
    expect(attempt.gradedAt).not.toBeNull();
  });

  it("closes overdue attempts by itself, marks them automatic and grades them; attempts still running are left alone", async () => {
    const { round } = await paperOfEachKind();
    const late = await startAttempt(camp.id, taker.id);
    const running = await startAttempt(camp.id, other.id);
    await saveAnswer(late, taker.id, 2, { kind: "TRUE_FALSE", value: false });
    await prisma.campAttempt.update({ where: { id: late }, data: { deadline: new Date(Date.now() - 1000) } });
    expect(await closeOverdueAttempts()).toBe(1);
    const closed = await prisma.campAttempt.findUniqueOrThrow({ where: { id: late } });
    expect(closed.autoSubmitted).toBe(true);
    expect(closed.submittedAt).toEqual(closed.deadline);
    expect(Number((await prisma.attemptAnswer.findUniqueOrThrow({ where: { attemptId_position: { attemptId: late, position: 2 } } })).score)).toBe(1);
    // Nothing left to grade (the short answer was left blank): the score is complete.
    expect(Number(closed.score)).toBe(1);
    expect((await prisma.campAttempt.findUniqueOrThrow({ where: { id: running } })).submittedAt).toBeNull();
    expect(await closeOverdueAttempts()).toBe(0);
    // Grading the round again changes nothing.
    expect(await gradeRound(prisma, round.id)).toBe(1);
    expect(Number((await prisma.campAttempt.findUniqueOrThrow({ where: { id: late } })).score)).toBe(1);
  });
});

describe("the automatic submission task", () => {
  it("is registered with the server's background tasks, and its first pass closes overdue papers", async () => {
    expect(backgroundTaskNames()).toContain(campTestSweepPass.name);
    await paperOfEachKind();
    const late = await startAttempt(camp.id, taker.id);
    await prisma.campAttempt.update({ where: { id: late }, data: { deadline: new Date(Date.now() - 1000) } });
    const lines: string[] = [];
    await campTestSweepPass.runOnce((line) => lines.push(line));
    expect((await prisma.campAttempt.findUniqueOrThrow({ where: { id: late } })).autoSubmitted).toBe(true);
    expect(lines.join("")).toContain("已自动提交");
  });
});

describe("the answer key stays on the server", () => {
  it("is in no field of the taker's paper", async () => {
    await paperOfEachKind();
    const attemptId = await startAttempt(camp.id, taker.id);
    const json = JSON.stringify(await takerPaper(attemptId));
    for (const word of ["answerKey", "correct", "blanks\":[[", "教师", "先稳定情绪", "explanation", "解析", "optionOrder"]) expect(json).not.toContain(word);
  });
});
