import { MeilisearchApiError, type SearchParams as MeiliSearchParams } from "meilisearch";
import { prisma, type Db } from "~/db/client.server.ts";
import type { Actor } from "~/policy/index.ts";
import { hasHan, highlightTerms, planQuery } from "./chinese.ts";
import { defaultEngine, type SearchEngine } from "./engine.server.ts";
import { MARK_END, MARK_START, markText, splitMarks, type MarkedText } from "./highlight.ts";
import { FACETS, type Facet, type RecordKind, type RecordType } from "./index-settings.ts";
import { findAll, findPartial, type Found, type Hit } from "./matching.server.ts";
import { outboxBacklog } from "./outbox.server.ts";
import type { SearchParams } from "./schemas.ts";
import { facetFilters, scopeFilter, type SearchScope } from "./filters.ts";
import { searchScope } from "./scope.server.ts";
import { synonymTerms } from "./synonyms.server.ts";

/**
 * Runs a person's search: their readable scope as a filter (scope.server.ts), the query
 * prepared for Chinese and expanded with synonyms (chinese.ts), asked of Meilisearch
 * (matching.server.ts; partial matches when the whole query finds nothing), facets with
 * counts, highlighted and cropped snippets.
 */

const SNIPPET_CHARS = 120;

export class SearchUnavailableError extends Error {
  override name = "SearchUnavailableError";
  constructor(
    readonly reason: "down" | "building",
    cause?: unknown,
  ) {
    super(reason === "building" ? "search index is being built" : "search engine unreachable", { cause });
  }
}

export interface SearchHit {
  id: string;
  kind: RecordKind;
  type: RecordType;
  title: MarkedText;
  snippet: MarkedText;
  url: string;
  studioName: string | null;
  authors: string[];
  detail: string | null;
  status: string | null;
  /** Milliseconds, or null for people. */
  date: number | null;
}

export interface FacetValue {
  value: string;
  count: number;
  /** Names for ids (studios, authors); enum values are translated by the page. */
  name?: string;
}

export interface SearchResult {
  query: string;
  hits: SearchHit[];
  total: number;
  page: number;
  pages: number;
  perPage: number;
  facets: Record<Facet, FacetValue[]>;
  /** Names of the studio and author the search is narrowed to (for the page's chips). */
  names: { studio: string | null; author: string | null };
  /** Changes not yet in the index (the page says "索引更新中" when they are not fresh). */
  backlog: { pending: number; oldestSeconds: number };
  /** Nothing matched the whole query: these hits match parts of it, most of the query first. */
  partial: boolean;
}

/** What the hit shows of its text: Meilisearch's marks, or ours when it matched through the bigram twin. */
function present(hit: Hit, terms: string[]): Pick<SearchHit, "title" | "snippet"> {
  const title = remark(hit._formatted?.title, terms) ?? markText(hit.title, terms);
  const source = hit.body || hit.headings;
  let snippet = remark(hit._formatted?.body, terms);
  if (!snippet) {
    const ours = markText(source, terms, SNIPPET_CHARS);
    // Meilisearch's crop of a body it found nothing in starts at the beginning: keep ours.
    snippet = ours.length > 1 || !hit._formatted?.body ? ours : [String(hit._formatted.body)];
  }
  return { title, snippet };
}

/**
 * Meilisearch's marked (and cropped) text, marked again with its own matches and our query
 * terms: it marks whole jieba words only, so in "待处理事项" a search for "处理事项" would show
 * just "事项" marked.
 */
function remark(formatted: unknown, terms: string[]): MarkedText | null {
  const parts = splitMarks(formatted);
  if (!parts) return null;
  const matched = parts.filter((_, i) => i % 2 === 1);
  const all = [...new Set([...terms, ...matched])].sort((a, b) => b.length - a.length);
  return markText(parts.join(""), all);
}

/** Names of the studios and people in the facets, in one round trip. */
async function names(db: Db, studioIds: string[], userIds: string[]) {
  const rows =
    studioIds.length || userIds.length
      ? await db.$queryRaw<Array<{ kind: "s" | "u"; id: string; name: string }>>`
          SELECT 's' AS "kind", "id", "name" FROM "Studio" WHERE "id" = ANY(${studioIds}::text[])
          UNION ALL
          SELECT 'u' AS "kind", "id", "name" FROM "User" WHERE "id" = ANY(${userIds}::text[])`
      : [];
  return {
    studios: new Map(rows.filter((r) => r.kind === "s").map((r) => [r.id, r.name])),
    users: new Map(rows.filter((r) => r.kind === "u").map((r) => [r.id, r.name])),
  };
}

/** The Meilisearch request for a search (also used by the benchmark to compare variants). */
export function meiliRequest(params: SearchParams, scope: SearchScope, withFacets = true): MeiliSearchParams {
  const query = params.q.normalize("NFKC");
  return {
    filter: [scopeFilter(scope), ...facetFilters(params)],
    page: params.page,
    hitsPerPage: params.limit,
    attributesToRetrieve: ["id", "kind", "recordId", "type", "title", "headings", "body", "url", "studioName", "authors", "detail", "status", "date"],
    attributesToHighlight: ["title", "body"],
    attributesToCrop: ["body"],
    cropLength: 36,
    cropMarker: "…",
    highlightPreTag: MARK_START,
    highlightPostTag: MARK_END,
    matchingStrategy: "all",
    ...(withFacets ? { facets: [...FACETS] } : {}),
    ...(hasHan(query) ? { locales: ["cmn"] } : {}),
    ...(params.sort === "date" || !query ? { sort: ["date:desc"] } : {}),
  };
}

type Backlog = SearchResult["backlog"];
const BACKLOG_CACHE_MS = 1_000;
const backlogCache = new WeakMap<Db, { at: number; value: Promise<Backlog> }>();

/**
 * The outbox backlog, counted at most once a second per process: the page only says whether
 * the index is catching up, and counting it on every keystroke of the instant results is waste.
 */
function recentBacklog(db: Db): Promise<Backlog> {
  const cached = backlogCache.get(db);
  if (cached && Date.now() - cached.at < BACKLOG_CACHE_MS) return cached.value;
  const value = outboxBacklog(db);
  backlogCache.set(db, { at: Date.now(), value });
  value.catch(() => backlogCache.delete(db));
  return value;
}

export interface SearchOptions {
  engine?: SearchEngine;
  db?: Db;
  /** Precomputed scope (tests, benchmarks); by default it is read for the actor. */
  scope?: SearchScope;
  /** Facet counts are skipped for instant results. */
  facets?: boolean;
  /** Whether to count the outbox backlog. */
  backlog?: boolean;
  /** Filled with where the time went (ms), for the Server-Timing header and the benchmark. */
  timings?: SearchTimings;
}

/**
 * Where a search's time goes: `prepare` (scope and synonyms, in parallel; `scope` and `synonyms`
 * on their own), `meili` (the round trip) and `engine` (Meilisearch's own processingTimeMs),
 * `partial` (looking for partial matches, only when nothing matched the whole query),
 * `after` (names and backlog) and `present` (marking the snippets).
 */
export type SearchTimings = Partial<Record<"prepare" | "scope" | "synonyms" | "meili" | "engine" | "partial" | "after" | "present", number>>;

function timed<T>(promise: Promise<T>, timings: SearchTimings | undefined, key: keyof SearchTimings): Promise<T> {
  if (!timings) return promise;
  const t0 = performance.now();
  return promise.then((value) => {
    timings[key] = performance.now() - t0;
    return value;
  });
}

export async function search(actor: Actor, params: SearchParams, options: SearchOptions = {}): Promise<SearchResult> {
  const { engine = defaultEngine(), db = prisma, facets: withFacets = true } = options;
  const { timings } = options;
  const [scope, synonyms] = await timed(
    Promise.all([options.scope ? Promise.resolve(options.scope) : timed(searchScope(actor, db), timings, "scope"), timed(synonymTerms(db), timings, "synonyms")]),
    timings,
    "prepare",
  );
  const query = params.q.normalize("NFKC");
  const plan = planQuery(query, synonyms.alternatives);
  const request = meiliRequest(params, scope, withFacets);
  // Independent of the hits: counted while Meilisearch searches.
  const backlogPromise = options.backlog === false ? Promise.resolve({ pending: 0, oldestSeconds: 0 }) : recentBacklog(db);
  backlogPromise.catch(() => {});
  let response: Found;
  let partial = false;
  try {
    response = await timed(findAll(engine, plan.variants, request), timings, "meili");
    if (timings) timings.engine = response.processingTimeMs;
    if (response.total === 0 && plan.units.length > 1) {
      response = await timed(findPartial(engine, plan, request), timings, "partial");
      partial = response.total > 0;
    }
  } catch (error) {
    if (error instanceof MeilisearchApiError && error.cause?.code === "index_not_found") throw new SearchUnavailableError("building", error);
    throw new SearchUnavailableError("down", error);
  }

  const presentStart = performance.now();
  const terms = query ? highlightTerms(query, synonyms.terms, synonyms.alternatives) : [];
  const hits: SearchHit[] = response.hits.map((hit) => ({
    id: hit.recordId,
    kind: hit.kind,
    type: hit.type,
    ...present(hit, terms),
    url: hit.url,
    studioName: hit.studioName,
    authors: hit.authors,
    detail: hit.detail,
    status: hit.status,
    date: hit.date,
  }));
  if (timings) timings.present = performance.now() - presentStart;

  const distribution = response.facetDistribution ?? {};
  const studioValues = Object.keys(distribution.studioIds ?? {});
  const authorValues = Object.keys(distribution.authorIds ?? {});
  const [known, backlog] = await timed(Promise.all([
    names(db, [...new Set([...studioValues, ...(params.studio ? [params.studio] : [])])], [...new Set([...authorValues, ...(params.author ? [params.author] : [])])]),
    backlogPromise,
  ]), timings, "after");
  const facets = Object.fromEntries(
    FACETS.map((facet) => {
      const values = Object.entries(distribution[facet] ?? {}).map(([value, count]): FacetValue => {
        const name = facet === "studioIds" ? known.studios.get(value) : facet === "authorIds" ? known.users.get(value) : undefined;
        return name === undefined ? { value, count } : { value, count, name };
      });
      values.sort((a, b) => (facet === "year" ? Number(b.value) - Number(a.value) : b.count - a.count || a.value.localeCompare(b.value)));
      return [facet, values];
    }),
  ) as Record<Facet, FacetValue[]>;

  return {
    query,
    hits,
    total: response.total,
    page: params.page,
    pages: Math.max(1, response.pages),
    perPage: params.limit,
    facets,
    names: {
      studio: params.studio ? known.studios.get(params.studio) ?? null : null,
      author: params.author ? known.users.get(params.author) ?? null : null,
    },
    backlog,
    partial,
  };
}
