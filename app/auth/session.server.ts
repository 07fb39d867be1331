import { createCookie, createSessionStorage, redirect } from "@remix-run/node";
import { prisma } from "~/db/client.server.ts";
import type { Role } from "~/generated/prisma/enums.ts";
import { getRuntime, singleton } from "~/infra/runtime.server.ts";
import { memoizeForRequest } from "~/lib/request-scope.server.ts";

/** Sessions live in the database, so logging out (or an admin disabling an account) ends them at once. */
const SESSION_DAYS = 14;
export const SESSION_COOKIE = "fudao_session";

interface SessionData {
  userId: string;
}

function sessionStorage() {
  return singleton("sessionStorage", () => {
    const cookie = createCookie(SESSION_COOKIE, {
      httpOnly: true,
      sameSite: "lax",
      path: "/",
      secrets: [getRuntime().sessionSecret],
      maxAge: SESSION_DAYS * 24 * 3600,
    });
    return createSessionStorage<SessionData>({
      cookie,
      async createData(data, expires) {
        const row = await prisma.session.create({
          data: { userId: data.userId!, expiresAt: expires ?? new Date(Date.now() + SESSION_DAYS * 864e5) },
        });
        return row.id;
      },
      async readData(id) {
        const row = await prisma.session.findUnique({ where: { id } });
        if (!row || row.expiresAt < new Date()) return null;
        return { userId: row.userId };
      },
      async updateData(id, _data, expires) {
        if (expires) await prisma.session.updateMany({ where: { id }, data: { expiresAt: expires } });
      },
      async deleteData(id) {
        await prisma.session.deleteMany({ where: { id } });
      },
    });
  });
}

/** The signed-in person as the policy module sees them. */
export interface SessionUser {
  id: string;
  username: string;
  name: string;
  roles: Role[];
  collegeId: string | null;
  locale: string | null;
}

const userSelect = { id: true, username: true, name: true, roles: true, collegeId: true, locale: true, active: true } as const;

/** Resolves a Cookie header to an active user; used by loaders and the socket.io handshake. */
export async function getUserFromCookieHeader(cookieHeader: string | null | undefined): Promise<SessionUser | null> {
  if (!cookieHeader) return null;
  const session = await sessionStorage().getSession(cookieHeader);
  const userId = session.get("userId");
  if (!userId) return null;
  const user = await prisma.user.findUnique({ where: { id: userId }, select: userSelect });
  if (!user || !user.active) return null;
  const { active: _active, ...rest } = user;
  return rest;
}

/** The root loader and the page's loader both ask; one lookup per request is enough. */
export function getOptionalUser(request: Request): Promise<SessionUser | null> {
  const cookie = request.headers.get("Cookie");
  return memoizeForRequest(`user:${cookie}`, () => getUserFromCookieHeader(cookie));
}

/** For loaders and actions of signed-in pages: redirects to the login page otherwise. */
export async function requireUser(request: Request): Promise<SessionUser> {
  const user = await getOptionalUser(request);
  if (!user) {
    const url = new URL(request.url);
    const redirectTo = url.pathname + url.search;
    throw redirect(`/login?redirectTo=${encodeURIComponent(redirectTo)}`);
  }
  return user;
}

function secureFor(request: Request) {
  return new URL(request.url).protocol === "https:";
}

export async function createUserSession(request: Request, userId: string, redirectTo: string): Promise<Response> {
  const storage = sessionStorage();
  const session = await storage.getSession();
  session.set("userId", userId);
  return redirect(redirectTo, {
    headers: { "Set-Cookie": await storage.commitSession(session, { secure: secureFor(request) }) },
  });
}

export async function logout(request: Request): Promise<Response> {
  const storage = sessionStorage();
  const session = await storage.getSession(request.headers.get("Cookie"));
  return redirect("/login", {
    headers: { "Set-Cookie": await storage.destroySession(session, { secure: secureFor(request) }) },
  });
}
