import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { prisma } from "~/db/client.server.ts";
import { UserError } from "~/lib/user-error.ts";
import { buildUser } from "../../tests/support/factories.ts";
import {
  addByHand,
  excludePair,
  getBoard,
  getCandidates,
  loadMatchInput,
  publish,
  releaseAssignment,
  removeProposal,
  respond,
  runMatching,
  setLocked,
  unexclude,
} from "./matching.server.ts";
import { updateMatchingSettings } from "./matching-settings.server.ts";
import { DEFAULT_WEIGHTS } from "./matching/scoring.ts";

/**
 * The matching workflow on the real (seeded) database: 24 directions, 16 with accepted mentors,
 * 40 mentors. Each test starts from the seed's state of the matching (no proposals, no runs).
 */
let adminId: string;

beforeAll(async () => {
  adminId = (await buildUser({ roles: ["ADMIN"] })).id;
});

beforeEach(async () => {
  await prisma.mentorAssignment.deleteMany({ where: { status: { not: "ACCEPTED" } } });
  await prisma.matchingRun.deleteMany();
  await prisma.setting.deleteMany({ where: { key: "matching" } });
  await prisma.direction.updateMany({ data: { internalMentorTarget: 1, externalMentorTarget: 1 } });
});

async function pending() {
  return prisma.mentorAssignment.findMany({
    where: { status: "PROPOSED" },
    include: { mentor: { include: { user: true } }, direction: { include: { studio: { include: { memberships: true } } } } },
    orderBy: { id: "asc" },
  });
}

async function thrown(promise: Promise<unknown>): Promise<UserError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(UserError);
  return error as UserError;
}

describe("running the matching", () => {
  it("proposes mentors for every open slot it can, within the rules, and records the run with an audit entry", async () => {
    const outcome = await runMatching(adminId);
    if (!outcome.ok) throw new Error(JSON.stringify(outcome.problems));
    const rows = await pending();
    expect(rows.length).toBe(outcome.stats.filled);
    expect(outcome.stats.slots).toBeGreaterThanOrEqual(16); // the 8 directions without mentors, internal and external
    expect(outcome.stats.filled + outcome.unfilled.reduce((s, u) => s + u.missing, 0)).toBe(outcome.stats.slots);

    const load = new Map<string, number>();
    for (const a of await prisma.mentorAssignment.findMany({ where: { status: { in: ["ACCEPTED", "PROPOSED"] } } })) {
      load.set(a.mentorId, (load.get(a.mentorId) ?? 0) + 1);
    }
    for (const row of rows) {
      expect(row.mentor.available).toBe(true);
      expect(row.mentor.expertiseDuties).toContain(row.direction.studio.duty);
      expect(row.direction.studio.memberships.map((m) => m.userId)).not.toContain(row.mentor.userId);
      expect(load.get(row.mentorId)).toBeLessThanOrEqual(row.mentor.capacity);
      expect(row.runId).toBe(outcome.runId);
      expect(row.scoreBreakdown).toMatchObject({ duty: { level: expect.any(String) }, total: Math.round(row.score! * 100) });
    }
    const run = await prisma.matchingRun.findUniqueOrThrow({ where: { id: outcome.runId } });
    expect(run).toMatchObject({ kind: "FULL", startedById: adminId, slotsFilled: outcome.stats.filled });
    expect(run.objective).toBeGreaterThanOrEqual(run.greedyObjective! - 1e-9);
    const audit = await prisma.auditLog.findFirstOrThrow({ where: { action: "matching.run", entityId: outcome.runId } });
    expect(audit.actorId).toBe(adminId);
  });

  it("re-runs around locks, exclusions and pairs added by hand", async () => {
    const first = await runMatching(adminId);
    if (!first.ok) throw new Error("run failed");
    const [keep, drop] = await pending();
    await setLocked(adminId, keep!.id, true);
    await excludePair(adminId, { assignmentId: drop!.id });
    // A pair by hand on a direction that has room: raise a target first.
    const direction = await prisma.direction.findFirstOrThrow({ where: { mentorAssignments: { none: { status: "ACCEPTED" } } }, include: { studio: true } });
    await prisma.direction.update({ where: { id: direction.id }, data: { internalMentorTarget: 3 } });
    const expert = await prisma.mentor.findFirstOrThrow({
      where: { kind: "INTERNAL", available: true, expertiseDuties: { has: direction.studio.duty }, assignments: { none: { directionId: direction.id } } },
    });
    await prisma.mentor.update({ where: { id: expert.id }, data: { capacity: 8 } });
    const manual = await addByHand(adminId, direction.id, expert.id);

    const second = await runMatching(adminId);
    if (!second.ok) throw new Error("second run failed");
    const after = await pending();
    expect(after.find((a) => a.id === keep!.id)).toMatchObject({ locked: true, mentorId: keep!.mentorId });
    expect(after.find((a) => a.id === manual.id)).toMatchObject({ locked: true, manual: true });
    expect(after.some((a) => a.directionId === drop!.directionId && a.mentorId === drop!.mentorId)).toBe(false);
    expect(await prisma.mentorAssignment.findUniqueOrThrow({ where: { id: drop!.id } })).toMatchObject({ status: "EXCLUDED" });
    expect(await prisma.auditLog.count({ where: { action: { in: ["matching.lock", "matching.exclude", "matching.add"] } } })).toBeGreaterThanOrEqual(3);

    // Unexcluding makes the pair possible again; removing a proposal deletes it.
    await unexclude(adminId, drop!.id);
    expect(await prisma.mentorAssignment.findUnique({ where: { id: drop!.id } })).toBeNull();
    const someUnlocked = (await pending()).find((a) => !a.locked)!;
    await removeProposal(adminId, someUnlocked.id);
    expect(await prisma.mentorAssignment.findUnique({ where: { id: someUnlocked.id } })).toBeNull();
  });

  it("answers contradictions with clear problems and changes nothing", async () => {
    const first = await runMatching(adminId);
    if (!first.ok) throw new Error("run failed");
    const before = await pending();
    // A direction's target lowered behind the scenes below what it already holds.
    const held = await prisma.mentorAssignment.findFirstOrThrow({ where: { status: "ACCEPTED", mentor: { kind: "INTERNAL" } }, include: { direction: true } });
    const mentor = await prisma.mentor.findFirstOrThrow({
      where: { kind: "INTERNAL", available: true, id: { not: held.mentorId }, assignments: { none: { directionId: held.directionId } } },
    });
    await prisma.mentorAssignment.create({ data: { directionId: held.directionId, mentorId: mentor.id, status: "PROPOSED", locked: true, manual: true } });
    const runs = await prisma.matchingRun.count();

    const outcome = await runMatching(adminId);
    expect(outcome.ok).toBe(false);
    expect(!outcome.ok && outcome.problems).toContainEqual(
      expect.objectContaining({ key: "problems.overTarget", params: expect.objectContaining({ direction: held.direction.name, kind: "INTERNAL", held: 2, target: 1 }) }),
    );
    expect(await prisma.matchingRun.count()).toBe(runs);
    const after = await pending();
    expect(after.filter((a) => a.mentorId !== mentor.id || a.directionId !== held.directionId).map((a) => a.id)).toEqual(before.map((a) => a.id));
  });

  it("never matches a mentor to a studio they lead, and optionally not to a leader of their own college", async () => {
    // A studio's leader (a counselor) joins the pool as an internal expert of their studio's duty;
    // another studio of that duty could use them.
    const studios = await prisma.studio.findMany({ where: { archivedAt: null }, orderBy: { name: "asc" }, include: { memberships: { where: { role: "LEADER" } } } });
    const studio = studios.find((s) => studios.some((other) => other.id !== s.id && other.duty === s.duty))!;
    const leader = await prisma.user.findUniqueOrThrow({ where: { id: studio.memberships[0]!.userId } });
    const elsewhere = await prisma.direction.findMany({ where: { studio: { duty: studio.duty }, studioId: { not: studio.id } }, orderBy: { id: "asc" } });
    const keywords = [...new Set(elsewhere.flatMap((d) => d.keywords))].slice(0, 3);
    const leaderMentor = await prisma.mentor.create({
      data: { userId: leader.id, kind: "INTERNAL", expertiseDuties: [studio.duty], keywords, capacity: 10, rank: "SENIOR" },
    });
    await prisma.user.update({ where: { id: leader.id }, data: { roles: ["COUNSELOR", "MENTOR"] } });
    // Every direction of that duty asks for three internal mentors, so the leader would be wanted everywhere.
    await prisma.direction.updateMany({ where: { studio: { duty: studio.duty } }, data: { internalMentorTarget: 3 } });
    const outcome = await runMatching(adminId);
    if (!outcome.ok) throw new Error(JSON.stringify(outcome.problems));
    try {
      const theirs = await prisma.mentorAssignment.findMany({ where: { mentorId: leaderMentor.id }, include: { direction: true } });
      expect(theirs.length).toBeGreaterThan(0); // wanted elsewhere…
      expect(theirs.every((a) => a.direction.studioId !== studio.id)).toBe(true); // …but never at home
    } finally {
      await prisma.mentor.delete({ where: { id: leaderMentor.id } });
      await prisma.user.update({ where: { id: leader.id }, data: { roles: leader.roles } });
    }

    // The optional rule: internal mentors from the leader's college stay away from the studio.
    await updateMatchingSettings({ weights: DEFAULT_WEIGHTS, requireDutyMatch: true, excludeLeaderCollege: true }, adminId);
    const again = await runMatching(adminId);
    if (!again.ok) throw new Error(JSON.stringify(again.problems));
    const rows = await prisma.mentorAssignment.findMany({
      where: { status: "PROPOSED", mentor: { kind: "INTERNAL" } },
      include: { mentor: { include: { user: true } }, direction: { include: { studio: { include: { memberships: { where: { role: "LEADER" }, include: { user: true } } } } } } },
    });
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      const leaderCollege = row.direction.studio.memberships[0]!.user.collegeId;
      expect(row.mentor.user.collegeId === null || row.mentor.user.collegeId !== leaderCollege).toBe(true);
    }
  });

  it("refuses manual pairs that break the rules, and writes nothing", async () => {
    const accepted = await prisma.mentorAssignment.findFirstOrThrow({ where: { status: "ACCEPTED", mentor: { kind: "EXTERNAL" } }, include: { direction: { include: { studio: true } } } });
    const audits = await prisma.auditLog.count();
    // The direction already has its one external mentor.
    const other = await prisma.mentor.findFirstOrThrow({ where: { kind: "EXTERNAL", available: true, id: { not: accepted.mentorId }, assignments: { none: {} } } });
    expect((await thrown(addByHand(adminId, accepted.directionId, other.id)))).toMatchObject({ key: "mentors.errors.slotFull", params: { kind: "EXTERNAL", target: 1 } });
    // The same mentor twice.
    expect((await thrown(addByHand(adminId, accepted.directionId, accepted.mentorId))).key).toBe("mentors.candidate.already");
    // A mentor who is full.
    const full = await prisma.mentor.findFirstOrThrow({ where: { kind: "INTERNAL", capacity: 1, assignments: { some: { status: "ACCEPTED" } } } });
    const room = await prisma.direction.findFirstOrThrow({ where: { mentorAssignments: { none: {} } } });
    expect((await thrown(addByHand(adminId, room.id, full.id)))).toMatchObject({ key: "mentors.candidate.full", params: { capacity: 1 } });
    // An unavailable mentor.
    const away = await prisma.mentor.findFirstOrThrow({ where: { kind: "INTERNAL", available: false } });
    expect((await thrown(addByHand(adminId, room.id, away.id))).key).toBe("mentors.candidate.unavailable");
    expect(await prisma.auditLog.count()).toBe(audits);
    expect(await prisma.mentorAssignment.count({ where: { status: "PROPOSED" } })).toBe(0);
  });
});

describe("publishing and answering", () => {
  it("invites every proposed mentor; an acceptance notifies 学工部 and the studio's leader", async () => {
    const outcome = await runMatching(adminId);
    if (!outcome.ok) throw new Error("run failed");
    const proposed = await pending();
    const count = await publish(adminId);
    expect(count).toBe(proposed.length);
    const invited = await prisma.mentorAssignment.findMany({ where: { id: { in: proposed.map((p) => p.id) } } });
    expect(invited.every((a) => a.status === "INVITED" && a.invitedAt !== null)).toBe(true);
    for (const p of proposed) {
      expect(await prisma.notification.count({ where: { userId: p.mentor.userId, type: "mentors.notices.invited", link: "/mentoring" } })).toBeGreaterThan(0);
    }
    expect(await prisma.auditLog.findFirst({ where: { action: "matching.publish" } })).toMatchObject({ actorId: adminId, data: { count } });
    // Nothing left to publish.
    expect((await thrown(publish(adminId))).key).toBe("mentors.errors.nothingToPublish");

    const invitation = proposed[0]!;
    await respond(invitation.mentor.userId, invitation.id, "accept", null);
    expect(await prisma.mentorAssignment.findUniqueOrThrow({ where: { id: invitation.id } })).toMatchObject({ status: "ACCEPTED", respondedAt: expect.any(Date) });
    const leader = invitation.direction.studio.memberships.find((m) => m.role === "LEADER")!;
    expect(await prisma.notification.count({ where: { userId: leader.userId, type: "mentors.notices.accepted" } })).toBe(1);
    expect(await prisma.notification.count({ where: { userId: adminId, type: "mentors.notices.accepted" } })).toBe(1);
    expect(await prisma.auditLog.findFirst({ where: { action: "mentoring.accept", entityId: invitation.id } })).toMatchObject({ actorId: invitation.mentor.userId });
    // An answered invitation cannot be answered again.
    expect((await thrown(respond(invitation.mentor.userId, invitation.id, "decline", null))).key).toBe("mentors.errors.alreadyAnswered");
  });

  it("a decline re-matches only that slot, with a replacement proposal for 学工部 to publish", async () => {
    const outcome = await runMatching(adminId);
    if (!outcome.ok) throw new Error("run failed");
    await publish(adminId);
    const invitations = await prisma.mentorAssignment.findMany({ where: { status: "INVITED" }, include: { mentor: true }, orderBy: { id: "asc" } });
    const declined = invitations[0]!;
    const others = invitations.slice(1).map((i) => ({ id: i.id, status: i.status, mentorId: i.mentorId }));

    const result = await respond(declined.mentor.userId, declined.id, "decline", "本学期出国访学");
    expect(result).toMatchObject({ decision: "decline" });
    expect(await prisma.mentorAssignment.findUniqueOrThrow({ where: { id: declined.id } })).toMatchObject({ status: "DECLINED", responseNote: "本学期出国访学" });
    // Everyone else is untouched…
    const now = await prisma.mentorAssignment.findMany({ where: { id: { in: others.map((o) => o.id) } }, orderBy: { id: "asc" } });
    expect(now.map((o) => ({ id: o.id, status: o.status, mentorId: o.mentorId }))).toEqual(others);
    // …and the new proposals are for that slot only, never the mentor who declined.
    const fresh = await prisma.mentorAssignment.findMany({ where: { status: "PROPOSED" }, include: { mentor: true } });
    expect(fresh.length).toBe(result.decision === "decline" ? result.replacements : -1);
    for (const p of fresh) {
      expect(p.directionId).toBe(declined.directionId);
      expect(p.mentor.kind).toBe(declined.mentor.kind);
      expect(p.mentorId).not.toBe(declined.mentorId);
    }
    const slotRun = await prisma.matchingRun.findFirstOrThrow({ where: { kind: "SLOT" } });
    expect(slotRun.directionId).toBe(declined.directionId);
    expect(await prisma.auditLog.findFirst({ where: { action: "mentoring.decline", entityId: declined.id } })).toMatchObject({ data: expect.objectContaining({ note: "本学期出国访学" }) });
    const notice = await prisma.notification.findFirstOrThrow({ where: { userId: adminId, type: { in: ["mentors.notices.declined", "mentors.notices.declinedReplaced"] } } });
    expect(notice.link).toBe("/admin/matching");
    // The decliner is never proposed for that direction again.
    const input = await loadMatchInput();
    expect(input.exclusions).toContainEqual({ directionId: declined.directionId, mentorId: declined.mentorId, reason: "DECLINED" });
  });

  it("releases an accepted mentorship and tells the mentor", async () => {
    const accepted = await prisma.mentorAssignment.findFirstOrThrow({ where: { status: "ACCEPTED" }, include: { mentor: true } });
    await releaseAssignment(adminId, accepted.id);
    expect(await prisma.mentorAssignment.findUnique({ where: { id: accepted.id } })).toBeNull();
    expect(await prisma.notification.count({ where: { userId: accepted.mentor.userId, type: "mentors.notices.released" } })).toBe(1);
    expect(await prisma.auditLog.count({ where: { action: "matching.release", entityId: accepted.id } })).toBe(1);
  });
});

describe("board and candidates", () => {
  it("shows every direction with its slots, open ones with the reason from the last run", async () => {
    // No external mentor knows CRISIS any more: the run must say so for the CRISIS studio.
    const crisis = await prisma.direction.findMany({ where: { studio: { duty: "CRISIS" } } });
    await prisma.mentorAssignment.deleteMany({ where: { directionId: { in: crisis.map((d) => d.id) }, mentor: { kind: "EXTERNAL" } } });
    const externals = await prisma.mentor.findMany({ where: { kind: "EXTERNAL", expertiseDuties: { has: "CRISIS" } } });
    for (const m of externals) {
      await prisma.mentor.update({ where: { id: m.id }, data: { expertiseDuties: m.expertiseDuties.filter((d) => d !== "CRISIS").concat(m.expertiseDuties.length === 1 ? ["CAREER"] : []) } });
    }
    const outcome = await runMatching(adminId);
    if (!outcome.ok) throw new Error("run failed");
    const board = await getBoard({ page: 1, view: "open", duty: "CRISIS" });
    expect(board.rows.map((r) => r.id).sort()).toEqual(crisis.map((d) => d.id).sort());
    for (const row of board.rows) {
      const external = row.slots.find((s) => s.kind === "EXTERNAL")!;
      expect(external.open).toBe(1);
      expect(external.reason).toEqual({ key: "unfilled.noExpertise", params: { kind: "EXTERNAL", duty: "CRISIS" } });
    }
    const all = await getBoard({ page: 1, view: "all" });
    expect(all.directionsTotal).toBe(24);
    expect(all.rows).toHaveLength(20);
    expect((await getBoard({ page: 2, view: "all" })).rows).toHaveLength(4);
    expect(all.counts.proposed).toBe(outcome.stats.filled);
    expect(all.lastRun).toMatchObject({ id: outcome.runId, slotsFilled: outcome.stats.filled });
  });

  it("ranks a slot's candidates by fit and says why the others cannot be added", async () => {
    const direction = await prisma.direction.findFirstOrThrow({ where: { mentorAssignments: { none: {} } }, include: { studio: true } });
    const internals = await prisma.mentor.count({ where: { kind: "INTERNAL" } });
    const view = await getCandidates(direction.id, "INTERNAL", { page: 1, show: "all" });
    expect(view).not.toBeNull();
    const usable = view!.candidates.filter((c) => !c.obstacle && !c.warning);
    const totals = usable.map((c) => c.breakdown.total);
    expect(totals).toEqual([...totals].sort((a, b) => b - a));
    expect(view!.candidates.some((c) => c.obstacle?.key === "candidate.unavailable")).toBe(true);
    expect(view!.total).toBe(internals);
    const eligibleOnly = await getCandidates(direction.id, "INTERNAL", { page: 1, show: "eligible" });
    expect(eligibleOnly!.candidates.every((c) => !c.obstacle)).toBe(true);
    expect(await getCandidates("no-such-direction", "INTERNAL", { page: 1, show: "all" })).toBeNull();
  });
});
