import { createCookie, createSessionStorage, redirect } from "@remix-run/node";
import { prisma, sqlRows, type Db } from "~/db/client.server.ts";
import { Prisma } from "~/generated/prisma/client.ts";
import type { Role } from "~/generated/prisma/enums.ts";
import { getRuntime, singleton } from "~/infra/runtime.server.ts";
import { memoizeForRequest } from "~/lib/request-scope.server.ts";
import { noteRequestUser } from "~/observability/logger.server.ts";

/**
 * Sessions live in the database, so logging out, a password change or reset, or an admin disabling
 * an account ends them at once, open sockets included (decision 009).
 */
const SESSION_DAYS = 14;
export const SESSION_COOKIE = "fudao_session";

interface SessionData {
  userId: string;
}

/** The signed cookie that carries a session's id. */
function sessionCookie() {
  return singleton("sessionCookie", () =>
    createCookie(SESSION_COOKIE, {
      httpOnly: true,
      sameSite: "lax",
      path: "/",
      secrets: [getRuntime().sessionSecret],
      maxAge: SESSION_DAYS * 24 * 3600,
    }),
  );
}

function sessionStorage() {
  return singleton("sessionStorage", () => {
    return createSessionStorage<SessionData>({
      cookie: sessionCookie(),
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

/** A valid session: its id (sockets join its room), its person, and whether they must set a password first. */
export interface SignedIn {
  sessionId: string;
  user: SessionUser;
  /** Signed in with an initial or temporary password: only /settings/password is open until it is replaced. */
  passwordMustChange: boolean;
}

/** Resolves a Cookie header to a valid session of an active account, restricted or not. */
export async function getSignedInFromCookieHeader(cookieHeader: string | null | undefined): Promise<SignedIn | null> {
  const sessionId = await sessionIdFromCookieHeader(cookieHeader);
  if (!sessionId) return null;
  // The session and its person in one statement, since every request asks.
  const [row] = await sqlRows<SignedInRow>(signedInPersonSql(sessionId, new Date()), undefined, { prepare: "signed-in-person" });
  return row ? signedInOf(sessionId, row) : null;
}

/** The session id a Cookie header carries, its signature checked (createSessionStorage's format). */
export async function sessionIdFromCookieHeader(cookieHeader: string | null | undefined): Promise<string | null> {
  if (!cookieHeader) return null;
  const sessionId: unknown = await sessionCookie().parse(cookieHeader);
  return typeof sessionId === "string" && sessionId ? sessionId : null;
}

/** The columns of `SignedInRow`. */
export type SignedInRow = SessionUser & { passwordMustChange: boolean };

/**
 * The person of a valid session of an active account, as a subquery (no row otherwise): a hot path
 * may join its own reads to it and make one round trip (the online test's saves).
 */
export const signedInPersonSql = (sessionId: string, now: Date) => Prisma.sql`
  SELECT u.id, u.username, u.name, u.roles::text[] AS roles, u."collegeId", u.locale, u."passwordMustChange"
    FROM "Session" s JOIN "User" u ON u.id = s."userId"
   WHERE s.id = ${sessionId} AND s."expiresAt" >= ${now} AND u.active`;

export function signedInOf(sessionId: string, row: SignedInRow): SignedIn {
  const { id, username, name, roles, collegeId, locale, passwordMustChange } = row;
  return { sessionId, user: { id, username, name, roles, collegeId, locale }, passwordMustChange };
}

/**
 * Resolves a Cookie header to a user with full access; used by the socket.io handshake and the
 * collaboration worker's admission. A session waiting for a new password opens no socket.
 */
export async function getUserFromCookieHeader(cookieHeader: string | null | undefined): Promise<SessionUser | null> {
  const signedIn = await getSignedInFromCookieHeader(cookieHeader);
  return signedIn && !signedIn.passwordMustChange ? signedIn.user : null;
}

/** The root loader and the page's loader both ask; one lookup per request is enough. */
export function getSignedIn(request: Request): Promise<SignedIn | null> {
  const cookie = request.headers.get("Cookie");
  return memoizeForRequest(`session:${cookie}`, () =>
    getSignedInFromCookieHeader(cookie).then((signedIn) => {
      // The access line names who made the request (decision 127).
      if (signedIn) noteRequestUser(signedIn.user.id);
      return signedIn;
    }),
  );
}

/** The signed-in person with full access, or null (anonymous, or waiting for a new password). */
export async function getOptionalUser(request: Request): Promise<SessionUser | null> {
  const signedIn = await getSignedIn(request);
  return signedIn && !signedIn.passwordMustChange ? signedIn.user : null;
}

/** Where a request came from, for returning there after signing in or setting a password. */
function here(request: Request) {
  const url = new URL(request.url);
  return url.pathname + url.search;
}

export const PASSWORD_PAGE = "/settings/password";

/** The page that sets the password first, coming back to `redirectTo` afterwards. */
export function passwordPageFor(redirectTo: string) {
  return redirectTo === "/" ? PASSWORD_PAGE : `${PASSWORD_PAGE}?redirectTo=${encodeURIComponent(redirectTo)}`;
}

/**
 * For loaders and actions of signed-in pages: redirects to the login page otherwise, and a person
 * who signed in with an initial or temporary password to the page that replaces it.
 */
export async function requireUser(request: Request): Promise<SessionUser> {
  const signedIn = await getSignedIn(request);
  if (!signedIn) throw redirect(`/login?redirectTo=${encodeURIComponent(here(request))}`);
  if (signedIn.passwordMustChange) throw redirect(passwordPageFor(here(request)));
  return signedIn.user;
}

/** For the password page only: any valid session, including one that must set a password first. */
export async function requireSession(request: Request): Promise<SignedIn> {
  const signedIn = await getSignedIn(request);
  if (!signedIn) throw redirect(`/login?redirectTo=${encodeURIComponent(here(request))}`);
  return signedIn;
}

/**
 * Ends a person's sessions (all, or all but one) in the caller's transaction. The database tells
 * every listening process when it commits, and they close those sessions' sockets (decision 009).
 */
export async function endSessions(db: Db, userId: string, options: { except?: string } = {}): Promise<number> {
  const { count } = await db.session.deleteMany({ where: { userId, ...(options.except ? { id: { not: options.except } } : {}) } });
  return count;
}

function secureFor(request: Request) {
  return new URL(request.url).protocol === "https:";
}

/** Starts a session for the person: the Set-Cookie header value that carries it. */
export async function startSession(request: Request, userId: string): Promise<string> {
  const storage = sessionStorage();
  const session = await storage.getSession();
  session.set("userId", userId);
  return storage.commitSession(session, { secure: secureFor(request) });
}

export async function createUserSession(request: Request, userId: string, redirectTo: string): Promise<Response> {
  return redirect(redirectTo, { headers: { "Set-Cookie": await startSession(request, userId) } });
}

export async function logout(request: Request): Promise<Response> {
  const storage = sessionStorage();
  const session = await storage.getSession(request.headers.get("Cookie"));
  return redirect("/login", {
    headers: { "Set-Cookie": await storage.destroySession(session, { secure: secureFor(request) }) },
  });
}
