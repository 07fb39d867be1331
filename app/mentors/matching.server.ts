import type { Db } from "~/db/client.server.ts";
import { prisma } from "~/db/client.server.ts";
import type { Prisma } from "~/generated/prisma/client.ts";
import type { Duty, MentorAssignmentStatus, MentorKind } from "~/generated/prisma/enums.ts";
import { recordAudit } from "~/audit/audit.server.ts";
import { createNotifications, type NewNotification } from "~/notifications/notify.server.ts";
import { whoMay } from "~/policy/index.ts";
import { UserError } from "~/lib/user-error.ts";
import { explainedError } from "./explain-text.ts";
import { readMatchingSettings } from "./matching-settings.server.ts";
import { match, matchGreedy } from "./matching/engine.ts";
import { expertiseWarning, pairObstacle, scorePair } from "./matching/explain.ts";
import type { ScoreBreakdown } from "./matching/scoring.ts";
import type { Explained, MatchInput, MatchSettings, MatchStats, UnfilledSlot } from "./matching/types.ts";

/**
 * The matching workflow on the database: run (around locks) → proposals stay pending → lock /
 * exclude / add by hand → publish (invitations) → mentors accept or decline → a decline re-matches
 * only its slot. Every change is one transaction with its audit record and notifications; runs
 * and manual changes serialise on one advisory lock so two admins cannot interleave them.
 */

const MATCHING_LOCK = 4_204_001;
export const BOARD_PAGE_SIZE = 20;
export const CANDIDATES_PAGE_SIZE = 20;
const ACTIVE: MentorAssignmentStatus[] = ["ACCEPTED", "INVITED", "PROPOSED"];

async function lockMatching(tx: Db) {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${MATCHING_LOCK})`;
}

const jsonOf = (value: unknown) => value as Prisma.InputJsonValue;

// ─────────────────────────── Loading the input ───────────────────────────

// One read after another: in a run `db` is its transaction, whose one connection takes one query
// at a time (pg deprecates queuing them).
async function loadWorld(db: Db) {
  const directions = await db.direction.findMany({
    where: { studio: { archivedAt: null } },
    orderBy: { id: "asc" },
    select: {
      id: true,
      name: true,
      keywords: true,
      internalMentorTarget: true,
      externalMentorTarget: true,
      studio: { select: { id: true, name: true, duty: true, memberships: { select: { userId: true, role: true, user: { select: { collegeId: true } } } } } },
    },
  });
  const mentors = await db.mentor.findMany({
    orderBy: { id: "asc" },
    select: {
      id: true,
      kind: true,
      available: true,
      capacity: true,
      expertiseDuties: true,
      keywords: true,
      rank: true,
      user: { select: { id: true, name: true, active: true, collegeId: true } },
    },
  });
  const assignments = await db.mentorAssignment.findMany({ orderBy: { id: "asc" }, select: { id: true, directionId: true, mentorId: true, status: true, locked: true } });
  const preferences = await db.mentorPreference.findMany({ orderBy: { id: "asc" }, select: { studioId: true, mentorId: true, rank: true } });
  const settings = await readMatchingSettings(db);
  return { directions, mentors, assignments, preferences, settings };
}
type World = Awaited<ReturnType<typeof loadWorld>>;

function toInput(world: World, options: { keepUnlocked: boolean; scope?: MatchInput["scope"] }): MatchInput {
  const known = new Set(world.directions.map((d) => d.id));
  return {
    directions: world.directions.map((d) => ({
      id: d.id,
      name: d.name,
      studioId: d.studio.id,
      studioName: d.studio.name,
      duty: d.studio.duty,
      keywords: d.keywords,
      targets: { INTERNAL: d.internalMentorTarget, EXTERNAL: d.externalMentorTarget },
      memberUserIds: d.studio.memberships.map((m) => m.userId),
      leaderUserIds: d.studio.memberships.filter((m) => m.role === "LEADER").map((m) => m.userId),
      leaderCollegeIds: d.studio.memberships.filter((m) => m.role === "LEADER" && m.user.collegeId).map((m) => m.user.collegeId!),
    })),
    mentors: world.mentors.map((m) => ({
      id: m.id,
      name: m.user.name,
      userId: m.user.id,
      kind: m.kind,
      available: m.available && m.user.active,
      capacity: m.capacity,
      duties: m.expertiseDuties,
      keywords: m.keywords,
      rank: m.rank,
      collegeId: m.user.collegeId,
    })),
    holdings: world.assignments
      .filter((a) => known.has(a.directionId))
      .filter((a) => a.status === "ACCEPTED" || a.status === "INVITED" || (a.status === "PROPOSED" && (a.locked || options.keepUnlocked)))
      .map((a) => ({ directionId: a.directionId, mentorId: a.mentorId, status: a.status as "ACCEPTED" | "INVITED" | "PROPOSED", locked: a.locked })),
    exclusions: world.assignments
      .filter((a) => a.status === "EXCLUDED" || a.status === "DECLINED")
      .map((a) => ({ directionId: a.directionId, mentorId: a.mentorId, reason: a.status as "EXCLUDED" | "DECLINED" })),
    preferences: world.preferences,
    settings: world.settings,
    scope: options.scope,
  };
}

/** The current input as the next full run would see it (for tests and diagnostics). */
export async function loadMatchInput(db: Db = prisma): Promise<MatchInput> {
  return toInput(await loadWorld(db), { keepUnlocked: false });
}

// ─────────────────────────── Running ───────────────────────────

export type RunOutcome =
  | { ok: true; runId: string; stats: MatchStats; unfilled: UnfilledSlot[]; greedyObjective: number; removed: number }
  | { ok: false; problems: Explained[] };

async function saveRun(
  tx: Db,
  kind: "FULL" | "SLOT",
  actorId: string | null,
  settings: MatchSettings,
  result: { stats: MatchStats; unfilled: UnfilledSlot[]; proposals: Array<{ directionId: string; mentorId: string; score: number; breakdown: ScoreBreakdown }> },
  extra: { greedyObjective?: number; durationMs: number; directionId?: string },
) {
  const run = await tx.matchingRun.create({
    data: {
      kind,
      directionId: extra.directionId ?? null,
      startedById: actorId,
      settings: jsonOf(settings),
      slotsTotal: result.stats.slots,
      slotsFilled: result.stats.filled,
      firstSlotsTotal: result.stats.firstSlots,
      firstSlotsFilled: result.stats.firstFilled,
      objective: result.stats.objective / 100,
      greedyObjective: extra.greedyObjective === undefined ? null : extra.greedyObjective / 100,
      unfilled: jsonOf(result.unfilled),
      durationMs: Math.round(extra.durationMs),
    },
  });
  if (result.proposals.length) {
    await tx.mentorAssignment.createMany({
      data: result.proposals.map((p) => ({
        directionId: p.directionId,
        mentorId: p.mentorId,
        status: "PROPOSED" as const,
        locked: false,
        manual: false,
        score: p.score / 100,
        scoreBreakdown: jsonOf(p.breakdown),
        runId: run.id,
      })),
    });
  }
  return run;
}

/**
 * A full run: keeps accepted, invited and locked pairs, replaces every other pending proposal
 * with the optimum around them. Contradictions come back as problems and nothing changes.
 */
export async function runMatching(actorId: string): Promise<RunOutcome> {
  return prisma.$transaction(
    async (tx) => {
      await lockMatching(tx);
      const world = await loadWorld(tx);
      const input = toInput(world, { keepUnlocked: false });
      const started = performance.now();
      const result = match(input);
      const durationMs = performance.now() - started;
      if (!result.ok) return { ok: false as const, problems: result.problems };
      const greedy = matchGreedy(input);
      const greedyObjective = greedy.ok ? greedy.stats.objective : 0;
      const { count: removed } = await tx.mentorAssignment.deleteMany({ where: { status: "PROPOSED", locked: false } });
      const run = await saveRun(tx, "FULL", actorId, world.settings, result, { greedyObjective, durationMs });
      await recordAudit(tx, {
        actorId,
        action: "matching.run",
        entityType: "MatchingRun",
        entityId: run.id,
        data: { proposals: result.proposals.length, removed, ...result.stats, greedyObjective },
      });
      return { ok: true as const, runId: run.id, stats: result.stats, unfilled: result.unfilled, greedyObjective, removed };
    },
    { timeout: 120_000 },
  );
}

/** After a decline: only that direction's slots of that kind are re-matched; every other pair stays. */
async function rematchSlot(tx: Db, directionId: string, kind: MentorKind, actorId: string | null) {
  const world = await loadWorld(tx);
  const input = toInput(world, { keepUnlocked: true, scope: [{ directionId, kind }] });
  const started = performance.now();
  const result = match(input);
  if (!result.ok) return { proposals: [] as Array<{ mentorId: string }>, problems: result.problems, unfilled: [] as UnfilledSlot[] };
  const run = await saveRun(tx, "SLOT", actorId, world.settings, result, { durationMs: performance.now() - started, directionId });
  return { proposals: result.proposals, problems: [] as Explained[], unfilled: result.unfilled, runId: run.id };
}

// ─────────────────────────── Manual changes ───────────────────────────

async function adminIds(tx: Db): Promise<string[]> {
  const admins = await tx.user.findMany({ where: { AND: [whoMay("matching:administer"), { active: true }] }, select: { id: true }, orderBy: { id: "asc" } });
  return admins.map((a) => a.id);
}

async function assignmentForChange(tx: Db, assignmentId: string) {
  const row = await tx.mentorAssignment.findUnique({
    where: { id: assignmentId },
    include: {
      mentor: { select: { id: true, kind: true, userId: true, user: { select: { name: true } } } },
      direction: { select: { id: true, name: true, studio: { select: { id: true, name: true } } } },
    },
  });
  if (!row) throw new UserError("mentors.errors.assignmentGone", {}, { status: 404 });
  return row;
}

const describePair = (row: Awaited<ReturnType<typeof assignmentForChange>>) => ({
  directionId: row.directionId,
  direction: row.direction.name,
  studio: row.direction.studio.name,
  mentorId: row.mentorId,
  mentor: row.mentor.user.name,
  kind: row.mentor.kind,
});

export async function setLocked(actorId: string, assignmentId: string, locked: boolean) {
  await prisma.$transaction(async (tx) => {
    await lockMatching(tx);
    const row = await assignmentForChange(tx, assignmentId);
    if (row.status !== "PROPOSED") throw new UserError("mentors.errors.notProposed", { mentor: row.mentor.user.name });
    await tx.mentorAssignment.update({ where: { id: row.id }, data: { locked } });
    await recordAudit(tx, { actorId, action: locked ? "matching.lock" : "matching.unlock", entityType: "MentorAssignment", entityId: row.id, data: describePair(row) });
  });
}

/** Excludes a pair from every future run: a pending proposal turns into an exclusion, or a new exclusion is recorded. */
export async function excludePair(actorId: string, target: { assignmentId: string } | { directionId: string; mentorId: string }) {
  await prisma.$transaction(async (tx) => {
    await lockMatching(tx);
    let row = "assignmentId" in target
      ? await assignmentForChange(tx, target.assignmentId)
      : await tx.mentorAssignment.findUnique({ where: { directionId_mentorId: { directionId: target.directionId, mentorId: target.mentorId } } }).then((found) => (found ? assignmentForChange(tx, found.id) : null));
    if (row) {
      if (row.status === "EXCLUDED") return;
      if (row.status !== "PROPOSED") throw new UserError(row.status === "DECLINED" ? "mentors.errors.alreadyDeclined" : "mentors.errors.releaseFirst", { mentor: row.mentor.user.name });
      await tx.mentorAssignment.update({ where: { id: row.id }, data: { status: "EXCLUDED", locked: false } });
    } else if (!("assignmentId" in target)) {
      const direction = await tx.direction.findUnique({ where: { id: target.directionId }, select: { id: true } });
      const mentor = await tx.mentor.findUnique({ where: { id: target.mentorId }, select: { id: true } });
      if (!direction || !mentor) throw new UserError("mentors.errors.assignmentGone", {}, { status: 404 });
      const created = await tx.mentorAssignment.create({ data: { directionId: direction.id, mentorId: mentor.id, status: "EXCLUDED", manual: true } });
      row = await assignmentForChange(tx, created.id);
    }
    await recordAudit(tx, { actorId, action: "matching.exclude", entityType: "MentorAssignment", entityId: row!.id, data: describePair(row!) });
  });
}

export async function unexclude(actorId: string, assignmentId: string) {
  await prisma.$transaction(async (tx) => {
    await lockMatching(tx);
    const row = await assignmentForChange(tx, assignmentId);
    if (row.status !== "EXCLUDED") throw new UserError("mentors.errors.notExcluded", { mentor: row.mentor.user.name });
    await tx.mentorAssignment.delete({ where: { id: row.id } });
    await recordAudit(tx, { actorId, action: "matching.unexclude", entityType: "MentorAssignment", entityId: row.id, data: describePair(row) });
  });
}

/** Removes a pending proposal (it may come back in the next run unless excluded). */
export async function removeProposal(actorId: string, assignmentId: string) {
  await prisma.$transaction(async (tx) => {
    await lockMatching(tx);
    const row = await assignmentForChange(tx, assignmentId);
    if (row.status !== "PROPOSED") throw new UserError("mentors.errors.notProposed", { mentor: row.mentor.user.name });
    await tx.mentorAssignment.delete({ where: { id: row.id } });
    await recordAudit(tx, { actorId, action: "matching.remove", entityType: "MentorAssignment", entityId: row.id, data: describePair(row) });
  });
}

/** Ends an invitation or an accepted mentorship; the mentor is told. */
export async function releaseAssignment(actorId: string, assignmentId: string) {
  const deliver = await prisma.$transaction(async (tx) => {
    await lockMatching(tx);
    const row = await assignmentForChange(tx, assignmentId);
    if (row.status !== "INVITED" && row.status !== "ACCEPTED") throw new UserError("mentors.errors.notActive", { mentor: row.mentor.user.name });
    await tx.mentorAssignment.delete({ where: { id: row.id } });
    await recordAudit(tx, { actorId, action: "matching.release", entityType: "MentorAssignment", entityId: row.id, data: { ...describePair(row), status: row.status } });
    return createNotifications(tx, [
      { userId: row.mentor.userId, type: "mentors.notices.released", data: { studio: row.direction.studio.name, direction: row.direction.name }, link: "/mentoring" },
    ]);
  });
  deliver();
}

/** Adds a pair by hand (locked, so re-runs keep it). Refuses what would contradict targets, capacities or conflicts. */
export async function addByHand(actorId: string, directionId: string, mentorId: string) {
  return prisma.$transaction(async (tx) => {
    await lockMatching(tx);
    const direction = await tx.direction.findUnique({
      where: { id: directionId },
      include: {
        studio: { include: { memberships: { select: { userId: true, role: true, user: { select: { collegeId: true } } } } } },
        mentorAssignments: { where: { status: { in: ACTIVE } }, select: { mentor: { select: { kind: true } } } },
      },
    });
    const mentor = await tx.mentor.findUnique({ where: { id: mentorId }, include: { user: { select: { name: true, active: true, collegeId: true } } } });
    const settings = await readMatchingSettings(tx);
    if (!direction || !mentor || direction.studio.archivedAt) throw new UserError("mentors.errors.assignmentGone", {}, { status: 404 });
    const existing = await tx.mentorAssignment.findUnique({ where: { directionId_mentorId: { directionId, mentorId } }, select: { status: true } });
    const load = await tx.mentorAssignment.count({ where: { mentorId, status: { in: ACTIVE } } });
    const preference = await tx.mentorPreference.findUnique({ where: { studioId_mentorId: { studioId: direction.studioId, mentorId } }, select: { rank: true } });
    const matchDirection = {
      studioName: direction.studio.name,
      memberUserIds: direction.studio.memberships.map((m) => m.userId),
      leaderUserIds: direction.studio.memberships.filter((m) => m.role === "LEADER").map((m) => m.userId),
      leaderCollegeIds: direction.studio.memberships.filter((m) => m.role === "LEADER" && m.user.collegeId).map((m) => m.user.collegeId!),
      duty: direction.studio.duty,
      keywords: direction.keywords,
    };
    const matchMentor = {
      name: mentor.user.name,
      userId: mentor.userId,
      kind: mentor.kind,
      available: mentor.available && mentor.user.active,
      capacity: mentor.capacity,
      collegeId: mentor.user.collegeId,
      duties: mentor.expertiseDuties,
      keywords: mentor.keywords,
      rank: mentor.rank,
    };
    const obstacle = pairObstacle(matchDirection, matchMentor, { settings, status: existing?.status ?? null, load });
    if (obstacle) throw explainedError(obstacle);
    const target = mentor.kind === "INTERNAL" ? direction.internalMentorTarget : direction.externalMentorTarget;
    const held = direction.mentorAssignments.filter((a) => a.mentor.kind === mentor.kind).length;
    if (held >= target) throw new UserError("mentors.errors.slotFull", { direction: direction.name, kind: mentor.kind, target });
    const breakdown = scorePair(matchDirection, matchMentor, settings, preference?.rank ?? null, load + 1);
    const created = await tx.mentorAssignment.create({
      data: { directionId, mentorId, status: "PROPOSED", locked: true, manual: true, score: breakdown.total / 100, scoreBreakdown: jsonOf(breakdown) },
    });
    await recordAudit(tx, {
      actorId,
      action: "matching.add",
      entityType: "MentorAssignment",
      entityId: created.id,
      data: { directionId, direction: direction.name, studio: direction.studio.name, mentorId, mentor: mentor.user.name, kind: mentor.kind },
    });
    return created;
  });
}

/** Sends every pending proposal as an invitation; each mentor is notified. */
export async function publish(actorId: string): Promise<number> {
  const { count, deliver } = await prisma.$transaction(async (tx) => {
    await lockMatching(tx);
    const pending = await tx.mentorAssignment.findMany({
      where: { status: "PROPOSED" },
      orderBy: { id: "asc" },
      select: { id: true, mentor: { select: { userId: true } }, direction: { select: { name: true, studio: { select: { name: true } } } } },
    });
    if (!pending.length) throw new UserError("mentors.errors.nothingToPublish");
    const now = new Date();
    await tx.mentorAssignment.updateMany({ where: { id: { in: pending.map((p) => p.id) } }, data: { status: "INVITED", invitedAt: now, locked: false } });
    await recordAudit(tx, { actorId, action: "matching.publish", entityType: "MatchingRun", entityId: "publish", data: { count: pending.length, assignmentIds: pending.map((p) => p.id) } });
    const notices: NewNotification[] = pending.map((p) => ({
      userId: p.mentor.userId,
      type: "mentors.notices.invited",
      data: { studio: p.direction.studio.name, direction: p.direction.name },
      link: "/mentoring",
    }));
    return { count: pending.length, deliver: await createNotifications(tx, notices) };
  });
  deliver();
  return count;
}

/** A pair named by a form, with the names a confirmation needs (null when it is gone). */
export async function findAssignment(assignmentId: string) {
  const row = await prisma.mentorAssignment.findUnique({
    where: { id: assignmentId },
    select: { id: true, status: true, mentor: { select: { user: { select: { name: true } } } }, direction: { select: { name: true } } },
  });
  return row ? { id: row.id, status: row.status, mentor: row.mentor.user.name, direction: row.direction.name } : null;
}

/** How many proposals wait for publishing (the publish confirmation names the number). */
export function countPending() {
  return prisma.mentorAssignment.count({ where: { status: "PROPOSED" } });
}

// ─────────────────────────── Responding (the mentor) ───────────────────────────

/** Who an invitation belongs to, for the policy check before `respond`. */
export async function findInvitation(assignmentId: string) {
  return prisma.mentorAssignment.findUnique({
    where: { id: assignmentId },
    select: { id: true, status: true, mentor: { select: { userId: true } }, direction: { select: { name: true } } },
  });
}

export type RespondOutcome = { decision: "accept" } | { decision: "decline"; replacements: number; problems: Explained[] };

/** The invited mentor's answer (the route authorises "mentoring:respond" first). */
export async function respond(actorId: string, assignmentId: string, decision: "accept" | "decline", note: string | null): Promise<RespondOutcome> {
  const { outcome, deliver } = await prisma.$transaction(async (tx) => {
    await lockMatching(tx);
    const row = await tx.mentorAssignment.findUnique({
      where: { id: assignmentId },
      include: {
        mentor: { select: { kind: true, userId: true, user: { select: { name: true } } } },
        direction: { select: { id: true, name: true, studio: { select: { id: true, name: true, memberships: { where: { role: "LEADER" }, select: { userId: true } } } } } },
      },
    });
    if (!row) throw new UserError("mentors.errors.assignmentGone", {}, { status: 404 });
    if (row.status !== "INVITED") throw new UserError("mentors.errors.alreadyAnswered");
    const now = new Date();
    const data = { studio: row.direction.studio.name, direction: row.direction.name, mentor: row.mentor.user.name };
    const admins = await adminIds(tx);
    if (decision === "accept") {
      await tx.mentorAssignment.update({ where: { id: row.id }, data: { status: "ACCEPTED", respondedAt: now, responseNote: note } });
      await recordAudit(tx, { actorId, action: "mentoring.accept", entityType: "MentorAssignment", entityId: row.id, data: { ...data, kind: row.mentor.kind } });
      const recipients = [...new Set([...admins, ...row.direction.studio.memberships.map((m) => m.userId)])];
      const deliver = await createNotifications(
        tx,
        recipients.map((userId) => ({ userId, type: "mentors.notices.accepted", data, link: admins.includes(userId) ? "/admin/matching" : `/studios/${row.direction.studio.id}` })),
      );
      return { outcome: { decision: "accept" as const }, deliver };
    }
    await tx.mentorAssignment.update({ where: { id: row.id }, data: { status: "DECLINED", respondedAt: now, responseNote: note, locked: false } });
    await recordAudit(tx, { actorId, action: "mentoring.decline", entityType: "MentorAssignment", entityId: row.id, data: { ...data, kind: row.mentor.kind, note } });
    const rematch = await rematchSlot(tx, row.directionId, row.mentor.kind, actorId);
    const replacement = rematch.proposals.length
      ? (await tx.mentor.findMany({ where: { id: { in: rematch.proposals.map((p) => p.mentorId) } }, select: { user: { select: { name: true } } } })).map((m) => m.user.name).join("、")
      : null;
    const deliver = await createNotifications(
      tx,
      admins.map((userId) => ({
        userId,
        type: replacement ? "mentors.notices.declinedReplaced" : "mentors.notices.declined",
        data: replacement ? { ...data, replacement } : data,
        link: "/admin/matching",
      })),
    );
    return { outcome: { decision: "decline" as const, replacements: rematch.proposals.length, problems: rematch.problems }, deliver };
  });
  deliver();
  return outcome;
}

// ─────────────────────────── The board ───────────────────────────

export interface BoardMember {
  assignmentId: string;
  mentorId: string;
  name: string;
  status: MentorAssignmentStatus;
  locked: boolean;
  manual: boolean;
  score: number | null;
  breakdown: ScoreBreakdown | null;
}

export interface BoardSlot {
  kind: MentorKind;
  target: number;
  members: BoardMember[];
  open: number;
  reason: Explained | null;
  declined: Array<{ assignmentId: string; name: string; note: string | null }>;
  excluded: Array<{ assignmentId: string; name: string }>;
}

export interface BoardRow {
  id: string;
  name: string;
  studio: { id: string; name: string; duty: Duty };
  slots: BoardSlot[];
}

const STATUS_ORDER: Record<MentorAssignmentStatus, number> = { ACCEPTED: 0, INVITED: 1, PROPOSED: 2, DECLINED: 3, EXCLUDED: 4 };

export async function getBoard(options: { page: number; view: "all" | "open"; duty?: Duty | null }) {
  const [directions, runs, counts] = await Promise.all([
    prisma.direction.findMany({
      where: { studio: { archivedAt: null, ...(options.duty ? { duty: options.duty } : {}) } },
      orderBy: [{ studio: { name: "asc" } }, { name: "asc" }],
      select: {
        id: true,
        name: true,
        internalMentorTarget: true,
        externalMentorTarget: true,
        studio: { select: { id: true, name: true, duty: true } },
        mentorAssignments: {
          orderBy: { createdAt: "asc" },
          select: {
            id: true,
            status: true,
            locked: true,
            manual: true,
            score: true,
            scoreBreakdown: true,
            responseNote: true,
            mentor: { select: { id: true, kind: true, user: { select: { name: true } } } },
          },
        },
      },
    }),
    latestRuns(),
    prisma.mentorAssignment.groupBy({ by: ["status"], _count: { _all: true }, where: { direction: { studio: { archivedAt: null } } } }),
  ]);
  const reasons = new Map<string, Explained>();
  for (const run of [...runs.since].reverse()) {
    for (const u of run.unfilled as unknown as UnfilledSlot[]) reasons.set(`${u.directionId}:${u.kind}`, u.reason);
  }
  const rows: BoardRow[] = directions.map((d) => ({
    id: d.id,
    name: d.name,
    studio: d.studio,
    slots: (["INTERNAL", "EXTERNAL"] as const).map((kind) => {
      const mine = d.mentorAssignments.filter((a) => a.mentor.kind === kind);
      const members = mine
        .filter((a) => ACTIVE.includes(a.status))
        .sort((a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status])
        .map((a) => ({
          assignmentId: a.id,
          mentorId: a.mentor.id,
          name: a.mentor.user.name,
          status: a.status,
          locked: a.locked,
          manual: a.manual,
          score: a.score,
          breakdown: (a.scoreBreakdown as unknown as ScoreBreakdown | null) ?? null,
        }));
      const target = kind === "INTERNAL" ? d.internalMentorTarget : d.externalMentorTarget;
      const open = Math.max(0, target - members.length);
      return {
        kind,
        target,
        members,
        open,
        reason: open > 0 ? (reasons.get(`${d.id}:${kind}`) ?? null) : null,
        declined: mine.filter((a) => a.status === "DECLINED").map((a) => ({ assignmentId: a.id, name: a.mentor.user.name, note: a.responseNote })),
        excluded: mine.filter((a) => a.status === "EXCLUDED").map((a) => ({ assignmentId: a.id, name: a.mentor.user.name })),
      };
    }),
  }));
  const openSlots = rows.reduce((sum, r) => sum + r.slots.reduce((s, slot) => s + slot.open, 0), 0);
  const emptyKinds = rows.reduce((sum, r) => sum + r.slots.filter((slot) => slot.members.length === 0).length, 0);
  const filtered = options.view === "open" ? rows.filter((r) => r.slots.some((s) => s.open > 0)) : rows;
  const pages = Math.max(1, Math.ceil(filtered.length / BOARD_PAGE_SIZE));
  const page = Math.min(Math.max(1, options.page), pages);
  const statusCounts = Object.fromEntries(counts.map((c) => [c.status, c._count._all])) as Partial<Record<MentorAssignmentStatus, number>>;
  return {
    rows: filtered.slice((page - 1) * BOARD_PAGE_SIZE, page * BOARD_PAGE_SIZE),
    total: filtered.length,
    directionsTotal: rows.length,
    page,
    pages,
    openSlots,
    emptyKinds,
    counts: { proposed: statusCounts.PROPOSED ?? 0, invited: statusCounts.INVITED ?? 0, accepted: statusCounts.ACCEPTED ?? 0, declined: statusCounts.DECLINED ?? 0 },
    lastRun: runs.latest,
  };
}

async function latestRuns() {
  const latestFull = await prisma.matchingRun.findFirst({ where: { kind: "FULL" }, orderBy: { createdAt: "desc" } });
  const since = await prisma.matchingRun.findMany({
    where: latestFull ? { createdAt: { gte: latestFull.createdAt } } : {},
    orderBy: { createdAt: "desc" },
    take: 200,
  });
  const latest = since[0] ?? null;
  return {
    since,
    latest: latest && {
      id: latest.id,
      kind: latest.kind,
      createdAt: latest.createdAt,
      slotsTotal: latest.slotsTotal,
      slotsFilled: latest.slotsFilled,
      firstSlotsTotal: latest.firstSlotsTotal,
      firstSlotsFilled: latest.firstSlotsFilled,
      objective: latest.objective,
      greedyObjective: latest.greedyObjective,
      durationMs: latest.durationMs,
    },
  };
}

// ─────────────────────────── Candidates for one slot ───────────────────────────

export async function getCandidates(directionId: string, kind: MentorKind, options: { page: number; show: "eligible" | "all" }) {
  const direction = await prisma.direction.findUnique({
    where: { id: directionId },
    select: {
      id: true,
      name: true,
      description: true,
      keywords: true,
      internalMentorTarget: true,
      externalMentorTarget: true,
      studio: { select: { id: true, name: true, duty: true, archivedAt: true, memberships: { select: { userId: true, role: true, user: { select: { collegeId: true } } } } } },
      mentorAssignments: { select: { id: true, mentorId: true, status: true } },
    },
  });
  if (!direction || direction.studio.archivedAt) return null;
  const [mentors, loads, preferences, settings] = await Promise.all([
    prisma.mentor.findMany({
      where: { kind },
      orderBy: [{ user: { nameSortKey: "asc" } }, { user: { username: "asc" } }],
      select: {
        id: true,
        kind: true,
        organisation: true,
        title: true,
        available: true,
        capacity: true,
        expertiseDuties: true,
        keywords: true,
        rank: true,
        userId: true,
        user: { select: { name: true, active: true, collegeId: true } },
      },
    }),
    prisma.mentorAssignment.groupBy({ by: ["mentorId"], where: { status: { in: ACTIVE } }, _count: { _all: true } }),
    prisma.mentorPreference.findMany({ where: { studioId: direction.studio.id }, select: { mentorId: true, rank: true } }),
    readMatchingSettings(),
  ]);
  const loadOf = new Map(loads.map((l) => [l.mentorId, l._count._all]));
  const preferenceOf = new Map(preferences.map((p) => [p.mentorId, p.rank]));
  const statusOf = new Map(direction.mentorAssignments.map((a) => [a.mentorId, a]));
  const matchDirection = {
    studioName: direction.studio.name,
    memberUserIds: direction.studio.memberships.map((m) => m.userId),
    leaderUserIds: direction.studio.memberships.filter((m) => m.role === "LEADER").map((m) => m.userId),
    leaderCollegeIds: direction.studio.memberships.filter((m) => m.role === "LEADER" && m.user.collegeId).map((m) => m.user.collegeId!),
    duty: direction.studio.duty,
    keywords: direction.keywords,
  };
  const all = mentors.map((m) => {
    const load = loadOf.get(m.id) ?? 0;
    const matchMentor = {
      name: m.user.name,
      userId: m.userId,
      kind: m.kind,
      available: m.available && m.user.active,
      capacity: m.capacity,
      collegeId: m.user.collegeId,
      duties: m.expertiseDuties,
      keywords: m.keywords,
      rank: m.rank,
    };
    const record = statusOf.get(m.id) ?? null;
    return {
      mentorId: m.id,
      name: m.user.name,
      organisation: m.organisation,
      title: m.title,
      load,
      capacity: m.capacity,
      assignmentId: record?.id ?? null,
      status: record?.status ?? null,
      breakdown: scorePair(matchDirection, matchMentor, settings, preferenceOf.get(m.id) ?? null, load + 1),
      obstacle: pairObstacle(matchDirection, matchMentor, { settings, status: record?.status ?? null, load }),
      warning: expertiseWarning(matchDirection, matchMentor),
    };
  });
  const usable = (c: (typeof all)[number]) => !c.obstacle && (!settings.requireDutyMatch || !c.warning);
  // Stable: equal scores keep the query's order by name (surname pinyin, decision 015).
  all.sort((a, b) => Number(usable(b)) - Number(usable(a)) || b.breakdown.total - a.breakdown.total);
  const shown = options.show === "eligible" ? all.filter((c) => !c.obstacle) : all;
  const pages = Math.max(1, Math.ceil(shown.length / CANDIDATES_PAGE_SIZE));
  const page = Math.min(Math.max(1, options.page), pages);
  const target = kind === "INTERNAL" ? direction.internalMentorTarget : direction.externalMentorTarget;
  const nameOf = new Map(mentors.map((m) => [m.id, m.user.name]));
  const holders = direction.mentorAssignments
    .filter((a) => ACTIVE.includes(a.status) && nameOf.has(a.mentorId))
    .map((a) => ({ mentorId: a.mentorId, name: nameOf.get(a.mentorId)!, status: a.status }));
  const held = holders.length;
  return {
    direction: { id: direction.id, name: direction.name, description: direction.description, keywords: direction.keywords, studio: { id: direction.studio.id, name: direction.studio.name, duty: direction.studio.duty } },
    kind,
    target,
    held,
    holders,
    requireDutyMatch: settings.requireDutyMatch,
    candidates: shown.slice((page - 1) * CANDIDATES_PAGE_SIZE, page * CANDIDATES_PAGE_SIZE),
    total: shown.length,
    page,
    pages,
  };
}
