import { createUserSession, getUserFromCookieHeader, type SessionUser } from "~/auth/session.server.ts";
import { prisma } from "~/db/client.server.ts";

/** A real session for a demo account: its cookie, and the user as loaders see them. */
export async function cookieFor(username: string): Promise<string> {
  const user = await prisma.user.findUniqueOrThrow({ where: { username } });
  const response = await createUserSession(new Request("http://localhost/login"), user.id, "/");
  return response.headers.get("Set-Cookie")!.split(";")[0]!;
}

export async function sessionUser(username: string): Promise<SessionUser> {
  return (await getUserFromCookieHeader(await cookieFor(username)))!;
}

/** Calls a route's loader or action as `username` and returns the Response, thrown or not. */
export async function asUser(
  username: string | null,
  // Any loader or action: their argument types differ in detail from this plain call.
  handler: (args: never) => Promise<unknown>,
  url: string,
  init: { method?: string; form?: Record<string, string | string[]>; params?: Record<string, string> } = {},
): Promise<{ status: number; data: unknown; response: Response | null }> {
  const headers = new Headers();
  if (username) headers.set("Cookie", await cookieFor(username));
  let body: URLSearchParams | undefined;
  if (init.form) {
    body = new URLSearchParams();
    for (const [key, value] of Object.entries(init.form)) for (const v of [value].flat()) body.append(key, v);
  }
  const request = new Request(`http://localhost${url}`, { method: init.method ?? (body ? "POST" : "GET"), headers, body });
  try {
    const result = await handler({ request, params: init.params ?? {}, context: {} } as never);
    if (result instanceof Response) return { status: result.status, data: null, response: result };
    // Remix's data() helper: { type: "DataWithResponseInit", data, init }
    const wrapped = result as { data?: unknown; init?: { status?: number } | null } | null;
    if (wrapped && typeof wrapped === "object" && "init" in wrapped) return { status: wrapped.init?.status ?? 200, data: wrapped.data, response: null };
    return { status: 200, data: result, response: null };
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, data: null, response: thrown };
    throw thrown;
  }
}
