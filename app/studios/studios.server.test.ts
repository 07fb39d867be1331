import { describe, expect, it } from "vitest";
import { prisma } from "~/db/client.server.ts";
import { getSchoolSettings } from "~/settings/school-settings.server.ts";
import type { EligibilityGap } from "./eligibility.ts";
import { isUserError } from "~/lib/user-error.ts";
import { changeLeader, createStudio, getStudioPage, listStudios, recommendStudios } from "./studios.server.ts";

const XINQING = "“心晴”心理健康教育辅导员工作室";
/** Every signed-in person sees every studio in the list ("studio:view"). */
const anyone = { id: "someone", roles: ["COUNSELOR" as const], collegeId: null };
const adminId = async () => (await prisma.user.findUniqueOrThrow({ where: { username: "admin" } })).id;
const studio = { duty: "CAREER" as const, level: "SCHOOL" as const, budgetYuan: 20000, description: "测试工作室", platform: "" };

/** A counselor of the right seniority, title and honours (or not). */
async function candidate(username: string, options: { years: number; title: "LECTURER" | "ASSOCIATE_PROFESSOR"; honours: number }) {
  const college = await prisma.college.findFirstOrThrow({ orderBy: { code: "asc" } });
  const since = new Date(Date.UTC(new Date().getUTCFullYear() - options.years, 0, 1));
  await prisma.user.create({
    data: {
      username,
      name: `候选${username}`,
      passwordHash: "x",
      roles: ["COUNSELOR"],
      collegeId: college.id,
      profile: {
        create: {
          counselorSince: since,
          title: options.title,
          honours: { create: Array.from({ length: options.honours }, (_, i) => ({ name: `荣誉${i}`, level: "SCHOOL" as const, year: 2020 })) },
        },
      },
    },
  });
}

/** The refusal's rule (the last part of its key) and, for eligibility, what is missing. */
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (e: unknown) => (isUserError(e) ? { code: e.key.replace("studios.errors.", ""), gaps: (e.details as { gaps?: EligibilityGap[] } | undefined)?.gaps ?? [] } : Promise.reject(e)),
  );

describe("setting up a studio", () => {
  it("appoints an eligible leader, records it and tells them", async () => {
    await candidate("lead-ok", { years: 12, title: "ASSOCIATE_PROFESSOR", honours: 1 });
    const id = await createStudio({ ...studio, name: "测试·合格负责人工作室", leaderUsername: "lead-ok" }, await adminId(), await getSchoolSettings());
    const leader = await prisma.studioMembership.findFirstOrThrow({ where: { studioId: id }, include: { user: true } });
    expect(leader).toMatchObject({ role: "LEADER", eligibilityOverrideReason: null, user: { username: "lead-ok" } });
    expect(await prisma.auditLog.count({ where: { action: "studio.create", entityId: id } })).toBe(1);
    expect(await prisma.notification.findFirstOrThrow({ where: { userId: leader.userId } })).toMatchObject({ type: "studios.notices.appointedLeader" });
  });

  it("explains every gap of an ineligible leader and writes nothing", async () => {
    await candidate("lead-short", { years: 8, title: "LECTURER", honours: 0 });
    const before = await prisma.studio.count();
    const error = await failure(createStudio({ ...studio, name: "测试·不合格负责人工作室", leaderUsername: "lead-short" }, await adminId(), await getSchoolSettings()));
    expect(error?.code).toBe("leaderNotEligible");
    expect(error?.gaps.map((g) => g.kind)).toEqual(["years", "title", "honours"]);
    expect(error?.gaps[0]).toMatchObject({ kind: "years", required: 10, missing: 2 });
    expect(await prisma.studio.count()).toBe(before);
  });

  it("accepts an ineligible leader with an override reason, kept on the membership and in the audit log", async () => {
    await candidate("lead-override", { years: 6, title: "LECTURER", honours: 1 });
    const reason = "省级辅导员年度人物，学工部破格任命。";
    const id = await createStudio({ ...studio, name: "测试·破格工作室", leaderUsername: "lead-override", overrideReason: reason }, await adminId(), await getSchoolSettings());
    const membership = await prisma.studioMembership.findFirstOrThrow({ where: { studioId: id } });
    expect(membership.eligibilityOverrideReason).toBe(reason);
    const audit = await prisma.auditLog.findFirstOrThrow({ where: { action: "membership.eligibility-override", entityId: membership.id } });
    expect(audit.data).toMatchObject({ role: "LEADER", reason, gaps: [expect.objectContaining({ kind: "years", missing: 4 }), { kind: "title", current: "LECTURER" }] });
  });

  it("refuses a taken name, unknown people and non-counselors", async () => {
    const settings = await getSchoolSettings();
    const admin = await adminId();
    expect((await failure(createStudio({ ...studio, name: XINQING, leaderUsername: "leader" }, admin, settings)))?.code).toBe("nameTaken");
    expect((await failure(createStudio({ ...studio, name: "测试·无人", leaderUsername: "nobody" }, admin, settings)))?.code).toBe("unknownPerson");
    expect((await failure(createStudio({ ...studio, name: "测试·导师", leaderUsername: "mentor" }, admin, settings)))?.code).toBe("notCounselor");
  });

  it("a new leader takes over; the previous one stays as backbone", async () => {
    await candidate("lead-next", { years: 15, title: "ASSOCIATE_PROFESSOR", honours: 2 });
    const id = (await prisma.studio.findUniqueOrThrow({ where: { name: "“启航”生涯规划与就业指导工作室" } })).id;
    const previous = await prisma.studioMembership.findFirstOrThrow({ where: { studioId: id, role: "LEADER" } });
    await changeLeader(id, { leaderUsername: "lead-next" }, await adminId(), await getSchoolSettings());
    const team = await prisma.studioMembership.findMany({ where: { studioId: id }, include: { user: { select: { username: true } } } });
    expect(team.filter((m) => m.role === "LEADER").map((m) => m.user.username)).toEqual(["lead-next"]);
    expect(team.find((m) => m.userId === previous.userId)?.role).toBe("BACKBONE");
    expect(await prisma.auditLog.count({ where: { action: "studio.leader-change", entityId: id } })).toBe(1);
  });
});

describe("finding a studio by specialty", () => {
  it("puts 心晴 first for the demo counselor, with the reasons", async () => {
    const counselor = await prisma.user.findUniqueOrThrow({ where: { username: "counselor" } });
    const { recommendations } = await recommendStudios(counselor.id);
    expect(recommendations[0]).toMatchObject({ name: XINQING, leader: "张明华" });
    expect(recommendations[0]!.reasons).toEqual(
      expect.arrayContaining([
        { kind: "duty", duty: "MENTAL_HEALTH" },
        { kind: "tags", direction: "朋辈心理互助体系建设", tags: ["朋辈心理互助", "新生适应"] },
      ]),
    );
    expect(recommendations.map((r) => r.score)).toEqual([...recommendations.map((r) => r.score)].sort((a, b) => b - a));
  });

  it("leaves out studios the person is already in", async () => {
    const backbone = await prisma.user.findUniqueOrThrow({ where: { username: "backbone" } });
    const { recommendations } = await recommendStudios(backbone.id);
    expect(recommendations.map((r) => r.name)).not.toContain(XINQING);
  });

  it("lists and filters studios by duty, level and text", async () => {
    const all = await listStudios(anyone, { page: 1 });
    expect(all.total).toBeGreaterThanOrEqual(12);
    const mental = await listStudios(anyone, { duty: "MENTAL_HEALTH", page: 1 });
    expect(mental.studios.every((s) => s.duty === "MENTAL_HEALTH")).toBe(true);
    expect(mental.studios.map((s) => s.name)).toContain(XINQING);
    const national = await listStudios(anyone, { level: "NATIONAL", page: 1 });
    expect(national.studios.map((s) => s.name)).toEqual(["“e路同行”网络思政辅导员工作室"]);
    expect((await listStudios(anyone, { q: "朋辈心理互助", page: 1 })).studios.map((s) => s.name)).toContain(XINQING);
  });
});

describe("the studio page", () => {
  it("shows team by role, directions, outputs — and working material only to the workspace", async () => {
    const id = (await prisma.studio.findUniqueOrThrow({ where: { name: XINQING } })).id;
    const creator = await prisma.user.findUniqueOrThrow({ where: { username: "leader" } });
    await prisma.document.create({ data: { studioId: id, type: "CASE_STUDY", title: "一名新生的适应案例", createdById: creator.id } });
    const settings = await getSchoolSettings();
    const open = await getStudioPage(id, { workspace: false, settings });
    expect(open.team.filter((m) => m.role === "LEADER").map((m) => m.name)).toEqual(["张明华"]);
    expect(open.team.some((m) => m.role === "BACKBONE" && m.name === "李雪")).toBe(true);
    expect(open.directions).toHaveLength(2);
    expect(open.documents).toEqual([]);
    expect(open.projects).toEqual([]);
    const workspace = await getStudioPage(id, { workspace: true, settings });
    expect(workspace.documents.map((d) => d.title)).toContain("一名新生的适应案例");
    expect(workspace.projects.length).toBeGreaterThan(0);
  });
});
