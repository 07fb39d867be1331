import type { TFunction } from "i18next";
import type { SessionUser } from "~/auth/session.server.ts";
import { getOptionalUser } from "~/auth/session.server.ts";
import { clientAddress } from "~/lib/request.server.ts";
import { can } from "~/policy/index.ts";
import type { Facet } from "./index-settings.ts";
import { markedToHtml, markedToText } from "./highlight.ts";
import { documentStatusLabel, dutyLabel, recordTypeLabel } from "./labels.ts";
import type { SearchResult } from "./search.server.ts";
import { badTokenBlock, recordBadToken } from "./token-rate-limit.server.ts";
import { userFromBearer } from "./tokens.server.ts";

/**
 * GET /api/search for scripts and the header's instant results: the signed-in person (session
 * cookie) or the owner of a personal token (Authorization: Bearer …). A request that sends a
 * token is judged by the token alone.
 */
export async function apiUser(request: Request): Promise<SessionUser | null> {
  const authorization = request.headers.get("Authorization");
  if (authorization) return userFromBearer(authorization);
  return getOptionalUser(request);
}

export type ApiCaller = { status: "ok"; user: SessionUser } | { status: "unauthorized" } | { status: "limited"; retryAfterSeconds: number };

/**
 * apiUser, with bad bearer tokens limited per client address (token-rate-limit.server.ts):
 * a blocked address is answered before its token is looked at.
 */
export async function apiCaller(request: Request): Promise<ApiCaller> {
  const bearer = request.headers.has("Authorization");
  const address = clientAddress(request);
  if (bearer) {
    const retryAfterSeconds = await badTokenBlock(address);
    if (retryAfterSeconds !== null) return { status: "limited", retryAfterSeconds };
  }
  const user = await apiUser(request);
  if (user) return { status: "ok", user };
  if (bearer) await recordBadToken(address);
  return { status: "unauthorized" };
}

/**
 * Whether the answer carries a Server-Timing header: for 学工部 (policy "search:timings"), or for
 * everyone while FUDAO_DEBUG_TIMING=1 (diagnosing a server). It tells callers how long the
 * permission scope and the index took, which is nobody else's business.
 */
export function showsTimings(user: SessionUser): boolean {
  return process.env.FUDAO_DEBUG_TIMING === "1" || can(user, "search:timings", null);
}

/** Facet keys as the query parameters are named. */
const API_FACETS: Record<Facet, string> = { type: "type", duty: "duty", studioIds: "studio", year: "year", status: "status", authorIds: "author" };

function facetLabel(t: TFunction, facet: Facet, value: { value: string; name?: string }): string {
  switch (facet) {
    case "type":
      return recordTypeLabel(t, value.value);
    case "duty":
      return dutyLabel(t, value.value);
    case "status":
      return documentStatusLabel(t, value.value);
    case "year":
      return t("search.year", { year: value.value });
    default:
      return value.name ?? value.value;
  }
}

/**
 * The JSON answer: `{ hits: [{ id, type, title, snippet, url, … }], facets, total, partial, … }`.
 * Snippets are escaped HTML with <mark>. `partial: true` says nothing matched the whole query and
 * the hits match parts of it, most of the query first.
 */
export function apiResponse(result: SearchResult, t: TFunction) {
  return {
    query: result.query,
    total: result.total,
    page: result.page,
    pages: result.pages,
    perPage: result.perPage,
    partial: result.partial,
    hits: result.hits.map((hit) => ({
      id: hit.id,
      type: hit.kind,
      subtype: hit.type,
      title: markedToText(hit.title),
      titleHtml: markedToHtml(hit.title),
      snippet: markedToHtml(hit.snippet),
      url: hit.url,
      studio: hit.studioName,
      authors: hit.authors,
      detail: hit.detail,
      status: hit.status,
      date: hit.date === null ? null : new Date(hit.date).toISOString(),
    })),
    facets: Object.fromEntries(
      (Object.keys(API_FACETS) as Facet[]).map((facet) => [
        API_FACETS[facet],
        result.facets[facet].map((v) => ({ value: v.value, label: facetLabel(t, facet, v), count: v.count })),
      ]),
    ),
    indexing: { pending: result.backlog.pending },
  };
}
