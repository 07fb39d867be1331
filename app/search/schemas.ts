import { z } from "zod";
import { DOCUMENT_TYPES, RECORD_TYPES } from "./index-settings.ts";

/** Zod schemas of the search feature; messages are i18n keys (translated on the server). */

const DUTIES = ["IDEOLOGY", "PARTY_CLASS", "STUDY_STYLE", "DAILY_AFFAIRS", "MENTAL_HEALTH", "ONLINE_EDUCATION", "CRISIS", "CAREER", "RESEARCH"] as const;
const STATUSES = ["DRAFT", "IN_REVIEW", "CHANGES_REQUESTED", "APPROVED", "PUBLISHED"] as const;
/** Database ids (cuid or uuid). */
const id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "search.errors.badFilter");
const optional = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === "" || v === null ? undefined : v), schema.optional());

export const MAX_QUERY_CHARS = 200;
export const PAGE_SIZE = 10;

/** The query string of /search and /api/search. */
export const searchParamsSchema = z.object({
  q: z.preprocess((v) => (typeof v === "string" ? v.trim() : v ?? ""), z.string().max(MAX_QUERY_CHARS, "search.errors.queryTooLong")),
  type: optional(z.enum(RECORD_TYPES, "search.errors.badFilter")),
  duty: optional(z.enum(DUTIES, "search.errors.badFilter")),
  studio: optional(id),
  year: optional(z.coerce.number("search.errors.badFilter").int("search.errors.badFilter").min(1900, "search.errors.badFilter").max(2200, "search.errors.badFilter")),
  status: optional(z.enum(STATUSES, "search.errors.badFilter")),
  author: optional(id),
  sort: z.preprocess((v) => (v === "" || v == null ? "relevance" : v), z.enum(["relevance", "date"], "search.errors.badFilter")),
  page: z.preprocess((v) => (v === "" || v == null ? 1 : v), z.coerce.number("search.errors.badPage").int("search.errors.badPage").min(1, "search.errors.badPage").max(100, "search.errors.badPage")),
  limit: z.preprocess((v) => (v === "" || v == null ? PAGE_SIZE : v), z.coerce.number("search.errors.badFilter").int("search.errors.badFilter").min(1, "search.errors.badFilter").max(50, "search.errors.badFilter")),
});
export type SearchParams = z.infer<typeof searchParamsSchema>;
export const FILTER_PARAMS = ["type", "duty", "studio", "year", "status", "author"] as const;
export type FilterParam = (typeof FILTER_PARAMS)[number];

/** Reads URLSearchParams (first value of each key) into the schema's input. */
export function parseSearchParams(params: URLSearchParams) {
  const raw: Record<string, string> = {};
  for (const key of ["q", ...FILTER_PARAMS, "sort", "page", "limit"]) {
    const value = params.get(key);
    if (value !== null) raw[key] = value;
  }
  return searchParamsSchema.safeParse(raw);
}

export { DOCUMENT_TYPES, DUTIES, STATUSES };

// ───────────── synonyms ─────────────

/** Terms are separated by 、，, spaces or new lines. */
export function splitTerms(input: string): string[] {
  return [...new Set(input.normalize("NFKC").split(/[、，,;；\s]+/u).map((t) => t.trim()).filter(Boolean))];
}

const term = z
  .string()
  .max(20, "search.synonyms.errors.termTooLong")
  .regex(/^[\p{L}\p{N}_-]+$/u, "search.synonyms.errors.badTerm");

const terms = z.preprocess(
  (v) => (typeof v === "string" ? splitTerms(v) : v),
  z.array(term).min(2, "search.synonyms.errors.tooFew").max(20, "search.synonyms.errors.tooMany"),
);
// Not "id": a control named "id" hides the form element's own id from scripts (form.id).
const groupId = z.string().min(1).max(64);

export const synonymGroupSchema = z.object({ intent: z.literal("create"), terms });
export const synonymUpdateSchema = z.object({ intent: z.literal("update"), groupId, terms });
export const synonymDeleteSchema = z.object({ intent: z.literal("delete"), groupId });

// ───────────── tokens ─────────────

export const TOKEN_EXPIRIES = ["30", "90", "365", "never"] as const;

export const createTokenSchema = z.object({
  intent: z.literal("create"),
  name: z
    .string("search.tokens.errors.nameRequired")
    .trim()
    .min(1, "search.tokens.errors.nameRequired")
    .max(50, "search.tokens.errors.nameTooLong"),
  expires: z.enum(TOKEN_EXPIRIES, "search.tokens.errors.badExpiry"),
});

export const revokeTokenSchema = z.object({ intent: z.literal("revoke"), id: z.string().min(1).max(64) });
