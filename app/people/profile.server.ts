import { recordAudit } from "~/audit/audit.server.ts";
import { endSessions } from "~/auth/session.server.ts";
import { prisma } from "~/db/client.server.ts";
import { UserError } from "~/lib/user-error.ts";
import { claimVersion, edited, type EditedFields } from "~/lib/versioned.server.ts";
import type { Db } from "~/db/client.server.ts";
import type { Prisma } from "~/generated/prisma/client.ts";
import type { Level, Role } from "~/generated/prisma/enums.ts";
import type { SchoolSettings } from "~/settings/school-settings.server.ts";
import { backboneEligibilityGaps, leaderEligibilityGaps } from "~/studios/eligibility.ts";
import { deriveCareerStage } from "./career-stage.ts";
import { nameKeys } from "./name-keys.ts";
import type { PersonalProfileInput, RecordInput } from "./schemas.ts";

/** One person's page: the card everyone sees and, separately, the full profile. */
export async function getPerson(userId: string) {
  return prisma.user.findUnique({
    where: { id: userId },
    select: {
      id: true,
      username: true,
      name: true,
      updatedAt: true,
      email: true,
      phone: true,
      roles: true,
      active: true,
      passwordMustChange: true,
      passwordChangedAt: true,
      collegeId: true,
      college: { select: { name: true } },
      profile: { include: { honours: { orderBy: [{ year: "desc" }, { name: "asc" }] } } },
      memberships: {
        where: { studio: { archivedAt: null } },
        orderBy: { joinedAt: "asc" },
        select: { role: true, joinedAt: true, studio: { select: { id: true, name: true, duty: true } } },
      },
      mentor: { select: { kind: true, organisation: true } },
    },
  });
}
export type PersonRecord = NonNullable<Awaited<ReturnType<typeof getPerson>>>;

/** A person named by the URL and how the rules see them: their record and their account (404 when there is no such person). */
export async function loadPerson(userId: string | undefined) {
  const person = await getPerson(userId ?? "");
  if (!person) throw new Response("Not Found", { status: 404 });
  return { person, resource: { userId: person.id, collegeId: person.collegeId }, account: { userId: person.id, collegeId: person.collegeId, roles: person.roles } };
}

/** Stage, phase goal and plan, and what is missing to lead or be backbone of a studio. */
export function describeCareer(person: PersonRecord, settings: SchoolSettings, now = new Date()) {
  const profile = person.profile;
  if (!profile) return null;
  const candidate = { counselorSince: profile.counselorSince, title: profile.title, honourCount: profile.honours.length };
  return {
    ...deriveCareerStage(profile, now, settings.stageThresholds),
    leaderGaps: leaderEligibilityGaps(candidate, settings.leaderEligibility, now),
    backboneGaps: backboneEligibilityGaps(candidate, settings.backboneMinYears, now),
  };
}

/** The card: what every member of staff may see (no contact details, birth date or honours). */
export function cardOf(person: PersonRecord) {
  const profile = person.profile;
  return {
    id: person.id,
    username: person.username,
    name: person.name,
    roles: person.roles,
    active: person.active,
    collegeName: person.college?.name ?? null,
    title: profile?.title ?? null,
    position: profile?.position ?? null,
    specialties: profile?.specialties ?? [],
    specialtyTags: profile?.specialtyTags ?? [],
    researchInterests: profile?.researchInterests ?? null,
    studios: person.memberships.map((m) => ({ id: m.studio.id, name: m.studio.name, duty: m.studio.duty, role: m.role })),
    mentor: person.mentor,
  };
}

export function fullProfileOf(person: PersonRecord) {
  const profile = person.profile;
  return {
    email: person.email,
    phone: person.phone,
    collegeId: person.collegeId,
    gender: profile?.gender ?? null,
    birthDate: profile?.birthDate ?? null,
    counselorSince: profile?.counselorSince ?? null,
    fullTime: profile?.fullTime ?? true,
    education: profile?.education ?? null,
    major: profile?.major ?? null,
    groups: profile?.groups ?? [],
    honours: profile?.honours.map((h) => ({ id: h.id, name: h.name, level: h.level, year: h.year })) ?? [],
  };
}

const emptyProfile = { title: "NONE" as const, specialties: [], specialtyTags: [], groups: [] };

/**
 * A profile is edited by its owner, their college and 学工部: a save made against an older version of
 * the person (`version`, the account's updatedAt) is refused with the fields that differ (decision 095).
 */
function claimPerson(tx: Db, userId: string, version: string | undefined, fields: EditedFields) {
  return claimVersion(version, {
    claim: (updatedAt) => tx.user.updateMany({ where: { id: userId, updatedAt }, data: { updatedAt: new Date() } }),
    current: async () => {
      const user = await tx.user.findUnique({ where: { id: userId }, include: { profile: true } });
      return user ? { ...emptyProfile, ...user.profile, ...user, updatedAt: user.updatedAt } : null;
    },
    fields,
  });
}

/** The person's own part of the profile. */
export async function updatePersonalProfile(userId: string, input: PersonalProfileInput, actorId: string) {
  const { intent: _intent, version, phone, email, ...profile } = input;
  const data = {
    education: profile.education ?? null,
    major: profile.major ?? null,
    researchInterests: profile.researchInterests ?? null,
    specialties: profile.specialties,
    specialtyTags: profile.specialtyTags,
  };
  await prisma.$transaction(async (tx) => {
    await claimPerson(tx, userId, version, {
      phone: edited("people.profile.phone", phone),
      email: edited("people.profile.email", email),
      education: edited("people.profile.education", data.education, (e) => (e ? { key: `education.${e}` } : "")),
      major: edited("people.profile.major", data.major),
      specialties: edited("people.profile.specialties", data.specialties, (list) => list.map((duty) => ({ key: `duty.${duty}` }))),
      specialtyTags: edited("people.edit.tags", data.specialtyTags),
      researchInterests: edited("people.profile.interests", data.researchInterests),
    });
    await tx.user.update({ where: { id: userId }, data: { phone: phone ?? null, email: email ?? null } });
    await tx.counselorProfile.upsert({ where: { userId }, create: { userId, ...emptyProfile, ...data }, update: data });
    await recordAudit(tx, { actorId, action: "person.update-profile", entityType: "User", entityId: userId, data: { ...data, phone: phone ?? null, email: email ?? null } });
  });
}

/** The official record (start date, title, position, groups): stages and eligibility follow at once. */
export async function updateRecord(userId: string, input: RecordInput, actorId: string) {
  const { intent: _intent, version, name, ...record } = input;
  const data = {
    gender: record.gender ?? null,
    birthDate: record.birthDate ?? null,
    counselorSince: record.counselorSince ?? null,
    title: record.title,
    position: record.position ?? null,
    fullTime: record.fullTime,
    groups: record.groups,
  };
  await prisma.$transaction(async (tx) => {
    await claimPerson(tx, userId, version, {
      name: edited("people.edit.name", name),
      gender: edited("people.profile.gender", data.gender),
      birthDate: edited("people.profile.birthDate", data.birthDate),
      counselorSince: edited("people.profile.since", data.counselorSince),
      title: edited("people.profile.title", data.title, (title) => ({ key: `title.${title}` })),
      position: edited("people.profile.position", data.position),
      fullTime: edited("people.profile.fullTime", data.fullTime),
      groups: edited("people.profile.groups", data.groups, (list) => list.map((group) => ({ key: `group.${group}` }))),
    });
    const before = await tx.counselorProfile.findUnique({ where: { userId }, select: { counselorSince: true, title: true, groups: true } });
    await tx.user.update({ where: { id: userId }, data: { name, ...nameKeys(name) } });
    await tx.counselorProfile.upsert({ where: { userId }, create: { userId, ...emptyProfile, ...data }, update: data });
    await recordAudit(tx, {
      actorId,
      action: "person.update-record",
      entityType: "User",
      entityId: userId,
      data: { before, after: { name, ...data } } as Prisma.InputJsonValue,
    });
  });
}

export async function addHonour(userId: string, honour: { name: string; level: Level; year: number }, actorId: string) {
  await prisma.$transaction(async (tx) => {
    await tx.counselorProfile.upsert({ where: { userId }, create: { userId, ...emptyProfile }, update: {} });
    const row = await tx.honour.create({ data: { profileId: userId, ...honour } });
    await recordAudit(tx, { actorId, action: "person.honour-add", entityType: "User", entityId: userId, data: { honourId: row.id, ...honour } });
  });
}

/** Refused when the honour is not (or no longer) this person's; nothing is changed then. */
export async function removeHonour(userId: string, honourId: string, actorId: string) {
  await prisma.$transaction(async (tx) => {
    const honour = await tx.honour.findFirst({ where: { id: honourId, profileId: userId } });
    if (!honour) throw new UserError("people.errors.honourMissing", {}, { status: 404 });
    await tx.honour.delete({ where: { id: honour.id } });
    await recordAudit(tx, {
      actorId,
      action: "person.honour-remove",
      entityType: "User",
      entityId: userId,
      data: { name: honour.name, level: honour.level, year: honour.year },
    });
  });
}

/** Roles, college and account state (学工部). Disabling an account ends its sessions. */
export async function updateAccount(userId: string, change: { roles: Role[]; collegeId: string | null; active: boolean }, actorId: string) {
  await prisma.$transaction(async (tx) => {
    if (change.collegeId && !(await tx.college.findUnique({ where: { id: change.collegeId }, select: { id: true } }))) {
      throw new UserError("people.errors.unknownCollege", {}, { status: 400 });
    }
    const before = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { roles: true, collegeId: true, active: true } });
    await tx.user.update({
      where: { id: userId },
      data: { roles: change.roles, collegeId: change.collegeId, active: change.active },
    });
    // Its sessions end, and with them its open sockets (decision 009).
    if (!change.active) await endSessions(tx, userId);
    await recordAudit(tx, { actorId, action: "person.account-change", entityType: "User", entityId: userId, data: { before, after: change } });
  });
}
