import type { SessionUser } from "~/auth/session.server.ts";
import { recordAudit } from "~/audit/audit.server.ts";
import type { Db } from "~/db/client.server.ts";
import { prisma } from "~/db/client.server.ts";
import type { JoinRequestKind, StudioRole } from "~/generated/prisma/enums.ts";
import { createNotifications, type NewNotification } from "~/notifications/notify.server.ts";
import { can } from "~/policy/index.ts";
import type { SchoolSettings } from "~/settings/school-settings.server.ts";
import { backboneEligibilityGaps } from "./eligibility.ts";
import { UserError } from "~/lib/user-error.ts";
import { recordOverride } from "./studios.server.ts";

/**
 * Joining and leaving studios: applications (the counselor asks, the leader decides), invitations
 * (the leader asks, the counselor decides), role changes and removals. Each change, its audit
 * entry and the notifications are one transaction; the person's row is locked first, so two
 * requests at once cannot take someone past the studios-per-person limit.
 */
async function lockPerson(db: Db, userId: string) {
  await db.$queryRaw`SELECT id FROM "User" WHERE id = ${userId} FOR UPDATE`;
}

async function leadersOf(db: Db, studioId: string): Promise<string[]> {
  const leaders = await db.studioMembership.findMany({ where: { studioId, role: "LEADER" }, select: { userId: true } });
  return leaders.map((l) => l.userId);
}

/** Nobody joins a studio twice, has two open requests for it, or exceeds the limit. */
async function checkCanJoin(db: Db, studioId: string, user: { id: string; name: string }, settings: SchoolSettings, ignoreRequestId?: string) {
  const [membership, pending, count] = await Promise.all([
    db.studioMembership.findUnique({ where: { studioId_userId: { studioId, userId: user.id } }, select: { id: true } }),
    db.studioJoinRequest.findFirst({
      where: { studioId, userId: user.id, status: "PENDING", ...(ignoreRequestId ? { id: { not: ignoreRequestId } } : {}) },
      select: { kind: true },
    }),
    db.studioMembership.count({ where: { userId: user.id } }),
  ]);
  if (membership) throw new UserError("studios.errors.alreadyMember", { name: user.name });
  if (pending) throw new UserError(pending.kind === "APPLICATION" ? "studios.errors.alreadyApplied" : "studios.errors.alreadyInvited", { name: user.name });
  if (count >= settings.maxStudiosPerPerson) throw new UserError("studios.errors.limitReached", { name: user.name, limit: settings.maxStudiosPerPerson });
}

async function studioName(db: Db, studioId: string) {
  const studio = await db.studio.findUnique({ where: { id: studioId }, select: { name: true, archivedAt: true } });
  if (!studio || studio.archivedAt) throw new UserError("studios.errors.studioClosed");
  return studio.name;
}

/** A counselor applies with a short motivation; the leader is told at once. */
export async function applyToStudio(studioId: string, user: Pick<SessionUser, "id" | "name">, motivation: string, settings: SchoolSettings) {
  const { requestId, deliver } = await prisma.$transaction(async (tx) => {
    await lockPerson(tx, user.id);
    const name = await studioName(tx, studioId);
    await checkCanJoin(tx, studioId, user, settings);
    const request = await tx.studioJoinRequest.create({ data: { studioId, userId: user.id, kind: "APPLICATION", motivation } });
    await recordAudit(tx, { actorId: user.id, action: "join-request.apply", entityType: "StudioJoinRequest", entityId: request.id, data: { studioId } });
    const deliver = await createNotifications(
      tx,
      (await leadersOf(tx, studioId)).map((leaderId) => ({
        userId: leaderId,
        type: "studios.notices.joinRequested",
        data: { name: user.name, studio: name },
        link: `/studios/${studioId}/team`,
      })),
    );
    return { requestId: request.id, deliver };
  });
  deliver();
  return requestId;
}

/** The leader invites a counselor by 工号; the counselor is told at once. */
export async function inviteToStudio(studioId: string, username: string, message: string | undefined, actor: Pick<SessionUser, "id" | "name">, settings: SchoolSettings) {
  const deliver = await prisma.$transaction(async (tx) => {
    const invitee = await tx.user.findUnique({ where: { username }, select: { id: true, name: true, active: true, roles: true, collegeId: true } });
    if (!invitee || !invitee.active) throw new UserError("studios.errors.unknownPerson", { username });
    if (!can(invitee, "studio:join", null)) throw new UserError("studios.errors.notCounselor", { name: invitee.name });
    await lockPerson(tx, invitee.id);
    const name = await studioName(tx, studioId);
    await checkCanJoin(tx, studioId, invitee, settings);
    const request = await tx.studioJoinRequest.create({
      data: { studioId, userId: invitee.id, kind: "INVITATION", motivation: message ?? "", decidedById: null },
    });
    await recordAudit(tx, { actorId: actor.id, action: "join-request.invite", entityType: "StudioJoinRequest", entityId: request.id, data: { studioId, userId: invitee.id } });
    return createNotifications(tx, [
      { userId: invitee.id, type: "studios.notices.invited", data: { name: actor.name, studio: name }, link: `/studios/${studioId}` },
    ]);
  });
  deliver();
}

export async function findJoinRequest(requestId: string) {
  return prisma.studioJoinRequest.findUnique({
    where: { id: requestId },
    select: { id: true, studioId: true, userId: true, kind: true, status: true, user: { select: { name: true } } },
  });
}

/**
 * Approve or decline a pending request. An approved application or accepted invitation makes the
 * person a newcomer (新成员); the other side is notified either way.
 */
export async function decideJoinRequest(
  requestId: string,
  decision: "approve" | "decline",
  note: string | undefined,
  actor: Pick<SessionUser, "id" | "name">,
  settings: SchoolSettings,
) {
  const deliver = await prisma.$transaction(async (tx) => {
    const request = await tx.studioJoinRequest.findUniqueOrThrow({
      where: { id: requestId },
      select: { id: true, studioId: true, userId: true, kind: true, status: true, user: { select: { id: true, name: true } } },
    });
    await lockPerson(tx, request.userId);
    const current = await tx.studioJoinRequest.findUniqueOrThrow({ where: { id: requestId }, select: { status: true } });
    if (current.status !== "PENDING") throw new UserError("studios.errors.alreadyDecided");
    const name = await studioName(tx, request.studioId);
    let membershipId: string | null = null;
    if (decision === "approve") {
      await checkCanJoin(tx, request.studioId, request.user, settings, request.id);
      const membership = await tx.studioMembership.create({ data: { studioId: request.studioId, userId: request.userId, role: "NEWCOMER" } });
      membershipId = membership.id;
    }
    await tx.studioJoinRequest.update({
      where: { id: requestId },
      data: { status: decision === "approve" ? "APPROVED" : "DECLINED", decisionNote: note ?? null, decidedById: actor.id, decidedAt: new Date() },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: decision === "approve" ? "join-request.approve" : "join-request.decline",
      entityType: "StudioJoinRequest",
      entityId: requestId,
      data: { studioId: request.studioId, userId: request.userId, kind: request.kind, note: note ?? null },
    });
    if (membershipId) {
      await recordAudit(tx, {
        actorId: actor.id,
        action: "membership.add",
        entityType: "StudioMembership",
        entityId: membershipId,
        data: { studioId: request.studioId, userId: request.userId, role: "NEWCOMER", via: request.kind },
      });
    }
    const notices: NewNotification[] =
      request.kind === "APPLICATION"
        ? [
            {
              userId: request.userId,
              type: decision === "approve" ? "studios.notices.joinApproved" : note ? "studios.notices.joinDeclinedNote" : "studios.notices.joinDeclined",
              data: { studio: name, ...(note ? { note } : {}) },
              link: `/studios/${request.studioId}`,
            },
          ]
        : (await leadersOf(tx, request.studioId)).map((leaderId) => ({
            userId: leaderId,
            type: decision === "approve" ? "studios.notices.invitationAccepted" : "studios.notices.invitationDeclined",
            data: { name: request.user.name, studio: name },
            link: `/studios/${request.studioId}/team`,
          }));
    return createNotifications(tx, notices);
  });
  deliver();
}

/** The applicant takes back an application, or the leader an invitation. */
export async function withdrawJoinRequest(requestId: string, actorId: string) {
  await prisma.$transaction(async (tx) => {
    const request = await tx.studioJoinRequest.findUniqueOrThrow({ where: { id: requestId }, select: { status: true, studioId: true, userId: true } });
    if (request.status !== "PENDING") throw new UserError("studios.errors.alreadyDecided");
    await tx.studioJoinRequest.update({ where: { id: requestId }, data: { status: "WITHDRAWN", decidedAt: new Date(), decidedById: actorId } });
    await recordAudit(tx, { actorId, action: "join-request.withdraw", entityType: "StudioJoinRequest", entityId: requestId, data: request });
  });
}

/** Requests waiting for the leader (applications) or for invitees (invitations), and recent decisions. */
export async function listStudioRequests(studioId: string) {
  const select = {
    id: true,
    kind: true,
    status: true,
    motivation: true,
    decisionNote: true,
    createdAt: true,
    decidedAt: true,
    user: {
      select: {
        id: true,
        name: true,
        college: { select: { name: true } },
        profile: { select: { title: true, counselorSince: true, specialties: true, specialtyTags: true } },
      },
    },
  } as const;
  const [pending, recent] = await Promise.all([
    prisma.studioJoinRequest.findMany({ where: { studioId, status: "PENDING" }, orderBy: { createdAt: "asc" }, select }),
    prisma.studioJoinRequest.findMany({ where: { studioId, status: { not: "PENDING" } }, orderBy: { decidedAt: "desc" }, take: 10, select }),
  ]);
  return { pending, recent };
}

export async function findMembership(membershipId: string) {
  return prisma.studioMembership.findUnique({
    where: { id: membershipId },
    select: { id: true, studioId: true, userId: true, role: true, user: { select: { name: true } } },
  });
}

/**
 * Backbone or newcomer (the leader role changes only through 学工部's leader appointment). A
 * backbone must meet the backbone rule (default ≥ 3 years) or come with an override reason.
 */
export async function changeMemberRole(
  membershipId: string,
  role: Exclude<StudioRole, "LEADER">,
  overrideReason: string | undefined,
  actorId: string,
  settings: SchoolSettings,
  now = new Date(),
) {
  const deliver = await prisma.$transaction(async (tx) => {
    const membership = await tx.studioMembership.findUniqueOrThrow({
      where: { id: membershipId },
      select: {
        id: true,
        studioId: true,
        userId: true,
        role: true,
        studio: { select: { name: true } },
        user: { select: { name: true, profile: { select: { counselorSince: true, title: true } } } },
      },
    });
    if (membership.role === "LEADER") throw new UserError("studios.errors.leaderRoleFixed");
    if (membership.role === role) return () => {};
    const gaps =
      role === "BACKBONE"
        ? backboneEligibilityGaps(
            { counselorSince: membership.user.profile?.counselorSince ?? null, title: membership.user.profile?.title ?? "NONE", honourCount: 0 },
            settings.backboneMinYears,
            now,
          )
        : [];
    if (gaps.length && !overrideReason) throw new UserError("studios.errors.backboneNotEligible", { name: membership.user.name }, { details: { gaps } });
    const reason = gaps.length ? overrideReason! : null;
    await tx.studioMembership.update({ where: { id: membershipId }, data: { role, eligibilityOverrideReason: reason } });
    await recordAudit(tx, {
      actorId,
      action: "membership.role-change",
      entityType: "StudioMembership",
      entityId: membershipId,
      data: { studioId: membership.studioId, userId: membership.userId, from: membership.role, to: role },
    });
    if (reason) await recordOverride(tx, actorId, membershipId, { studioId: membership.studioId, userId: membership.userId, role, reason, gaps });
    return createNotifications(tx, [
      {
        userId: membership.userId,
        type: role === "BACKBONE" ? "studios.notices.madeBackbone" : "studios.notices.madeNewcomer",
        data: { studio: membership.studio.name },
        link: `/studios/${membership.studioId}`,
      },
    ]);
  });
  deliver();
}

/** The leader (or 学工部) removes a member, or a member leaves; never the leader. */
export async function removeMember(membershipId: string, actorId: string, reason: "removed" | "left") {
  const deliver = await prisma.$transaction(async (tx) => {
    const membership = await tx.studioMembership.findUniqueOrThrow({
      where: { id: membershipId },
      select: { id: true, studioId: true, userId: true, role: true, studio: { select: { name: true } }, user: { select: { name: true } } },
    });
    if (membership.role === "LEADER") throw new UserError("studios.errors.leaderCannotLeave");
    await tx.studioMembership.delete({ where: { id: membershipId } });
    // Their project roles in this studio end with their membership; tasks stay, unassigned.
    await tx.projectMember.deleteMany({ where: { userId: membership.userId, project: { studioId: membership.studioId } } });
    await tx.task.updateMany({
      where: { assigneeId: membership.userId, status: { not: "DONE" }, project: { studioId: membership.studioId } },
      data: { assigneeId: null },
    });
    await recordAudit(tx, {
      actorId,
      action: reason === "left" ? "membership.leave" : "membership.remove",
      entityType: "StudioMembership",
      entityId: membershipId,
      data: { studioId: membership.studioId, userId: membership.userId, role: membership.role },
    });
    const notices: NewNotification[] =
      reason === "removed"
        ? [{ userId: membership.userId, type: "studios.notices.removed", data: { studio: membership.studio.name }, link: `/studios/${membership.studioId}` }]
        : (await leadersOf(tx, membership.studioId)).map((leaderId) => ({
            userId: leaderId,
            type: "studios.notices.memberLeft",
            data: { name: membership.user.name, studio: membership.studio.name },
            link: `/studios/${membership.studioId}/team`,
          }));
    return createNotifications(tx, notices);
  });
  deliver();
}

export type { JoinRequestKind };
