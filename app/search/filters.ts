import type { SearchParams } from "./schemas.ts";

/** Meilisearch filter expressions (pure, unit-tested). */

export interface SearchScope {
  /** Studios whose documents the person may open. */
  studioIds: string[];
  /** Studios, people's cards and outputs (open to all staff). */
  seesPublic: boolean;
  /**
   * Training courses (the list side of "training-course:view", for those who may browse the
   * catalogue): published and cancelled ones, and these drafts (the ones they organise or are on).
   */
  courses: { published: boolean; draftIds: string[] };
  /**
   * Meetings (the list side of "meeting:view"): those of the series the person organises (by
   * office or by name), and those they are invited to.
   */
  meetings: { seriesIds: string[]; inviteeId: string | null };
}

/** Meilisearch filter for a scope: public records if allowed, and documents only of readable studios. */
export function scopeFilter({ studioIds, seesPublic, courses, meetings }: SearchScope): string {
  const documents = studioIds.length ? `(kind = "document" AND studioIds IN [${studioIds.map(quote).join(", ")}])` : null;
  const courseWays = [
    courses.published ? `courseStatus IN ["PUBLISHED", "CANCELLED"]` : null,
    courses.draftIds.length ? `recordId IN [${courses.draftIds.map(quote).join(", ")}]` : null,
  ].filter(Boolean);
  const courseFilter = courseWays.length ? `(kind = "course" AND (${courseWays.join(" OR ")}))` : null;
  const meetingWays = [
    meetings.seriesIds.length ? `meetingSeriesId IN [${meetings.seriesIds.map(quote).join(", ")}]` : null,
    meetings.inviteeId ? `meetingInviteeIds = ${quote(meetings.inviteeId)}` : null,
  ].filter(Boolean);
  const meetingFilter = meetingWays.length ? `(kind = "meeting" AND (${meetingWays.join(" OR ")}))` : null;
  const parts = [seesPublic ? `(kind != "document" AND kind != "course" AND kind != "meeting")` : null, documents, courseFilter, meetingFilter].filter(Boolean);
  return parts.length ? `(${parts.join(" OR ")})` : `kind = "nothing"`;
}

/** A filter value in Meilisearch's syntax (ids and enum values are validated before this). */
export function quote(value: string): string {
  return `"${value.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
}

/** The filters a person chose (facet values; validated by the schema before this). */
export function facetFilters(params: SearchParams): string[] {
  const filters: string[] = [];
  if (params.type) filters.push(`type = ${quote(params.type)}`);
  if (params.duty) filters.push(`duty = ${quote(params.duty)}`);
  if (params.studio) filters.push(`studioIds = ${quote(params.studio)}`);
  if (params.year) filters.push(`year = ${params.year}`);
  if (params.status) filters.push(`status = ${quote(params.status)}`);
  if (params.author) filters.push(`authorIds = ${quote(params.author)}`);
  return filters;
}

