import { describe, expect, it } from "vitest";
import { prisma } from "~/db/client.server.ts";
import { action as cutAction, loader as cutLoader } from "~/routes/camp.$campId_.rounds.$roundId.cut.tsx";
import { buildCollege, buildMentor, buildUser, type BuiltUser } from "../../../tests/support/factories.ts";
import { asUser } from "../../../tests/support/signed-in.ts";
import { createCamp } from "./camps.server.ts";
import { defaultCampInput } from "./schemas.ts";
import { openCamp } from "./transitions.server.ts";

/**
 * The cut (/camp/:id/rounds/:roundId/cut): the best N of the test go on to 案例研讨, everyone tied
 * with the N-th as well; refused while the test has no results; applied once, creating the
 * round's entries; only the organisers may.
 */

const text = (data: unknown) => JSON.stringify(data);

/** An open camp of `count` named people whose 案例研讨 takes the best `top` of the knowledge test. */
async function campWithCut(title: string, count: number, top: number) {
  const admin = await buildUser({ roles: ["ADMIN"] });
  const input = defaultCampInput(2026);
  input.title = title;
  input.rounds.CASE_STUDY = { ...input.rounds.CASE_STUDY, cutFrom: "KNOWLEDGE_TEST", cutTop: top };
  const { id: campId } = await createCamp(input, admin.id);
  const people: BuiltUser[] = [];
  for (let i = 0; i < count; i += 1) people.push(await buildUser());
  await prisma.campTarget.createMany({ data: people.map((p) => ({ campId, kind: "PERSON" as const, userId: p.id })) });
  await openCamp(campId, admin.id);
  const rounds = Object.fromEntries((await prisma.campRound.findMany({ where: { campId }, select: { id: true, kind: true } })).map((r) => [r.kind, r.id]));
  const roundId = rounds.CASE_STUDY!;
  return { admin, people, campId, testRoundId: rounds.KNOWLEDGE_TEST!, roundId, url: `/camp/${campId}/rounds/${roundId}/cut`, params: { campId, roundId } };
}

describe("the cut into a judged round", () => {
  it("refuses while the source round has no results, then lets everyone tied at the border go on, once", async () => {
    const { admin, people, campId, testRoundId, roundId, url, params } = await campWithCut("晋级训练营", 6, 3);
    // No results yet: the page says why, applying is refused, nothing is written.
    const early = await asUser(admin.username, cutLoader, url, { params });
    expect(early.status).toBe(200);
    expect((early.data as { cut: { refusal: { key: string } } }).cut.refusal.key).toBe("camp.setup.errors.noSourceResults");
    const refused = await asUser(admin.username, cutAction, url, { params, form: { intent: "apply", confirmed: "yes" } });
    expect(refused.status).toBe(409);
    expect(text(refused.data)).toContain("来源环节还没有成绩，暂时不能确定晋级名单。");
    expect(await prisma.campRoundEntry.count({ where: { roundId } })).toBe(0);

    // Scores 95, 90, 88, 88, 70 and one absent: the 3rd and 4th tie at 88, so four go on.
    const scores = [95, 90, 88, 88, 70, null];
    await prisma.roundResult.createMany({ data: people.map((p, i) => ({ roundId: testRoundId, campId, userId: p.id, score: scores[i], flags: scores[i] === null ? ["ABSENT" as const] : [] })) });
    const shown = await asUser(admin.username, cutLoader, url, { params });
    const plan = (shown.data as { cut: { plan: { rows: Array<{ userId: string; rank: number; advances: boolean }>; advancing: number; tiedAtBorder: boolean; unscored: number } } }).cut.plan;
    expect(plan.rows.map((r) => [r.rank, r.advances])).toEqual([
      [1, true],
      [2, true],
      [3, true],
      [3, true],
      [5, false],
    ]);
    expect(plan).toMatchObject({ advancing: 4, tiedAtBorder: true, unscored: 1 });

    const asked = await asUser(admin.username, cutAction, url, { params, form: { intent: "apply" } });
    expect((asked.data as { status: string }).status).toBe("confirm");
    expect(await prisma.campRoundEntry.count({ where: { roundId } })).toBe(0);
    const applied = await asUser(admin.username, cutAction, url, { params, form: { intent: "apply", confirmed: "yes" } });
    expect(applied.status).toBe(200);
    const entered = await prisma.campRoundEntry.findMany({ where: { roundId }, select: { userId: true } });
    expect(entered.map((e) => e.userId).sort()).toEqual(people.slice(0, 4).map((p) => p.id).sort());
    expect((await prisma.campRound.findUniqueOrThrow({ where: { id: roundId }, select: { entriesFixedAt: true } })).entriesFixedAt).not.toBeNull();
    expect(await prisma.notification.count({ where: { type: "camp.setup.notices.advanced", userId: { in: people.map((p) => p.id) } } })).toBe(4);

    const twice = await asUser(admin.username, cutAction, url, { params, form: { intent: "apply", confirmed: "yes" } });
    expect(twice.status).toBe(409);
    expect(text(twice.data)).toContain("晋级名单已经确认过了。");
    expect(await prisma.campRoundEntry.count({ where: { roundId } })).toBe(4);
  });

  it("is for the organisers: a participant, a college admin and a mentor are refused; a round of another camp is not found", async () => {
    const { people, campId, testRoundId, roundId, url, params } = await campWithCut("越权晋级训练营", 3, 1);
    await prisma.roundResult.createMany({ data: people.map((p, i) => ({ roundId: testRoundId, campId, userId: p.id, score: 90 - i })) });
    const college = await buildCollege();
    for (const person of [people[0]!, await buildUser({ roles: ["COLLEGE_ADMIN"], college }), (await buildMentor()).user]) {
      expect((await asUser(person.username, cutLoader, url, { params })).status).toBe(403);
      expect((await asUser(person.username, cutAction, url, { params, form: { intent: "apply", confirmed: "yes" } })).status).toBe(403);
    }
    expect(await prisma.campRoundEntry.count({ where: { roundId } })).toBe(0);
    const other = await campWithCut("另一训练营", 1, 1);
    const foreign = await asUser(other.admin.username, cutLoader, `/camp/${other.campId}/rounds/${roundId}/cut`, { params: { campId: other.campId, roundId } });
    expect(foreign.status).toBe(404);
  });
});
