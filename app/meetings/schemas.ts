import { z } from "zod";
import { ActionItemStatus, AgendaOutcomeKind, MeetingOrganiserKind, TargetGroup } from "~/generated/prisma/enums.ts";
import { CAREER_STAGES } from "~/people/career-stage.ts";
import { calendarDay } from "~/people/schemas.ts";
import { schoolInstant } from "~/training/schemas.ts";
import { versionField } from "~/lib/version.ts";

/**
 * What the meeting services accept, checked on the server. The same schemas read forms (numbers
 * arrive as text) and typed calls (the seed, tests). Messages are keys of app/meetings/messages.ts.
 */

const choice = <T extends string>(values: readonly T[]) => z.enum(values as [T, ...T[]], { error: "meetings.errors.badChoice" });
const title = (max: number) => z.string({ error: "meetings.errors.titleRequired" }).trim().min(1, "meetings.errors.titleRequired").max(max, "validation.tooLong");
const optionalText = (max: number) => z.string().trim().max(max, "validation.tooLong").optional().default("");
const blankToUndefined = (value: unknown) => (value === "" || value === null ? undefined : value);
const minutes = z.coerce
  .number({ error: "meetings.errors.badMinutes" })
  .int("meetings.errors.badMinutes")
  .min(1, "meetings.errors.badMinutes")
  .max(600, "meetings.errors.badMinutes");

/** The seed's four segments (seed 001: 理论学习, 阶段工作总结, 工作案例交流分享, 分组研讨), in this order. */
export const DEFAULT_SEGMENTS = [
  { name: "理论学习", minutes: 30 },
  { name: "阶段工作总结", minutes: 30 },
  { name: "工作案例交流分享", minutes: 30 },
  { name: "分组研讨", minutes: 30 },
] as const;
/** The segment whose section in the minutes is one sub-section per discussion group. */
export const GROUP_DISCUSSION_SEGMENT = "分组研讨";

export const segmentTemplateSchema = z
  .array(z.object({ name: title(40), minutes }))
  .min(1, "meetings.errors.segmentsRequired")
  .max(12, "meetings.errors.segmentsRequired");
export type SegmentTemplate = z.infer<typeof segmentTemplateSchema>;

/** A monthly rule: the n-th (1–5, or -1 = last) weekday of each month, at HH:MM school time. */
export const recurrenceSchema = z.object({
  weekOfMonth: z.coerce.number({ error: "meetings.errors.badRule" }).int("meetings.errors.badRule").refine((n) => n === -1 || (n >= 1 && n <= 5), "meetings.errors.badRule"),
  weekday: z.coerce.number({ error: "meetings.errors.badRule" }).int("meetings.errors.badRule").min(1, "meetings.errors.badRule").max(7, "meetings.errors.badRule"),
  startTime: z.string({ error: "meetings.errors.badTime" }).regex(/^([01]\d|2[0-3]):[0-5]\d$/, "meetings.errors.badTime"),
  durationMinutes: minutes,
});
export type Recurrence = z.infer<typeof recurrenceSchema>;

export const MEETING_TARGET_KINDS = ["STAGE", "GROUP", "COLLEGE", "STUDIO", "PERSON"] as const;
export const meetingTargetSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("STAGE"), stage: choice(CAREER_STAGES) }),
  z.object({ kind: z.literal("GROUP"), group: choice(Object.values(TargetGroup)) }),
  z.object({ kind: z.literal("COLLEGE"), collegeId: z.string().min(1, "meetings.errors.badChoice") }),
  z.object({ kind: z.literal("STUDIO"), studioId: z.string().min(1, "meetings.errors.badChoice") }),
  z.object({ kind: z.literal("PERSON"), userId: z.string().min(1, "meetings.errors.badChoice") }),
]);
export type MeetingTarget = z.infer<typeof meetingTargetSchema>;

export const seriesSchema = recurrenceSchema.extend({
  title: title(120),
  description: optionalText(2000),
  organiserKind: choice(Object.values(MeetingOrganiserKind)),
  collegeId: z.preprocess(blankToUndefined, z.string().optional()),
  jointGroupId: z.preprocess(blankToUndefined, z.string().optional()),
  studioId: z.preprocess(blankToUndefined, z.string().optional()),
  place: optionalText(120),
  segments: segmentTemplateSchema.default(DEFAULT_SEGMENTS.map((s) => ({ ...s }))),
  targets: z.array(meetingTargetSchema).max(200).default([]),
  coOrganiserIds: z.array(z.string().min(1)).max(20).default([]),
});
export type SeriesInput = z.input<typeof seriesSchema>;

/** A series as its organisers change it: everything but who organises it (that decides who may manage it). */
export const seriesUpdateSchema = seriesSchema
  .omit({ organiserKind: true, collegeId: true, jointGroupId: true, studioId: true, coOrganiserIds: true })
  // The version the change was made against (decision 095).
  .extend({ version: versionField });
export type SeriesUpdateInput = z.input<typeof seriesUpdateSchema>;

export const generateSchema = z.object({ count: z.coerce.number().int().min(1, "meetings.errors.badCount").max(36, "meetings.errors.badCount") });

export const moveSchema = z.object({
  startsAt: schoolInstant,
  place: z.preprocess(blankToUndefined, z.string().trim().max(120, "validation.tooLong").optional()),
  /** When the meeting was when the form was opened: a meeting's version for moving it (decision 095). */
  version: versionField,
});

export const agendaItemSchema = z.object({
  segmentId: z.string({ error: "meetings.errors.badChoice" }).min(1, "meetings.errors.badChoice"),
  title: title(200),
  presenterId: z.preprocess(blankToUndefined, z.string().optional()),
  minutes,
  notes: optionalText(4000),
  documentId: z.preprocess(blankToUndefined, z.string().optional()),
  outputId: z.preprocess(blankToUndefined, z.string().optional()),
  url: z.preprocess(blankToUndefined, z.url({ protocol: /^https?$/, error: "meetings.errors.badUrl" }).max(500, "validation.tooLong").optional()),
});
export type AgendaItemInput = z.input<typeof agendaItemSchema>;

/** Changing an item: the version it was changed against (decision 095). */
export const agendaItemUpdateSchema = agendaItemSchema.extend({ version: versionField });
export type AgendaItemUpdateInput = z.input<typeof agendaItemUpdateSchema>;

export const proposalSchema = z.object({ title: title(200), notes: optionalText(2000) });

export const takeProposalSchema = z.object({ proposalId: z.string().min(1), segmentId: z.string().min(1, "meetings.errors.badChoice"), minutes });

export const outcomeSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal(AgendaOutcomeKind.INFORMATION), text: title(2000) }),
  z.object({ kind: z.literal(AgendaOutcomeKind.DECISION), text: title(2000) }),
  z.object({
    kind: z.literal(AgendaOutcomeKind.ACTION),
    text: title(200),
    ownerId: z.string({ error: "meetings.errors.ownerRequired" }).min(1, "meetings.errors.ownerRequired"),
    dueOn: calendarDay("meetings.errors.badDate"),
  }),
]);
export type OutcomeInput = z.input<typeof outcomeSchema>;

export const actionUpdateSchema = z.object({
  status: choice(Object.values(ActionItemStatus)),
  note: optionalText(2000),
});
export type ActionUpdateInput = z.input<typeof actionUpdateSchema>;

export const groupsSchema = z.object({
  count: z.coerce.number().int().min(1, "meetings.errors.badGroupCount").max(30, "meetings.errors.badGroupCount"),
  by: choice(["round-robin", "college"] as const).default("round-robin"),
});

export const myActionItemsSchema = z.object({
  status: z.preprocess(blankToUndefined, choice(["open", "overdue", "closed"] as const).optional()),
  page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
});

export const meetingCheckInSchema = z.union([
  z.object({ meetingId: z.string().min(1), code: z.string({ error: "training.errors.codeWrong" }).trim().min(1, "training.errors.codeWrong").max(12, "training.errors.codeWrong") }),
  z.object({ payload: z.string({ error: "training.errors.qrForged" }).trim().min(1, "training.errors.qrForged").max(200, "training.errors.qrForged") }),
]);
export type MeetingCheckInInput = z.infer<typeof meetingCheckInSchema>;
