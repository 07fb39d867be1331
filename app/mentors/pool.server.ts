import { temporaryPassword } from "~/auth/password.server.ts";
import { initialPasswordFields } from "~/auth/passwords.server.ts";
import { endSessions } from "~/auth/session.server.ts";
import { recordAudit } from "~/audit/audit.server.ts";
import type { Db } from "~/db/client.server.ts";
import { prisma } from "~/db/client.server.ts";
import type { Prisma } from "~/generated/prisma/client.ts";
import type { Duty, MentorKind } from "~/generated/prisma/enums.ts";
import { uniquely } from "~/lib/unique.server.ts";
import { UserError } from "~/lib/user-error.ts";
import { nameKeys } from "~/people/name-keys.ts";
import type { NewMentorInput, ProfileInput } from "./schemas.ts";

/** The mentor pool (导师库): listing, profiles, curation by 学工部, self-service by mentors. */

export const POOL_PAGE_SIZE = 20;
const ACTIVE = ["ACCEPTED", "INVITED", "PROPOSED"] as const;

export interface PoolFilter {
  page: number;
  kind?: MentorKind;
  duty?: Duty;
  available?: "yes" | "no";
  q?: string;
}

export async function listMentors(filter: PoolFilter) {
  const where: Prisma.MentorWhereInput = {
    ...(filter.kind ? { kind: filter.kind } : {}),
    ...(filter.duty ? { expertiseDuties: { has: filter.duty } } : {}),
    ...(filter.available === "yes" ? { available: true, user: { active: true } } : {}),
    ...(filter.available === "no" ? { OR: [{ available: false }, { user: { active: false } }] } : {}),
    ...(filter.q
      ? {
          AND: [
            {
              OR: [
                { user: { name: { contains: filter.q, mode: "insensitive" } } },
                { organisation: { contains: filter.q, mode: "insensitive" } },
                { title: { contains: filter.q, mode: "insensitive" } },
                { bio: { contains: filter.q, mode: "insensitive" } },
                { keywords: { has: filter.q } },
              ],
            },
          ],
        }
      : {}),
  };
  const [total, rows] = await Promise.all([
    prisma.mentor.count({ where }),
    prisma.mentor.findMany({
      where,
      orderBy: [{ kind: "asc" }, { user: { nameSortKey: "asc" } }, { user: { username: "asc" } }],
      skip: (filter.page - 1) * POOL_PAGE_SIZE,
      take: POOL_PAGE_SIZE,
      select: {
        id: true,
        kind: true,
        organisation: true,
        title: true,
        rank: true,
        expertiseDuties: true,
        keywords: true,
        capacity: true,
        available: true,
        user: { select: { name: true, active: true } },
        _count: { select: { assignments: { where: { status: { in: ["ACCEPTED", "INVITED"] } } } } },
      },
    }),
  ]);
  return {
    total,
    pages: Math.max(1, Math.ceil(total / POOL_PAGE_SIZE)),
    items: rows.map((m) => ({
      id: m.id,
      name: m.user.name,
      kind: m.kind,
      organisation: m.organisation,
      title: m.title,
      rank: m.rank,
      duties: m.expertiseDuties,
      keywords: m.keywords,
      capacity: m.capacity,
      available: m.available && m.user.active,
      load: m._count.assignments,
    })),
  };
}

export async function getMentorProfile(mentorId: string) {
  const mentor = await prisma.mentor.findUnique({
    where: { id: mentorId },
    include: {
      user: { select: { id: true, name: true, username: true, email: true, phone: true, active: true, college: { select: { name: true } } } },
      assignments: {
        where: { status: { in: ["ACCEPTED", "INVITED"] } },
        orderBy: { createdAt: "asc" },
        select: { id: true, status: true, direction: { select: { id: true, name: true, studio: { select: { id: true, name: true, duty: true } } } } },
      },
    },
  });
  if (!mentor) return null;
  return {
    id: mentor.id,
    userId: mentor.userId,
    name: mentor.user.name,
    username: mentor.user.username,
    email: mentor.user.email,
    phone: mentor.user.phone,
    college: mentor.user.college?.name ?? null,
    active: mentor.user.active,
    kind: mentor.kind,
    organisation: mentor.organisation,
    title: mentor.title,
    rank: mentor.rank,
    contact: mentor.contact,
    bio: mentor.bio,
    duties: mentor.expertiseDuties,
    keywords: mentor.keywords,
    capacity: mentor.capacity,
    available: mentor.available,
    directions: mentor.assignments.map((a) => ({ assignmentId: a.id, status: a.status, id: a.direction.id, name: a.direction.name, studio: a.direction.studio })),
  };
}

/** Whether `userId` belongs to a studio this mentor serves (accepted or invited): they may see the contact details. */
export async function isMenteeOf(userId: string, mentorId: string): Promise<boolean> {
  const found = await prisma.mentorAssignment.findFirst({
    where: { mentorId, status: { in: ["ACCEPTED", "INVITED"] }, direction: { studio: { memberships: { some: { userId } } } } },
    select: { id: true },
  });
  return found !== null;
}

/** Mentors linked to this user (a user has at most one). */
export function findMentorByUser(userId: string) {
  return prisma.mentor.findUnique({ where: { userId }, select: { id: true, kind: true } });
}

async function activeLoad(db: Db, mentorId: string) {
  return db.mentorAssignment.count({ where: { mentorId, status: { in: [...ACTIVE] } } });
}

const profileData = (input: ProfileInput) => ({
  organisation: input.organisation,
  title: input.title,
  rank: input.rank,
  contact: input.contact,
  bio: input.bio,
  expertiseDuties: input.duties,
  keywords: input.keywords,
  capacity: input.capacity,
  available: input.available,
});

/** Saves a profile. Capacity may not drop below the directions the mentor already holds. */
export async function updateMentorProfile(actorId: string, mentorId: string, input: ProfileInput) {
  await prisma.$transaction(async (tx) => {
    const before = await tx.mentor.findUnique({ where: { id: mentorId } });
    if (!before) throw new UserError("mentors.errors.mentorGone", {}, { status: 404 });
    const load = await activeLoad(tx, mentorId);
    if (input.capacity < load) throw new UserError("mentors.errors.capacityBelowLoad", { load, capacity: input.capacity });
    const data = profileData(input);
    await tx.mentor.update({ where: { id: mentorId }, data });
    const changed = Object.fromEntries(
      Object.entries(data).filter(([key, value]) => JSON.stringify(value) !== JSON.stringify(before[key as keyof typeof before])),
    );
    await recordAudit(tx, { actorId, action: "mentor.update", entityType: "Mentor", entityId: mentorId, data: changed as Prisma.InputJsonValue });
  });
}

export async function setAvailability(actorId: string, mentorId: string, available: boolean) {
  await prisma.$transaction(async (tx) => {
    const mentor = await tx.mentor.findUnique({ where: { id: mentorId }, select: { id: true } });
    if (!mentor) throw new UserError("mentors.errors.mentorGone", {}, { status: 404 });
    await tx.mentor.update({ where: { id: mentorId }, data: { available } });
    await recordAudit(tx, { actorId, action: "mentor.update", entityType: "Mentor", entityId: mentorId, data: { available } });
  });
}

export type CreateOutcome = { mentorId: string; password: string | null };

/**
 * Adds a mentor. Internal: an existing staff account (by 工号) gets the mentor role. External: a
 * new account is created with a one-time password.
 */
export async function createMentor(actorId: string, input: NewMentorInput): Promise<CreateOutcome> {
  // A new external account's initial password only opens the page where its owner sets their own.
  const password = input.kind === "EXTERNAL" ? temporaryPassword() : null;
  const credential = password ? await initialPasswordFields(password) : null;
  // Two people adding the same new account at once: the second is told the account is taken.
  const usernameTaken = () => new UserError("mentors.errors.usernameTaken", { username: input.username });
  return uniquely(prisma.$transaction(async (tx) => {
    const existing = await tx.user.findUnique({ where: { username: input.username }, include: { mentor: { select: { id: true } }, college: { select: { name: true } } } });
    let userId: string;
    let organisation = input.organisation;
    if (input.kind === "INTERNAL") {
      if (!existing) throw new UserError("mentors.errors.noSuchStaff", { username: input.username });
      if (existing.mentor) throw new UserError("mentors.errors.alreadyMentor", { name: existing.name });
      if (!existing.active) throw new UserError("mentors.errors.accountDisabled", { name: existing.name });
      await tx.user.update({ where: { id: existing.id }, data: { roles: { set: [...new Set([...existing.roles, "MENTOR" as const])] } } });
      userId = existing.id;
      if (!organisation) organisation = existing.college?.name ?? "";
    } else {
      if (existing) throw usernameTaken();
      const user = await tx.user.create({ data: { username: input.username, name: input.name, ...nameKeys(input.name), ...credential!, roles: ["MENTOR"], collegeId: null } });
      userId = user.id;
    }
    const mentor = await tx.mentor.create({ data: { userId, kind: input.kind, ...profileData({ ...input, organisation }) } });
    await recordAudit(tx, {
      actorId,
      action: "mentor.create",
      entityType: "Mentor",
      entityId: mentor.id,
      data: { kind: input.kind, username: input.username, newAccount: input.kind === "EXTERNAL" },
    });
    return { mentorId: mentor.id, password };
  }), { username: usernameTaken });
}

/**
 * Takes a mentor out of the pool. Refused while they hold invitations or accepted directions
 * (release those first); pending proposals, exclusions and preferences go with them. An external
 * account that has no other role is disabled.
 */
export async function removeMentor(actorId: string, mentorId: string) {
  await prisma.$transaction(async (tx) => {
    const mentor = await tx.mentor.findUnique({ where: { id: mentorId }, include: { user: true } });
    if (!mentor) throw new UserError("mentors.errors.mentorGone", {}, { status: 404 });
    const active = await tx.mentorAssignment.count({ where: { mentorId, status: { in: ["ACCEPTED", "INVITED"] } } });
    if (active > 0) throw new UserError("mentors.errors.stillMentoring", { name: mentor.user.name, count: active });
    await tx.mentor.delete({ where: { id: mentorId } });
    const roles = mentor.user.roles.filter((r) => r !== "MENTOR");
    await tx.user.update({ where: { id: mentor.userId }, data: { roles: { set: roles }, ...(roles.length === 0 ? { active: false } : {}) } });
    if (roles.length === 0) await endSessions(tx, mentor.userId);
    await recordAudit(tx, { actorId, action: "mentor.remove", entityType: "Mentor", entityId: mentorId, data: { name: mentor.user.name, kind: mentor.kind, accountDisabled: roles.length === 0 } });
  });
}
