import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { TFunction } from "i18next";
import { describe, expect, it } from "vitest";
import * as Enums from "~/generated/prisma/enums.ts";
import { WEIGHT_KEYS } from "~/mentors/matching/scoring.ts";
import { CAREER_STAGES } from "~/people/career-stage.ts";
import { DOCUMENT_TYPES, FACETS, RECORD_TYPES } from "~/search/index-settings.ts";
import { STUDIO_TAB_PATHS } from "~/studios/studio-header.tsx";
import { enumLabels } from "./enum-labels.ts";
import { isMessageKey, keysOf, translateKey, translateKnown } from "./keys.ts";
import { i18nFor } from "./i18n.server.ts";
import { messages } from "./resources.ts";

/** The values each enum table is labelled for: the Prisma enum's (or CareerStage's). */
const ENUM_VALUES: Record<keyof typeof enumLabels, readonly string[]> = {
  role: Object.values(Enums.Role),
  duty: Object.values(Enums.Duty),
  title: Object.values(Enums.ProfessionalTitle),
  group: Object.values(Enums.TargetGroup),
  education: Object.values(Enums.Education),
  level: Object.values(Enums.Level),
  stage: CAREER_STAGES,
  stageGoal: CAREER_STAGES,
  stagePlan: CAREER_STAGES,
  studioRole: Object.values(Enums.StudioRole),
  joinRequestKind: Object.values(Enums.JoinRequestKind),
  joinRequestStatus: Object.values(Enums.JoinRequestStatus),
  projectStatus: Object.values(Enums.ProjectStatus),
  taskStatus: Object.values(Enums.TaskStatus),
  outputType: Object.values(Enums.OutputType),
  evaluationGrade: Object.values(Enums.EvaluationGrade),
  activityKind: Object.values(Enums.ActivityKind),
  mentorKind: Object.values(Enums.MentorKind),
  mentorKindModifier: Object.values(Enums.MentorKind),
  mentorRank: Object.values(Enums.MentorRank),
  mentorAssignmentStatus: Object.values(Enums.MentorAssignmentStatus),
  documentType: Object.values(Enums.DocumentType),
  documentStatus: Object.values(Enums.DocumentStatus),
  versionReason: Object.values(Enums.VersionReason),
  reviewStatus: Object.values(Enums.ReviewStatus),
  trainingLevel: Object.values(Enums.TrainingLevel),
  trainingCourseStatus: Object.values(Enums.TrainingCourseStatus),
  speakerKind: Object.values(Enums.SpeakerKind),
  trainingTargetKind: Object.values(Enums.TrainingTargetKind),
  trainingEnrolmentStatus: Object.values(Enums.TrainingEnrolmentStatus),
  trainingEnrolmentSource: Object.values(Enums.TrainingEnrolmentSource),
  checkInMethod: Object.values(Enums.CheckInMethod),
  meetingOrganiserKind: Object.values(Enums.MeetingOrganiserKind),
  meetingStatus: Object.values(Enums.MeetingStatus),
  meetingTargetKind: Object.values(Enums.MeetingTargetKind),
  agendaProposalStatus: Object.values(Enums.AgendaProposalStatus),
  agendaOutcomeKind: Object.values(Enums.AgendaOutcomeKind),
  actionItemStatus: Object.values(Enums.ActionItemStatus),
  questionKind: Object.values(Enums.QuestionKind),
};

/**
 * Keys written with a part known only at run time, `t(\`prefix${value}\`)`. A key under such a
 * prefix counts as used only when its last part is one of the values; "codes" means the values
 * are codes of a typed union that the code writes as string literals where it raises them, so
 * the last part must appear as one.
 */
const DYNAMIC: Record<string, readonly string[] | "codes"> = {
  ...Object.fromEntries(Object.entries(ENUM_VALUES).map(([table, values]) => [`${table}.`, values])),
  "search.type.": RECORD_TYPES.filter((type) => !(DOCUMENT_TYPES as readonly string[]).includes(type)),
  "search.facet.": FACETS,
  "search.tokens.": ["active", "revoked", "expired"],
  "search.meeting.": "codes",
  "studios.tabs.": Object.keys(STUDIO_TAB_PATHS),
  "people.import.errors.": "codes",
  "documents.editor.errors.": "codes",
  "documents.editor.readOnly.": ["IN_REVIEW", "APPROVED", "PUBLISHED"],
  "documents.export.": ["docx", "pdf", "md", "html"],
  "documents.versions.": ["added", "removed", "changed"],
  "documents.review.done.": ["APPROVED", "CHANGES_REQUESTED"],
  "home.": ["overviewCounselors", "overviewStudios", "overviewMentors", "overviewDutiesCovered"],
  "dashboard.": ["counselors", "inStudio", "studios", "dutiesCovered"],
  "mentors.settings.": [...WEIGHT_KEYS, "requireDutyMatch", "excludeLeaderCollege"],
  "mentors.candidates.": ["internal", "external"],
  "mentors.breakdown.dutyLevel.": ["primary", "secondary", "none"],
  "mentors.import.columns.": "codes",
  "meetings.minutes.": "codes",
  "meetings.live.calendar.": ["meeting", "actionDue"],
  "meetings.pages.weekdays.": "codes",
};

/**
 * Explanations of the mentor matching carry keys relative to mentors.* ("unfilled.noneAvailable"),
 * also stored in MatchingRun.unfilled; explainText puts the prefix in front.
 */
const RELATIVE_ROOT = "mentors.";

const APP = path.resolve("app");
const SHARED = path.join(APP, "i18n", "shared-messages.ts");
const ENUMS = path.join(APP, "i18n", "enum-labels.ts");
const THIS_TEST = path.join(APP, "i18n", "keys.test.ts");

/** Everything under app/ but the message files themselves, generated code and this test. */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "generated" ? [] : sourceFiles(full);
    if (!/\.tsx?$/.test(entry.name)) return [];
    if (entry.name === "messages.ts" || [SHARED, ENUMS, THIS_TEST].includes(full)) return [];
    return [full];
  });
}

const files = sourceFiles(APP).map((file) => ({ file, text: readFileSync(file, "utf8") }));
const source = files.map(({ text }) => text).join("\n");
/** Every quoted word or dotted path in the code ("studios.errors.nameTaken", 'lock', `docx`). */
const literals = new Set([...source.matchAll(/(["'`])([A-Za-z][\w.]*)\1/g)].map((match) => match[2]));
const literal = (text: string) => literals.has(text);
/**
 * Whether the code builds keys under the prefix (`documentStatus.${…}`), or reads that part of the
 * tree directly, as exports and imports do for Chinese (zhCN.documentStatus[status],
 * mentorMessages.import.columns[key]).
 */
function prefixWritten(prefix: string): boolean {
  const last = prefix.slice(0, -1).split(".").at(-1)!;
  return [`\`${prefix}\${`, `.${last}[`, `.${last})`].some((written) => source.includes(written));
}

function used(key: string): boolean {
  if (literal(key)) return true;
  if (key.startsWith(RELATIVE_ROOT) && source.includes(`\`${RELATIVE_ROOT}\${`) && literal(key.slice(RELATIVE_ROOT.length))) return true;
  return Object.entries(DYNAMIC).some(([prefix, values]) => {
    if (!key.startsWith(prefix) || !prefixWritten(prefix)) return false;
    const rest = key.slice(prefix.length);
    return values === "codes" ? literal(rest) : values.includes(rest);
  });
}

describe("message keys", () => {
  const keys = keysOf(messages);

  it("are each used somewhere in app/ (literally, or under a declared dynamic prefix)", () => {
    expect(keys.length).toBeGreaterThan(1000);
    expect(keys.filter((key) => !used(key))).toEqual([]);
  });

  it("declare only dynamic prefixes the code really builds", () => {
    expect(Object.keys(DYNAMIC).filter((prefix) => !prefixWritten(prefix))).toEqual([]);
  });

  it("count a key under a dynamic enum prefix as used only when the enum has that value", () => {
    expect(used("documentStatus.DRAFT")).toBe(true);
    expect(used("documentStatus.ARCHIVED")).toBe(false);
    expect(used("mentorAssignmentStatus.EXCLUDED")).toBe(true);
    expect(used("mentorAssignmentStatus.RETIRED")).toBe(false);
    expect(used("studios.errors.nameTaken")).toBe(true);
    expect(used("studios.errors.neverRaisedAnywhere")).toBe(false);
    expect(used("mentors.unfilled.noneAvailable")).toBe(true);
    expect(used("studios.page.neverWritten")).toBe(false);
  });

  it("are never cast: no `t(key as never)`, no part of a key cast to one value", () => {
    const cast = /\bt\([^;]*\bas never\b|\bt\(`[^`]*\$\{[^}]*\bas [^}]*\}/;
    const castAt = files.flatMap(({ file, text }) =>
      /\.test\.tsx?$/.test(file) ? [] : text.split("\n").flatMap((line, i) => (cast.test(line) ? [`${path.relative(APP, file)}:${i + 1}`] : [])),
    );
    expect(castAt).toEqual([]);
  });

  it("are found at run time only when they exist", () => {
    expect(isMessageKey("studios.errors.nameTaken")).toBe(true);
    expect(isMessageKey("studios.errors")).toBe(false);
    expect(isMessageKey("工作室名称已被使用")).toBe(false);
  });
});

describe("translateKnown and translateKey", () => {
  it("translate a key with its parameters and show any other text as it is", async () => {
    const t: TFunction = (await i18nFor("en")).t;
    expect(translateKey(t, "login.blocked", { minutes: 5 })).toBe("Too many failed attempts. Please try again in 5 minutes.");
    expect(translateKnown(t, "validation.required")).toBe("This field is required.");
    expect(translateKnown(t, "Search is unavailable: try again.")).toBe("Search is unavailable: try again.");
    expect(translateKnown(t, "documents.editor.errors.NOT_A_CODE")).toBe("documents.editor.errors.NOT_A_CODE");
  });
});
