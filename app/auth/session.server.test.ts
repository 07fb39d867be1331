import { describe, expect, it } from "vitest";
import { prisma } from "~/db/client.server.ts";
import { buildUser, type BuiltUser } from "../../tests/support/factories.ts";
import { createUserSession, getUserFromCookieHeader, logout, requireUser } from "./session.server.ts";

async function signIn(user: BuiltUser): Promise<{ cookie: string; setCookie: string }> {
  const response = await createUserSession(new Request("http://localhost/login"), user.id, "/");
  const setCookie = response.headers.get("Set-Cookie")!;
  return { cookie: setCookie.split(";")[0]!, setCookie };
}

describe("sessions", () => {
  it("sets an HttpOnly, SameSite=Lax, signed cookie that resolves to the user", async () => {
    const user = await buildUser();
    const { cookie, setCookie } = await signIn(user);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    expect(setCookie).not.toMatch(/Secure/i);
    expect((await getUserFromCookieHeader(cookie))?.username).toBe(user.username);
  });

  it("marks the cookie Secure when served over HTTPS", async () => {
    const user = await buildUser();
    const response = await createUserSession(new Request("https://fudao.example.edu.cn/login"), user.id, "/");
    expect(response.headers.get("Set-Cookie")).toMatch(/Secure/);
  });

  it("ignores a cookie whose signature was tampered with", async () => {
    const { cookie } = await signIn(await buildUser());
    const [name, value] = cookie.split("=");
    const forged = `${name}=${value!.slice(0, -3)}abc`;
    expect(await getUserFromCookieHeader(forged)).toBeNull();
    expect(await getUserFromCookieHeader("fudao_session=made-up")).toBeNull();
  });

  it("ends the session in the database on logout", async () => {
    const { cookie } = await signIn(await buildUser());
    const response = await logout(new Request("http://localhost/logout", { headers: { Cookie: cookie } }));
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/login");
    expect(await getUserFromCookieHeader(cookie)).toBeNull();
  });

  it("refuses expired sessions and disabled accounts", async () => {
    const expiring = await buildUser();
    const { cookie } = await signIn(expiring);
    expect(await getUserFromCookieHeader(cookie)).not.toBeNull();
    await prisma.session.updateMany({ where: { userId: expiring.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await getUserFromCookieHeader(cookie)).toBeNull();

    const disabled = await buildUser({ roles: ["MENTOR"] });
    const second = await signIn(disabled);
    expect(await getUserFromCookieHeader(second.cookie)).not.toBeNull();
    await prisma.user.update({ where: { id: disabled.id }, data: { active: false } });
    expect(await getUserFromCookieHeader(second.cookie)).toBeNull();
  });

  it("sends anonymous visitors to the login page, remembering where they were going", async () => {
    const thrown = await requireUser(new Request("http://localhost/studios?duty=CRISIS")).catch((e: Response) => e);
    expect(thrown).toBeInstanceOf(Response);
    expect((thrown as Response).headers.get("Location")).toBe("/login?redirectTo=%2Fstudios%3Fduty%3DCRISIS");
  });
});
