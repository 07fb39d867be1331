import { recordAudit } from "~/audit/audit.server.ts";
import type { Db } from "~/db/client.server.ts";
import { prisma } from "~/db/client.server.ts";
import { UserError } from "~/lib/user-error.ts";
import { lockOpenMeeting } from "./meeting-lock.server.ts";

/**
 * 分组研讨 beside splitIntoGroups (meetings.server.ts): what the groups panel shows, and the
 * organiser choosing each group's reporter among its members. The minutes template gives each
 * group its own section with its reporter.
 */

/** The groups of a meeting with their members and reporter (authorise "meeting:view"). */
export async function meetingGroups(meetingId: string, db: Db = prisma) {
  const [groups, present, invited] = await Promise.all([
    db.discussionGroup.findMany({
      where: { meetingId },
      orderBy: { position: "asc" },
      select: {
        id: true,
        name: true,
        reporterId: true,
        members: { orderBy: [{ user: { nameSortKey: "asc" } }, { userId: "asc" }], select: { user: { select: { id: true, name: true, college: { select: { name: true } } } } } },
      },
    }),
    db.meetingAttendance.count({ where: { meetingId } }),
    db.meetingInvitation.count({ where: { meetingId } }),
  ]);
  return {
    groups: groups.map((g) => ({ id: g.id, name: g.name, reporterId: g.reporterId, members: g.members.map((m) => ({ id: m.user.id, name: m.user.name, college: m.user.college?.name ?? null })) })),
    /** Whom a split takes: those present, else the invitees (splitIntoGroups). */
    participants: present || invited,
  };
}

/** The organiser picks a group's reporter among its members (authorise "meeting:manage" on the group's meeting). */
export async function setGroupReporter(meetingId: string, groupId: string, userId: string, actorId: string) {
  await prisma.$transaction(async (tx) => {
    await lockOpenMeeting(tx, meetingId);
    const member = await tx.discussionGroupMember.findFirst({ where: { groupId, userId, group: { meetingId } }, select: { userId: true } });
    if (!member) throw new UserError("meetings.live.groups.notMember", {}, { status: 400 });
    await tx.discussionGroup.update({ where: { id: groupId }, data: { reporterId: userId } });
    await recordAudit(tx, { actorId, action: "meetings.group-reporter", entityType: "DiscussionGroup", entityId: groupId, data: { meetingId, userId } });
  });
}
