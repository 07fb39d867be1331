import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/db/client.server.ts";
import { deriveCareerStage } from "./career-stage.ts";
import { buildAccounts, buildCollege, buildUser, type Accounts, type AccountKind as Who } from "../../tests/support/factories.ts";
import { xlsxRoster } from "../../tests/support/rosters.ts";
import { asUser as asUsername, cookieFor } from "../../tests/support/signed-in.ts";

const who = ["admin", "college", "leader", "backbone", "counselor", "mentor", "external"] as const;
/** Each kind of person, built for this file: the counselor is in no studio and of another college than the college admin. */
let people: Accounts;
beforeAll(async () => {
  people = await buildAccounts();
});
/** Calls a loader or action as one of `people` (or as any other account, by username). */
const asUser = (w: Who | string, handler: never, url: string, init?: Parameters<typeof asUsername>[3]) =>
  asUsername(w in people ? people[w as Who].username : w, handler, url, init);
/** The field errors of a reply's form (Conform's result). */
const fieldErrors = (reply: unknown) => (reply as { form?: { error?: Record<string, string[] | null> } }).form?.error ?? {};
const statuses = async (handler: never, url: string, params: Record<string, string> = {}) =>
  Object.fromEntries(await Promise.all(who.map(async (w) => [w, (await asUser(w, handler, url, { params })).status])));

/** The directory's export and import buttons, as the page decides them from its loader data. */
function buttonsIn(data: unknown) {
  const { shown, own, exportOwnCollege } = data as { shown: Record<string, boolean>; own: Record<string, boolean> | null; exportOwnCollege: string | null };
  return { canExport: shown["people:export"], exportOwnCollege, canImport: own?.["people:import"] ?? false };
}

describe("personnel directory pages", () => {
  it("the directory is for programme staff; mentors are turned away", async () => {
    const module = await import("~/routes/people._index.tsx");
    expect(await statuses(module.loader as never, "/people")).toEqual({ admin: 200, college: 200, leader: 200, backbone: 200, counselor: 200, mentor: 403, external: 403 });
  });

  it("exports: 学工部 anything, a college admin their own college only", async () => {
    const module = await import("~/routes/people.export.tsx");
    const college = people.college;
    const other = await buildCollege();
    expect(await statuses(module.loader as never, `/people/export?collegeId=${college.collegeId}`)).toEqual({
      admin: 200, college: 200, leader: 403, backbone: 403, counselor: 403, mentor: 403, external: 403,
    });
    expect((await asUser("college", module.loader as never, `/people/export?collegeId=${other.id}`)).status).toBe(403);
    expect((await asUser("college", module.loader as never, "/people/export")).status).toBe(403);
    const response = (await asUser("admin", module.loader as never, "/people/export?stage=NOVICE")).response!;
    expect(response.headers.get("Content-Type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    expect(response.headers.get("Content-Disposition")).toMatch(/filename\*=UTF-8''%E4%BA%BA%E5%91%98%E5%90%8D%E5%8D%95-\d{4}-\d{2}-\d{2}\.xlsx/);
  });

  it("roster import: 学工部 and college admins", async () => {
    const module = await import("~/routes/people.import.tsx");
    expect(await statuses(module.loader as never, "/people/import")).toEqual({
      admin: 200, college: 200, leader: 403, backbone: 403, counselor: 403, mentor: 403, external: 403,
    });
  });

  it("a college admin whose account has no college exports and imports nothing, least of all the whole school", async () => {
    const stray = (await buildUser({ roles: ["COLLEGE_ADMIN"], college: null })).username;
    const someCollege = await buildCollege();
    const exporting = await import("~/routes/people.export.tsx");
    expect((await asUser(stray, exporting.loader as never, "/people/export")).status).toBe(403);
    expect((await asUser(stray, exporting.loader as never, `/people/export?collegeId=${someCollege.id}`)).status).toBe(403);
    const importing = await import("~/routes/people.import.tsx");
    expect((await asUser(stray, importing.loader as never, "/people/import")).status).toBe(403);
    expect((await asUser(stray, importing.action as never, "/people/import", { form: { token: "x", initialPassword: "Fudao@2026" } })).status).toBe(403);
    const template = await import("~/routes/people.import.template.tsx");
    expect((await asUser(stray, template.loader as never, "/people/import/template")).status).toBe(403);
    // The directory itself is open to college staff, but offers them neither button.
    const directory = await import("~/routes/people._index.tsx");
    expect(buttonsIn((await asUser(stray, directory.loader as never, "/people")).data)).toEqual({ canExport: false, exportOwnCollege: null, canImport: false });
  });

  it("the directory offers export and import to whoever may use them", async () => {
    const directory = await import("~/routes/people._index.tsx");
    const buttons = async (w: string, url = "/people") => buttonsIn((await asUser(w, directory.loader as never, url)).data);
    const college = people.college;
    expect(await buttons("admin")).toEqual({ canExport: true, exportOwnCollege: null, canImport: true });
    expect(await buttons("college")).toEqual({ canExport: false, exportOwnCollege: college.collegeId, canImport: true });
    expect(await buttons("college", `/people?collegeId=${college.collegeId}`)).toEqual({ canExport: true, exportOwnCollege: null, canImport: true });
    expect(await buttons("leader")).toEqual({ canExport: false, exportOwnCollege: null, canImport: false });
  });

  it("a profile: the card for everyone, the full record for the person, their college admin and 学工部", async () => {
    const module = await import("~/routes/people.$userId._index.tsx");
    const person = await prisma.user.findUniqueOrThrow({ where: { id: people.counselor.id }, include: { profile: true } });
    const view = async (w: Who) => (await asUser(w, module.loader as never, `/people/${person.id}`, { params: { userId: person.id } })).data as {
      card: { name: string };
      full: { phone: string | null } | null;
      career: { stage: string; leaderGaps: unknown[] | null };
      account: Record<string, boolean>;
    };
    const full = await view("admin");
    expect(full.card.name).toBe(person.name);
    expect(full.full?.phone).toBe(person.phone);
    expect(full.career.stage).toBe(deriveCareerStage(person.profile!, new Date()).stage);
    expect(full.career.leaderGaps?.length).toBeGreaterThan(0);
    expect((await view("counselor")).full).not.toBeNull();
    // Only on one's own profile: the way to personal API tokens.
    expect((await view("counselor")).account["account:change-password"]).toBe(true);
    expect(full.account["account:change-password"]).toBe(false);
    const card = await view("leader");
    expect(card.card.name).toBe(person.name);
    expect(card.full).toBeNull();
    expect(card.career.leaderGaps).toBeNull();
    expect(JSON.stringify(card)).not.toContain(person.phone!);
  });

  it("editing: the person and 学工部; a college admin only for their college", async () => {
    const module = await import("~/routes/people.$userId.edit.tsx");
    const person = people.counselor;
    expect(await statuses(module.loader as never, `/people/${person.id}/edit`, { userId: person.id })).toEqual({
      admin: 200, college: 403, leader: 403, backbone: 403, counselor: 200, mentor: 403, external: 403,
    });
  });
});

describe("profile forms", () => {
  it("a person updates their own specialties but not their official record", async () => {
    const module = await import("~/routes/people.$userId.edit.tsx");
    const person = people.counselor;
    const params = { userId: person.id };
    const saved = await asUser("counselor", module.action as never, `/people/${person.id}/edit`, {
      params,
      form: { intent: "personal", specialties: ["MENTAL_HEALTH", "CAREER"], specialtyTags: "新生适应、生涯规划", phone: "13912345678" },
    });
    expect(saved.data).toMatchObject({ intent: "personal", status: "success", notice: "个人画像已保存。" });
    expect(await prisma.counselorProfile.findUniqueOrThrow({ where: { userId: person.id } })).toMatchObject({
      specialties: ["MENTAL_HEALTH", "CAREER"],
      specialtyTags: ["新生适应", "生涯规划"],
    });
    const denied = await asUser("counselor", module.action as never, `/people/${person.id}/edit`, {
      params,
      form: { intent: "record", name: person.name, title: "PROFESSOR", counselorSince: "2000-01-01" },
    });
    expect(denied.status).toBe(403);
    expect((await prisma.counselorProfile.findUniqueOrThrow({ where: { userId: person.id } })).title).toBe("TEACHING_ASSISTANT");
  });

  it("bad input is answered in Chinese and nothing changes", async () => {
    const module = await import("~/routes/people.$userId.edit.tsx");
    const person = people.backbone;
    const before = await prisma.user.findUniqueOrThrow({ where: { id: person.id }, include: { profile: true } });
    const response = await asUser("admin", module.action as never, `/people/${person.id}/edit`, {
      params: { userId: person.id },
      form: { intent: "personal", phone: "12345", specialties: ["MENTAL_HEALTH", "CAREER", "CRISIS", "RESEARCH"] },
    });
    expect(response.status).toBe(400);
    expect(response.data).toMatchObject({ intent: "personal", status: "error" });
    expect(fieldErrors(response.data)).toMatchObject({ phone: ["手机号应为 11 位数字。"], specialties: ["专长职责最多选择 3 项。"] });
    const record = await asUser("admin", module.action as never, `/people/${person.id}/edit`, {
      params: { userId: person.id },
      form: { intent: "record", name: person.name, title: "LECTURER", counselorSince: "2021-02-30" },
    });
    expect(record.status).toBe(400);
    expect(fieldErrors(record.data)).toMatchObject({ counselorSince: ["请填写有效日期，例如 2021-09-01。"] });
    const after = await prisma.user.findUniqueOrThrow({ where: { id: person.id }, include: { profile: true } });
    expect(after.phone).toBe(before.phone);
    expect(after.profile).toEqual(before.profile);
  });

  it("a college that does not exist is refused in Chinese; the account stays as it was", async () => {
    const module = await import("~/routes/people.$userId.edit.tsx");
    const person = people.counselor;
    const before = await prisma.user.findUniqueOrThrow({ where: { id: person.id } });
    const refused = await asUser("admin", module.action as never, `/people/${person.id}/edit`, {
      params: { userId: person.id },
      form: { intent: "account", roles: ["COUNSELOR", "COLLEGE_ADMIN"], collegeId: "no-such-college", active: "yes" },
    });
    expect(refused.status).toBe(400);
    expect(refused.data).toMatchObject({ intent: "account", status: "error", error: "请选择有效的学院。" });
    expect(await prisma.user.findUniqueOrThrow({ where: { id: person.id } })).toMatchObject({ roles: before.roles, collegeId: before.collegeId });
  });

  it("the record changes the stage at once; honours are added and, asked first, removed, with audit entries", async () => {
    const module = await import("~/routes/people.$userId.edit.tsx");
    const person = people.backbone;
    const params = { userId: person.id };
    const url = `/people/${person.id}/edit`;
    expect(deriveCareerStage((await prisma.counselorProfile.findUniqueOrThrow({ where: { userId: person.id } })), new Date()).stage).toBe("EXPERIENCED");
    const saved = await asUser("admin", module.action as never, url, { params, form: { intent: "record", name: person.name, title: "ASSOCIATE_PROFESSOR", counselorSince: "2020-09-01" } });
    expect(saved.data).toMatchObject({ intent: "record", status: "success", notice: "人事档案已保存，职业阶段已按新信息重新计算。" });
    const profile = await prisma.counselorProfile.findUniqueOrThrow({ where: { userId: person.id } });
    expect(deriveCareerStage(profile, new Date()).stage).toBe("EXPERT");
    await asUser("admin", module.action as never, url, { params, form: { intent: "add-honour", name: "省优秀辅导员", level: "PROVINCIAL", year: "2025" } });
    const honour = await prisma.honour.findFirstOrThrow({ where: { profileId: person.id, name: "省优秀辅导员" } });
    const ask = await asUser("admin", module.action as never, url, { params, form: { intent: "remove-honour", honourId: honour.id } });
    expect(ask.data).toMatchObject({ intent: "remove-honour", status: "confirm", confirm: { message: "确定删除荣誉称号“省优秀辅导员”吗？", confirmLabel: "删除" } });
    expect(await prisma.honour.count({ where: { id: honour.id } })).toBe(1);
    const removed = await asUser("admin", module.action as never, url, { params, form: { intent: "remove-honour", honourId: honour.id, confirmed: "yes" } });
    expect(removed.data).toMatchObject({ status: "success", notice: "荣誉称号已删除。" });
    expect(await prisma.honour.count({ where: { id: honour.id } })).toBe(0);
    // Gone now: naming it again finds nothing.
    expect((await asUser("admin", module.action as never, url, { params, form: { intent: "remove-honour", honourId: honour.id, confirmed: "yes" } })).status).toBe(404);
    const actions = (await prisma.auditLog.findMany({ where: { entityId: person.id }, orderBy: { id: "asc" } })).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(["person.update-record", "person.honour-add", "person.honour-remove"]));
  });

  it("honours are the record's: the person may not remove their own, nor anyone another person's", async () => {
    const module = await import("~/routes/people.$userId.edit.tsx");
    const person = people.counselor;
    const honour = await prisma.honour.create({ data: { profileId: person.id, name: "校优秀辅导员", level: "SCHOOL", year: 2024 } });
    const url = `/people/${person.id}/edit`;
    const own = await asUser("counselor", module.action as never, url, { params: { userId: person.id }, form: { intent: "remove-honour", honourId: honour.id, confirmed: "yes" } });
    expect(own.status).toBe(403);
    // Named through another person's page, it is not found there.
    const other = people.backbone;
    const elsewhere = await asUser("admin", module.action as never, `/people/${other.id}/edit`, { params: { userId: other.id }, form: { intent: "remove-honour", honourId: honour.id, confirmed: "yes" } });
    expect(elsewhere.status).toBe(404);
    expect(await prisma.honour.count({ where: { id: honour.id } })).toBe(1);
  });

  it("disabling an account (学工部) ends its sessions", async () => {
    const module = await import("~/routes/people.$userId.edit.tsx");
    const person = people.external;
    await asUser("external", (async () => null) as never, "/");
    expect(await prisma.session.count({ where: { userId: person.id } })).toBeGreaterThan(0);
    const denied = await asUser("college", module.action as never, `/people/${person.id}/edit`, { params: { userId: person.id }, form: { intent: "account", roles: "MENTOR", active: "no" } });
    expect(denied.status).toBe(403);
    await asUser("admin", module.action as never, `/people/${person.id}/edit`, { params: { userId: person.id }, form: { intent: "account", roles: "MENTOR", active: "no" } });
    expect(await prisma.user.findUniqueOrThrow({ where: { id: person.id } })).toMatchObject({ active: false });
    expect(await prisma.session.count({ where: { userId: person.id } })).toBe(0);
  });
});

describe("the roster import page", () => {
  /** Posts to /people/import as a browser does: the upload as multipart, the confirmation as a plain form. */
  async function post(w: Who, body: FormData | Record<string, string>) {
    const module = await import("~/routes/people.import.tsx");
    const request = new Request("http://localhost/people/import", {
      method: "POST",
      headers: { Cookie: await cookieFor(people[w].username) },
      body: body instanceof FormData ? body : new URLSearchParams(body),
    });
    try {
      const result = (await module.action({ request, params: {}, context: {} } as never)) as unknown as { data: Reply; init: { status?: number } | null };
      return { status: result.init?.status ?? 200, reply: result.data };
    } catch (thrown) {
      if (thrown instanceof Response) return { status: thrown.status, reply: null };
      throw thrown;
    }
  }
  interface Reply {
    intent: string;
    status: string;
    error?: string;
    notice?: string;
    data?: { token: string | null; created: number };
    details?: { preview: { token: string | null; created: number } };
    form?: { error?: Record<string, string[] | null> };
  }
  const upload = (file: Blob, name = "新进辅导员.xlsx") => {
    const form = new FormData();
    form.append("intent", "check");
    form.append("file", file, name);
    return form;
  };
  const roster = async (username: string, collegeName: string) =>
    new Blob([new Uint8Array(await xlsxRoster([["工号", "姓名", "学院", "辅导员工作起始日期"], [username, "欧阳新", collegeName, "2025-09-01"]]))]);

  it("checks and previews first, writes nothing until confirmed, and asks for the initial password of new accounts", async () => {
    const college = await prisma.college.findUniqueOrThrow({ where: { id: people.college.collegeId! } });
    const checked = await post("admin", upload(await roster("IMP2026001", college.name)));
    expect(checked.status).toBe(200);
    expect(checked.reply).toMatchObject({ intent: "check", status: "success", data: { created: 1, token: expect.any(String) } });
    const token = checked.reply!.data!.token!;
    expect(await prisma.user.count({ where: { username: "IMP2026001" } })).toBe(0);

    const noPassword = await post("admin", { intent: "confirm", token });
    expect(noPassword.status).toBe(400);
    // The preview comes back with the refusal, so the page keeps its confirmation form.
    expect(noPassword.reply).toMatchObject({ intent: "confirm", status: "error", error: "初始密码至少 8 位。", details: { preview: { token, created: 1 } } });
    expect(await prisma.user.count({ where: { username: "IMP2026001" } })).toBe(0);

    const done = await post("admin", { intent: "confirm", token, initialPassword: "Welcome@2026" });
    expect(done.reply).toMatchObject({ intent: "confirm", status: "success", notice: "导入完成：新增 1 人，更新 0 人。" });
    expect(await prisma.user.count({ where: { username: "IMP2026001" } })).toBe(1);
    // The kept file is gone: the same confirmation again is refused in words.
    const again = await post("admin", { intent: "confirm", token, initialPassword: "Welcome@2026" });
    expect(again).toMatchObject({ status: 410, reply: { status: "error", error: "预览已过期或不属于您，请重新上传文件。" } });
  });

  it("answers bad input in Chinese: no file, a file over 10 MB, a short initial password", async () => {
    const empty = new FormData();
    empty.append("intent", "check");
    const noFile = await post("admin", empty);
    expect(noFile.status).toBe(400);
    expect(noFile.reply?.form?.error).toMatchObject({ file: ["请选择要上传的名单文件。"] });
    const huge = await post("admin", upload(new Blob([new Uint8Array(10 * 1024 * 1024 + 1)])));
    expect(huge).toMatchObject({ status: 413, reply: { intent: "", status: "error", error: "文件超过 10 MB。" } });
    const short = await post("admin", { intent: "confirm", token: "whatever", initialPassword: "short" });
    expect(short.status).toBe(400);
    expect(short.reply?.form?.error).toMatchObject({ initialPassword: ["初始密码至少 8 位。"] });
  });

  it("is refused to whoever may not import, before the file is read, and a college admin imports only their own college", async () => {
    const college = await prisma.college.findUniqueOrThrow({ where: { id: people.college.collegeId! } });
    for (const w of ["leader", "counselor", "mentor"] as const) {
      expect((await post(w, upload(await roster("IMP2026002", college.name)))).status, w).toBe(403);
    }
    const other = await buildCollege();
    const foreign = await post("college", upload(await roster("IMP2026003", other.name)));
    expect(foreign.reply).toMatchObject({ status: "success", data: { token: null } });
    expect(JSON.stringify(foreign.reply)).toContain(`“${other.name}”不是您管理的学院。`);
    expect(await prisma.user.count({ where: { username: { in: ["IMP2026002", "IMP2026003"] } } })).toBe(0);
  });
});
