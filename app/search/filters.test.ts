import { describe, expect, it } from "vitest";
import { facetFilters, quote, scopeFilter } from "./filters.ts";
import { searchParamsSchema } from "./schemas.ts";

const noCourses = { published: false, draftIds: [] };
const noMeetings = { seriesIds: [], inviteeId: null };

describe("the permission filter", () => {
  it("lets public records through and documents of readable studios only", () => {
    expect(scopeFilter({ studioIds: ["s1", "s2"], seesPublic: true, courses: noCourses, meetings: noMeetings })).toBe(
      '((kind != "document" AND kind != "course" AND kind != "meeting") OR (kind = "document" AND studioIds IN ["s1", "s2"]))',
    );
  });

  it("shows no documents to someone who may read none", () => {
    expect(scopeFilter({ studioIds: [], seesPublic: true, courses: noCourses, meetings: noMeetings })).toBe('((kind != "document" AND kind != "course" AND kind != "meeting"))');
  });

  it("matches nothing when nothing is allowed", () => {
    expect(scopeFilter({ studioIds: [], seesPublic: false, courses: noCourses, meetings: noMeetings })).toBe('kind = "nothing"');
  });

  it("lets published courses through, and drafts only by id", () => {
    expect(scopeFilter({ studioIds: [], seesPublic: false, courses: { published: true, draftIds: ["c1"] }, meetings: noMeetings })).toBe(
      '((kind = "course" AND (courseStatus IN ["PUBLISHED", "CANCELLED"] OR recordId IN ["c1"])))',
    );
  });

  it("lets meetings through by their series (organisers) or an invitation, and no others", () => {
    expect(scopeFilter({ studioIds: [], seesPublic: true, courses: noCourses, meetings: { seriesIds: ["s1"], inviteeId: "u1" } })).toBe(
      '((kind != "document" AND kind != "course" AND kind != "meeting") OR (kind = "meeting" AND (meetingSeriesId IN ["s1"] OR meetingInviteeIds = "u1")))',
    );
    expect(scopeFilter({ studioIds: [], seesPublic: false, courses: noCourses, meetings: { seriesIds: [], inviteeId: "u1" } })).toBe(
      '((kind = "meeting" AND (meetingInviteeIds = "u1")))',
    );
  });

  it("quotes values safely", () => {
    expect(quote('a"b\\c')).toBe('"a\\"b\\\\c"');
  });
});

describe("the chosen filters", () => {
  it("become one expression per facet", () => {
    const params = searchParamsSchema.parse({ q: "", type: "CASE_STUDY", duty: "CRISIS", studio: "s1", year: "2025", status: "PUBLISHED", author: "u1" });
    expect(facetFilters(params)).toEqual(['type = "CASE_STUDY"', 'duty = "CRISIS"', 'studioIds = "s1"', "year = 2025", 'status = "PUBLISHED"', 'authorIds = "u1"']);
  });
});
