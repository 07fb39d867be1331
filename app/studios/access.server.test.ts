import crypto from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/db/client.server.ts";
import { loadDocumentAccess } from "~/documents/access.server.ts";
import type { MentorAssignmentStatus } from "~/generated/prisma/enums.ts";
import { requestScope } from "~/lib/request-scope.server.ts";
import type { Actor } from "~/policy/index.ts";
import { findStudioAccess, loadStudioAccess } from "./access.server.ts";

/**
 * The one loader of the viewer↔studio relation, on a studio of this file's own: who is a member in
 * which role, and which mentorships count (ACCEPTED only); a document's access is built on it.
 */
const tag = crypto.randomUUID().slice(0, 8);
let studioId = "";
let directionId = "";
const people: Record<"leader" | "newcomer" | "outsider" | "accepted" | "invited" | "declined", Actor> = {} as never;

async function person(name: string, roles: Actor["roles"]): Promise<Actor> {
  const user = await prisma.user.create({ data: { username: `${name}-${tag}`, name, passwordHash: "x", roles: [...roles] }, select: { id: true, roles: true, collegeId: true } });
  return user;
}

async function mentor(name: string, status: MentorAssignmentStatus): Promise<Actor> {
  const actor = await person(name, ["MENTOR"]);
  const { id } = await prisma.mentor.create({ data: { userId: actor.id, kind: "INTERNAL" } });
  await prisma.mentorAssignment.create({ data: { mentorId: id, directionId, status } });
  return actor;
}

/** Runs `body` as the server runs a request with this method (the per-request memo open). */
function asRequest<T>(method: string, body: () => Promise<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => requestScope({ method } as never, {} as never, () => body().then(resolve, reject)));
}

beforeAll(async () => {
  studioId = (await prisma.studio.create({ data: { name: `关系测试工作室 ${tag}`, duty: "CAREER" } })).id;
  directionId = (await prisma.direction.create({ data: { studioId, name: "方向" } })).id;
  people.leader = await person("负责人", ["COUNSELOR"]);
  people.newcomer = await person("新成员", ["COUNSELOR"]);
  people.outsider = await person("局外人", ["COUNSELOR"]);
  await prisma.studioMembership.createMany({
    data: [
      { studioId, userId: people.leader.id, role: "LEADER" },
      { studioId, userId: people.newcomer.id, role: "NEWCOMER" },
    ],
  });
  people.accepted = await mentor("已接受导师", "ACCEPTED");
  people.invited = await mentor("已邀请导师", "INVITED");
  people.declined = await mentor("已谢绝导师", "DECLINED");
});

describe("the viewer↔studio relation", () => {
  it("gives each person their role in the studio, and counts only accepted mentorships", async () => {
    const relations = Object.fromEntries(
      await Promise.all(Object.entries(people).map(async ([who, actor]) => [who, (await findStudioAccess(actor, studioId))!.resource] as const)),
    );
    expect(relations).toEqual({
      leader: { studioId, viewerRole: "LEADER", viewerMentors: false },
      newcomer: { studioId, viewerRole: "NEWCOMER", viewerMentors: false },
      outsider: { studioId, viewerRole: null, viewerMentors: false },
      accepted: { studioId, viewerRole: null, viewerMentors: true },
      invited: { studioId, viewerRole: null, viewerMentors: false },
      declined: { studioId, viewerRole: null, viewerMentors: false },
    });
  });

  it("comes with the studio's name line, and is a 404 for a studio that does not exist", async () => {
    const access = await loadStudioAccess(people.leader, studioId);
    expect(access.studio).toMatchObject({ id: studioId, name: `关系测试工作室 ${tag}`, duty: "CAREER", archivedAt: null });
    expect(await findStudioAccess(people.leader, "no-such-studio")).toBeNull();
    const missing = await loadStudioAccess(people.leader, "no-such-studio").catch((error: unknown) => error);
    expect(missing).toBeInstanceOf(Response);
    expect((missing as Response).status).toBe(404);
    await expect(loadStudioAccess(people.leader, undefined)).rejects.toBeInstanceOf(Response);
  });

  it("is what a document's access is built on, with the person's own part in the document on top", async () => {
    const document = await prisma.document.create({ data: { studioId, type: "RESEARCH_NOTE", title: "关系测试", createdById: people.newcomer.id } });
    expect((await loadDocumentAccess(document.id, people.newcomer))!.resource).toEqual({
      studioId,
      status: "DRAFT",
      viewerRole: "NEWCOMER",
      viewerMentors: false,
      viewerCreated: true,
      viewerIsAuthor: true,
      viewerIsReviewer: false,
    });
    expect((await loadDocumentAccess(document.id, people.accepted))!.resource).toMatchObject({ viewerRole: null, viewerMentors: true, viewerCreated: false });
    expect((await loadDocumentAccess(document.id, people.invited))!.resource).toMatchObject({ viewerRole: null, viewerMentors: false });
    expect(await loadDocumentAccess("no-such-document", people.newcomer)).toBeNull();
  });

  it("is loaded once for a page, and afresh after a form post changed it", async () => {
    const member = await person("来去成员", ["COUNSELOR"]);
    await prisma.studioMembership.create({ data: { studioId, userId: member.id, role: "BACKBONE" } });
    const leave = () => prisma.studioMembership.delete({ where: { studioId_userId: { studioId, userId: member.id } } });
    const join = () => prisma.studioMembership.create({ data: { studioId, userId: member.id, role: "BACKBONE" } });
    const role = async () => (await loadStudioAccess(member, studioId)).resource.viewerRole;

    // A page (GET): its loaders share one load, so a change in the middle is not seen.
    expect(await asRequest("GET", async () => [await role(), await leave(), await role()][2])).toBe("BACKBONE");
    await join();
    // A post without JavaScript: the action changes the membership, the page's loaders then run in
    // the same request and must show the person gone.
    expect(await asRequest("POST", async () => [await role(), await leave(), await role()][2])).toBeNull();
  });
});
