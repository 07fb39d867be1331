import type { LoaderFunctionArgs } from "@remix-run/node";
import { getFixedT } from "~/i18n/i18n.server.ts";
import { translateKnown } from "~/i18n/keys.ts";
import { authorize } from "~/policy/index.ts";
import { apiCaller, apiResponse, showsTimings } from "~/search/api.server.ts";
import { parseSearchParams } from "~/search/schemas.ts";
import { search, SearchUnavailableError, type SearchTimings } from "~/search/search.server.ts";

/** `Server-Timing` (ms): where the request's time went, for browsers' tools and the benchmark (学工部 or FUDAO_DEBUG_TIMING=1 only). */
function serverTiming(timings: SearchTimings & { auth?: number; total?: number }): string {
  return Object.entries(timings)
    .map(([name, ms]) => `${name};dur=${ms.toFixed(2)}`)
    .join(", ");
}

/** A resource route: plain JSON responses (Response.json) for scripts and the header box.
 * GET /api/search?q=…&type=&duty=&studio=&year=&status=&author=&sort=relevance|date&page=&limit=&facets=0 */
export async function loader({ request }: LoaderFunctionArgs) {
  const started = performance.now();
  const t = await getFixedT(request);
  const headers = { "Cache-Control": "no-store" };
  const caller = await apiCaller(request);
  const auth = performance.now() - started;
  if (caller.status === "limited") {
    const { retryAfterSeconds } = caller;
    return Response.json(
      { error: "too_many_bad_tokens", message: t("search.errors.tooManyBadTokens", { minutes: Math.ceil(retryAfterSeconds / 60) }) },
      { status: 429, headers: { ...headers, "Retry-After": String(retryAfterSeconds) } },
    );
  }
  if (caller.status === "unauthorized") {
    return Response.json({ error: "unauthorized", message: t("search.errors.unauthorized") }, { status: 401, headers: { ...headers, "WWW-Authenticate": 'Bearer realm="fudao"' } });
  }
  const { user } = caller;
  authorize(user, "search:use", null);
  const url = new URL(request.url);
  const parsed = parseSearchParams(url.searchParams);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return Response.json({ error: "bad_request", field: String(issue.path[0] ?? ""), message: translateKnown(t, issue.message) }, { status: 400, headers });
  }
  try {
    const timings: SearchTimings | undefined = showsTimings(user) ? {} : undefined;
    const result = await search(user, parsed.data, { facets: url.searchParams.get("facets") !== "0", timings });
    const body = apiResponse(result, t);
    const timing: Record<string, string> = timings ? { "Server-Timing": serverTiming({ auth, ...timings, total: performance.now() - started }) } : {};
    return Response.json(body, { headers: { ...headers, ...timing } });
  } catch (error) {
    if (!(error instanceof SearchUnavailableError)) throw error;
    return Response.json({ error: "search_unavailable", reason: error.reason, message: t("search.errors.unavailable") }, { status: 503, headers: { ...headers, "Retry-After": "10" } });
  }
}
