import { describe, expect, it } from "vitest";
import { backgroundTaskNames } from "~/composition/background.server.ts";
import { prisma } from "~/db/client.server.ts";
import { loader as photoLoader } from "~/routes/camp.$campId_.students.$studentId.photo.tsx";
import { action as roundAction, loader as roundLoader } from "~/routes/camp.$campId_.identification.tsx";
import { buildCamp, buildCollege, buildUser } from "../../../tests/support/factories.ts";
import { pngImage } from "../../../tests/support/fixtures.ts";
import { asUser } from "../../../tests/support/signed-in.ts";
import { checkPhoto, writePhoto, type CheckedPhoto } from "./photos.server.ts";
import { identificationSweepPass } from "./sweep.server.ts";
import { identificationRound, identificationTotals, saveItem, startIdentification, submitIdentification, submitOverdueIdentifications } from "./round.server.ts";

/**
 * The round of 人物辨识: drawn from one's own students plus decoys of other classes, saved as typed
 * into one's own running attempt only, refused after the deadline, scored at the submission (by
 * the person or the sweep), and never showing the facts of the photos being identified.
 */

async function roundSetup(options: { photos?: number; decoys?: number; minutes?: number; closesAt?: Date } = {}) {
  const college = await buildCollege();
  const me = await buildUser({ college });
  const other = await buildUser({ college });
  const camp = await buildCamp({ status: "OPEN", participants: [me, other] });
  await prisma.identificationStudent.deleteMany({ where: { campId: camp.id } });
  const round = await prisma.campRound.create({
    data: {
      campId: camp.id,
      kind: "IDENTIFICATION",
      weight: 20,
      position: 2,
      photosPerPerson: options.photos ?? 3,
      decoysPerPerson: options.decoys ?? 0,
      durationMinutes: options.minutes ?? 10,
      closesAt: options.closesAt ?? null,
      identificationPoints: { name: 3, className: 1, dorm: 1 },
    },
  });
  for (const person of [me, other]) await prisma.campRoundEntry.create({ data: { roundId: round.id, campId: camp.id, userId: person.id } });
  const student = async (counselorId: string, name: string, className: string, dorm = "1-101") => {
    const photo = checkPhoto(pngImage()) as CheckedPhoto;
    const storagePath = await writePhoto(camp.id, photo);
    const file = await prisma.uploadedFile.create({ data: { name: `${name}.png`, mimeType: photo.mimeType, size: photo.bytes.length, sha256: photo.sha256, storagePath } });
    return (await prisma.identificationStudent.create({ data: { campId: camp.id, counselorId, name, className, dorm, photoFileId: file.id } })).id;
  };
  const mine = [await student(me.id, "张一", "一班"), await student(me.id, "张二", "一班"), await student(me.id, "张三", "一班", ""), await student(me.id, "张四", "一班")];
  const theirs = [await student(other.id, "李一", "二班"), await student(other.id, "李二", "二班"), await student(other.id, "李三", "一班")];
  return { camp, round: (await identificationRound(camp.id))!, me, other, mine, theirs };
}

const itemsOf = (attemptId: string) =>
  prisma.identificationItem.findMany({ where: { attemptId }, orderBy: { position: "asc" }, select: { position: true, studentId: true, decoy: true, typedName: true, score: true, student: { select: { name: true, className: true, dorm: true } } } });

describe("the round of 人物辨识", () => {
  it("draws N of one's own students and decoys of other classes first, once, with a deadline kept by the server", async () => {
    const { round, me, mine, theirs } = await roundSetup({ photos: 3, decoys: 2 });
    const now = new Date();
    const attemptId = await startIdentification(round, me.id, now);
    expect(await startIdentification(round, me.id, now)).toBe(attemptId);
    const items = await itemsOf(attemptId);
    expect(items).toHaveLength(5);
    const own = items.filter((i) => !i.decoy).map((i) => i.studentId);
    const decoys = items.filter((i) => i.decoy).map((i) => i.studentId);
    expect(own).toHaveLength(3);
    expect(own.every((id) => mine.includes(id))).toBe(true);
    // The two decoys are the other counselor's students of 二班, not 李三 of my own class.
    expect(decoys.sort()).toEqual([theirs[0], theirs[1]].sort());
    const attempt = await prisma.campAttempt.findUniqueOrThrow({ where: { id: attemptId } });
    expect(attempt.deadline.getTime()).toBe(now.getTime() + 10 * 60_000);
  });

  it("ends at the round's close when that comes before the time limit, and refuses to start after it or for someone not on the list", async () => {
    const closesAt = new Date(Date.now() + 60_000);
    const { round, me, camp } = await roundSetup({ closesAt });
    const attemptId = await startIdentification(round, me.id);
    expect((await prisma.campAttempt.findUniqueOrThrow({ where: { id: attemptId } })).deadline).toEqual(closesAt);
    const late = await buildUser();
    await prisma.campParticipant.create({ data: { campId: camp.id, userId: late.id, stage: "NOVICE" } });
    await expect(startIdentification(round, late.id)).rejects.toMatchObject({ key: "camp.students.round.notEntered" });
    const { round: closed, other } = await roundSetup({ closesAt: new Date(Date.now() - 1000) });
    await expect(startIdentification(closed, other.id)).rejects.toMatchObject({ key: "camp.students.round.closed" });
    expect(await prisma.campAttempt.count({ where: { roundId: closed.id } })).toBe(0);
  });

  it("saves answers as typed, refuses them after the deadline with nothing changed, and scores at the submission", async () => {
    const { round, me } = await roundSetup({ photos: 3, decoys: 1 });
    const start = new Date();
    const attemptId = await startIdentification(round, me.id, start);
    const items = await itemsOf(attemptId);
    for (const item of items) {
      const input = item.decoy
        ? { position: item.position, typedName: "", typedClass: "", typedDorm: "", markedNotMine: true }
        : { position: item.position, typedName: item.student.name, typedClass: item.student.className, typedDorm: "", markedNotMine: false };
      await saveItem(attemptId, input, me.id, start);
    }
    const first = items[0]!;
    // Typed again: the later answer replaces the earlier one.
    await saveItem(attemptId, { position: first.position, typedName: first.decoy ? "" : first.student.name, typedClass: first.decoy ? "" : first.student.className, typedDorm: first.student.dorm, markedNotMine: first.decoy }, me.id, start);

    const afterDeadline = new Date(start.getTime() + 10 * 60_000 + 1);
    await expect(saveItem(attemptId, { position: first.position, typedName: "改了", typedClass: "", typedDorm: "", markedNotMine: false }, me.id, afterDeadline)).rejects.toMatchObject({
      key: "camp.students.round.ended",
    });
    expect((await itemsOf(attemptId))[0]!.typedName).toBe(first.decoy ? "" : first.student.name);

    expect(await submitIdentification(attemptId, { userId: me.id })).toBe(true);
    expect(await submitIdentification(attemptId, { userId: me.id })).toBe(false);
    // 3 own photos: name + class (4 each), the first also its dorm unless it has none; the decoy marked: 3.
    const dormBonus = !first.decoy && first.student.dorm ? 1 : 0;
    const attempt = await prisma.campAttempt.findUniqueOrThrow({ where: { id: attemptId } });
    expect(Number(attempt.score)).toBe(3 * 4 + dormBonus + 3);
    expect(attempt.autoSubmitted).toBe(false);
    const totals = await identificationTotals(attemptId);
    const ownMax = items.filter((i) => !i.decoy).reduce((sum, i) => sum + (i.student.dorm ? 5 : 4), 0);
    expect(totals).toEqual({ points: 3 * 4 + dormBonus + 3, max: ownMax + 3 });
    await expect(saveItem(attemptId, { position: 0, typedName: "晚了", typedClass: "", typedDorm: "", markedNotMine: false }, me.id)).rejects.toMatchObject({ key: "camp.students.round.ended" });
  });

  it("submits overdue attempts by itself, marked as automatic, at the moment time ran out", async () => {
    const { round, me } = await roundSetup();
    const start = new Date(Date.now() - 11 * 60_000);
    const attemptId = await startIdentification(round, me.id, start);
    expect(await submitOverdueIdentifications()).toBeGreaterThanOrEqual(1);
    const attempt = await prisma.campAttempt.findUniqueOrThrow({ where: { id: attemptId } });
    expect(attempt).toMatchObject({ autoSubmitted: true, submittedAt: attempt.deadline });
    expect(Number(attempt.score)).toBe(0);
    expect(backgroundTaskNames()).toContain(identificationSweepPass.name);
  });

  it("submits an overdue attempt when its page is opened, before any sweep came by", async () => {
    const { camp, round, me } = await roundSetup();
    const attemptId = await startIdentification(round, me.id, new Date(Date.now() - 11 * 60_000));
    const page = await asUser(me.username, roundLoader, "/", { params: { campId: camp.id } });
    expect(page.data).toMatchObject({ state: "ended", attempt: { id: attemptId, submitted: true, autoSubmitted: true } });
    expect((await prisma.campAttempt.findUniqueOrThrow({ where: { id: attemptId } })).gradedAt).not.toBeNull();
  });
});

describe("the round's page and photos", () => {
  it("shows the taker their photos without the facts, serves only the photos drawn into their running attempt, and audits each", async () => {
    const { camp, me, other, mine } = await roundSetup({ photos: 2 });
    const params = { campId: camp.id };
    expect((await asUser(me.username, roundAction, `/camp/${camp.id}/identification`, { form: { intent: "start" }, params })).data).toMatchObject({ status: "success" });
    const page = await asUser(me.username, roundLoader, `/camp/${camp.id}/identification`, { params });
    expect(page.status).toBe(200);
    const shown = JSON.stringify(page.data);
    for (const name of ["张一", "张二", "张三", "张四", "一班", "1-101"]) expect(shown).not.toContain(name);
    const { attempt } = page.data as { attempt: { id: string; items: Array<{ studentId: string; position: number }> } };
    expect(attempt.items).toHaveLength(2);

    const drawn = attempt.items[0]!.studentId;
    const notDrawn = mine.find((id) => !attempt.items.some((i) => i.studentId === id))!;
    const served = await asUser(me.username, photoLoader, "/", { params: { campId: camp.id, studentId: drawn } });
    expect(served.status).toBe(200);
    expect(served.response!.headers.get("Cache-Control")).toBe("private, no-store");
    expect(served.response!.headers.get("Content-Disposition")).toBeNull();
    expect(await prisma.auditLog.findMany({ where: { actorId: me.id, action: "camp-student.view-photo" }, select: { entityId: true } })).toEqual([{ entityId: drawn }]);
    expect((await asUser(me.username, photoLoader, "/", { params: { campId: camp.id, studentId: notDrawn } })).status).toBe(403);
    expect((await asUser(other.username, photoLoader, "/", { params: { campId: camp.id, studentId: drawn } })).status).toBe(403);

    // Saving into someone else's attempt is refused, and so is a save once submitted.
    const save = { intent: "save", attemptId: attempt.id, position: "0", typedName: "张一" };
    expect((await asUser(other.username, roundAction, "/", { form: save, params })).status).toBe(403);
    expect((await asUser(me.username, roundAction, "/", { form: save, params })).data).toMatchObject({ status: "success" });
    expect((await asUser(me.username, roundAction, "/", { form: { ...save, typedName: "x".repeat(41) }, params })).status).toBe(400);
    expect((await asUser(me.username, roundAction, "/", { form: { intent: "submit", attemptId: attempt.id, confirmed: "yes" }, params })).data).toMatchObject({ status: "success" });
    expect((await asUser(me.username, roundAction, "/", { form: { ...save, typedName: "改了" }, params })).status).toBe(403);
    expect((await prisma.identificationItem.findFirstOrThrow({ where: { attemptId: attempt.id, position: 0 } })).typedName).toBe("张一");
    // After the submission the counselor no longer reaches even the drawn photo.
    expect((await asUser(me.username, photoLoader, "/", { params: { campId: camp.id, studentId: drawn } })).status).toBe(403);
  });
});
