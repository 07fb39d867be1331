import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/db/client.server.ts";
import { buildCast, buildUser, type Cast } from "../../tests/support/factories.ts";
import { asUser } from "../../tests/support/signed-in.ts";

/**
 * The studio pages as each kind of person reaches them: the loaders and actions authorise through
 * the policy, answer bad input in Chinese and ask before destroying anything.
 */
let cast: Cast;
let studioId: string;
const who = ["admin", "college", "leader", "backbone", "newcomer", "mentor", "outsider"] as const;
type Who = (typeof who)[number];
const username = (w: Who) => cast[w === "college" ? "collegeAdmin" : w].username;

beforeAll(async () => {
  // Two newcomers: one to be each kind of person, one to be removed.
  cast = await buildCast({ studio: { newcomers: 2 } });
  studioId = cast.studio.id;
  // An application waiting for the leader.
  const applicant = await buildUser();
  await prisma.studioJoinRequest.create({ data: { studioId, userId: applicant.id, kind: "APPLICATION", motivation: "希望参与工作室的研究工作。" } });
});

type Route = { loader?: (args: never) => Promise<unknown>; action?: (args: never) => Promise<unknown> };
async function statuses(module: Route, path: (id: string) => string) {
  const result: Partial<Record<Who, number>> = {};
  for (const w of who) {
    const response = await asUser(username(w), module.loader as never, path(studioId), { params: { studioId } });
    result[w] = response.status;
  }
  return result;
}
const ok = (...allowed: Who[]) => Object.fromEntries(who.map((w) => [w, allowed.includes(w) ? 200 : 403]));

describe("who opens which studio page", () => {
  it("the studio page and its outputs and activities: everyone", async () => {
    expect(await statuses(await import("~/routes/studios.$studioId._index.tsx"), (id) => `/studios/${id}`)).toEqual(ok(...who));
    expect(await statuses(await import("~/routes/studios.$studioId.outputs._index.tsx"), (id) => `/studios/${id}/outputs`)).toEqual(ok(...who));
    expect(await statuses(await import("~/routes/studios.$studioId.activities.tsx"), (id) => `/studios/${id}/activities`)).toEqual(ok(...who));
  });
  it("team, directions, settings and the leader's dashboard: the leader and 学工部", async () => {
    for (const page of ["team", "directions", "edit", "dashboard"]) {
      const module = await import(`~/routes/studios.$studioId.${page}.tsx`);
      expect(await statuses(module, (id) => `/studios/${id}/${page}`), page).toEqual(ok("admin", "leader"));
    }
  });
  it("projects: members, the studio's mentors and 学工部", async () => {
    expect(await statuses(await import("~/routes/studios.$studioId.projects._index.tsx"), (id) => `/studios/${id}/projects`)).toEqual(
      ok("admin", "leader", "backbone", "newcomer", "mentor"),
    );
  });
  it("annual report: the team, its mentors, 学工部 and college staff; evaluation: leader, 学工部, college staff", async () => {
    expect(await statuses(await import("~/routes/studios.$studioId.report.tsx"), (id) => `/studios/${id}/report`)).toEqual(
      ok("admin", "college", "leader", "backbone", "newcomer", "mentor"),
    );
    expect(await statuses(await import("~/routes/studios.$studioId.evaluations.tsx"), (id) => `/studios/${id}/evaluations`)).toEqual(
      ok("admin", "college", "leader"),
    );
  });
  it("the application form: only a counselor outside the studio", async () => {
    expect(await statuses(await import("~/routes/studios.$studioId.apply.tsx"), (id) => `/studios/${id}/apply`)).toEqual(ok("outsider"));
  });
  it("new studios: 学工部 only; anonymous visitors are sent to the login page", async () => {
    const module = await import("~/routes/studios.new.tsx");
    for (const w of who) expect((await asUser(username(w), module.loader, "/studios/new")).status, w).toBe(w === "admin" ? 200 : 403);
    const anonymous = await asUser(null, module.loader, "/studios/new");
    expect(anonymous.status).toBe(302);
    expect(anonymous.response?.headers.get("Location")).toBe("/login?redirectTo=%2Fstudios%2Fnew");
  });
  it("a studio that does not exist is 404", async () => {
    const module = await import("~/routes/studios.$studioId._index.tsx");
    expect((await asUser(username("leader"), module.loader, "/studios/nope", { params: { studioId: "nope" } })).status).toBe(404);
  });
});

describe("studio forms answer bad input in Chinese", () => {
  it("a motivation that is too short", async () => {
    const module = await import("~/routes/studios.$studioId.apply.tsx");
    const response = await asUser(username("outsider"), module.action, `/studios/${studioId}/apply`, { params: { studioId }, form: { intent: "apply", motivation: "想加入" } });
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.data)).toContain("申请理由至少 10 个字。");
  });

  it("an ineligible leader, with what is missing", async () => {
    const module = await import("~/routes/studios.new.tsx");
    const experienced = await buildUser({ stage: "EXPERIENCED", years: 6, title: "LECTURER" });
    const response = await asUser(username("admin"), module.action, "/studios/new", {
      form: { intent: "create", name: "路由测试工作室", duty: "CAREER", level: "SCHOOL", budgetYuan: "1000", leaderUsername: experienced.username },
    });
    expect(response.status).toBe(409);
    const text = JSON.stringify(response.data);
    expect(text).toContain(`${experienced.name} 暂不符合工作室负责人条件：还差 4 年工作年限`);
    expect(text).toContain("职称需为副高及以上（当前：讲师）");
    expect(await prisma.studio.count({ where: { name: "路由测试工作室" } })).toBe(0);
  });

  it("a budget that is not a number and a missing duty", async () => {
    const module = await import("~/routes/studios.new.tsx");
    const response = await asUser(username("admin"), module.action, "/studios/new", { form: { intent: "create", name: "路由测试工作室二", level: "SCHOOL", budgetYuan: "很多", leaderUsername: username("leader") } });
    expect(response.status).toBe(400);
    const text = JSON.stringify(response.data);
    expect(text).toContain("请填写 0 到 1 亿之间的金额（最多两位小数）。");
    expect(text).toContain("请选择列表中的一项。");
  });

  it("removing a member asks first, then removes", async () => {
    const module = await import("~/routes/studios.$studioId.team.tsx");
    const target = await prisma.studioMembership.findFirstOrThrow({ where: { studioId, userId: cast.studio.newcomers[1]!.id }, include: { user: true } });
    const first = await asUser(username("leader"), module.action, `/studios/${studioId}/team`, { params: { studioId }, form: { intent: "remove", membershipId: target.id } });
    expect(first.data).toMatchObject({
      intent: "remove",
      status: "confirm",
      confirm: { message: `确定将 ${target.user.name} 移出工作室吗？其未完成的任务将变为未分配。`, fields: [["intent", "remove"], ["membershipId", target.id]] },
    });
    expect(await prisma.studioMembership.count({ where: { id: target.id } })).toBe(1);
    const second = await asUser(username("leader"), module.action, `/studios/${studioId}/team`, {
      params: { studioId },
      form: { intent: "remove", membershipId: target.id, confirmed: "yes" },
    });
    expect(second.data).toMatchObject({ intent: "remove", status: "success", notice: `已将 ${target.user.name} 移出工作室。` });
    expect(await prisma.studioMembership.count({ where: { id: target.id } })).toBe(0);
  });

  it("an invitation without a staff number is refused with the field's Chinese error", async () => {
    const team = await import("~/routes/studios.$studioId.team.tsx");
    const response = await asUser(username("leader"), team.action, `/studios/${studioId}/team`, { params: { studioId }, form: { intent: "invite", username: "" } });
    expect(response.status).toBe(400);
    expect(response.data).toMatchObject({ intent: "invite", status: "error" });
    expect(JSON.stringify(response.data)).toContain("请填写工号。");
  });

  it("making an ineligible newcomer backbone names what is missing and changes nothing until a reason is given", async () => {
    const team = await import("~/routes/studios.$studioId.team.tsx");
    const junior = await buildUser({ years: 1 });
    const membership = await prisma.studioMembership.create({ data: { studioId, userId: junior.id, role: "NEWCOMER" } });
    const post = (form: Record<string, string>) => asUser(username("leader"), team.action, `/studios/${studioId}/team`, { params: { studioId }, form: { intent: "role", membershipId: membership.id, role: "BACKBONE", ...form } });
    expect((await asUser(username("backbone"), team.action, `/studios/${studioId}/team`, { params: { studioId }, form: { intent: "role", membershipId: membership.id, role: "BACKBONE", overrideReason: "破格" } })).status).toBe(403);
    const refused = await post({});
    expect(refused.status).toBe(409);
    expect(refused.data).toMatchObject({ intent: "role", status: "error", details: { gaps: [expect.objectContaining({ kind: "years" })] } });
    expect((refused.data as { error: string }).error).toContain(`${junior.name} 暂不符合骨干条件：`);
    expect((await prisma.studioMembership.findUniqueOrThrow({ where: { id: membership.id } })).role).toBe("NEWCOMER");
    expect(await post({ overrideReason: "承担课题主要工作，破格任骨干。" })).toMatchObject({ status: 200 });
    expect((await prisma.studioMembership.findUniqueOrThrow({ where: { id: membership.id } })).role).toBe("BACKBONE");
  });

  it("a backbone member cannot invite (the leader can), and an outsider cannot decide applications", async () => {
    const team = await import("~/routes/studios.$studioId.team.tsx");
    // The invitation is checked by "studio:invite" alone (not behind "studio:manage"), so this fails if that rule lets backbones in.
    const invitations = () => prisma.studioJoinRequest.count({ where: { studioId, kind: "INVITATION", userId: cast.outsider.id } });
    const before = await invitations();
    expect((await asUser(username("backbone"), team.action, `/studios/${studioId}/team`, { params: { studioId }, form: { intent: "invite", username: username("outsider") } })).status).toBe(403);
    expect(await invitations()).toBe(before);
    const byLeader = await asUser(username("leader"), team.action, `/studios/${studioId}/team`, { params: { studioId }, form: { intent: "invite", username: username("outsider") } });
    expect(byLeader.data).toMatchObject({ notice: "邀请已发送。" });
    expect(await invitations()).toBe(before + 1);
    const pending = await prisma.studioJoinRequest.findFirstOrThrow({ where: { studioId, kind: "APPLICATION", status: "PENDING" } });
    const list = await import("~/routes/studios._index.tsx");
    expect((await asUser(username("outsider"), list.action, "/studios", { form: { intent: "approve", requestId: pending.id } })).status).toBe(403);
    expect((await prisma.studioJoinRequest.findUniqueOrThrow({ where: { id: pending.id } })).status).toBe("PENDING");
  });

  it("an output's file is not for people outside the studio", async () => {
    const leader = cast.leader;
    const file = await prisma.uploadedFile.create({ data: { name: "a.pdf", mimeType: "application/pdf", size: 1, sha256: "x", storagePath: "uploads/none.pdf", uploadedById: leader.id } });
    const output = await prisma.output.create({ data: { studioId, type: "PAPER", title: "带附件的成果", date: new Date(), fileId: file.id } });
    const module = await import("~/routes/studios.$studioId.outputs.$outputId.file.tsx");
    const params = { studioId, outputId: output.id };
    expect((await asUser(username("outsider"), module.loader, `/studios/${studioId}/outputs/${output.id}/file`, { params })).status).toBe(403);
    // The team may; the file itself is missing on disk here, which is a 404, not a crash.
    expect((await asUser(username("backbone"), module.loader, `/studios/${studioId}/outputs/${output.id}/file`, { params })).status).toBe(404);
  });
});
