import type { LoaderFunctionArgs } from "@remix-run/node";
import { getFixedT } from "~/i18n/i18n.server.ts";
import { authorize } from "~/policy/index.ts";
import { apiResponse, apiUser } from "~/search/api.server.ts";
import { parseSearchParams } from "~/search/schemas.ts";
import { search, SearchUnavailableError } from "~/search/search.server.ts";

/** A resource route: plain JSON responses (Response.json) for scripts and the header box.
 * GET /api/search?q=…&type=&duty=&studio=&year=&status=&author=&sort=relevance|date&page=&limit=&facets=0 */
export async function loader({ request }: LoaderFunctionArgs) {
  const t = await getFixedT(request);
  const headers = { "Cache-Control": "no-store" };
  const user = await apiUser(request);
  if (!user) {
    return Response.json({ error: "unauthorized", message: t("search.errors.unauthorized") }, { status: 401, headers: { ...headers, "WWW-Authenticate": 'Bearer realm="fudao"' } });
  }
  authorize(user, "search:use", null);
  const url = new URL(request.url);
  const parsed = parseSearchParams(url.searchParams);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return Response.json({ error: "bad_request", field: String(issue.path[0] ?? ""), message: t(issue.message as never) }, { status: 400, headers });
  }
  try {
    const result = await search(user, parsed.data, { facets: url.searchParams.get("facets") !== "0" });
    return Response.json(apiResponse(result, t), { headers });
  } catch (error) {
    if (!(error instanceof SearchUnavailableError)) throw error;
    return Response.json({ error: "search_unavailable", reason: error.reason, message: t("search.errors.unavailable") }, { status: 503, headers: { ...headers, "Retry-After": "10" } });
  }
}
