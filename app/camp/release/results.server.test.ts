import { describe, expect, it } from "vitest";
import { prisma } from "~/db/client.server.ts";
import { isUserError } from "~/lib/user-error.ts";
import { can } from "~/policy/index.ts";
import { menuFor } from "~/training/progress.server.ts";
import { buildCollege, buildScoredCamp, buildUser, unique, buildUpcomingCourse } from "../../../tests/support/factories.ts";
import { findCampAccess, findResultAccess } from "../access.server.ts";
import { computeCampResults, computeRoundResults } from "./compute.server.ts";
import { releaseCheck, releaseResults } from "./release.server.ts";
import { campOverview, personalResults } from "./views.server.ts";

/**
 * Results, radar, totals, recommendations and the release (issue 20 §6) on the real database,
 * from a camp whose figures are worked out by hand in `buildScoredCamp` (tests/support/factories.ts).
 */

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: unknown) => (isUserError(error) ? error.key : Promise.reject(error)),
  );

const resultsOf = async (roundId: string) =>
  Object.fromEntries(
    (await prisma.roundResult.findMany({ where: { roundId } })).map((r) => [r.userId, { score: r.score === null ? null : Number(r.score), flags: r.flags, judges: r.judgeCount }]),
  );


describe("round results", () => {
  it("scores the test and 人物辨识 out of 100 from the attempts, and marks who has no attempt ABSENT", async () => {
    const camp = await buildScoredCamp();
    await computeRoundResults(camp.round.KNOWLEDGE_TEST);
    await computeRoundResults(camp.round.IDENTIFICATION);
    expect(await resultsOf(camp.round.KNOWLEDGE_TEST)).toEqual({
      [camp.a.id]: { score: 50, flags: [], judges: 0 },
      [camp.b.id]: { score: 100, flags: [], judges: 0 },
      [camp.c.id]: { score: null, flags: ["ABSENT"], judges: 0 },
    });
    expect(await resultsOf(camp.round.IDENTIFICATION)).toEqual({
      [camp.a.id]: { score: 80, flags: [], judges: 0 },
      [camp.b.id]: { score: 50, flags: [], judges: 0 },
      [camp.c.id]: { score: null, flags: ["ABSENT"], judges: 0 },
    });
  });

  it("scores a judged round by its rule and flags disagreement, too few judges and absence", async () => {
    const camp = await buildScoredCamp();
    await computeRoundResults(camp.round.TALK);
    expect(await resultsOf(camp.round.TALK)).toEqual({
      [camp.a.id]: { score: 85, flags: ["DISAGREEMENT"], judges: 3 },
      [camp.b.id]: { score: null, flags: ["DISAGREEMENT", "TOO_FEW_JUDGES"], judges: 2 },
      [camp.c.id]: { score: null, flags: ["ABSENT"], judges: 0 },
    });
    // By the mean with a tolerance of 10, B has a score (55), still too few judges, and a spread of exactly 10 is no disagreement; a re-run replaces, never adds.
    await prisma.campRound.update({ where: { id: camp.round.TALK }, data: { scoringRule: "MEAN", disagreementTolerance: 10 } });
    await computeRoundResults(camp.round.TALK);
    expect(await resultsOf(camp.round.TALK)).toMatchObject({
      [camp.a.id]: { score: 85, flags: [] },
      [camp.b.id]: { score: 55, flags: ["TOO_FEW_JUDGES"] },
    });
    expect(await prisma.roundResult.count({ where: { roundId: camp.round.TALK } })).toBe(3);
  });
});

describe("camp results", () => {
  it("writes the radar per duty, the totals by the weights with a round switched off, and nothing for the switched-off round", async () => {
    const camp = await buildScoredCamp();
    await computeCampResults(camp.id);
    const duties = await prisma.campDutyScore.findMany({ where: { campId: camp.id }, orderBy: [{ userId: "asc" }, { duty: "asc" }] });
    const radar = (userId: string) => Object.fromEntries(duties.filter((d) => d.userId === userId).map((d) => [d.duty, Number(d.earned) / Number(d.possible)]));
    expect(radar(camp.a.id)).toEqual({ CRISIS: 0.925, CAREER: 0, MENTAL_HEALTH: 0.85 });
    expect(radar(camp.b.id)).toEqual({ CRISIS: 0.775, CAREER: 1, MENTAL_HEALTH: 0.55 });
    // Nothing measured, no row: a gap on the radar, not a zero.
    expect(radar(camp.c.id)).toEqual({});
    const totals = Object.fromEntries(
      (await prisma.campParticipant.findMany({ where: { campId: camp.id } })).map((p) => [p.userId, p.total === null ? null : Number(p.total)]),
    );
    expect(totals).toEqual({ [camp.a.id]: 70, [camp.b.id]: 50, [camp.c.id]: 0 });
    expect(await prisma.roundResult.count({ where: { roundId: camp.round.CASE_STUDY } })).toBe(0);
  });

  it("recommends a course for each weak duty against the stage median, and the menu ranks it first with the reason", async () => {
    const career = await buildUpcomingCourse("CAREER");
    const mental = await buildUpcomingCourse("MENTAL_HEALTH");
    const camp = await buildScoredCamp();
    await releaseResults(camp.id, camp.organiser.id);
    const recommendations = await prisma.campRecommendation.findMany({ where: { campId: camp.id }, orderBy: { userId: "asc" } });
    expect(recommendations.map((r) => [r.userId, r.courseId, r.duty, r.reasonKey])).toEqual(
      expect.arrayContaining([
        [camp.a.id, career.id, "CAREER", "training.reasons.campWeakDuty"],
        [camp.b.id, mental.id, "MENTAL_HEALTH", "training.reasons.campWeakDuty"],
      ]),
    );
    expect(recommendations).toHaveLength(2);

    const menu = await menuFor(camp.a.id);
    expect(menu.electives[0]).toMatchObject({ id: career.id, reason: { key: "training.reasons.campWeakDuty", duty: "CAREER" } });
    // Dismissed, it leaves the menu and a re-computation does not bring it back.
    await prisma.campRecommendation.updateMany({ where: { campId: camp.id, userId: camp.a.id }, data: { dismissedAt: new Date() } });
    await computeCampResults(camp.id);
    expect((await menuFor(camp.a.id)).electives.find((c) => c.id === career.id)?.reason.key).not.toBe("training.reasons.campWeakDuty");
    const again = await prisma.campRecommendation.findMany({ where: { campId: camp.id, userId: camp.a.id, courseId: career.id } });
    expect(again.map((r) => r.dismissedAt === null)).toEqual([false]);

    const mine = await personalResults(camp.id, camp.b.id);
    expect(mine.weakAreas.map((w) => w.duty)).toEqual(["MENTAL_HEALTH"]);
    expect(mine.recommendations.map((r) => r.courseId)).toEqual([mental.id]);
    expect(mine.stageMedian.CAREER).toBe(0.5);
  });

  it("ranks by total with the organisers' statistics", async () => {
    const camp = await buildScoredCamp();
    await computeCampResults(camp.id);
    const overview = await campOverview(camp.id);
    expect(overview.ranking.map((r) => [r.rank, r.userId, r.total])).toEqual([
      [1, camp.a.id, 70],
      [2, camp.b.id, 50],
      [3, camp.c.id, 0],
    ]);
    expect(overview.weakestDuties.map((d) => d.duty)).toEqual(["CAREER", "MENTAL_HEALTH", "CRISIS"]);
    const talk = overview.distributions.find((d) => d.kind === "TALK")!;
    expect(talk.counts).toEqual([0, 0, 0, 1, 0]);
    expect(overview.consistency.map((c) => c.kind)).toEqual(["TALK"]);
    expect(overview.consistency[0]!.judges).toHaveLength(3);
  });
});

describe("releasing the results", () => {
  it("releases once, notifies every participant with a link to their results, and shows the check before", async () => {
    const camp = await buildScoredCamp();
    const check = await releaseCheck(camp.id);
    expect(check.map((r) => r.kind)).toEqual(["KNOWLEDGE_TEST", "IDENTIFICATION", "TALK"]);
    expect(check.find((r) => r.kind === "TALK")!.openSheets).toBe(4);
    await releaseResults(camp.id, camp.organiser.id);
    const after = await prisma.camp.findUniqueOrThrow({ where: { id: camp.id } });
    expect(after.status).toBe("RELEASED");
    expect(after.releasedAt).not.toBeNull();
    const notices = await prisma.notification.findMany({ where: { type: "camp.release.notices.released", userId: { in: [camp.a.id, camp.b.id, camp.c.id] } } });
    expect(notices.map((n) => n.link).sort()).toEqual([camp.a.id, camp.b.id, camp.c.id].map((id) => `/camp/${camp.id}/results/${id}`).sort());
    expect(await prisma.auditLog.count({ where: { entityId: camp.id, action: "camp.release" } })).toBe(1);
    // A second release is refused and changes nothing.
    expect(await refusal(releaseResults(camp.id, camp.organiser.id))).toBe("camp.release.errors.notScoring");
    expect(await prisma.notification.count({ where: { type: "camp.release.notices.released", userId: camp.a.id } })).toBe(1);
  });

  it("is refused outside scoring, writing nothing", async () => {
    const camp = await buildScoredCamp({ status: "OPEN" });
    expect(await refusal(releaseResults(camp.id, camp.organiser.id))).toBe("camp.release.errors.notScoring");
    expect((await prisma.camp.findUniqueOrThrow({ where: { id: camp.id } })).status).toBe("OPEN");
    expect(await prisma.roundResult.count({ where: { campId: camp.id } })).toBe(0);
    expect(await prisma.notification.count({ where: { type: "camp.release.notices.released", userId: camp.a.id } })).toBe(0);
  });

  it("is for the organisers while scoring: participants, judges, a college admin and outsiders are denied", async () => {
    const camp = await buildScoredCamp();
    const collegeAdmin = await buildUser({ roles: ["COLLEGE_ADMIN"], college: { id: camp.a.collegeId! } });
    const admin = await buildUser({ roles: ["ADMIN"] });
    const outsider = await buildUser({ college: await buildCollege() });
    const allowed = async (user: typeof admin) => can(user, "camp:release", (await findCampAccess(user, camp.id))!);
    expect(await allowed(camp.organiser)).toBe(true);
    expect(await allowed(admin)).toBe(true);
    for (const denied of [camp.a, camp.judges[0]!, collegeAdmin, outsider]) expect(await allowed(denied)).toBe(false);
    const open = await buildScoredCamp({ status: "OPEN", organiser: camp.organiser });
    expect(can(camp.organiser, "camp:release", (await findCampAccess(camp.organiser, open.id))!)).toBe(false);
  });

  it("shows a counselor their own results only after the release, and never another's", async () => {
    const camp = await buildScoredCamp();
    const sees = async (viewer: typeof camp.a, whose: typeof camp.a) => can(viewer, "camp-result:view", (await findResultAccess(viewer, camp.id, whose.id))!);
    expect(await sees(camp.a, camp.a)).toBe(false);
    expect(await sees(camp.organiser, camp.a)).toBe(true);
    await releaseResults(camp.id, camp.organiser.id);
    expect(await sees(camp.a, camp.a)).toBe(true);
    expect(await sees(camp.a, camp.b)).toBe(false);
    expect(await sees(camp.judges[0]!, camp.a)).toBe(false);
  });
});
