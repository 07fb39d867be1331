import crypto from "node:crypto";
import { CLIENT_ADDRESS_HEADER } from "~/lib/request.server.ts";

/** Our sign-on routes called as a browser's requests would reach them (for the sso tests). */
export type Handler = (args: never) => Promise<unknown>;

/** Calls a loader or action; a thrown Response is the answer too; data() is { status, data }. */
export async function call(handler: Handler, url: string, init: { cookie?: string; method?: string; body?: URLSearchParams } = {}) {
  const request = new Request(url, {
    method: init.method ?? (init.body ? "POST" : "GET"),
    headers: { ...(init.cookie ? { Cookie: init.cookie } : {}), [CLIENT_ADDRESS_HEADER]: `10.9.${crypto.randomInt(255)}.${crypto.randomInt(255)}` },
    body: init.body,
  });
  let result: unknown;
  try {
    result = await handler({ request, params: {}, context: {} } as never);
  } catch (thrown) {
    if (!(thrown instanceof Response)) throw thrown;
    result = thrown;
  }
  if (result instanceof Response) return { status: result.status, response: result, data: null as never };
  if (!(result && typeof result === "object" && "init" in result)) return { status: 200, response: null, data: result as never, headers: new Headers() };
  const wrapped = result as { data: unknown; init: { status?: number; headers?: HeadersInit } | null };
  return { status: wrapped.init?.status ?? 200, response: null, data: wrapped.data as { problem: { key: never; params: Record<string, string> } }, headers: new Headers(wrapped.init?.headers) };
}

export const cookieOf = (response: Response, name: string) =>
  response.headers
    .getSetCookie()
    .find((c) => c.startsWith(`${name}=`))
    ?.split(";")[0];

