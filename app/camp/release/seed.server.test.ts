import { fakerZH_CN as faker } from "@faker-js/faker";
import { describe, expect, it } from "vitest";
import { prisma } from "~/db/client.server.ts";
import { menuFor } from "~/training/progress.server.ts";
import { personalResults } from "./views.server.ts";
import { SEED_CAMP_ID, SEED_DRAFT_CAMP_ID, seedCamp } from "./seed.server.ts";

/** This file's database is a copy of the seeded template: the demo camps as `npm start` loads them. */
describe("the demo camps", () => {
  it("hold last year's released camp with every round scored and this year's camp in preparation", async () => {
    const camp = await prisma.camp.findUniqueOrThrow({ where: { id: SEED_CAMP_ID }, select: { status: true, year: true, releasedAt: true, rounds: { select: { kind: true, _count: { select: { results: true } } } } } });
    expect(camp.status).toBe("RELEASED");
    expect(camp.year).toBe(new Date().getUTCFullYear() - 1);
    const participants = await prisma.campParticipant.count({ where: { campId: SEED_CAMP_ID } });
    expect(participants).toBeGreaterThanOrEqual(20);
    expect(camp.rounds.map((r) => [r.kind, r._count.results]).sort()).toEqual(
      [["CASE_STUDY", participants], ["IDENTIFICATION", participants], ["KNOWLEDGE_TEST", participants], ["TALK", participants]].sort(),
    );
    expect(await prisma.campParticipant.count({ where: { campId: SEED_CAMP_ID, total: null } })).toBe(0);
    expect((await prisma.camp.findUniqueOrThrow({ where: { id: SEED_DRAFT_CAMP_ID } })).status).toBe("DRAFT");
  });

  it("shows the demo counselor a radar, her weak 校园危机事件应对 and a course for it in her menu", async () => {
    const counselor = await prisma.user.findUniqueOrThrow({ where: { username: "counselor" }, select: { id: true } });
    const results = await personalResults(SEED_CAMP_ID, counselor.id);
    expect(Object.values(results.radar).filter((share) => share !== null).length).toBe(9);
    expect(results.weakAreas.map((w) => w.duty)).toContain("CRISIS");
    const crisis = results.recommendations.find((r) => r.duty === "CRISIS");
    expect(crisis).toBeDefined();
    const menu = await menuFor(counselor.id);
    expect(menu.electives.find((c) => c.id === crisis!.courseId)?.reason).toEqual({ key: "training.reasons.campWeakDuty", duty: "CRISIS" });
  });

  it("adds nothing when run again", async () => {
    const count = () => Promise.all([prisma.camp.count(), prisma.campAttempt.count(), prisma.judgeAssignment.count(), prisma.campRecommendation.count(), prisma.question.count()]);
    const before = await count();
    faker.seed(1);
    await prisma.$transaction((db) => seedCamp({ db, now: new Date(), faker }), { timeout: 60_000 });
    expect(await count()).toEqual(before);
  });
});
