import http from "node:http";
import type { AddressInfo } from "node:net";
import pg from "pg";
import { io as connect } from "socket.io-client";
import { describe, expect, it } from "vitest";
import { prisma } from "~/db/client.server.ts";
import { setSocketServer } from "~/realtime/emit.server.ts";
import { createSocketServer } from "~/realtime/socket-server.server.ts";
import { getSchoolSettings } from "~/settings/school-settings.server.ts";
import { isUserError, UserError } from "~/lib/user-error.ts";
import { buildMentor, buildProject, buildStudio, buildUser } from "../../tests/support/factories.ts";
import { cookieFor } from "../../tests/support/signed-in.ts";
import {
  applyToStudio,
  changeMemberRole,
  decideJoinRequest,
  inviteToStudio,
  removeMember,
  withdrawJoinRequest,
} from "./membership.server.ts";

/** A fresh counselor outside every studio, so tests do not depend on each other. */
async function newCounselor(suffix: string, since = new Date("2025-09-01T00:00:00Z")) {
  return buildUser({ username: `m-${suffix}`, name: `测试${suffix}`, counselorSince: since, title: "TEACHING_ASSISTANT", specialties: ["MENTAL_HEALTH"] });
}

const ruleCode = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: unknown) => (isUserError(error) ? error.key.replace("studios.errors.", "") : Promise.reject(error)),
  );

describe("applying to a studio", () => {
  it("records the application and tells the leader", async () => {
    const applicant = await newCounselor("a1");
    const studio = await buildStudio();
    const { id } = studio;
    const leader = studio.leader.id;
    const requestId = await applyToStudio(id, applicant, "我负责新生心理适应工作，希望加入。", await getSchoolSettings());
    const request = await prisma.studioJoinRequest.findUniqueOrThrow({ where: { id: requestId } });
    expect(request).toMatchObject({ kind: "APPLICATION", status: "PENDING", userId: applicant.id });
    const notice = await prisma.notification.findFirstOrThrow({ where: { userId: leader, type: "studios.notices.joinRequested" }, orderBy: { createdAt: "desc" } });
    expect(notice.data).toEqual({ name: applicant.name, studio: studio.name });
    expect(notice.link).toBe(`/studios/${id}/team`);
  });

  it("refuses a second application, members, and people at the studios-per-person limit — writing nothing", async () => {
    const settings = await getSchoolSettings();
    const studio = await buildStudio();
    const { id } = studio;
    const applicant = await newCounselor("a2");
    await applyToStudio(id, applicant, "第一次申请的理由说明。", settings);
    const before = await prisma.studioJoinRequest.count();
    await expect(ruleCode(applyToStudio(id, applicant, "第二次申请的理由说明。", settings))).resolves.toBe("alreadyApplied");
    const backbone = studio.backbone[0]!;
    await expect(ruleCode(applyToStudio(id, backbone, "我已经是成员了但再申请。", settings))).resolves.toBe("alreadyMember");
    const full = await newCounselor("a3");
    const [a, b] = [await buildStudio(), await buildStudio()];
    await prisma.studioMembership.createMany({ data: [a!, b!].map((s) => ({ studioId: s.id, userId: full.id, role: "NEWCOMER" as const })) });
    await expect(ruleCode(applyToStudio(id, full, "已参加两个工作室仍想申请。", settings))).resolves.toBe("limitReached");
    expect(await prisma.studioJoinRequest.count()).toBe(before);
  });

  it("reaches the leader at once when online (socket.io), after the commit", async () => {
    const studio = await buildStudio();
    const server = http.createServer();
    createSocketServer(server);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const socket = connect(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, {
      transports: ["websocket"],
      extraHeaders: { Cookie: await cookieFor(studio.leader.username) },
    });
    try {
      await new Promise((resolve) => socket.on("session", resolve));
      const received = new Promise((resolve) => socket.on("notification", resolve));
      await applyToStudio(studio.id, await newCounselor("rt"), "实时通知测试的申请理由。", await getSchoolSettings());
      await expect(received).resolves.toEqual({ unread: true });
    } finally {
      socket.disconnect();
      setSocketServer(null);
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe("deciding applications", () => {
  it("approval makes the applicant a newcomer, audits it and tells the applicant", async () => {
    const settings = await getSchoolSettings();
    const studio = await buildStudio();
    const { id, leader } = studio;
    const applicant = await newCounselor("d1");
    const requestId = await applyToStudio(id, applicant, "希望参与朋辈互助方向的研究。", settings);
    await decideJoinRequest(requestId, "approve", undefined, leader, settings);
    const membership = await prisma.studioMembership.findUniqueOrThrow({ where: { studioId_userId: { studioId: id, userId: applicant.id } } });
    expect(membership.role).toBe("NEWCOMER");
    expect(await prisma.studioJoinRequest.findUniqueOrThrow({ where: { id: requestId } })).toMatchObject({ status: "APPROVED", decidedById: leader.id });
    const audit = await prisma.auditLog.findFirstOrThrow({ where: { action: "membership.add", entityId: membership.id } });
    expect(audit).toMatchObject({ actorId: leader.id, data: { userId: applicant.id, role: "NEWCOMER", via: "APPLICATION" } });
    const notice = await prisma.notification.findFirstOrThrow({ where: { userId: applicant.id } });
    expect(notice).toMatchObject({ type: "studios.notices.joinApproved", data: { studio: studio.name } });
    await expect(ruleCode(decideJoinRequest(requestId, "decline", undefined, leader, settings))).resolves.toBe("alreadyDecided");
  });

  it("a decline carries the leader's note to the applicant and adds nobody", async () => {
    const settings = await getSchoolSettings();
    const applicant = await newCounselor("d2");
    const studio = await buildStudio();
    const requestId = await applyToStudio(studio.id, applicant, "希望加入工作室学习。", settings);
    await decideJoinRequest(requestId, "decline", "本期名额已满，欢迎明年再申请。", studio.leader, settings);
    expect(await prisma.studioMembership.count({ where: { userId: applicant.id } })).toBe(0);
    const notice = await prisma.notification.findFirstOrThrow({ where: { userId: applicant.id } });
    expect(notice).toMatchObject({ type: "studios.notices.joinDeclinedNote", data: { studio: studio.name, note: "本期名额已满，欢迎明年再申请。" } });
  });

  it("re-checks the limit at approval, waiting for a concurrent approval elsewhere (another app instance) to finish", async () => {
    const settings = { ...(await getSchoolSettings()), maxStudiosPerPerson: 1 };
    const applicant = await newCounselor("d3");
    const [a, b] = [await buildStudio(), await buildStudio()];
    const admin = await buildUser({ roles: ["ADMIN"] });
    const second = await applyToStudio(b!.id, applicant, "申请第二个工作室的理由。", settings);
    // Another instance is approving the same person into studio A: it holds the person's row and has
    // inserted the membership, not yet committed.
    const other = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await other.connect();
    await other.query("BEGIN");
    await other.query(`SELECT id FROM "User" WHERE id = $1 FOR UPDATE`, [applicant.id]);
    await other.query(`INSERT INTO "StudioMembership" (id, "studioId", "userId", role) VALUES ('concurrent-approval', $1, $2, 'NEWCOMER')`, [a!.id, applicant.id]);
    let settled = false;
    const decision = decideJoinRequest(second, "approve", undefined, admin, settings).finally(() => (settled = true));
    decision.catch(() => {});
    let waiting = 0;
    while (!settled && waiting === 0) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      const { rows } = await other.query(
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()`,
      );
      waiting = rows[0].n;
    }
    expect(waiting, "the approval must wait for the person's row").toBe(1);
    await other.query("COMMIT");
    await other.end();
    const error = await decision.then(() => null, (e: UserError) => e);
    expect(error?.key).toBe("studios.errors.limitReached");
    expect(await prisma.studioMembership.findMany({ where: { userId: applicant.id }, select: { studioId: true } })).toEqual([{ studioId: a!.id }]);
  });

  it("the applicant can withdraw a pending application", async () => {
    const applicant = await newCounselor("w1");
    const requestId = await applyToStudio((await buildStudio()).id, applicant, "申请后又想撤回的理由。", await getSchoolSettings());
    await withdrawJoinRequest(requestId, applicant.id);
    expect((await prisma.studioJoinRequest.findUniqueOrThrow({ where: { id: requestId } })).status).toBe("WITHDRAWN");
    await expect(ruleCode(withdrawJoinRequest(requestId, applicant.id))).resolves.toBe("alreadyDecided");
  });
});

describe("invitations", () => {
  it("the invitee is told, accepts, joins, and the leader hears back", async () => {
    const settings = await getSchoolSettings();
    const studio = await buildStudio();
    const { id, leader } = studio;
    const invitee = await newCounselor("i1");
    await inviteToStudio(id, invitee.username, "欢迎加入我们！", leader, settings);
    const invitation = await prisma.studioJoinRequest.findFirstOrThrow({ where: { userId: invitee.id, kind: "INVITATION", status: "PENDING" } });
    expect(await prisma.notification.findFirstOrThrow({ where: { userId: invitee.id } })).toMatchObject({
      type: "studios.notices.invited",
      data: { name: leader.name, studio: studio.name },
    });
    await decideJoinRequest(invitation.id, "approve", undefined, invitee, settings);
    expect(await prisma.studioMembership.count({ where: { studioId: id, userId: invitee.id, role: "NEWCOMER" } })).toBe(1);
    const leaderNotice = await prisma.notification.findFirstOrThrow({ where: { userId: leader.id, type: "studios.notices.invitationAccepted" }, orderBy: { createdAt: "desc" } });
    expect(leaderNotice.data).toEqual({ name: invitee.name, studio: studio.name });
  });

  it("cannot invite unknown people, non-counselors or someone invited already", async () => {
    const settings = await getSchoolSettings();
    const { id, leader } = await buildStudio();
    const mentor = await buildMentor();
    await expect(ruleCode(inviteToStudio(id, "nobody-here", undefined, leader, settings))).resolves.toBe("unknownPerson");
    await expect(ruleCode(inviteToStudio(id, mentor.user.username, undefined, leader, settings))).resolves.toBe("notCounselor");
    const invitee = await newCounselor("i2");
    await inviteToStudio(id, invitee.username, undefined, leader, settings);
    await expect(ruleCode(inviteToStudio(id, invitee.username, undefined, leader, settings))).resolves.toBe("alreadyInvited");
  });
});

describe("roles and removal", () => {
  it("backbone needs three years; the gap is explained and an override reason is audited", async () => {
    const settings = await getSchoolSettings();
    const { id, leader } = await buildStudio();
    const junior = await newCounselor("r1", new Date(Date.now() - 400 * 86_400_000));
    const membership = await prisma.studioMembership.create({ data: { studioId: id, userId: junior.id, role: "NEWCOMER" } });
    const error = await changeMemberRole(membership.id, "BACKBONE", undefined, leader.id, settings).catch((e: UserError) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).key).toBe("studios.errors.backboneNotEligible");
    expect((error as UserError).details).toEqual({ gaps: [expect.objectContaining({ kind: "years", required: 3, missing: 2 })] });
    expect((await prisma.studioMembership.findUniqueOrThrow({ where: { id: membership.id } })).role).toBe("NEWCOMER");

    await changeMemberRole(membership.id, "BACKBONE", "承担朋辈互助课题主要工作，破格任骨干。", leader.id, settings);
    expect(await prisma.studioMembership.findUniqueOrThrow({ where: { id: membership.id } })).toMatchObject({
      role: "BACKBONE",
      eligibilityOverrideReason: "承担朋辈互助课题主要工作，破格任骨干。",
    });
    const actions = (await prisma.auditLog.findMany({ where: { entityId: membership.id }, orderBy: { id: "asc" } })).map((a) => a.action);
    expect(actions).toEqual(["membership.role-change", "membership.eligibility-override"]);
    expect(await prisma.notification.findFirstOrThrow({ where: { userId: junior.id } })).toMatchObject({ type: "studios.notices.madeBackbone" });
  });

  it("the leader's role is changed only by appointing a new leader", async () => {
    const leaderMembership = await prisma.studioMembership.findFirstOrThrow({ where: { studioId: (await buildStudio()).id, role: "LEADER" } });
    await expect(ruleCode(changeMemberRole(leaderMembership.id, "NEWCOMER", undefined, leaderMembership.userId, await getSchoolSettings()))).resolves.toBe(
      "leaderRoleFixed",
    );
    await expect(ruleCode(removeMember(leaderMembership.id, leaderMembership.userId, "left"))).resolves.toBe("leaderCannotLeave");
  });

  it("removing a member ends their project roles, unassigns open tasks, audits and notifies", async () => {
    const studio = await buildStudio();
    const { id } = studio;
    const leader = studio.leader.id;
    const member = await newCounselor("x1");
    const membership = await prisma.studioMembership.create({ data: { studioId: id, userId: member.id, role: "NEWCOMER" } });
    const project = await buildProject({ studio, principal: studio.leader });
    await prisma.projectMember.create({ data: { projectId: project.id, userId: member.id } });
    const task = await prisma.task.create({ data: { projectId: project.id, title: "整理访谈记录", assigneeId: member.id } });
    await removeMember(membership.id, leader, "removed");
    expect(await prisma.studioMembership.findUnique({ where: { id: membership.id } })).toBeNull();
    expect(await prisma.projectMember.count({ where: { userId: member.id } })).toBe(0);
    expect((await prisma.task.findUniqueOrThrow({ where: { id: task.id } })).assigneeId).toBeNull();
    expect(await prisma.auditLog.count({ where: { action: "membership.remove", entityId: membership.id, actorId: leader } })).toBe(1);
    expect(await prisma.notification.findFirstOrThrow({ where: { userId: member.id } })).toMatchObject({ type: "studios.notices.removed" });
  });
});
