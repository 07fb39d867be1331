import { describe, expect, it } from "vitest";
import { prisma } from "~/db/client.server.ts";
import { getSchoolSettings } from "~/settings/school-settings.server.ts";
import { isUserError } from "~/lib/user-error.ts";
import { buildDocument, buildMentor, buildProject, buildStudio, buildUser, unique } from "../../tests/support/factories.ts";
import type { EligibilityGap } from "./eligibility.ts";
import { changeLeader, createStudio, getStudioPage, listStudios, recommendStudios } from "./studios.server.ts";

/** Every signed-in person sees every studio in the list ("studio:view"). */
const anyone = { id: "someone", roles: ["COUNSELOR" as const], collegeId: null };
const adminId = async () => (await buildUser({ roles: ["ADMIN"] })).id;
const studio = { duty: "CAREER" as const, level: "SCHOOL" as const, budgetYuan: 20000, description: "测试工作室", platform: "" };

/** A counselor of the right seniority, title and honours (or not). */
async function candidate(username: string, options: { years: number; title: "LECTURER" | "ASSOCIATE_PROFESSOR"; honours: number }) {
  return buildUser({ username, name: `候选${username}`, ...options });
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
    const existing = await buildStudio();
    const eligible = await buildUser({ stage: "EXPERT", honours: 1 });
    expect((await failure(createStudio({ ...studio, name: existing.name, leaderUsername: eligible.username }, admin, settings)))?.code).toBe("nameTaken");
    expect((await failure(createStudio({ ...studio, name: "测试·无人", leaderUsername: "nobody" }, admin, settings)))?.code).toBe("unknownPerson");
    const mentor = await buildMentor();
    expect((await failure(createStudio({ ...studio, name: "测试·导师", leaderUsername: mentor.user.username }, admin, settings)))?.code).toBe("notCounselor");
  });

  it("a new leader takes over; the previous one stays as backbone", async () => {
    await candidate("lead-next", { years: 15, title: "ASSOCIATE_PROFESSOR", honours: 2 });
    const { id, leader } = await buildStudio({ duty: "CAREER" });
    const previous = await prisma.studioMembership.findFirstOrThrow({ where: { studioId: id, role: "LEADER" } });
    expect(previous.userId).toBe(leader.id);
    await changeLeader(id, { leaderUsername: "lead-next" }, await adminId(), await getSchoolSettings());
    const team = await prisma.studioMembership.findMany({ where: { studioId: id }, include: { user: { select: { username: true } } } });
    expect(team.filter((m) => m.role === "LEADER").map((m) => m.user.username)).toEqual(["lead-next"]);
    expect(team.find((m) => m.userId === previous.userId)?.role).toBe("BACKBONE");
    expect(await prisma.auditLog.count({ where: { action: "studio.leader-change", entityId: id } })).toBe(1);
  });
});

describe("finding a studio by specialty", () => {
  /** A studio whose duty and one direction's keywords fit the person, and one that fits only by duty. */
  async function fittingStudios() {
    const tags = [unique("朋辈互助"), unique("新生适应")];
    const best = await buildStudio({
      duty: "RESEARCH",
      directions: [{ name: unique("其他方向") }, { name: unique("朋辈互助体系建设"), keywords: [...tags, "案例写作"] }],
    });
    const byDuty = await buildStudio({ duty: "RESEARCH" });
    return { tags, best, byDuty };
  }

  it("puts the best-fitting studio first for a counselor, with the reasons", async () => {
    const { tags, best, byDuty } = await fittingStudios();
    const counselor = await buildUser({ specialties: ["RESEARCH"], specialtyTags: tags });
    const { recommendations } = await recommendStudios(counselor.id);
    expect(recommendations[0]).toMatchObject({ name: best.name, leader: best.leader.name });
    expect(recommendations[0]!.reasons).toEqual(
      expect.arrayContaining([
        { kind: "duty", duty: "RESEARCH" },
        { kind: "tags", direction: best.directions[1]!.name, tags },
      ]),
    );
    expect(recommendations.find((r) => r.name === byDuty.name)?.reasons).toEqual([{ kind: "duty", duty: "RESEARCH" }]);
    expect(recommendations.map((r) => r.score)).toEqual([...recommendations.map((r) => r.score)].sort((a, b) => b - a));
  });

  it("leaves out studios the person is already in", async () => {
    const { tags, best } = await fittingStudios();
    const member = await buildUser({ specialties: ["RESEARCH"], specialtyTags: tags });
    await prisma.studioMembership.create({ data: { studioId: best.id, userId: member.id, role: "NEWCOMER" } });
    const { recommendations } = await recommendStudios(member.id);
    expect(recommendations.map((r) => r.name)).not.toContain(best.name);
    expect(recommendations.length).toBeGreaterThan(0);
  });

  it("lists and filters studios by duty, level and text", async () => {
    const topic = unique("校园心理剧");
    const mentalHealth = await buildStudio({ duty: "MENTAL_HEALTH", level: "NATIONAL", directions: [{ name: `${topic}创作` }] });
    const career = await buildStudio({ duty: "CAREER", level: "SCHOOL" });
    const closed = await buildStudio({ duty: "MENTAL_HEALTH", level: "NATIONAL", archived: true });
    const all = await listStudios(anyone, { page: 1 });
    expect(all.total).toBe(await prisma.studio.count({ where: { archivedAt: null } }));
    const mental = await listStudios(anyone, { duty: "MENTAL_HEALTH", page: 1 });
    expect(mental.studios.every((s) => s.duty === "MENTAL_HEALTH")).toBe(true);
    expect(mental.studios.map((s) => s.name)).toContain(mentalHealth.name);
    expect(mental.studios.map((s) => s.name)).not.toContain(career.name);
    const national = await listStudios(anyone, { level: "NATIONAL", page: 1 });
    const nationalInDb = await prisma.studio.findMany({ where: { level: "NATIONAL", archivedAt: null }, orderBy: { name: "asc" }, select: { name: true } });
    expect(national.studios.map((s) => s.name)).toEqual(nationalInDb.map((s) => s.name));
    expect(national.studios.map((s) => s.name)).toContain(mentalHealth.name);
    expect(national.studios.map((s) => s.name)).not.toContain(closed.name);
    expect((await listStudios(anyone, { q: topic, page: 1 })).studios.map((s) => s.name)).toEqual([mentalHealth.name]);
  });
});

describe("the studio page", () => {
  it("shows team by role, directions, outputs — and working material only to the workspace", async () => {
    const built = await buildStudio({ directions: 2, backbone: 2 });
    const { id } = built;
    await buildDocument({ studio: built, createdBy: built.leader, type: "CASE_STUDY", title: "一名新生的适应案例" });
    await buildProject({ studio: built, principal: built.leader });
    const settings = await getSchoolSettings();
    const open = await getStudioPage(id, { workspace: false, settings });
    expect(open.team.filter((m) => m.role === "LEADER").map((m) => m.name)).toEqual([built.leader.name]);
    expect(open.team.filter((m) => m.role === "BACKBONE").map((m) => m.name).sort()).toEqual(built.backbone.map((m) => m.name).sort());
    expect(open.directions).toHaveLength(2);
    expect(open.documents).toEqual([]);
    expect(open.projects).toEqual([]);
    const workspace = await getStudioPage(id, { workspace: true, settings });
    expect(workspace.documents.map((d) => d.title)).toContain("一名新生的适应案例");
    expect(workspace.projects.length).toBeGreaterThan(0);
  });
});
