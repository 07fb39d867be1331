import { recordAudit } from "~/audit/audit.server.ts";
import type { Db } from "~/db/client.server.ts";
import { prisma } from "~/db/client.server.ts";
import { Prisma } from "~/generated/prisma/client.ts";
import type { Duty, Level } from "~/generated/prisma/enums.ts";
import { createNotifications } from "~/notifications/notify.server.ts";
import { deriveCareerStage } from "~/people/career-stage.ts";
import { personQueryWhere } from "~/people/directory.server.ts";
import { can, whereCan, whoMay, type Actor } from "~/policy/index.ts";
import type { SchoolSettings } from "~/settings/school-settings.server.ts";
import { leaderEligibilityGaps, type EligibilityGap } from "./eligibility.ts";
import { uniquely } from "~/lib/unique.server.ts";
import { claimVersion, edited, type EditedFields } from "~/lib/versioned.server.ts";
import { UserError } from "~/lib/user-error.ts";
import { rankStudios } from "./fit.ts";

export const STUDIOS_PAGE_SIZE = 12;

/** All studios, newest approvals last, with what a list shows. */
export async function listStudios(actor: Actor, filters: { q?: string; duty?: Duty; level?: Level; page: number }) {
  const chosen: Prisma.StudioWhereInput = {
    archivedAt: null,
    ...(filters.duty ? { duty: filters.duty } : {}),
    ...(filters.level ? { level: filters.level } : {}),
    ...(filters.q
      ? {
          OR: [
            { name: { contains: filters.q, mode: "insensitive" } },
            { description: { contains: filters.q, mode: "insensitive" } },
            { directions: { some: { name: { contains: filters.q, mode: "insensitive" } } } },
          ],
        }
      : {}),
  };
  const where: Prisma.StudioWhereInput = { AND: [whereCan(actor, "studio:view"), chosen] };
  const [total, studios] = await Promise.all([
    prisma.studio.count({ where }),
    prisma.studio.findMany({
      where,
      orderBy: [{ name: "asc" }],
      skip: (filters.page - 1) * STUDIOS_PAGE_SIZE,
      take: STUDIOS_PAGE_SIZE,
      select: {
        id: true,
        name: true,
        duty: true,
        level: true,
        description: true,
        _count: { select: { memberships: true } },
        memberships: { where: { role: "LEADER" }, select: { user: { select: { id: true, name: true } } } },
        directions: { orderBy: { createdAt: "asc" }, select: { name: true } },
      },
    }),
  ]);
  return {
    total,
    page: filters.page,
    pages: Math.max(1, Math.ceil(total / STUDIOS_PAGE_SIZE)),
    studios: studios.map((s) => ({
      id: s.id,
      name: s.name,
      duty: s.duty,
      level: s.level,
      description: s.description,
      memberCount: s._count.memberships,
      leader: s.memberships[0]?.user ?? null,
      directions: s.directions.map((d) => d.name),
    })),
  };
}

/** A counselor's situation towards joining studios: memberships, pending requests, the limit. */
export async function joiningState(userId: string, settings: SchoolSettings) {
  const [memberships, requests] = await Promise.all([
    prisma.studioMembership.findMany({ where: { userId }, select: { studioId: true } }),
    prisma.studioJoinRequest.findMany({
      where: { userId, status: "PENDING" },
      orderBy: { createdAt: "desc" },
      select: {
        id: true,
        kind: true,
        motivation: true,
        createdAt: true,
        studio: { select: { id: true, name: true, duty: true } },
      },
    }),
  ]);
  return {
    memberOf: memberships.map((m) => m.studioId),
    pending: requests,
    limit: settings.maxStudiosPerPerson,
    atLimit: memberships.length >= settings.maxStudiosPerPerson,
  };
}

/** "Find a studio": studios ranked by fit with the person's specialties, with the reasons. */
export async function recommendStudios(userId: string, limit = 6) {
  const profile = await prisma.counselorProfile.findUnique({
    where: { userId },
    select: { specialties: true, specialtyTags: true, researchInterests: true },
  });
  if (!profile) return { profile: null, recommendations: [] };
  const studios = await prisma.studio.findMany({
    where: { archivedAt: null, memberships: { none: { userId } } },
    orderBy: { name: "asc" },
    select: {
      id: true,
      name: true,
      duty: true,
      level: true,
      description: true,
      directions: { orderBy: { createdAt: "asc" }, select: { name: true, description: true, keywords: true } },
      memberships: { where: { role: "LEADER" }, select: { user: { select: { name: true } } } },
      _count: { select: { memberships: true } },
    },
  });
  const ranked = rankStudios(profile, studios).slice(0, limit);
  return {
    profile,
    recommendations: ranked.map(({ studio, fit }) => ({
      id: studio.id,
      name: studio.name,
      duty: studio.duty,
      level: studio.level,
      leader: studio.memberships[0]?.user.name ?? null,
      memberCount: studio._count.memberships,
      score: fit.score,
      reasons: fit.reasons,
    })),
  };
}

/** Everything the studio page shows; working material only when `workspace` is true. */
export async function getStudioPage(studioId: string, options: { workspace: boolean; now?: Date; settings: SchoolSettings }) {
  const now = options.now ?? new Date();
  const studio = await prisma.studio.findUnique({
    where: { id: studioId },
    include: {
      memberships: {
        // The leader first, then backbone members and newcomers, each by name (surname pinyin, decision 015).
        orderBy: [{ role: "asc" }, { user: { nameSortKey: "asc" } }, { user: { username: "asc" } }],
        select: {
          id: true,
          role: true,
          joinedAt: true,
          eligibilityOverrideReason: true,
          user: {
            select: {
              id: true,
              name: true,
              college: { select: { name: true } },
              profile: { select: { title: true, counselorSince: true } },
            },
          },
        },
      },
      directions: {
        orderBy: { createdAt: "asc" },
        select: {
          id: true,
          name: true,
          description: true,
          keywords: true,
        },
      },
      outputs: {
        orderBy: [{ date: "desc" }, { createdAt: "desc" }],
        take: 8,
        select: { id: true, type: true, title: true, level: true, date: true, authors: { orderBy: { position: "asc" }, select: { name: true } } },
      },
      activities: { orderBy: { date: "desc" }, take: 5, select: { id: true, kind: true, title: true, date: true } },
      _count: { select: { outputs: true, projects: true, activities: true } },
    },
  });
  if (!studio) throw new Response("Not Found", { status: 404 });
  const [projects, documents] = options.workspace
    ? await Promise.all([
        prisma.project.findMany({
          where: { studioId },
          orderBy: [{ status: "asc" }, { createdAt: "desc" }],
          take: 6,
          select: {
            id: true,
            title: true,
            level: true,
            status: true,
            endDate: true,
            _count: { select: { tasks: true } },
            tasks: { where: { status: "DONE" }, select: { id: true } },
          },
        }),
        prisma.document.findMany({
          where: { studioId },
          orderBy: { updatedAt: "desc" },
          take: 8,
          select: { id: true, title: true, type: true, status: true, updatedAt: true },
        }),
      ])
    : [[], []];
  const team = studio.memberships.map((m) => ({
    membershipId: m.id,
    userId: m.user.id,
    name: m.user.name,
    role: m.role,
    joinedAt: m.joinedAt,
    collegeName: m.user.college?.name ?? null,
    title: m.user.profile?.title ?? null,
    stage: m.user.profile ? deriveCareerStage(m.user.profile, now, options.settings.stageThresholds).stage : null,
    overridden: m.eligibilityOverrideReason !== null,
  }));
  return {
    id: studio.id,
    name: studio.name,
    duty: studio.duty,
    level: studio.level,
    description: studio.description,
    platform: studio.platform,
    budgetYuan: studio.budgetYuan.toString(),
    foundedOn: studio.foundedOn,
    archivedAt: studio.archivedAt,
    team,
    colleges: new Set(team.map((m) => m.collegeName).filter(Boolean)).size,
    directions: studio.directions.map((d) => ({
      id: d.id,
      name: d.name,
      description: d.description,
      keywords: d.keywords,
    })),
    outputs: studio.outputs.map((o) => ({ ...o, authors: o.authors.map((a) => a.name) })),
    activities: studio.activities,
    counts: studio._count,
    projects: projects.map((p) => ({
      id: p.id,
      title: p.title,
      level: p.level,
      status: p.status,
      endDate: p.endDate,
      tasks: p._count.tasks,
      tasksDone: p.tasks.length,
    })),
    documents,
  };
}

// ── Leaders: eligibility, appointment, replacement ──

export async function findCandidate(db: Db, username: string) {
  return db.user.findUnique({
    where: { username },
    select: {
      id: true,
      name: true,
      active: true,
      roles: true,
      collegeId: true,
      profile: { select: { counselorSince: true, title: true, _count: { select: { honours: true } } } },
      _count: { select: { memberships: true } },
    },
  });
}
type Candidate = NonNullable<Awaited<ReturnType<typeof findCandidate>>>;

function candidateGaps(candidate: Candidate, settings: SchoolSettings, now: Date): EligibilityGap[] {
  const profile = candidate.profile;
  return leaderEligibilityGaps(
    { counselorSince: profile?.counselorSince ?? null, title: profile?.title ?? "NONE", honourCount: profile?._count.honours ?? 0 },
    settings.leaderEligibility,
    now,
  );
}

/**
 * Checks a would-be leader: an active counselor under the studios-per-person limit who meets the
 * leader rules — or, when not, an override reason from 学工部. Throws what is wrong, with the gaps.
 */
async function checkLeader(db: Db, username: string, overrideReason: string | undefined, settings: SchoolSettings, now: Date, studioId?: string) {
  const candidate = await findCandidate(db, username);
  if (!candidate || !candidate.active) throw new UserError("studios.errors.unknownPerson", { username });
  if (!can(candidate, "studio:join", null)) throw new UserError("studios.errors.notCounselor", { name: candidate.name });
  const alreadyHere = studioId
    ? await db.studioMembership.findUnique({ where: { studioId_userId: { studioId, userId: candidate.id } }, select: { role: true } })
    : null;
  if (!alreadyHere && candidate._count.memberships >= settings.maxStudiosPerPerson) {
    throw new UserError("studios.errors.limitReached", { name: candidate.name, limit: settings.maxStudiosPerPerson });
  }
  const gaps = candidateGaps(candidate, settings, now);
  if (gaps.length && !overrideReason) throw new UserError("studios.errors.leaderNotEligible", { name: candidate.name }, { details: { gaps } });
  return { candidate, gaps, alreadyHere };
}

export interface StudioInput {
  name: string;
  duty: Duty;
  level: Level;
  description?: string;
  platform?: string;
  budgetYuan: number;
  foundedOn?: Date;
}

/** 学工部 sets up a studio and appoints its leader (with a recorded reason when the rules are not met). */
export async function createStudio(
  input: StudioInput & { leaderUsername: string; overrideReason?: string },
  actorId: string,
  settings: SchoolSettings,
  now = new Date(),
): Promise<string> {
  const nameTaken = () => new UserError("studios.errors.nameTaken", { name: input.name });
  const { studioId, deliver } = await uniquely(prisma.$transaction(async (tx) => {
    if (await tx.studio.findUnique({ where: { name: input.name }, select: { id: true } })) throw nameTaken();
    const { candidate, gaps } = await checkLeader(tx, input.leaderUsername, input.overrideReason, settings, now);
    const studio = await tx.studio.create({
      data: {
        name: input.name,
        duty: input.duty,
        level: input.level,
        description: input.description ?? "",
        platform: input.platform ?? "",
        budgetYuan: input.budgetYuan,
        ...(input.foundedOn ? { foundedOn: input.foundedOn } : {}),
      },
    });
    const overrideReason = gaps.length ? input.overrideReason! : null;
    const membership = await tx.studioMembership.create({
      data: { studioId: studio.id, userId: candidate.id, role: "LEADER", eligibilityOverrideReason: overrideReason },
    });
    await recordAudit(tx, { actorId, action: "studio.create", entityType: "Studio", entityId: studio.id, data: { ...input, budgetYuan: input.budgetYuan } as Prisma.InputJsonValue });
    await recordAudit(tx, {
      actorId,
      action: "membership.add",
      entityType: "StudioMembership",
      entityId: membership.id,
      data: { studioId: studio.id, userId: candidate.id, role: "LEADER" },
    });
    if (overrideReason) await recordOverride(tx, actorId, membership.id, { studioId: studio.id, userId: candidate.id, role: "LEADER", reason: overrideReason, gaps });
    const deliver = await createNotifications(tx, [
      { userId: candidate.id, type: "studios.notices.appointedLeader", data: { studio: studio.name }, link: `/studios/${studio.id}` },
    ]);
    return { studioId: studio.id, deliver };
  }), { name: nameTaken });
  deliver();
  return studioId;
}

export async function recordOverride(
  db: Db,
  actorId: string,
  membershipId: string,
  data: { studioId: string; userId: string; role: string; reason: string; gaps: EligibilityGap[] },
) {
  await recordAudit(db, {
    actorId,
    action: "membership.eligibility-override",
    entityType: "StudioMembership",
    entityId: membershipId,
    data: data as unknown as Prisma.InputJsonValue,
  });
}

/**
 * The studio's settings are edited by its leader and by 学工部: a save made against an older version
 * of the studio (`version`, its updatedAt) is refused with both values (decision 095).
 */
const claimStudio = (tx: Db, studioId: string, version: string | undefined, fields: EditedFields) =>
  claimVersion(version, {
    claim: (updatedAt) => tx.studio.updateMany({ where: { id: studioId, updatedAt }, data: { updatedAt: new Date() } }),
    current: () => tx.studio.findUnique({ where: { id: studioId } }),
    fields,
  });

/** The leader keeps the studio's description and platform current. */
export async function updateStudioDetails(studioId: string, input: { description?: string; platform?: string; version?: string }, actorId: string) {
  await prisma.$transaction(async (tx) => {
    const data = { description: input.description ?? "", platform: input.platform ?? "" };
    await claimStudio(tx, studioId, input.version, {
      platform: edited("studios.create.platform", data.platform),
      description: edited("studios.create.description", data.description),
    });
    await tx.studio.update({ where: { id: studioId }, data });
    await recordAudit(tx, { actorId, action: "studio.update", entityType: "Studio", entityId: studioId, data });
  });
}

/** 学工部 changes what it approved: name, duty, level, budget, founding date. */
export async function updateStudioOfficial(studioId: string, { version, ...input }: StudioInput & { version?: string }, actorId: string) {
  const nameTaken = () => new UserError("studios.errors.nameTaken", { name: input.name });
  await uniquely(prisma.$transaction(async (tx) => {
    const clash = await tx.studio.findFirst({ where: { name: input.name, id: { not: studioId } }, select: { id: true } });
    if (clash) throw nameTaken();
    await claimStudio(tx, studioId, version, {
      name: edited("studios.create.name", input.name),
      duty: edited("studios.create.duty", input.duty, (duty) => ({ key: `duty.${duty}` })),
      level: edited("studios.create.level", input.level, (level) => ({ key: `level.${level}` })),
      budgetYuan: edited("studios.create.budget", input.budgetYuan),
      ...(input.foundedOn ? { foundedOn: edited("studios.create.foundedOn", input.foundedOn) } : {}),
      platform: edited("studios.create.platform", input.platform ?? ""),
      description: edited("studios.create.description", input.description ?? ""),
    });
    const before = await tx.studio.findUniqueOrThrow({ where: { id: studioId }, select: { name: true, duty: true, level: true, budgetYuan: true } });
    await tx.studio.update({
      where: { id: studioId },
      data: {
        name: input.name,
        duty: input.duty,
        level: input.level,
        budgetYuan: input.budgetYuan,
        description: input.description ?? "",
        platform: input.platform ?? "",
        ...(input.foundedOn ? { foundedOn: input.foundedOn } : {}),
      },
    });
    await recordAudit(tx, {
      actorId,
      action: "studio.update-official",
      entityType: "Studio",
      entityId: studioId,
      data: { before: { ...before, budgetYuan: before.budgetYuan.toString() }, after: input } as unknown as Prisma.InputJsonValue,
    });
  }), { name: nameTaken });
}

/**
 * A new leader for a studio (学工部). The previous leader stays in the team as backbone; the new
 * one must meet the leader rules or come with an override reason.
 */
export async function changeLeader(
  studioId: string,
  input: { leaderUsername: string; overrideReason?: string },
  actorId: string,
  settings: SchoolSettings,
  now = new Date(),
) {
  const deliver = await prisma.$transaction(async (tx) => {
    const studio = await tx.studio.findUniqueOrThrow({ where: { id: studioId }, select: { name: true } });
    const { candidate, gaps, alreadyHere } = await checkLeader(tx, input.leaderUsername, input.overrideReason, settings, now, studioId);
    if (alreadyHere?.role === "LEADER") throw new UserError("studios.errors.alreadyLeader", { name: candidate.name });
    const previous = await tx.studioMembership.findFirst({ where: { studioId, role: "LEADER" }, select: { id: true, userId: true } });
    if (previous) {
      await tx.studioMembership.update({ where: { id: previous.id }, data: { role: "BACKBONE", eligibilityOverrideReason: null } });
    }
    const overrideReason = gaps.length ? input.overrideReason! : null;
    const membership = await tx.studioMembership.upsert({
      where: { studioId_userId: { studioId, userId: candidate.id } },
      create: { studioId, userId: candidate.id, role: "LEADER", eligibilityOverrideReason: overrideReason },
      update: { role: "LEADER", eligibilityOverrideReason: overrideReason },
    });
    await recordAudit(tx, {
      actorId,
      action: "studio.leader-change",
      entityType: "Studio",
      entityId: studioId,
      data: { from: previous?.userId ?? null, to: candidate.id },
    });
    if (overrideReason) await recordOverride(tx, actorId, membership.id, { studioId, userId: candidate.id, role: "LEADER", reason: overrideReason, gaps });
    return createNotifications(tx, [
      { userId: candidate.id, type: "studios.notices.appointedLeader", data: { studio: studio.name }, link: `/studios/${studioId}` },
    ]);
  });
  deliver();
}

/**
 * Counselors for picking leaders and invitees: by 工号 (its start), name (any part), or the start of
 * the name's pinyin or initials ("zhang", "zhangminghua", "zmh" find 张明华; surnames read as
 * surnames, decision 015), among the people the actor may list, in the order of every list of people.
 */
export async function lookupCounselors(actor: Actor, query: string, limit = 8) {
  if (!query.trim()) return [];
  return prisma.user.findMany({
    where: { AND: [whereCan(actor, "person:view-card"), whoMay("studio:join"), { active: true }, personQueryWhere(query)] },
    orderBy: [{ nameSortKey: "asc" }, { username: "asc" }],
    take: limit,
    select: { username: true, name: true, college: { select: { name: true } } },
  });
}
