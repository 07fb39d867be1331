import type { TFunction } from "i18next";
import type { SessionUser } from "~/auth/session.server.ts";
import { getOptionalUser } from "~/auth/session.server.ts";
import type { Facet } from "./index-settings.ts";
import { markedToHtml, markedToText } from "./highlight.ts";
import type { SearchResult } from "./search.server.ts";
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

/** Facet keys as the query parameters are named. */
const API_FACETS: Record<Facet, string> = { type: "type", duty: "duty", studioIds: "studio", year: "year", status: "status", authorIds: "author" };

function facetLabel(t: TFunction, facet: Facet, value: { value: string; name?: string }): string {
  switch (facet) {
    case "type":
      return t(`search.type.${value.value}` as never);
    case "duty":
      return t(`duty.${value.value}` as never);
    case "status":
      return t(`search.status.${value.value}` as never);
    case "year":
      return t("search.year", { year: value.value });
    default:
      return value.name ?? value.value;
  }
}

/** The JSON answer: `{ hits: [{ id, type, title, snippet, url, … }], facets, total, … }`. Snippets are escaped HTML with <mark>. */
export function apiResponse(result: SearchResult, t: TFunction) {
  return {
    query: result.query,
    total: result.total,
    page: result.page,
    pages: result.pages,
    perPage: result.perPage,
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
