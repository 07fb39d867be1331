import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { prisma } from "~/db/client.server.ts";
import { languageCookie } from "~/i18n/i18n.server.ts";
import { CLIENT_ADDRESS_HEADER } from "~/lib/request.server.ts";
import { createMentor } from "~/mentors/pool.server.ts";
import { newMentorFormSchema } from "~/mentors/schemas.ts";
import { checkRoster, importRoster } from "~/people/roster.server.ts";
import * as loginRoute from "~/routes/login.tsx";
import * as editRoute from "~/routes/people.$userId.edit.tsx";
import * as passwordRoute from "~/routes/settings.password.tsx";
import { updateSchoolSettings, getSchoolSettings } from "~/settings/school-settings.server.ts";
import { buildAccounts, buildCollege, buildUser, type BuiltCollege } from "../../tests/support/factories.ts";
import { xlsxRoster } from "../../tests/support/rosters.ts";
import { sessionUser } from "../../tests/support/signed-in.ts";
import { authenticate } from "./login.server.ts";

import { createUserSession, getSignedInFromCookieHeader, getUserFromCookieHeader, requireUser } from "./session.server.ts";

/**
 * Passwords after an account exists (decision 009), through the pages that people use: the login,
 * /settings/password and the person edit page, on the real database.
 */

/** The password of the people built here, and of the demo accounts as printed at start-up. */
const PASSWORD = "Fudao@2026";
/** A fresh client address per call, so the login rate limiter starts at zero. */
const address = () => `10.9.${crypto.randomInt(255)}.${crypto.randomInt(255)}`;

/** A person of our own for each test, so tests do not share passwords. */
async function newPerson(options: { password?: string; college?: BuiltCollege | null; roles?: Array<"COUNSELOR" | "COLLEGE_ADMIN" | "ADMIN">; mustChange?: boolean } = {}) {
  return buildUser({
    password: options.password ?? PASSWORD,
    roles: options.roles ?? ["COUNSELOR"],
    college: options.college ?? null,
    passwordMustChange: options.mustChange ?? false,
    profile: false,
  });
}
const newAdmin = async () => sessionUser((await newPerson({ roles: ["ADMIN"] })).username);

async function cookieOf(userId: string): Promise<string> {
  const response = await createUserSession(new Request("http://localhost/login"), userId, "/");
  return response.headers.get("Set-Cookie")!.split(";")[0]!;
}

interface Answer {
  status: number;
  location: string | null;
  data: Record<string, unknown> | null;
}

/** Calls a route's loader or action as a browser would, with a cookie and form fields. */
async function call(handler: (args: never) => Promise<unknown>, url: string, init: { cookie?: string; form?: Record<string, string>; params?: Record<string, string> } = {}): Promise<Answer> {
  const headers = new Headers({ [CLIENT_ADDRESS_HEADER]: address() });
  if (init.cookie) headers.set("Cookie", init.cookie);
  const request = new Request(`http://localhost${url}`, { method: init.form ? "POST" : "GET", headers, body: init.form ? new URLSearchParams(init.form) : undefined });
  try {
    const result = await handler({ request, params: init.params ?? {}, context: {} } as never);
    if (result instanceof Response) return { status: result.status, location: result.headers.get("Location"), data: null };
    const wrapped = result as { data: Record<string, unknown>; init: { status?: number } | null };
    return { status: wrapped.init?.status ?? 200, location: null, data: wrapped.data };
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, location: thrown.headers.get("Location"), data: null };
    throw thrown;
  }
}

/** The error texts a Conform reply carries, by field ("" for the form). */
function errorsOf(answer: Answer): Record<string, string[]> {
  const result = answer.data?.form as { error?: Record<string, string[] | null> } | undefined;
  return Object.fromEntries(Object.entries(result?.error ?? {}).map(([field, messages]) => [field, messages ?? []]));
}

const changeForm = (currentPassword: string, newPassword: string, confirmPassword = newPassword) => ({ intent: "change", currentPassword, newPassword, confirmPassword });
const loginForm = (username: string, password: string, redirectTo = "/") => ({ intent: "signIn", username, password, redirectTo });

async function signsIn(username: string, password: string) {
  return (await authenticate(username, password, address())).ok;
}

describe("changing one's own password at /settings/password", () => {
  it("needs the current password; keeps this session and ends every other one; is audited", async () => {
    const person = await newPerson();
    const here = await cookieOf(person.id);
    const elsewhere = await cookieOf(person.id);

    const wrong = await call(passwordRoute.action, "/settings/password", { cookie: here, form: changeForm("not-my-password", "Chunfeng-huayu-2026") });
    expect(wrong.status).toBe(400);
    expect(errorsOf(wrong).currentPassword).toEqual(["当前密码不正确。"]);
    // No password, right or wrong, is ever sent back to the page.
    expect(JSON.stringify(wrong.data)).not.toMatch(/not-my-password|Chunfeng/);
    const mismatch = await call(passwordRoute.action, "/settings/password", { cookie: here, form: changeForm(PASSWORD, "Chunfeng-huayu-2026", "Chunfeng-huayu-2025") });
    expect(mismatch.status).toBe(400);
    expect(JSON.stringify(mismatch.data)).not.toMatch(/Fudao@2026|Chunfeng/);
    expect(await signsIn(person.username, PASSWORD)).toBe(true);
    expect(await getUserFromCookieHeader(elsewhere)).not.toBeNull();

    const done = await call(passwordRoute.action, "/settings/password", { cookie: here, form: changeForm(PASSWORD, "Chunfeng-huayu-2026") });
    expect(done).toMatchObject({ status: 302, location: "/settings/password?changed=1" });
    expect(await signsIn(person.username, "Chunfeng-huayu-2026")).toBe(true);
    expect(await signsIn(person.username, PASSWORD)).toBe(false);
    expect(await getUserFromCookieHeader(here)).not.toBeNull();
    expect(await getUserFromCookieHeader(elsewhere)).toBeNull();
    expect(await prisma.session.count({ where: { userId: person.id } })).toBe(1);

    const page = await call(passwordRoute.loader, "/settings/password?changed=1", { cookie: here });
    expect(page.data).toMatchObject({ first: false, changed: 1, otherSessions: 0 });
    const audit = await prisma.auditLog.findFirstOrThrow({ where: { action: "account.password-change", entityId: person.id } });
    expect(audit).toMatchObject({ actorId: person.id, data: { firstSignIn: false, endedSessions: 1 } });
    expect(JSON.stringify(audit.data)).not.toContain("Chunfeng");
  });

  it("refuses passwords that break the school's rules, in clear Chinese, and changes nothing", async () => {
    const person = await newPerson();
    const cookie = await cookieOf(person.id);
    const attempt = async (newPassword: string, confirm = newPassword) =>
      errorsOf(await call(passwordRoute.action, "/settings/password", { cookie, form: changeForm(PASSWORD, newPassword, confirm) }));

    expect((await attempt("Short-1")).newPassword).toEqual(["密码至少需要 10 个字符。"]);
    expect((await attempt(`${person.username}-mine`)).newPassword).toEqual(["密码不能包含你的工号。"]);
    expect((await attempt("woaini1314")).newPassword).toEqual(["这个密码太常见，很容易被猜中，请换一个。"]);
    expect((await attempt(PASSWORD)).newPassword).toEqual(["新密码不能与当前密码相同。"]);
    expect((await attempt("Chunfeng-huayu-2026", "Chunfeng-huayu-2025")).confirmPassword).toEqual(["两次输入的新密码不一致。"]);
    expect(await signsIn(person.username, PASSWORD)).toBe(true);

    // The rules are a school setting: 学工部 raises the minimum, the next change follows it.
    const admin = await newAdmin();
    const { passwordPolicy } = await getSchoolSettings();
    await updateSchoolSettings({ passwordPolicy: { ...passwordPolicy, minLength: 16, extraForbidden: ["ShiFanDaXue-2026"] } }, admin.id);
    try {
      expect((await attempt("Chunfeng-huayu!")).newPassword).toEqual(["密码至少需要 16 个字符。"]);
      expect((await attempt("shifandaxue-2026")).newPassword).toEqual(["这个密码太常见，很容易被猜中，请换一个。"]);
      const page = await call(passwordRoute.loader, "/settings/password", { cookie });
      expect(page.data).toMatchObject({ policy: { minLength: 16, forbidUsername: true, forbidCommon: true } });
      expect((await call(passwordRoute.action, "/settings/password", { cookie, form: changeForm(PASSWORD, "Chunfeng-huayu-2026!") })).status).toBe(302);
    } finally {
      await updateSchoolSettings({ passwordPolicy }, admin.id);
    }
  });

  it("answers in English for an English-speaking person", async () => {
    const person = await newPerson();
    const cookie = `${await cookieOf(person.id)}; ${(await languageCookie.serialize("en")).split(";")[0]}`;
    const answer = await call(passwordRoute.action, "/settings/password", { cookie, form: changeForm(PASSWORD, "short") });
    expect(errorsOf(answer).newPassword).toEqual(["A password needs at least 10 characters."]);
  });

  it("counts wrong current passwords like failed logins", async () => {
    const person = await newPerson();
    const cookie = await cookieOf(person.id);
    const headers = { [CLIENT_ADDRESS_HEADER]: "10.77.0.1" };
    const post = (current: string) =>
      passwordRoute
        .action({ request: new Request("http://localhost/settings/password", { method: "POST", headers: { ...headers, Cookie: cookie }, body: new URLSearchParams(changeForm(current, "Chunfeng-huayu-2026")) }), params: {}, context: {} } as never)
        .then((result) => result as unknown as { init: { status: number }; data: { error: string; form: { error: Record<string, string[]> } } });
    for (let i = 0; i < 5; i++) expect((await post(`guess-${i}`)).init.status).toBe(400);
    const blocked = await post(PASSWORD);
    expect(blocked.init.status).toBe(429);
    expect(blocked.data.error).toMatch(/^密码输错次数过多，请在 \d+ 分钟后再试。$/);
    expect(blocked.data.form.error[""]).toEqual([blocked.data.error]);
    expect(await signsIn(person.username, PASSWORD)).toBe(true);
  });

  it("is open only to someone signed in", async () => {
    expect(await call(passwordRoute.loader, "/settings/password")).toMatchObject({ status: 302, location: "/login?redirectTo=%2Fsettings%2Fpassword" });
    expect((await call(passwordRoute.action, "/settings/password", { form: changeForm("a", "b") })).status).toBe(302);
  });
});

describe("the first sign-in of an imported account", () => {
  it("opens only the password page until the person sets their own; then the batch password no longer opens the account", async () => {
    const admin = await newAdmin();
    const college = await buildCollege();
    const file = await xlsxRoster([
      ["工号", "姓名", "学院", "辅导员工作起始日期"],
      ["F2026001", "孙一", college.name, "2026-09-01"],
      ["F2026002", "孙二", college.name, "2026-09-01"],
    ]);
    const check = await checkRoster(admin, file, "新人.xlsx");
    expect(check.issues).toEqual([]);
    await importRoster(admin, check, { initialPassword: "Batch@2026", fileName: "新人.xlsx" });

    // Signing in with the initial password leads to the password page, keeping the destination.
    const login = await call(loginRoute.action, "/login", { form: loginForm("F2026001", "Batch@2026", "/studios") });
    expect(login).toMatchObject({ status: 302, location: "/settings/password?redirectTo=%2Fstudios" });
    const user = await prisma.user.findUniqueOrThrow({ where: { username: "F2026001" } });
    const cookie = await cookieOf(user.id);
    // Every other page sends them there; no socket opens for them.
    const elsewhere = await requireUser(new Request("http://localhost/documents?mine=1", { headers: { Cookie: cookie } })).catch((e: Response) => e);
    expect((elsewhere as Response).headers.get("Location")).toBe("/settings/password?redirectTo=%2Fdocuments%3Fmine%3D1");
    expect(await getUserFromCookieHeader(cookie)).toBeNull();
    expect(await getSignedInFromCookieHeader(cookie)).toMatchObject({ passwordMustChange: true });
    expect((await call(passwordRoute.loader, "/settings/password?redirectTo=%2Fstudios", { cookie })).data).toMatchObject({ first: true, redirectTo: "/studios" });
    // A second sign-in with it still opens only that page.
    expect((await call(loginRoute.action, "/login", { form: loginForm("F2026001", "Batch@2026", "/") })).location).toBe("/settings/password");

    // The initial password cannot become their own.
    const same = await call(passwordRoute.action, "/settings/password", { cookie, form: { ...changeForm("Batch@2026", "Batch@2026"), redirectTo: "/studios" } });
    expect(errorsOf(same).newPassword).toEqual(["新密码不能与学工部或学院设定的初始密码、临时密码相同。"]);

    const set = await call(passwordRoute.action, "/settings/password", { cookie, form: { ...changeForm("Batch@2026", "Sun-yi-de-mima-2026"), redirectTo: "/studios" } });
    expect(set).toMatchObject({ status: 302, location: "/studios" });
    expect((await requireUser(new Request("http://localhost/", { headers: { Cookie: cookie } }))).username).toBe("F2026001");
    // A colleague of the same batch can no longer use the shared password on this account…
    expect(await signsIn("F2026001", "Batch@2026")).toBe(false);
    expect((await call(loginRoute.action, "/login", { form: loginForm("F2026001", "Sun-yi-de-mima-2026", "/") })).location).toBe("/");
    // …and cannot set it back later either.
    const back = await call(passwordRoute.action, "/settings/password", { cookie, form: changeForm("Sun-yi-de-mima-2026", "Batch@2026") });
    expect(errorsOf(back).newPassword).toEqual(["新密码不能与学工部或学院设定的初始密码、临时密码相同。"]);
    const audit = await prisma.auditLog.findFirstOrThrow({ where: { action: "account.password-change", entityId: user.id } });
    expect(audit.data).toMatchObject({ firstSignIn: true });
  });

  it("applies to new external mentors too; the demo accounts sign in as printed", async () => {
    const admin = await newAdmin();
    const input = newMentorFormSchema.parse({ kind: "EXTERNAL", username: "ext-first-login", name: "周外聘", organisation: "省教育厅", rank: "SENIOR", primaryDuty: "CAREER", capacity: "2", available: true });
    const { password } = await createMentor(admin.id, input);
    expect(password).toMatch(/^[A-HJ-NP-Za-km-z2-9]{12}$/);
    expect((await call(loginRoute.action, "/login", { form: loginForm("ext-first-login", password!, "/") })).location).toBe("/settings/password");

    // The seed's printed accounts, checked by name on purpose: they are what a new installation shows.
    for (const username of ["admin", "college", "leader", "backbone", "counselor", "mentor", "external"]) {
      expect((await call(loginRoute.action, "/login", { form: loginForm(username, PASSWORD) })).location, username).toBe("/");
    }
  });
});

describe("resets by 学工部 and college admins", () => {
  /** The temporary password a reset hands the page (shown once). */
  const temporaryIn = (answer: Answer) => (answer.data?.data as { temporaryPassword?: string } | undefined)?.temporaryPassword;

  /** The edit page's reset, asked and confirmed as the page does. */
  async function reset(actorCookie: string, personId: string, mode: "temporary" | "require-change") {
    const url = `/people/${personId}/edit`;
    const params = { userId: personId };
    const asked = await call(editRoute.action, url, { cookie: actorCookie, params, form: { intent: "reset-password", mode } });
    if (asked.status !== 200) return asked;
    expect(asked.data).toMatchObject({ status: "confirm", confirm: { fields: [["intent", "reset-password"], ["mode", mode]] } });
    return call(editRoute.action, url, { cookie: actorCookie, params, form: { intent: "reset-password", mode, confirmed: "yes" } });
  }

  it("学工部 gives a temporary password, shown once: the old one stops working, every session ends, the audit log says who", async () => {
    const person = await newPerson({ college: await buildCollege() });
    const sessions = [await cookieOf(person.id), await cookieOf(person.id)];
    const admin = await newPerson({ roles: ["ADMIN"] });
    const done = await reset(await cookieOf(admin.id), person.id, "temporary");
    expect(done.status).toBe(200);
    const temporary = temporaryIn(done) ?? "";
    expect(temporary).toMatch(/^[A-HJ-NP-Za-km-z2-9]{12}$/);
    expect(done.data?.notice).toContain("只显示这一次");
    for (const cookie of sessions) expect(await getSignedInFromCookieHeader(cookie)).toBeNull();
    expect(await signsIn(person.username, PASSWORD)).toBe(false);
    // The temporary password only opens the page that replaces it.
    expect((await call(loginRoute.action, "/login", { form: loginForm(person.username, temporary, "/") })).location).toBe("/settings/password");

    const audit = await prisma.auditLog.findFirstOrThrow({ where: { action: "person.password-reset", entityId: person.id } });
    expect(audit).toMatchObject({ actorId: admin.id, entityType: "User", data: { mode: "temporary", endedSessions: 2 } });
    expect(JSON.stringify(audit.data)).not.toContain(temporary);
    // Shown once: the page never shows it again, and only its hash is stored.
    const page = await call(editRoute.loader, `/people/${person.id}/edit`, { cookie: await cookieOf(admin.id), params: { userId: person.id } });
    expect(JSON.stringify(page.data)).not.toContain(temporary);
    expect(page.data?.password).toMatchObject({ mustChange: true });
    expect(JSON.stringify(await prisma.user.findUniqueOrThrow({ where: { id: person.id } }))).not.toContain(temporary);
  });

  it("or keeps the password but asks for a new one at the next sign-in", async () => {
    const person = await newPerson({ college: await buildCollege() });
    const session = await cookieOf(person.id);
    const done = await reset(await cookieOf((await newAdmin()).id), person.id, "require-change");
    expect(done).toMatchObject({ status: 200, data: { notice: expect.stringContaining("下次登录时修改密码") } });
    expect(temporaryIn(done)).toBeUndefined();
    expect(await getSignedInFromCookieHeader(session)).toBeNull();
    expect((await call(loginRoute.action, "/login", { form: loginForm(person.username, PASSWORD, "/") })).location).toBe("/settings/password");
    const cookie = await cookieOf(person.id);
    const same = await call(passwordRoute.action, "/settings/password", { cookie, form: changeForm(PASSWORD, PASSWORD) });
    expect(errorsOf(same).newPassword).toEqual(["新密码不能与学工部或学院设定的初始密码、临时密码相同。"]);
    expect((await call(passwordRoute.action, "/settings/password", { cookie, form: changeForm(PASSWORD, "Xin-de-mima-2026") })).location).toBe("/");
    expect(await prisma.auditLog.findFirstOrThrow({ where: { action: "person.password-reset", entityId: person.id } })).toMatchObject({ data: { mode: "require-change" } });
  });

  it("a college admin resets the people of their own college, and is refused for another college or an administrator", async () => {
    const college = await buildCollege();
    const collegeAdmin = await newPerson({ college, roles: ["COLLEGE_ADMIN"] });
    const own = await newPerson({ college });
    const other = await newPerson({ college: await buildCollege() });
    const peer = await newPerson({ college, roles: ["COLLEGE_ADMIN"] });
    const cookie = await cookieOf(collegeAdmin.id);

    const ownPage = await call(editRoute.loader, `/people/${own.id}/edit`, { cookie, params: { userId: own.id } });
    expect(ownPage.data?.password).toMatchObject({ mustChange: false });
    expect(temporaryIn(await reset(cookie, own.id, "temporary"))).toEqual(expect.any(String));
    expect(await prisma.auditLog.findFirstOrThrow({ where: { action: "person.password-reset", entityId: own.id } })).toMatchObject({ actorId: collegeAdmin.id });

    const audits = await prisma.auditLog.count({ where: { action: "person.password-reset" } });
    for (const target of [other, peer]) {
      const refused = await call(editRoute.action, `/people/${target.id}/edit`, { cookie, params: { userId: target.id }, form: { intent: "reset-password", mode: "temporary", confirmed: "yes" } });
      expect(refused.status).toBe(403);
      expect(await signsIn(target.username, PASSWORD)).toBe(true);
    }
    // The peer's edit page is theirs to see, but without the reset.
    expect((await call(editRoute.loader, `/people/${peer.id}/edit`, { cookie, params: { userId: peer.id } })).data?.password).toBeNull();
    expect(await prisma.auditLog.count({ where: { action: "person.password-reset" } })).toBe(audits);
  });

  it("nobody else resets a password", async () => {
    const person = await newPerson({ college: await buildCollege() });
    const accounts = await buildAccounts();
    for (const username of ["leader", "backbone", "counselor", "mentor", "external"] as const) {
      const actor = accounts[username];
      const refused = await call(editRoute.action, `/people/${person.id}/edit`, { cookie: await cookieOf(actor.id), params: { userId: person.id }, form: { intent: "reset-password", mode: "temporary", confirmed: "yes" } });
      expect(refused.status, username).toBe(403);
    }
    expect(await signsIn(person.username, PASSWORD)).toBe(true);
  });
});
