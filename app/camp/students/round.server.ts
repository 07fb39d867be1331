import crypto from "node:crypto";
import { seededRandom, shuffled } from "~/camp/seeded-random.ts";
import { prisma } from "~/db/client.server.ts";
import { Prisma } from "~/generated/prisma/client.ts";
import { UserError } from "~/lib/user-error.ts";
import type { SaveItemInput } from "./schemas.ts";
import { identificationRuleOf, scoreItems } from "./scoring.ts";

/**
 * The round of 人物辨识 (issue 20 §4): a participant starts it once; the server draws N photos of
 * their own students and mixes in decoys (other counselors' students, from other classes where
 * there are enough), fixes the deadline (min of start + limit and the round's end), saves each
 * photo's answers as they are typed, and scores at the submission — by the person, or by the
 * sweep at the deadline. The page and everything it loads carry the photos only, never the facts.
 */

export const DEFAULT_PHOTOS = 10;
export const DEFAULT_DURATION_MINUTES = 10;

export async function identificationRound(campId: string) {
  const round = await prisma.campRound.findUnique({
    where: { campId_kind: { campId, kind: "IDENTIFICATION" } },
    select: {
      id: true,
      campId: true,
      enabled: true,
      camp: { select: { status: true } },
      opensAt: true,
      closesAt: true,
      durationMinutes: true,
      photosPerPerson: true,
      decoysPerPerson: true,
      identificationPoints: true,
      // A cut into this round (decision 131): only those who went on are on its list.
      cutFromRoundId: true,
      cutTop: true,
      entriesFixedAt: true,
      cutFrom: { select: { kind: true } },
    },
  });
  return round?.enabled ? round : null;
}
export type IdentificationRound = NonNullable<Awaited<ReturnType<typeof identificationRound>>>;

export type RoundState = "ended" | "running" | "notEntered" | "awaitingCut" | "cutOut" | "notYetOpen" | "closed" | "ready";

const NOT_ON_LIST_KEY = {
  notEntered: "camp.students.round.notEntered",
  awaitingCut: "camp.students.round.awaitingCut",
  cutOut: "camp.students.round.cutOut",
} as const;

/** Why someone is not on the round's list: behind a cut not yet applied, cut, or not on it at all. */
function notOnList(round: IdentificationRound): "awaitingCut" | "cutOut" | "notEntered" {
  if (!round.cutFromRoundId) return "notEntered";
  return round.entriesFixedAt ? "cutOut" : "awaitingCut";
}

/** The round as one participant sees it: the settings they are told, and their attempt (photos by position, what they typed). */
export async function roundPage(round: IdentificationRound, userId: string, now = new Date()) {
  const [entry, attempt] = await Promise.all([
    prisma.campRoundEntry.findUnique({ where: { roundId_userId: { roundId: round.id, userId } }, select: { id: true } }),
    prisma.campAttempt.findUnique({
      where: { roundId_userId: { roundId: round.id, userId } },
      select: {
        id: true,
        deadline: true,
        submittedAt: true,
        autoSubmitted: true,
        items: { orderBy: { position: "asc" }, select: { position: true, studentId: true, typedName: true, typedClass: true, typedDorm: true, markedNotMine: true } },
      },
    }),
  ]);
  const rule = identificationRuleOf(round.identificationPoints);
  const state = ((): RoundState => {
    if (attempt) return attempt.submittedAt || attempt.deadline <= now ? "ended" : "running";
    if (!entry) return notOnList(round);
    if (round.opensAt && now < round.opensAt && round.camp.status === "OPEN") return "notYetOpen";
    if (round.camp.status !== "OPEN" || (round.closesAt && now >= round.closesAt)) return "closed";
    return "ready";
  })();
  return {
    state,
    settings: {
      photos: round.photosPerPerson ?? DEFAULT_PHOTOS,
      minutes: round.durationMinutes ?? DEFAULT_DURATION_MINUTES,
      namePoints: rule.namePoints,
      classPoints: rule.classPoints,
      dormPoints: rule.dormPoints,
      opensAt: round.opensAt?.toISOString() ?? null,
      closesAt: round.closesAt?.toISOString() ?? null,
      hasDecoys: (round.decoysPerPerson ?? 0) > 0,
      cut: round.cutFrom && round.cutTop ? { from: round.cutFrom.kind, top: round.cutTop } : null,
    },
    attempt: attempt && {
      id: attempt.id,
      deadline: attempt.deadline.toISOString(),
      submitted: attempt.submittedAt !== null,
      autoSubmitted: attempt.autoSubmitted,
      items: attempt.items,
    },
  };
}

/** Starts the round once (a second call returns the same attempt); throws UserError when it cannot start. */
export async function startIdentification(round: IdentificationRound, userId: string, now = new Date()): Promise<string> {
  const existing = await prisma.campAttempt.findUnique({ where: { roundId_userId: { roundId: round.id, userId } }, select: { id: true } });
  if (existing) return existing.id;
  const entry = await prisma.campRoundEntry.findUnique({ where: { roundId_userId: { roundId: round.id, userId } }, select: { id: true } });
  if (!entry) throw new UserError(NOT_ON_LIST_KEY[notOnList(round)], {}, { status: 403 });
  if (round.camp.status !== "OPEN") throw new UserError("camp.students.round.closed");
  if (round.opensAt && now < round.opensAt) throw new UserError("camp.students.round.notYetOpen");
  if (round.closesAt && now >= round.closesAt) throw new UserError("camp.students.round.closed");

  const own = await prisma.identificationStudent.findMany({
    where: { campId: round.campId, counselorId: userId, photoFileId: { not: null } },
    orderBy: { id: "asc" },
    select: { id: true, className: true },
  });
  if (own.length === 0) throw new UserError("camp.students.round.noStudents");
  const seed = `${round.id}:${userId}`;
  const drawn = shuffled(own, seededRandom(`${seed}:own`)).slice(0, round.photosPerPerson ?? DEFAULT_PHOTOS);
  const decoyCount = round.decoysPerPerson ?? 0;
  let decoys: Array<{ id: string }> = [];
  if (decoyCount > 0) {
    const others = await prisma.identificationStudent.findMany({
      where: { campId: round.campId, counselorId: { not: userId }, photoFileId: { not: null } },
      orderBy: { id: "asc" },
      select: { id: true, className: true },
    });
    // Decoys from other classes first: a classmate of one's own students may be one's own student.
    const ownClasses = new Set(own.map((s) => s.className));
    const random = seededRandom(`${seed}:decoys`);
    const otherClasses = shuffled(others.filter((s) => !ownClasses.has(s.className)), random);
    const sameClasses = shuffled(others.filter((s) => ownClasses.has(s.className)), random);
    decoys = [...otherClasses, ...sameClasses].slice(0, decoyCount);
  }
  const order = shuffled([...drawn.map((s) => ({ id: s.id, decoy: false })), ...decoys.map((s) => ({ id: s.id, decoy: true }))], seededRandom(`${seed}:order`));
  const limit = new Date(now.getTime() + (round.durationMinutes ?? DEFAULT_DURATION_MINUTES) * 60_000);
  const deadline = round.closesAt && round.closesAt < limit ? round.closesAt : limit;
  try {
    const attempt = await prisma.campAttempt.create({
      data: {
        roundId: round.id,
        campId: round.campId,
        userId,
        startedAt: now,
        deadline,
        blindCode: crypto.randomBytes(6).toString("base64url"),
        items: { create: order.map((item, position) => ({ position, studentId: item.id, decoy: item.decoy })) },
      },
      select: { id: true },
    });
    return attempt.id;
  } catch (error) {
    // Two tabs pressed start at once: the first attempt stands.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      const first = await prisma.campAttempt.findUnique({ where: { roundId_userId: { roundId: round.id, userId } }, select: { id: true } });
      if (first) return first.id;
    }
    throw error;
  }
}

/** Saves one photo's answers, only into the person's own attempt before it ends (checked in the same statement). */
export async function saveItem(attemptId: string, input: SaveItemInput, userId: string, now = new Date()): Promise<void> {
  const saved = await prisma.identificationItem.updateMany({
    where: { attemptId, position: input.position, attempt: { userId, submittedAt: null, deadline: { gt: now } } },
    data: { typedName: input.typedName, typedClass: input.typedClass, typedDorm: input.typedDorm, markedNotMine: input.markedNotMine, savedAt: now },
  });
  if (saved.count === 1) return;
  const item = await prisma.identificationItem.findFirst({ where: { attemptId, position: input.position, attempt: { userId } }, select: { position: true } });
  if (!item) throw new UserError("camp.students.round.noSuchPhoto", {}, { status: 404 });
  throw new UserError("camp.students.round.ended");
}

/**
 * Submits and scores an attempt, once: a second submission (the sweep after the person, or the
 * reverse) changes nothing and returns false. `auto`: by the sweep at the deadline.
 */
export async function submitIdentification(attemptId: string, options: { userId?: string; auto?: boolean; now?: Date } = {}): Promise<boolean> {
  const now = options.now ?? new Date();
  return prisma.$transaction(async (tx) => {
    const attempt = await tx.campAttempt.findUnique({ where: { id: attemptId }, select: { deadline: true, round: { select: { identificationPoints: true } } } });
    if (!attempt) return false;
    const claimed = await tx.campAttempt.updateMany({
      where: { id: attemptId, submittedAt: null, ...(options.userId ? { userId: options.userId } : {}) },
      // The sweep records the moment the time ran out, not the moment it came by.
      data: { submittedAt: options.auto ? attempt.deadline : now, autoSubmitted: options.auto ?? false },
    });
    if (claimed.count === 0) return false;
    const items = await tx.identificationItem.findMany({
      where: { attemptId },
      orderBy: { position: "asc" },
      select: { position: true, decoy: true, markedNotMine: true, typedName: true, typedClass: true, typedDorm: true, student: { select: { name: true, className: true, dorm: true } } },
    });
    const scored = scoreItems(
      items.map((item) => ({ decoy: item.decoy, markedNotMine: item.markedNotMine, truth: item.student, typed: { name: item.typedName, className: item.typedClass, dorm: item.typedDorm } })),
      identificationRuleOf(attempt.round.identificationPoints),
    );
    for (const [index, item] of items.entries()) {
      await tx.identificationItem.update({ where: { attemptId_position: { attemptId, position: item.position } }, data: { score: scored.items[index]!.points } });
    }
    await tx.campAttempt.update({ where: { id: attemptId }, data: { score: scored.points, gradedAt: now } });
    return true;
  });
}

/** An attempt's points and maximum (for the results: computed from the items, so before the archive deletes them). */
export async function identificationTotals(attemptId: string): Promise<{ points: number; max: number } | null> {
  const attempt = await prisma.campAttempt.findUnique({
    where: { id: attemptId },
    select: { score: true, round: { select: { identificationPoints: true } }, items: { select: { decoy: true, markedNotMine: true, student: { select: { name: true, className: true, dorm: true } } } } },
  });
  if (!attempt || attempt.score === null) return null;
  const rule = identificationRuleOf(attempt.round.identificationPoints);
  const max = scoreItems(attempt.items.map((item) => ({ ...item, truth: item.student, typed: {} })), rule).max;
  return { points: Number(attempt.score), max };
}

/** The sweep: submits every 人物辨识 attempt past its deadline (the knowledge test has its own). Returns how many. */
export async function submitOverdueIdentifications(now = new Date()): Promise<number> {
  const overdue = await prisma.campAttempt.findMany({
    where: { submittedAt: null, deadline: { lte: now }, round: { kind: "IDENTIFICATION" } },
    orderBy: { deadline: "asc" },
    select: { id: true },
    take: 500,
  });
  let submitted = 0;
  for (const attempt of overdue) if (await submitIdentification(attempt.id, { auto: true, now })) submitted++;
  return submitted;
}
