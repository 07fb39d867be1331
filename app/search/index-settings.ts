import type { Settings } from "meilisearch";

/**
 * One Meilisearch index holds everything searchable (documents, studios, people, outputs, training
 * courses, meetings with their agenda and minutes), so a
 * single query ranks them together and returns facet counts over all of them, already narrowed
 * to what the person may open. Change RECORD_VERSION when the shape of a record or these
 * settings change: the server then rebuilds the index (new index, swap) at its next start.
 */
export const RECORD_VERSION = 6;

export const RECORD_KINDS = ["document", "studio", "person", "output", "course", "meeting"] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

/** Values of the `type` facet: document types, then one value per other kind. */
export const DOCUMENT_TYPES = ["RESEARCH_NOTE", "CASE_STUDY", "OUTPUT_DRAFT", "MEETING_MINUTES"] as const;
export const RECORD_TYPES = [...DOCUMENT_TYPES, "STUDIO", "PERSON", "OUTPUT", "COURSE", "MEETING"] as const;
export type RecordType = (typeof RECORD_TYPES)[number];

/** One entry in the index. Text fields have a bigram twin (`*_ng`) for infix matches. */
export interface SearchRecord {
  /** `<kind letter>_<database id>`: ids of different tables never collide. */
  id: string;
  kind: RecordKind;
  recordId: string;
  type: RecordType;
  title: string;
  title_ng: string;
  headings: string;
  headings_ng: string;
  /** Names, tags and labels: authors, studio, direction, duty, type… */
  keywords: string;
  keywords_ng: string;
  body: string;
  body_ng: string;
  /** Facets and filters */
  duty: string[];
  studioIds: string[];
  year: number | null;
  status: string | null;
  authorIds: string[];
  /** Sort key (milliseconds): last change of a document, date of an output, founding of a studio. */
  date: number | null;
  /** Shown with the hit */
  url: string;
  studioName: string | null;
  authors: string[];
  /** Output type, mentor kind or role: a short label for the hit. */
  detail: string | null;
  /** Training courses only: DRAFT, PUBLISHED or CANCELLED (who may find it, filters.ts). */
  courseStatus?: string | null;
  /** Meetings only: its series (whose organisers find it) and its invitees (filters.ts). */
  meetingSeriesId?: string | null;
  meetingInviteeIds?: string[];
}

export const SEARCHABLE_ATTRIBUTES = ["title", "title_ng", "headings", "headings_ng", "keywords", "keywords_ng", "body", "body_ng"] as const;
export const FACETS = ["type", "duty", "studioIds", "year", "status", "authorIds"] as const;
export type Facet = (typeof FACETS)[number];

export function recordId(kind: RecordKind, id: string): string {
  return `${kind[0]}_${id}`;
}

/**
 * The index's settings. Synonyms are not among them: they are expanded into query variants
 * (chinese.ts planQuery), so a synonym term matches through the bigram twins like any text.
 */
export function indexSettings(): Settings {
  return {
    searchableAttributes: [...SEARCHABLE_ATTRIBUTES],
    // The bigram twins are for matching only; leaving them out keeps responses small.
    displayedAttributes: [
      "id", "kind", "recordId", "type", "title", "headings", "keywords", "body", "duty", "studioIds", "year", "status",
      "authorIds", "date", "url", "studioName", "authors", "detail",
    ],
    filterableAttributes: ["kind", "recordId", "courseStatus", "meetingSeriesId", "meetingInviteeIds", ...FACETS],
    sortableAttributes: ["date"],
    rankingRules: ["words", "typo", "proximity", "attribute", "sort", "exactness"],
    localizedAttributes: [{ attributePatterns: ["title*", "headings*", "keywords*", "body*"], locales: ["cmn"] }],
    // Cleared explicitly: an index built by an older version had them (decision 046).
    synonyms: {},
    dictionary: [],
    typoTolerance: { disableOnAttributes: ["title_ng", "headings_ng", "keywords_ng", "body_ng"] },
    faceting: { maxValuesPerFacet: 100, sortFacetValuesBy: { "*": "count" } },
    pagination: { maxTotalHits: 1000 },
  };
}

/** Equivalent terms in groups → a map from each term to the others of its group (every term finds every other). */
export function synonymMap(groups: ReadonlyArray<readonly string[]>): Record<string, string[]> {
  const map = new Map<string, Set<string>>();
  for (const group of groups) {
    const terms = [...new Set(group.map((t) => t.trim()).filter(Boolean))];
    for (const term of terms) {
      const others = map.get(term) ?? new Set<string>();
      for (const other of terms) if (other !== term) others.add(other);
      map.set(term, others);
    }
  }
  return Object.fromEntries([...map].filter(([, others]) => others.size > 0).map(([term, others]) => [term, [...others].sort()]));
}
