import { recordAudit } from "~/audit/audit.server.ts";
import { prisma, type Db } from "~/db/client.server.ts";
import type { CampStatus, CampTargetKind, TargetGroup } from "~/generated/prisma/client.ts";
import { UserError } from "~/lib/user-error.ts";
import { deriveCareerStage, type CareerStage } from "~/people/career-stage.ts";
import { getSchoolSettings } from "~/settings/school-settings.server.ts";
import { cohortPeople } from "~/training/enrolment.server.ts";
import type { TargetsInput } from "./schemas.ts";

/**
 * Who takes part in a camp and who judges it (issue 20 §1). Targets are stages, groups (the
 * training programme's cohorts, school-wide), colleges and people named one by one; they become
 * participants when the camp opens, each with their career stage and college at that moment.
 * Judges are named people whose college is kept as it was when they were named (a judge never
 * scores a contestant of their own college).
 */

/** Locks the camp's row and refuses unless it is in one of the given states. */
export async function lockCamp(tx: Db, campId: string, allowed: readonly CampStatus[], refusal: "camp.setup.errors.targetsFixed" | "camp.setup.errors.judgesFixed" | "camp.setup.errors.notDraft" | "camp.setup.errors.notOpen") {
  const [camp] = await tx.$queryRaw<Array<{ id: string; title: string; status: CampStatus }>>`SELECT id, title, status FROM "Camp" WHERE id = ${campId} FOR UPDATE`;
  if (!camp) throw new Response("Not Found", { status: 404 });
  if (!allowed.includes(camp.status)) throw new UserError(refusal);
  return camp;
}

/** Replaces the camp's stage, group and college targets (named people stay). Drafts only. */
export async function saveTargets(campId: string, input: TargetsInput, actorId: string): Promise<void> {
  await prisma.$transaction(async (tx) => {
    await lockCamp(tx, campId, ["DRAFT"], "camp.setup.errors.targetsFixed");
    const colleges = [...new Set(input.colleges)];
    if (colleges.length && (await tx.college.count({ where: { id: { in: colleges } } })) !== colleges.length) throw new UserError("camp.setup.errors.badChoice", {}, { status: 400, field: "colleges" });
    await tx.campTarget.deleteMany({ where: { campId, kind: { in: ["STAGE", "GROUP", "COLLEGE"] } } });
    await tx.campTarget.createMany({
      data: [
        ...[...new Set(input.stages)].map((stage) => ({ campId, kind: "STAGE" as const, stage })),
        ...[...new Set(input.groups)].map((group) => ({ campId, kind: "GROUP" as const, group })),
        ...colleges.map((collegeId) => ({ campId, kind: "COLLEGE" as const, collegeId })),
      ],
    });
    await recordAudit(tx, { actorId, action: "camp.targets", entityType: "Camp", entityId: campId, data: { stages: input.stages, groups: input.groups, colleges } });
  });
}

async function activeAccount(db: Db, username: string) {
  const user = await db.user.findFirst({ where: { username, active: true }, select: { id: true, name: true, collegeId: true } });
  if (!user) throw new UserError("camp.setup.errors.unknownPeople", { names: username }, { status: 400, field: "username" });
  return user;
}

/** Names one person as a participant. Drafts only. */
export async function addPerson(campId: string, username: string, actorId: string): Promise<{ name: string }> {
  return prisma.$transaction(async (tx) => {
    await lockCamp(tx, campId, ["DRAFT"], "camp.setup.errors.targetsFixed");
    const user = await activeAccount(tx, username);
    if (await tx.campTarget.findFirst({ where: { campId, kind: "PERSON", userId: user.id }, select: { id: true } })) throw new UserError("camp.setup.errors.alreadyNamed", { name: user.name }, { status: 400, field: "username" });
    await tx.campTarget.create({ data: { campId, kind: "PERSON", userId: user.id } });
    await recordAudit(tx, { actorId, action: "camp.person-add", entityType: "Camp", entityId: campId, data: { userId: user.id } });
    return { name: user.name };
  });
}

export async function removePerson(campId: string, userId: string, actorId: string): Promise<void> {
  await prisma.$transaction(async (tx) => {
    await lockCamp(tx, campId, ["DRAFT"], "camp.setup.errors.targetsFixed");
    await tx.campTarget.deleteMany({ where: { campId, kind: "PERSON", userId } });
    await recordAudit(tx, { actorId, action: "camp.person-remove", entityType: "Camp", entityId: campId, data: { userId } });
  });
}

/** Names a judge, keeping their college of now. Before the camp opens and while it runs (a flagged contestant may need a further judge). */
export async function addJudge(campId: string, username: string, actorId: string): Promise<{ name: string }> {
  return prisma.$transaction(async (tx) => {
    await lockCamp(tx, campId, ["DRAFT", "OPEN"], "camp.setup.errors.judgesFixed");
    const user = await activeAccount(tx, username);
    if (await tx.campJudge.findUnique({ where: { campId_userId: { campId, userId: user.id } }, select: { id: true } })) throw new UserError("camp.setup.errors.alreadyJudge", { name: user.name }, { status: 400, field: "username" });
    await tx.campJudge.create({ data: { campId, userId: user.id, collegeId: user.collegeId } });
    await recordAudit(tx, { actorId, action: "camp.judge-add", entityType: "Camp", entityId: campId, data: { userId: user.id } });
    return { name: user.name };
  });
}

/** Removes a judge who has nothing assigned yet (a sheet or an answer to grade would lose its judge). */
export async function removeJudge(campId: string, userId: string, actorId: string): Promise<void> {
  await prisma.$transaction(async (tx) => {
    await lockCamp(tx, campId, ["DRAFT", "OPEN"], "camp.setup.errors.judgesFixed");
    const judge = await tx.campJudge.findUnique({ where: { campId_userId: { campId, userId } }, select: { id: true, _count: { select: { assignments: true, shortAnswerGrades: true } } } });
    if (!judge) return;
    if (judge._count.assignments + judge._count.shortAnswerGrades > 0) throw new UserError("camp.setup.errors.judgeHasWork");
    await tx.campJudge.delete({ where: { id: judge.id } });
    await recordAudit(tx, { actorId, action: "camp.judge-remove", entityType: "Camp", entityId: campId, data: { userId } });
  });
}

export interface ResolvedParticipant {
  userId: string;
  stage: CareerStage;
  collegeId: string | null;
  /** The person's groups now (kept with the participant: ranking per group, decision 130). */
  groups: TargetGroup[];
}

/**
 * The camp's targets as people, each with their career stage and college now: the cohorts as the
 * training programme counts them (active counselors, school-wide) plus the named people (any
 * active account). Sorted by id, so the same targets always give the same list.
 */
export async function resolveParticipants(db: Db, campId: string, now = new Date()): Promise<ResolvedParticipant[]> {
  const targets = await db.campTarget.findMany({ where: { campId }, select: { kind: true, stage: true, group: true, collegeId: true, userId: true }, orderBy: { id: "asc" } });
  return resolveTargets(db, targets, now);
}

type TargetRow = { kind: CampTargetKind; stage: CareerStage | null; group: TargetGroup | null; collegeId: string | null; userId: string | null };

/**
 * How many people the targets being ticked would give (issue 20 §1, the people page's live count):
 * the stages, groups and colleges of the form as it stands, plus the people the camp already names.
 * Nothing is saved; an unknown college matches nobody (saving refuses it).
 */
export async function countMatching(campId: string, input: TargetsInput, db: Db = prisma): Promise<number> {
  const named = await db.campTarget.findMany({ where: { campId, kind: "PERSON" }, select: { kind: true, stage: true, group: true, collegeId: true, userId: true }, orderBy: { id: "asc" } });
  const ticked: TargetRow[] = [
    ...[...new Set(input.stages)].map((stage) => ({ kind: "STAGE" as const, stage, group: null, collegeId: null, userId: null })),
    ...[...new Set(input.groups)].map((group) => ({ kind: "GROUP" as const, stage: null, group, collegeId: null, userId: null })),
    ...[...new Set(input.colleges)].map((collegeId) => ({ kind: "COLLEGE" as const, stage: null, group: null, collegeId, userId: null })),
  ];
  return (await resolveTargets(db, [...ticked, ...named])).length;
}

async function resolveTargets(db: Db, targets: readonly TargetRow[], now = new Date()): Promise<ResolvedParticipant[]> {
  const school = { kind: "school" } as const;
  const ids = new Set<string>();
  for (const target of targets) {
    let people: string[] = [];
    if (target.kind === "PERSON" && target.userId) people = [target.userId];
    else if (target.kind === "STAGE" && target.stage) people = await cohortPeople({ kind: "stage", stage: target.stage }, school, db);
    else if (target.kind === "GROUP" && target.group) people = await cohortPeople({ kind: "group", group: target.group }, school, db);
    else if (target.kind === "COLLEGE" && target.collegeId) people = await cohortPeople({ kind: "college", collegeId: target.collegeId }, school, db);
    for (const id of people) ids.add(id);
  }
  if (!ids.size) return [];
  const { stageThresholds } = await getSchoolSettings();
  const users = await db.user.findMany({
    where: { id: { in: [...ids] }, active: true },
    select: { id: true, collegeId: true, profile: { select: { counselorSince: true, title: true, groups: true } } },
    orderBy: { id: "asc" },
  });
  return users.map((u) => ({
    userId: u.id,
    collegeId: u.collegeId,
    stage: deriveCareerStage(u.profile ?? { counselorSince: null, title: "NONE" }, now, stageThresholds).stage,
    groups: u.profile?.groups ?? [],
  }));
}

/** The people page: targets, named people, judges, and how many people the targets give now. */
export async function campPeople(campId: string, { preview }: { preview: boolean }) {
  const [targets, judges, colleges, matching, participants] = await Promise.all([
    prisma.campTarget.findMany({ where: { campId }, select: { kind: true, stage: true, group: true, collegeId: true, userId: true }, orderBy: { id: "asc" } }),
    prisma.campJudge.findMany({
      where: { campId },
      select: { userId: true, user: { select: { name: true, username: true } }, collegeId: true, _count: { select: { assignments: true } } },
      orderBy: { user: { name: "asc" } },
    }),
    prisma.college.findMany({ orderBy: { code: "asc" }, select: { id: true, name: true } }),
    // Resolving the targets reads every counselor: only while they can still change.
    preview ? resolveParticipants(prisma, campId) : Promise.resolve([]),
    prisma.campParticipant.count({ where: { campId } }),
  ]);
  const named = targets.flatMap((t) => (t.kind === "PERSON" && t.userId ? [t.userId] : []));
  const people = await prisma.user.findMany({ where: { id: { in: named } }, select: { id: true, name: true, username: true, active: true, college: { select: { name: true } } }, orderBy: { name: "asc" } });
  const collegeName = new Map(colleges.map((c) => [c.id, c.name]));
  return {
    stages: targets.flatMap((t) => (t.kind === "STAGE" && t.stage ? [t.stage] : [])),
    groups: targets.flatMap((t) => (t.kind === "GROUP" && t.group ? [t.group] : [])),
    colleges: targets.flatMap((t) => (t.kind === "COLLEGE" && t.collegeId ? [t.collegeId] : [])),
    people: people.map((p) => ({ userId: p.id, name: p.name, username: p.username, active: p.active, college: p.college?.name ?? null })),
    judges: judges.map((j) => ({ userId: j.userId, name: j.user.name, username: j.user.username, college: j.collegeId ? (collegeName.get(j.collegeId) ?? null) : null, assignments: j._count.assignments })),
    collegeOptions: colleges,
    matching: matching.length,
    participants,
  };
}

/** A person's name for a confirmation ("" when there is no such account: the removal then changes nothing). */
export async function personName(userId: string): Promise<string> {
  return (await prisma.user.findUnique({ where: { id: userId }, select: { name: true } }))?.name ?? "";
}
