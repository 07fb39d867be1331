import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { prisma } from "~/db/client.server.ts";
import { buildCamp, buildKnowledgeTest, buildQuestion, buildUser, type BuiltUser } from "../../../tests/support/factories.ts";
import { asUser, cookieFor } from "../../../tests/support/signed-in.ts";
import { answersEndpoint } from "./answers-endpoint.server.ts";
import { saveAnswer, startAttempt, submitAttempt } from "./attempts.server.ts";

/**
 * The knowledge test's pages through their loaders and actions: the taker's page and its JSON
 * save endpoint (never the key; refusals in Chinese with nothing stored), the review, the paper
 * rules, the organisers' list and blind grading, each refused to the people the policy names.
 */
let take: typeof import("~/routes/camp.$campId_.test._index.tsx");
let review: typeof import("~/routes/camp.attempts.$attemptId.tsx");
let rules: typeof import("~/routes/camp.$campId_.test.rules.tsx");
let list: typeof import("~/routes/camp.$campId_.test.attempts.tsx");
let grading: typeof import("~/routes/camp.grading._index.tsx");

type Reply = { intent: string; status: string; notice?: string; error?: string; form?: { error?: Record<string, string[] | null> } };
const reply = (response: { data: unknown }) => response.data as Reply;

let admin: BuiltUser;
beforeAll(async () => {
  [take, review, rules, list, grading] = await Promise.all([
    import("~/routes/camp.$campId_.test._index.tsx"),
    import("~/routes/camp.attempts.$attemptId.tsx"),
    import("~/routes/camp.$campId_.test.rules.tsx"),
    import("~/routes/camp.$campId_.test.attempts.tsx"),
    import("~/routes/camp.grading._index.tsx"),
  ]);
  admin = await buildUser({ roles: ["ADMIN"] });
}, 120_000);

/** The bank is the school's: each test retires every question but its own. */
async function onlyInBank(questions: Array<{ id: string }>) {
  await prisma.question.updateMany({ where: { id: { notIn: questions.map((q) => q.id) }, retiredAt: null }, data: { retiredAt: new Date() } });
}

/** A taker and another participant of one college, a participant of another, judges of both colleges and an outside one. */
async function cast() {
  const taker = await buildUser();
  const sameCollege = await buildUser({ college: { id: taker.collegeId! } });
  const other = await buildUser();
  const judgeOwn = await buildUser({ college: { id: taker.collegeId! } });
  const judgeA = await buildUser();
  const judgeB = await buildUser({ college: null, roles: ["MENTOR"] });
  const camp = await buildCamp({ participants: [taker, sameCollege, other], judges: [judgeOwn, judgeA, judgeB] });
  const questions = [
    await buildQuestion({ kind: "SINGLE", stem: "单选题干", options: ["选项甲", "选项乙", "选项丙"], answerKey: { correct: 2 } }),
    await buildQuestion({ kind: "SHORT_ANSWER", stem: "简答题干", answerKey: { referenceAnswer: "秘密参考答案", gradingNotes: "评分要点内容" } }),
  ];
  await onlyInBank(questions);
  await buildKnowledgeTest(camp.id, [
    { kind: "SINGLE", count: 1, pointsEach: 2 },
    { kind: "SHORT_ANSWER", count: 1, pointsEach: 10 },
  ]);
  return { taker, sameCollege, other, judgeOwn, judgeA, judgeB, camp };
}

/** Posts JSON to the save endpoint as `username` (the server mounts `answersEndpoint` ahead of Remix). */
async function postJson(username: string, _campId: string, body: unknown) {
  const reply = await answersEndpoint.handle({ cookieHeader: await cookieFor(username), body });
  return reply as { status: number; body: { ok: boolean; ended?: boolean; error?: string; savedAt?: string } };
}

const KEY_WORDS = ["answerKey", "correct", "秘密参考答案", "评分要点内容", "optionOrder", "explanation"];

let people: Awaited<ReturnType<typeof cast>>;
beforeEach(async () => {
  people = await cast();
});

describe("taking the test", () => {
  it("starts once from the page and shows the paper without the key, before and after answering", async () => {
    const { taker, camp } = people;
    const url = `/camp/${camp.id}/test`;
    const before = await asUser(taker.username, take.loader, url, { params: { campId: camp.id } });
    expect(before.status).toBe(200);
    expect(before.data).toMatchObject({ mayStart: true, attempt: null, paper: null });
    const started = await asUser(taker.username, take.action, url, { form: { intent: "start", confirmed: "yes" }, params: { campId: camp.id } });
    expect(started.status).toBe(302);
    await asUser(taker.username, take.action, url, { form: { intent: "start", confirmed: "yes" }, params: { campId: camp.id } });
    expect(await prisma.campAttempt.count({ where: { campId: camp.id } })).toBe(1);
    const page = await asUser(taker.username, take.loader, url, { params: { campId: camp.id } });
    const data = page.data as { paper: { id: string; questions: Array<{ kind: string; options: string[] }> } };
    expect(data.paper.questions.map((q) => q.kind)).toEqual(["SINGLE", "SHORT_ANSWER"]);
    expect([...data.paper.questions[0]!.options].sort()).toEqual(["选项丙", "选项乙", "选项甲"]);
    const saved = await postJson(taker.username, camp.id, { intent: "save", attemptId: data.paper.id, position: 0, response: { kind: "SINGLE", chosen: 1 } });
    expect(saved).toMatchObject({ status: 200, body: { ok: true } });
    const after = await asUser(taker.username, take.loader, url, { params: { campId: camp.id } });
    for (const text of [JSON.stringify(after.data), JSON.stringify(saved.body), JSON.stringify(started.data)]) for (const word of KEY_WORDS) expect(text).not.toContain(word);
  });

  it("refuses the start to someone who does not take part, in Chinese", async () => {
    const { camp } = people;
    const outsider = await buildUser();
    const response = await asUser(outsider.username, take.action, `/camp/${camp.id}/test`, { form: { intent: "start", confirmed: "yes" }, params: { campId: camp.id } });
    expect(response.status).toBe(403);
    expect(reply(response).error).toBe("你不是本期训练营的参加者。");
    expect(await prisma.campAttempt.count({ where: { campId: camp.id } })).toBe(0);
  });

  it("refuses a save on another person's attempt (403) and after the deadline (409 in Chinese), storing nothing; time up submits it", async () => {
    const { taker, other, camp } = people;
    const attemptId = await startAttempt(camp.id, taker.id);
    const foreign = await postJson(other.username, camp.id, { intent: "save", attemptId, position: 0, response: { kind: "SINGLE", chosen: 0 } });
    expect(foreign.status).toBe(403);
    const badShape = await postJson(taker.username, camp.id, { intent: "save", attemptId, position: 0, response: { kind: "SINGLE", chosen: 7 } });
    expect(badShape).toMatchObject({ status: 422, body: { ok: false, error: "所选选项不存在。" } });
    await prisma.campAttempt.update({ where: { id: attemptId }, data: { deadline: new Date(Date.now() - 1000) } });
    const late = await postJson(taker.username, camp.id, { intent: "save", attemptId, position: 0, response: { kind: "SINGLE", chosen: 0 } });
    expect(late).toMatchObject({ status: 409, body: { ok: false, ended: true, error: "作答时间已到或试卷已提交，答案未保存。" } });
    expect(await prisma.attemptAnswer.count({ where: { attemptId } })).toBe(0);
    // The late save also closed the paper, as the sweep would have.
    const closed = await prisma.campAttempt.findUniqueOrThrow({ where: { id: attemptId } });
    expect(closed.autoSubmitted).toBe(true);
    expect(await postJson(taker.username, camp.id, { intent: "timeUp", attemptId })).toMatchObject({ status: 200, body: { ok: true, ended: true } });
  });

  it("answers a save without a valid session 401, an unknown paper 404 and a body that is not an answer 422, in Chinese, storing nothing", async () => {
    const { taker, camp } = people;
    const attemptId = await startAttempt(camp.id, taker.id);
    const save = { intent: "save", attemptId, position: 0, response: { kind: "SINGLE", chosen: 0 } };
    const signedOut = await answersEndpoint.handle({ cookieHeader: null, body: save });
    expect(signedOut).toMatchObject({ status: 401, body: { ok: false, error: expect.stringContaining("登录已失效") } });
    const forged = await answersEndpoint.handle({ cookieHeader: "fudao_session=forged.value", body: save });
    expect(forged.status).toBe(401);
    const ended = await cookieFor(taker.username);
    await prisma.session.deleteMany({ where: { userId: taker.id } });
    expect((await answersEndpoint.handle({ cookieHeader: ended, body: save })).status).toBe(401);
    expect((await answersEndpoint.handle({ cookieHeader: await cookieFor(taker.username), body: save })).status).toBe(200);
    expect(await postJson(taker.username, camp.id, { ...save, attemptId: "no-such-attempt" })).toMatchObject({ status: 404, body: { error: "找不到这份试卷，请刷新页面。" } });
    expect(await postJson(taker.username, camp.id, null)).toMatchObject({ status: 422, body: { ok: false } });
    expect(await postJson(taker.username, camp.id, { ...save, position: -1 })).toMatchObject({ status: 422 });
    expect(await prisma.attemptAnswer.count({ where: { attemptId } })).toBe(1);
  });

  it("stores an answer exactly when the policy and the question allow it: every refusal is said in Chinese and stores nothing", async () => {
    const { taker, other, camp } = people;
    const questions = [
      await buildQuestion({ kind: "SINGLE", options: ["甲", "乙", "丙"], answerKey: { correct: 1 } }),
      await buildQuestion({ kind: "MULTIPLE", options: ["甲", "乙", "丙", "丁"], answerKey: { correct: [0, 3] } }),
      await buildQuestion({ kind: "TRUE_FALSE", answerKey: { correct: true } }),
      await buildQuestion({ kind: "FILL_IN", stem: "辅导员是______队伍和___队伍的组成部分，__不算。", answerKey: { blanks: [["教师"], ["管理"]] } }),
      await buildQuestion({ kind: "SHORT_ANSWER", answerKey: { referenceAnswer: "先稳定情绪" } }),
    ];
    const other5 = await buildCamp({ participants: [taker, other] });
    await onlyInBank(questions);
    await buildKnowledgeTest(other5.id, ["SINGLE", "MULTIPLE", "TRUE_FALSE", "FILL_IN", "SHORT_ANSWER"].map((kind) => ({ kind: kind as "SINGLE", count: 1, pointsEach: 1 })));
    const attemptId = await startAttempt(other5.id, taker.id);
    const positions = Object.fromEntries((await prisma.attemptQuestion.findMany({ where: { attemptId }, select: { position: true, questionVersion: { select: { kind: true } } } })).map((q) => [q.questionVersion.kind, q.position]));
    const save = (position: number, response: unknown, username = taker.username) => postJson(username, other5.id, { intent: "save", attemptId, position, response });
    const stored = () => prisma.attemptAnswer.count({ where: { attemptId } });

    const refusals: Array<[number, unknown, number, string]> = [
      [positions.SINGLE!, { kind: "SINGLE", chosen: 3 }, 422, "所选选项不存在。"],
      [positions.SINGLE!, { kind: "SINGLE", chosen: -1 }, 422, "所选选项不存在。"],
      [positions.SINGLE!, { kind: "TRUE_FALSE", value: true }, 422, ""],
      [positions.MULTIPLE!, { kind: "MULTIPLE", chosen: [0, 4] }, 422, "所选选项不存在。"],
      [positions.MULTIPLE!, { kind: "MULTIPLE", chosen: [1, 1] }, 422, ""],
      [positions.FILL_IN!, { kind: "FILL_IN", texts: ["教师"] }, 422, ""],
      [positions.FILL_IN!, { kind: "FILL_IN", texts: ["教师", "管理", "多余"] }, 422, ""],
      [99, { kind: "SINGLE", chosen: 0 }, 404, ""],
    ];
    for (const [position, response, status, message] of refusals) {
      const reply = await save(position, response);
      expect({ response, status: reply.status, ok: reply.body.ok }).toEqual({ response, status, ok: false });
      expect(reply.body.error).toMatch(/[\u4e00-\u9fff]/);
      if (message) expect(reply.body.error).toBe(message);
    }
    expect((await save(positions.SINGLE!, { kind: "SINGLE", chosen: 0 }, other.username)).status).toBe(403);
    expect(await stored()).toBe(0);

    const allowed = [
      [positions.SINGLE!, { kind: "SINGLE", chosen: 2 }],
      [positions.MULTIPLE!, { kind: "MULTIPLE", chosen: [3, 0] }],
      [positions.MULTIPLE!, { kind: "MULTIPLE", chosen: [] }],
      [positions.TRUE_FALSE!, { kind: "TRUE_FALSE", value: false }],
      [positions.FILL_IN!, { kind: "FILL_IN", texts: ["教师", "管理"] }],
      [positions.SHORT_ANSWER!, { kind: "SHORT_ANSWER", text: "先谈心" }],
    ] as const;
    for (const [position, response] of allowed) expect((await save(position, response)).body).toMatchObject({ ok: true, savedAt: expect.any(String) });
    expect(await stored()).toBe(5);
    expect((await prisma.attemptAnswer.findFirstOrThrow({ where: { attemptId, position: positions.MULTIPLE! } })).response).toEqual({ kind: "MULTIPLE", chosen: [] });

    // The camp no longer open (closed for scoring): refused by the policy, nothing changed.
    await prisma.camp.update({ where: { id: other5.id }, data: { status: "SCORING" } });
    const closed = await save(positions.SINGLE!, { kind: "SINGLE", chosen: 0 });
    expect(closed.status).toBe(403);
    expect((await prisma.attemptAnswer.findFirstOrThrow({ where: { attemptId, position: positions.SINGLE! } })).response).toEqual({ kind: "SINGLE", chosen: 2 });
    await prisma.camp.update({ where: { id: other5.id }, data: { status: "OPEN" } });
    // Submitted: the taker is told the paper has ended.
    await submitAttempt(attemptId, taker.id);
    expect(await save(positions.SINGLE!, { kind: "SINGLE", chosen: 0 })).toMatchObject({ status: 409, body: { ended: true } });
    expect((await prisma.attemptAnswer.findFirstOrThrow({ where: { attemptId, position: positions.SINGLE! } })).response).toEqual({ kind: "SINGLE", chosen: 2 });
  });

  it("submits from the page, and a submission after the deadline is refused in Chinese and taken by the automatic submission", async () => {
    const { taker, sameCollege, camp } = people;
    const url = `/camp/${camp.id}/test`;
    const attemptId = await startAttempt(camp.id, taker.id);
    const submitted = await asUser(taker.username, take.action, url, { form: { intent: "submit", attemptId, confirmed: "yes" }, params: { campId: camp.id } });
    expect(reply(submitted)).toMatchObject({ status: "success", notice: "试卷已提交。" });
    for (const word of KEY_WORDS) expect(JSON.stringify(submitted.data)).not.toContain(word);
    const late = await startAttempt(camp.id, sameCollege.id);
    await prisma.campAttempt.update({ where: { id: late }, data: { deadline: new Date(Date.now() - 1000) } });
    const refused = await asUser(sameCollege.username, take.action, url, { form: { intent: "submit", attemptId: late, confirmed: "yes" }, params: { campId: camp.id } });
    expect(reply(refused)).toMatchObject({ status: "error", error: "作答时间已到，试卷已自动提交。" });
    expect((await prisma.campAttempt.findUniqueOrThrow({ where: { id: late } })).autoSubmitted).toBe(true);
    // Someone else's paper: refused by the policy.
    const foreign = await asUser(taker.username, take.action, url, { form: { intent: "submit", attemptId: late, confirmed: "yes" }, params: { campId: camp.id } });
    expect(foreign.status).toBe(403);
  });
});

describe("review", () => {
  it("shows the finished paper with the key to the organisers, not while it runs, and to the taker only once released", async () => {
    const { taker, judgeA, camp } = people;
    const attemptId = await startAttempt(camp.id, taker.id);
    const url = `/camp/attempts/${attemptId}`;
    const params = { attemptId };
    expect((await asUser(admin.username, review.loader, url, { params })).status).toBe(403);
    await submitAttempt(attemptId, taker.id);
    const seen = await asUser(admin.username, review.loader, url, { params });
    expect(seen.status).toBe(200);
    expect(JSON.stringify(seen.data)).toContain("秘密参考答案");
    expect((await asUser(taker.username, review.loader, url, { params })).status).toBe(403);
    expect((await asUser(judgeA.username, review.loader, url, { params })).status).toBe(403);
    await prisma.camp.update({ where: { id: camp.id }, data: { status: "RELEASED" } });
    expect((await asUser(taker.username, review.loader, url, { params })).status).toBe(200);
  });

  it("shows the version that was drawn, not the bank's current one", async () => {
    const { taker, camp } = people;
    const attemptId = await startAttempt(camp.id, taker.id);
    await submitAttempt(attemptId, taker.id);
    const drawn = await prisma.attemptQuestion.findUniqueOrThrow({ where: { attemptId_position: { attemptId, position: 0 } }, include: { questionVersion: true } });
    const newer = await prisma.questionVersion.create({
      data: { questionId: drawn.questionVersion.questionId, number: 2, kind: "SINGLE", stem: "改过的题干", options: [{ text: "新" }, { text: "旧" }], answerKey: { correct: 0 }, duties: ["CRISIS"], difficulty: 3 },
    });
    await prisma.question.update({ where: { id: drawn.questionVersion.questionId }, data: { currentVersionId: newer.id } });
    const seen = await asUser(admin.username, review.loader, `/camp/attempts/${attemptId}`, { params: { attemptId } });
    expect(JSON.stringify(seen.data)).toContain("单选题干");
    expect(JSON.stringify(seen.data)).not.toContain("改过的题干");
  });
});

describe("paper rules", () => {
  it("are added and removed by the organisers before the camp opens, checked against the bank, and refused to others", async () => {
    const { taker, camp } = people;
    await prisma.camp.update({ where: { id: camp.id }, data: { status: "DRAFT" } });
    const url = `/camp/${camp.id}/test/rules`;
    const params = { campId: camp.id };
    const form = { intent: "add", duty: "CRISIS", kind: "SINGLE", difficultyMin: "1", difficultyMax: "5", count: "3", pointsEach: "2" };
    expect((await asUser(taker.username, rules.loader, url, { params })).status).toBe(403);
    expect((await asUser(taker.username, rules.action, url, { form, params })).status).toBe(403);
    const added = await asUser(admin.username, rules.action, url, { form, params });
    expect(reply(added)).toMatchObject({ status: "success", notice: "已添加组卷规则。" });
    const page = await asUser(admin.username, rules.loader, url, { params });
    const data = page.data as { rules: Array<{ id: string }>; bankProblems: string[]; editable: boolean };
    expect(data.rules).toHaveLength(3);
    // The third rule asks 3 single-choice questions of a bank holding one.
    expect(data.bankProblems.join("")).toContain("还差");
    const bad = await asUser(admin.username, rules.action, url, { form: { ...form, count: "0", difficultyMin: "4", difficultyMax: "2" }, params });
    expect(reply(bad).form?.error?.count).toEqual(["题数须为 1 到 200 的整数。"]);
    expect(reply(bad).form?.error?.difficultyMax).toEqual(["组卷规则填写有误，请检查。"]);
    const removed = await asUser(admin.username, rules.action, url, { form: { intent: "remove", ruleId: data.rules[2]!.id, confirmed: "yes" }, params });
    expect(reply(removed).status).toBe("success");
    await prisma.camp.update({ where: { id: camp.id }, data: { status: "OPEN" } });
    const locked = await asUser(admin.username, rules.action, url, { form, params });
    expect(reply(locked)).toMatchObject({ status: "error", error: "训练营已开始，组卷规则不能再修改。" });
    expect(await prisma.paperRule.count({ where: { round: { campId: camp.id } } })).toBe(2);
  });
});

describe("the organisers' list and blind grading", () => {
  it("lists who started and submitted for the organisers only", async () => {
    const { taker, other, camp } = people;
    const first = await startAttempt(camp.id, taker.id);
    await submitAttempt(first, taker.id);
    await startAttempt(camp.id, other.id);
    const url = `/camp/${camp.id}/test/attempts`;
    const page = await asUser(admin.username, list.loader, url, { params: { campId: camp.id } });
    expect(page.data).toMatchObject({ counts: { started: 2, submitted: 1, auto: 0, participants: 3 } });
    expect((await asUser(taker.username, list.loader, url, { params: { campId: camp.id } })).status).toBe(403);
  });

  it("gives short answers to judges of other colleges by blind code; the score is complete when all grades are in", async () => {
    const { taker, judgeOwn, judgeA, judgeB, camp } = people;
    const attemptId = await startAttempt(camp.id, taker.id);
    await saveAnswer(attemptId, taker.id, 1, { kind: "SHORT_ANSWER", text: "先安抚情绪，再了解原因。" });
    await submitAttempt(attemptId, taker.id);
    const url = `/camp/${camp.id}/test/attempts`;
    expect((await asUser(taker.username, list.action, url, { form: { intent: "assign", perAnswer: "2" }, params: { campId: camp.id } })).status).toBe(403);
    const tooMany = await asUser(admin.username, list.action, url, { form: { intent: "assign", perAnswer: "3" }, params: { campId: camp.id } });
    expect(reply(tooMany)).toMatchObject({ status: "error", error: "评委不足：有 1 份试卷找不到足够的非本学院评委。" });
    const assigned = await asUser(admin.username, list.action, url, { form: { intent: "assign", perAnswer: "2" }, params: { campId: camp.id } });
    expect(reply(assigned)).toMatchObject({ status: "success", notice: "已将 1 道简答题分配给评委。" });

    // The judge of the taker's own college has nothing; the others see the blind code, never the name.
    const own = await asUser(judgeOwn.username, grading.loader, "/camp/grading");
    expect(own.data).toMatchObject({ items: [] });
    const queue = await asUser(judgeA.username, grading.loader, "/camp/grading");
    const items = (queue.data as { items: Array<{ blindCode: string; answer: string }> }).items;
    expect(items).toHaveLength(1);
    expect(items[0]!.answer).toBe("先安抚情绪，再了解原因。");
    expect(JSON.stringify(queue.data)).not.toContain(taker.name);
    expect(JSON.stringify(queue.data)).not.toContain(taker.id);

    const grade = (judge: BuiltUser, score: string) =>
      asUser(judge.username, grading.action, "/camp/grading", { form: { intent: "grade", attemptId, position: "1", score, comment: "思路清楚" } });
    // Not assigned to the judge of the taker's college: refused by the policy.
    expect((await grade(judgeOwn, "5")).status).toBe(403);
    const over = await grade(judgeA, "11");
    expect(reply(over).form?.error?.score).toEqual(["得分须在 0 到 10 分之间，最多一位小数。"]);
    expect(await prisma.shortAnswerGrade.count({ where: { attemptId, score: { not: null } } })).toBe(0);
    expect(reply(await grade(judgeA, "8")).status).toBe("success");
    expect((await prisma.campAttempt.findUniqueOrThrow({ where: { id: attemptId } })).score).toBeNull();
    expect(reply(await grade(judgeB, "6")).status).toBe("success");
    const answer = await prisma.attemptAnswer.findUniqueOrThrow({ where: { attemptId_position: { attemptId, position: 1 } } });
    expect(Number(answer.score)).toBe(7);
    // The single choice was left blank: 0 + 7.
    expect(Number((await prisma.campAttempt.findUniqueOrThrow({ where: { id: attemptId } })).score)).toBe(7);
    // Once the camp is released, grading is closed.
    await prisma.camp.update({ where: { id: camp.id }, data: { status: "RELEASED" } });
    expect((await grade(judgeA, "9")).status).toBe(403);
  });
});
