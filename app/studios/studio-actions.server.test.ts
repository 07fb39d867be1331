import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/db/client.server.ts";
import { buildCast, buildStudio, buildUser, type Cast } from "../../tests/support/factories.ts";
import { asUser as asUsername } from "../../tests/support/signed-in.ts";

/**
 * The studio pages' actions on the one protocol (decision 054): each intent authorises through the
 * policy (403 and nothing written), answers bad input in Chinese (400), asks before destroying
 * anything (nothing changes until `confirmed=yes`) and reports a broken studio rule as a sentence.
 */
/** A studio of this file's own (two backbone members: one of them leaves) and the people around it. */
let cast: Cast;
let studioId: string;
type Who = "admin" | "leader" | "backbone" | "counselor";
/** Calls a loader or action as one of the cast (the counselor is in no studio) or as any account, by username. */
const asUser = (who: Who | string, ...rest: Parameters<typeof asUsername> extends [unknown, ...infer R] ? R : never) => {
  const people: Record<Who, { username: string }> = { admin: cast.admin, leader: cast.leader, backbone: cast.backbone, counselor: cast.outsider };
  return asUsername(who in people ? people[who as Who].username : who, ...rest);
};
// The route modules load once, before the tests (their first import compiles much of the app).
let apply: typeof import("~/routes/studios.$studioId.apply.tsx");
let directions: typeof import("~/routes/studios.$studioId.directions.tsx");
let edit: typeof import("~/routes/studios.$studioId.edit.tsx");
let create: typeof import("~/routes/studios.new.tsx");
let overview: typeof import("~/routes/studios.$studioId._index.tsx");
let list: typeof import("~/routes/studios._index.tsx");
beforeAll(async () => {
  cast = await buildCast({ studio: { backbone: 2 } });
  studioId = cast.studio.id;
  [apply, directions, edit, create, overview, list] = await Promise.all([
    import("~/routes/studios.$studioId.apply.tsx"),
    import("~/routes/studios.$studioId.directions.tsx"),
    import("~/routes/studios.$studioId.edit.tsx"),
    import("~/routes/studios.new.tsx"),
    import("~/routes/studios.$studioId._index.tsx"),
    import("~/routes/studios._index.tsx"),
  ]);
});

const reply = (response: { data: unknown }) => response.data as { intent: string; status: string; notice?: string; error?: string; confirm?: { message: string } };

describe("applying to join (studios/:id/apply)", () => {
  it("a member cannot apply; a counselor outside applies once and is told so in Chinese the second time", async () => {
    const url = `/studios/${studioId}/apply`;
    const motivation = "我负责学院的朋辈心理互助工作，希望参与心理育人研究。";
    const requests = () => prisma.studioJoinRequest.count({ where: { studioId, kind: "APPLICATION", userId: cast.outsider.id } });
    expect((await asUser("backbone", apply.action, url, { params: { studioId }, form: { intent: "apply", motivation } })).status).toBe(403);
    const before = await requests();
    const first = await asUser("counselor", apply.action, url, { params: { studioId }, form: { intent: "apply", motivation } });
    expect(first.status).toBe(302);
    expect(first.response?.headers.get("Location")).toBe(`/studios/${studioId}`);
    expect(await requests()).toBe(before + 1);
    const again = await asUser("counselor", apply.action, url, { params: { studioId }, form: { intent: "apply", motivation } });
    expect(again.status).toBe(409);
    expect(reply(again)).toMatchObject({ intent: "apply", status: "error", error: `${cast.outsider.name} 已提交过申请，正在等待审核。` });
    expect(await requests()).toBe(before + 1);
  });

  it("an unknown intent is a bad request", async () => {
    expect((await asUser("counselor", apply.action, `/studios/${studioId}/apply`, { params: { studioId }, form: { intent: "nope" } })).status).toBe(400);
  });
});

describe("research directions (studios/:id/directions)", () => {
  const url = () => `/studios/${studioId}/directions`;
  const fields = { name: "路由测试方向", description: "", keywords: "朋辈", internalMentorTarget: "1", externalMentorTarget: "1" };

  it("a backbone member cannot add one; the leader can, and a second of the same name is refused in Chinese", async () => {
    const count = () => prisma.direction.count({ where: { studioId, name: fields.name } });
    expect((await asUser("backbone", directions.action, url(), { params: { studioId }, form: { intent: "create", ...fields } })).status).toBe(403);
    expect(await count()).toBe(0);
    const created = await asUser("leader", directions.action, url(), { params: { studioId }, form: { intent: "create", ...fields } });
    expect(reply(created)).toMatchObject({ intent: "create", status: "success", notice: "研究方向已添加。" });
    expect(await count()).toBe(1);
    const twice = await asUser("leader", directions.action, url(), { params: { studioId }, form: { intent: "create", ...fields } });
    expect(twice.status).toBe(409);
    expect(reply(twice).error).toBe(`本工作室已有名为“${fields.name}”的研究方向。`);
    expect(await count()).toBe(1);
  });

  it("a nameless direction is refused with the field's Chinese error", async () => {
    const response = await asUser("leader", directions.action, url(), { params: { studioId }, form: { intent: "create", ...fields, name: "" } });
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.data)).toContain("请填写方向名称。");
  });

  it("deleting asks first and deletes nothing until confirmed; another studio's direction is not found", async () => {
    const direction = await prisma.direction.create({ data: { studioId, name: "待删除的方向", keywords: [] } });
    const asked = await asUser("leader", directions.action, url(), { params: { studioId }, form: { intent: "delete", directionId: direction.id } });
    expect(reply(asked)).toMatchObject({ status: "confirm", confirm: { message: "确定删除研究方向“待删除的方向”吗？该方向的导师安排会一并删除，课题和文档保留。" } });
    expect(await prisma.direction.count({ where: { id: direction.id } })).toBe(1);
    expect((await asUser("backbone", directions.action, url(), { params: { studioId }, form: { intent: "delete", directionId: direction.id, confirmed: "yes" } })).status).toBe(403);
    expect(await prisma.direction.count({ where: { id: direction.id } })).toBe(1);
    const other = await buildStudio();
    const foreign = await asUser("leader", directions.action, url(), { params: { studioId }, form: { intent: "delete", directionId: other.directions[0]!.id, confirmed: "yes" } });
    expect(foreign.status).toBe(404);
    const done = await asUser("leader", directions.action, url(), { params: { studioId }, form: { intent: "delete", directionId: direction.id, confirmed: "yes" } });
    expect(reply(done)).toMatchObject({ status: "success", notice: "研究方向已删除。" });
    expect(await prisma.direction.count({ where: { id: direction.id } })).toBe(0);
  });
});

describe("studio settings (studios/:id/edit)", () => {
  it("the leader saves the description but not what 学工部 approved", async () => {
    const url = `/studios/${studioId}/edit`;
    const saved = await asUser("leader", edit.action, url, { params: { studioId }, form: { intent: "details", description: "路由测试简介", platform: "" } });
    expect(reply(saved)).toMatchObject({ intent: "details", status: "success", notice: "简介已保存。" });
    expect((await prisma.studio.findUniqueOrThrow({ where: { id: studioId } })).description).toBe("路由测试简介");
    const official = await asUser("leader", edit.action, url, {
      params: { studioId },
      form: { intent: "official", name: "改名的工作室", duty: "MENTAL_HEALTH", level: "SCHOOL", budgetYuan: "1" },
    });
    expect(official.status).toBe(403);
    expect((await prisma.studio.findUniqueOrThrow({ where: { id: studioId } })).name).toBe(cast.studio.name);
  });

  it("学工部 leaving the name empty is told in Chinese", async () => {
    const response = await asUser("admin", edit.action, `/studios/${studioId}/edit`, { params: { studioId }, form: { intent: "official", name: "", level: "SCHOOL", budgetYuan: "1" } });
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.data)).toContain("请填写工作室名称。");
  });
});

describe("new studios (studios/new)", () => {
  it("a counselor's post is refused and creates nothing", async () => {
    const form = { intent: "create", name: "不该存在的工作室", duty: "CAREER", level: "SCHOOL", budgetYuan: "0", leaderUsername: cast.leader.username };
    expect((await asUser("leader", create.action, "/studios/new", { form })).status).toBe(403);
    expect(await prisma.studio.count({ where: { name: form.name } })).toBe(0);
  });
});

describe("joining and leaving (the studio page and the studio list)", () => {
  it("leaving asks first, the leader may not leave, and a member leaves once confirmed", async () => {
    const url = `/studios/${studioId}`;
    expect((await asUser("leader", overview.action, url, { params: { studioId }, form: { intent: "leave", confirmed: "yes" } })).status).toBe(403);
    const member = await prisma.studioMembership.findFirstOrThrow({ where: { studioId, userId: cast.studio.backbone[1]!.id }, include: { user: true } });
    const asked = await asUser(member.user.username, overview.action, url, { params: { studioId }, form: { intent: "leave" } });
    expect(reply(asked)).toMatchObject({ intent: "leave", status: "confirm", confirm: { message: `确定退出“${cast.studio.name}”吗？您在本工作室课题中的角色会一并取消。` } });
    expect(await prisma.studioMembership.count({ where: { id: member.id } })).toBe(1);
    const left = await asUser(member.user.username, overview.action, url, { params: { studioId }, form: { intent: "leave", confirmed: "yes" } });
    expect(reply(left)).toMatchObject({ status: "success", notice: "您已退出该工作室。" });
    expect(await prisma.studioMembership.count({ where: { id: member.id } })).toBe(0);
  });

  it("an applicant withdraws her application from the list; nobody else may, and an unknown request is not found", async () => {
    const applicant = await buildUser();
    const pending = await prisma.studioJoinRequest.create({
      data: { studioId, userId: applicant.id, kind: "APPLICATION", motivation: "希望参与工作室的研究工作。" },
      include: { user: true },
    });
    const form = { intent: "withdraw", requestId: pending.id };
    expect((await asUser("counselor", list.action, "/studios", { form })).status).toBe(403);
    expect((await prisma.studioJoinRequest.findUniqueOrThrow({ where: { id: pending.id } })).status).toBe("PENDING");
    const done = await asUser(pending.user.username, list.action, "/studios", { form });
    expect(reply(done)).toMatchObject({ intent: "withdraw", status: "success", notice: "已撤回。" });
    expect((await prisma.studioJoinRequest.findUniqueOrThrow({ where: { id: pending.id } })).status).not.toBe("PENDING");
    const again = await asUser(pending.user.username, list.action, "/studios", { form });
    expect(again.status).toBe(409);
    expect((await asUser(pending.user.username, list.action, "/studios", { form: { intent: "withdraw", requestId: "nope" } })).status).toBe(404);
  });
});
