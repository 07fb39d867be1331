import { describe, expect, it } from "vitest";
import { prisma } from "~/db/client.server.ts";
import { createUserSession, getUserFromCookieHeader, logout, requireUser } from "./session.server.ts";

async function signIn(username: string): Promise<{ cookie: string; setCookie: string }> {
  const user = await prisma.user.findUniqueOrThrow({ where: { username } });
  const response = await createUserSession(new Request("http://localhost/login"), user.id, "/");
  const setCookie = response.headers.get("Set-Cookie")!;
  return { cookie: setCookie.split(";")[0]!, setCookie };
}

describe("sessions", () => {
  it("sets an HttpOnly, SameSite=Lax, signed cookie that resolves to the user", async () => {
    const { cookie, setCookie } = await signIn("leader");
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    expect(setCookie).not.toMatch(/Secure/i);
    expect((await getUserFromCookieHeader(cookie))?.username).toBe("leader");
  });

  it("marks the cookie Secure when served over HTTPS", async () => {
    const user = await prisma.user.findUniqueOrThrow({ where: { username: "leader" } });
    const response = await createUserSession(new Request("https://fudao.example.edu.cn/login"), user.id, "/");
    expect(response.headers.get("Set-Cookie")).toMatch(/Secure/);
  });

  it("ignores a cookie whose signature was tampered with", async () => {
    const { cookie } = await signIn("leader");
    const [name, value] = cookie.split("=");
    const forged = `${name}=${value!.slice(0, -3)}abc`;
    expect(await getUserFromCookieHeader(forged)).toBeNull();
    expect(await getUserFromCookieHeader("fudao_session=made-up")).toBeNull();
  });

  it("ends the session in the database on logout", async () => {
    const { cookie } = await signIn("backbone");
    const response = await logout(new Request("http://localhost/logout", { headers: { Cookie: cookie } }));
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/login");
    expect(await getUserFromCookieHeader(cookie)).toBeNull();
  });

  it("refuses expired sessions and disabled accounts", async () => {
    const { cookie } = await signIn("mentor");
    await prisma.session.updateMany({ where: { user: { username: "mentor" } }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await getUserFromCookieHeader(cookie)).toBeNull();

    const second = await signIn("external");
    await prisma.user.update({ where: { username: "external" }, data: { active: false } });
    expect(await getUserFromCookieHeader(second.cookie)).toBeNull();
    await prisma.user.update({ where: { username: "external" }, data: { active: true } });
  });

  it("sends anonymous visitors to the login page, remembering where they were going", async () => {
    const thrown = await requireUser(new Request("http://localhost/studios?duty=CRISIS")).catch((e: Response) => e);
    expect(thrown).toBeInstanceOf(Response);
    expect((thrown as Response).headers.get("Location")).toBe("/login?redirectTo=%2Fstudios%3Fduty%3DCRISIS");
  });
});
