import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { prisma } from "~/db/client.server.ts";
import { languageCookie } from "~/i18n/i18n.server.ts";
import { CLIENT_ADDRESS_HEADER } from "~/lib/request.server.ts";
import { action } from "~/routes/login.tsx";
import { buildUser, TEST_PASSWORD } from "../../tests/support/factories.ts";
import { getSignedInFromCookieHeader } from "./session.server.ts";

/** The sign-in form's action (/login) on the real database: what a browser or a script gets back. */

const address = () => `10.8.${crypto.randomInt(255)}.${crypto.randomInt(255)}`;

async function signIn(fields: Record<string, string>, from = address()) {
  const request = new Request("http://localhost/login", {
    method: "POST",
    headers: { [CLIENT_ADDRESS_HEADER]: from },
    body: new URLSearchParams(fields),
  });
  const result = await action({ request, params: {}, context: {} }).catch((thrown: unknown) => thrown);
  if (result instanceof Response) return { status: result.status, response: result, data: null };
  const wrapped = result as unknown as { data: { intent: string; status: string; error?: string; form?: { error?: Record<string, string[]>; initialValue?: Record<string, unknown> } }; init: { status?: number } | null };
  return { status: wrapped.init?.status ?? 200, response: null, data: wrapped.data };
}

const form = (username: string, password: string, redirectTo = "/") => ({ intent: "signIn", username, password, redirectTo });

describe("signing in at /login", () => {
  it("refuses a wrong password in Chinese with 401, keeps the 工号 and never sends the password back", async () => {
    const person = await buildUser({ profile: false });
    const answer = await signIn(form(person.username, "Ni-cai-bu-dao-2026"));
    expect(answer.status).toBe(401);
    expect(answer.data).toMatchObject({ intent: "signIn", status: "error", error: "工号或密码不正确。" });
    expect(answer.data!.form!.initialValue).toMatchObject({ username: person.username });
    expect(JSON.stringify(answer.data)).not.toContain("Ni-cai-bu-dao-2026");
    // An unknown 工号 gets the very same answer.
    expect((await signIn(form("no-such-person", "Ni-cai-bu-dao-2026"))).data).toMatchObject({ error: "工号或密码不正确。" });
  });

  it("explains empty fields in Chinese (400), at each field, without echoing the password", async () => {
    const answer = await signIn({ intent: "signIn", username: " ", password: "", redirectTo: "/" });
    expect(answer.status).toBe(400);
    expect(answer.data!.form!.error).toMatchObject({ username: ["请输入工号。"], password: ["请输入密码。"] });
    const longOne = "x".repeat(300);
    const tooLong = await signIn({ intent: "signIn", username: "someone", password: longOne });
    expect(tooLong.status).toBe(400);
    expect(JSON.stringify(tooLong.data)).not.toContain(longOne);
  });

  it("blocks an address after five failures, even with the right password (429), and a disabled account says so", async () => {
    const person = await buildUser({ profile: false });
    const from = address();
    for (let i = 0; i < 5; i++) expect((await signIn(form(person.username, `guess-${i}`), from)).status).toBe(401);
    const blocked = await signIn(form(person.username, TEST_PASSWORD), from);
    expect(blocked.status).toBe(429);
    expect(blocked.data!.error).toMatch(/^登录失败次数过多，请在 \d+ 分钟后再试。$/);
    expect(blocked.response).toBeNull();

    const disabled = await buildUser({ profile: false, active: false });
    expect((await signIn(form(disabled.username, TEST_PASSWORD))).data).toMatchObject({ error: "该账号已停用，请联系学工部。" });
  });

  it("starts a session, brings the person's language along and goes only to a page of this app", async () => {
    const person = await buildUser({ profile: false, locale: "en" });
    const answer = await signIn(form(person.username, TEST_PASSWORD, "/studios?duty=CRISIS"));
    expect(answer.status).toBe(302);
    expect(answer.response!.headers.get("Location")).toBe("/studios?duty=CRISIS");
    const cookies = answer.response!.headers.getSetCookie();
    const session = cookies.find((c) => c.startsWith("fudao_session="))!.split(";")[0]!;
    expect(await getSignedInFromCookieHeader(session)).toMatchObject({ user: { id: person.id } });
    expect(await languageCookie.parse(cookies.find((c) => c.startsWith("lng="))!.split(";")[0]!)).toBe("en");

    for (const elsewhere of ["https://evil.example/", "//evil.example/", "/\\evil.example"]) {
      expect((await signIn(form(person.username, TEST_PASSWORD, elsewhere))).response!.headers.get("Location"), elsewhere).toBe("/");
    }
  });

  it("signs nobody in for a post that is not the sign-in form (400)", async () => {
    const person = await buildUser({ profile: false });
    const before = await prisma.session.count({ where: { userId: person.id } });
    expect((await signIn({ username: person.username, password: TEST_PASSWORD })).status).toBe(400);
    expect((await signIn({ intent: "signOut", username: person.username, password: TEST_PASSWORD })).status).toBe(400);
    expect(await prisma.session.count({ where: { userId: person.id } })).toBe(before);
  });
});
