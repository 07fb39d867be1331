import { describe, expect, it } from "vitest";
import { prisma } from "~/db/client.server.ts";
import { can } from "~/policy/index.ts";
import { buildCamp, buildUser } from "../../tests/support/factories.ts";
import { findAttemptAccess, findStudentAccess } from "./access.server.ts";

/**
 * What decision 080 relies on the database for: rows that name a participant exist only for one,
 * a drawn question version can never be deleted, a student's drawn items go with the student,
 * one answer row per question however often it is saved, and an attempt ends at its deadline
 * whether or not anyone submits it.
 */

async function campWithTest() {
  const taker = await buildUser();
  const other = await buildUser();
  const camp = await buildCamp({ participants: [taker, other] });
  const round = await prisma.campRound.create({ data: { campId: camp.id, kind: "KNOWLEDGE_TEST", weight: 40, position: 1, durationMinutes: 60 } });
  const question = await prisma.question.create({ data: { category: "测试" } });
  const version = await prisma.questionVersion.create({
    data: { questionId: question.id, number: 1, kind: "SINGLE", stem: "辅导员的首要职责是？", options: [{ text: "思想政治教育" }, { text: "宿舍管理" }], answerKey: { correct: [0] }, duties: ["IDEOLOGY"], difficulty: 2 },
  });
  await prisma.question.update({ where: { id: question.id }, data: { currentVersionId: version.id } });
  return { camp, round, taker, other, question, version };
}

describe("the camp model", () => {
  it("refuses an attempt for someone who does not take part in the camp", async () => {
    const { camp, round } = await campWithTest();
    const outsider = await buildUser();
    await expect(
      prisma.campAttempt.create({ data: { roundId: round.id, campId: camp.id, userId: outsider.id, deadline: new Date(Date.now() + 3_600_000), blindCode: "X1" } }),
    ).rejects.toThrow();
    expect(await prisma.campAttempt.count({ where: { roundId: round.id } })).toBe(0);
  });

  it("keeps one answer row per question however often it is saved, and never lets a drawn version be deleted", async () => {
    const { camp, round, taker, version } = await campWithTest();
    const attempt = await prisma.campAttempt.create({
      data: {
        roundId: round.id,
        campId: camp.id,
        userId: taker.id,
        deadline: new Date(Date.now() + 3_600_000),
        blindCode: "A1",
        questions: { create: { position: 0, questionVersionId: version.id, points: 2, optionOrder: [1, 0] } },
      },
    });
    for (const choice of [[0], [1], [0]]) {
      await prisma.attemptAnswer.upsert({
        where: { attemptId_position: { attemptId: attempt.id, position: 0 } },
        create: { attemptId: attempt.id, position: 0, response: { choice } },
        update: { response: { choice }, savedAt: new Date() },
      });
    }
    const answers = await prisma.attemptAnswer.findMany({ where: { attemptId: attempt.id } });
    expect(answers.map((a) => a.response)).toEqual([{ choice: [0] }]);
    // An answer to a question not on the paper has nothing to belong to.
    await expect(prisma.attemptAnswer.create({ data: { attemptId: attempt.id, position: 7, response: { choice: [0] } } })).rejects.toThrow();
    // The finished paper is shown with the version it used: that version stays.
    await expect(prisma.questionVersion.delete({ where: { id: version.id } })).rejects.toThrow();
    expect(await prisma.questionVersion.count({ where: { id: version.id } })).toBe(1);
  });

  it("ends an attempt at its deadline for the taker, and never lets anyone else take it", async () => {
    const { camp, round, taker, other } = await campWithTest();
    const deadline = new Date(Date.now() + 60_000);
    const attempt = await prisma.campAttempt.create({ data: { roundId: round.id, campId: camp.id, userId: taker.id, deadline, blindCode: "B1" } });
    const before = (await findAttemptAccess(taker, attempt.id, new Date(deadline.getTime() - 1)))!;
    expect(can(taker, "camp-attempt:take", before)).toBe(true);
    expect(can(other, "camp-attempt:take", (await findAttemptAccess(other, attempt.id, new Date(deadline.getTime() - 1)))!)).toBe(false);
    const at = (await findAttemptAccess(taker, attempt.id, deadline))!;
    expect(at.ended).toBe(true);
    expect(can(taker, "camp-attempt:take", at)).toBe(false);
  });

  it("deletes a student's drawn items with the student, and shows the photo to the counselor only while their attempt runs", async () => {
    const { camp, taker } = await campWithTest();
    const round = await prisma.campRound.create({ data: { campId: camp.id, kind: "IDENTIFICATION", weight: 20, position: 2, durationMinutes: 10, photosPerPerson: 1 } });
    const studentId = camp.studentIds[0]!;
    const attempt = await prisma.campAttempt.create({
      data: { roundId: round.id, campId: camp.id, userId: taker.id, deadline: new Date(Date.now() + 600_000), blindCode: "C1", items: { create: { position: 0, studentId, typedName: "张三" } } },
    });
    const running = (await findStudentAccess(taker, studentId))!;
    expect(running.viewerDrawnInOpenAttempt).toBe(true);
    expect(can(taker, "camp-student:view-photo", running)).toBe(true);
    expect(can(taker, "camp-student:view", running)).toBe(false);
    await prisma.campAttempt.update({ where: { id: attempt.id }, data: { submittedAt: new Date() } });
    expect(can(taker, "camp-student:view-photo", (await findStudentAccess(taker, studentId))!)).toBe(false);

    await prisma.identificationStudent.delete({ where: { id: studentId } });
    expect(await prisma.identificationItem.count({ where: { attemptId: attempt.id } })).toBe(0);
    expect(await prisma.campAttempt.count({ where: { id: attempt.id } })).toBe(1);
  });
});
