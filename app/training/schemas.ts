import { z } from "zod";
import { CheckInMethod, Duty, SpeakerKind, TargetGroup, TrainingLevel, TrainingTargetKind } from "~/generated/prisma/enums.ts";
import { CAREER_STAGES } from "~/people/career-stage.ts";
import { calendarDay } from "~/people/schemas.ts";
import { versionField } from "~/lib/version.ts";

/**
 * What the training services accept, checked on the server. The same schemas read forms (numbers
 * and dates arrive as text) and typed calls (the import, the seed, tests).
 */

const choice = <T extends string>(values: readonly T[]) => z.enum(values as [T, ...T[]], { error: "training.errors.badChoice" });
const title = (max: number) => z.string({ error: "training.errors.titleRequired" }).trim().min(1, "training.errors.titleRequired").max(max, "validation.tooLong");
const optionalText = (max: number) => z.string().trim().max(max, "validation.tooLong").optional().default("");
/** Blank form fields are "not given". */
const blankToUndefined = (value: unknown) => (value === "" || value === null ? undefined : value);

/** A checkbox ("on"), a yes/no select or a boolean from code; absent is the default. */
const flag = (fallback: boolean) =>
  z.preprocess((v) => (v === undefined ? fallback : v === true || v === "on" || v === "yes" || v === "true"), z.boolean());

/** Hours in tenths (学时 are counted to one decimal). */
const tenths = (n: number) => Math.abs(Math.round(n * 10) - n * 10) < 1e-9;
export const hoursSchema = z.coerce
  .number({ error: "training.errors.badHours" })
  .min(0.5, "training.errors.badHours")
  .max(200, "training.errors.badHours")
  .refine(tenths, "training.errors.badHours");

/**
 * An instant from a form's `datetime-local` field ("2026-12-10T14:00", school time, UTC+8 all year)
 * or a Date from code.
 */
export const schoolInstant = z.preprocess(
  (value) => {
    if (typeof value === "string" && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(value)) return new Date(`${value}${value.length === 16 ? ":00" : ""}+08:00`);
    if (typeof value === "string" && value.trim() !== "") return new Date(value);
    return value;
  },
  z.date({ error: "training.errors.badDate" }).refine((d) => !Number.isNaN(d.getTime()), "training.errors.badDate"),
);

export const DUTIES = Object.values(Duty);
export const GROUPS = Object.values(TargetGroup);
export const LEVELS = Object.values(TrainingLevel);

export const targetSchema = z.object({
  stage: z.preprocess(blankToUndefined, choice(CAREER_STAGES).optional()),
  group: z.preprocess(blankToUndefined, choice(GROUPS).optional()),
  kind: choice(Object.values(TrainingTargetKind)),
});
export type TargetInput = z.infer<typeof targetSchema>;

export const courseSchema = z
  .object({
    title: title(120),
    description: optionalText(4000),
    platformId: z.string({ error: "training.errors.badChoice" }).min(1, "training.errors.badChoice"),
    level: choice(LEVELS),
    collegeId: z.preprocess(blankToUndefined, z.string().optional()),
    jointGroupId: z.preprocess(blankToUndefined, z.string().optional()),
    duties: z.array(choice(DUTIES)).max(9).default([]),
    speaker: optionalText(120),
    speakerKind: choice(Object.values(SpeakerKind)).default("INTERNAL"),
    capacity: z.preprocess(
      blankToUndefined,
      z.coerce.number({ error: "training.errors.badCapacity" }).int("training.errors.badCapacity").min(1, "training.errors.badCapacity").max(10_000, "training.errors.badCapacity").optional(),
    ),
    enrolOpensAt: z.preprocess(blankToUndefined, schoolInstant.optional()),
    enrolClosesAt: z.preprocess(blankToUndefined, schoolInstant.optional()),
    costYuan: z.preprocess(
      (v) => blankToUndefined(v) ?? 0,
      z.coerce.number({ error: "training.errors.badCost" }).min(0, "training.errors.badCost").max(100_000_000, "training.errors.badCost"),
    ),
    year: z.coerce.number({ error: "training.errors.badYear" }).int("training.errors.badYear").min(2000, "training.errors.badYear").max(2100, "training.errors.badYear"),
    targets: z.array(targetSchema).max(40).default([]),
    /** The version an edit was made against (decision 095); none when creating. */
    version: versionField,
  })
  .refine((c) => !c.enrolOpensAt || !c.enrolClosesAt || c.enrolClosesAt > c.enrolOpensAt, { path: ["enrolClosesAt"], message: "training.errors.windowOrder" });
export type CourseInput = z.infer<typeof courseSchema>;

const sessionShape = {
  startsAt: schoolInstant,
  endsAt: schoolInstant,
  place: optionalText(200),
  onlineUrl: z.preprocess(blankToUndefined, z.string().trim().max(500, "validation.tooLong").regex(/^https?:\/\/\S+$/, "training.errors.badUrl").optional()),
  hours: hoursSchema,
};
const endsAfterStart = (s: { startsAt: Date; endsAt: Date }) => s.endsAt > s.startsAt;
const endsBeforeStart = { path: ["endsAt"], message: "training.errors.endsBeforeStart" };
export const sessionSchema = z.object(sessionShape).refine(endsAfterStart, endsBeforeStart);
export type SessionInput = z.infer<typeof sessionSchema>;
/** Changing a session in place: the same rules as adding one. */
export const sessionEditSchema = z.object({ sessionId: z.string().min(1), ...sessionShape }).refine(endsAfterStart, endsBeforeStart);

/** A cohort to assign to a course: everyone of a stage, a group, a college or a studio (within the assigner's own scope). */
export const cohortSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("stage"), stage: choice(CAREER_STAGES) }),
  z.object({ kind: z.literal("group"), group: choice(GROUPS) }),
  z.object({ kind: z.literal("college"), collegeId: z.string().min(1, "training.errors.badChoice") }),
  z.object({ kind: z.literal("studio"), studioId: z.string().min(1, "training.errors.badChoice") }),
]);
export type Cohort = z.infer<typeof cohortSchema>;

export const checkInSchema = z.union([
  z.object({ sessionId: z.string().min(1), code: z.string({ error: "training.errors.codeWrong" }).trim().min(1, "training.errors.codeWrong").max(12, "training.errors.codeWrong") }),
  z.object({ payload: z.string({ error: "training.errors.qrForged" }).trim().min(1, "training.errors.qrForged").max(200, "training.errors.qrForged") }),
]);
export type CheckInInput = z.infer<typeof checkInSchema>;
export const CHECK_IN_METHODS = Object.values(CheckInMethod);

export const externalRecordSchema = z
  .object({
    title: title(120),
    organiser: optionalText(120),
    platformId: z.string({ error: "training.errors.badChoice" }).min(1, "training.errors.badChoice"),
    startsOn: calendarDay("training.errors.badDate"),
    endsOn: calendarDay("training.errors.badDate"),
    hours: hoursSchema,
    evidenceFileId: z.string({ error: "training.errors.evidenceRequired" }).min(1, "training.errors.evidenceRequired"),
  })
  .refine((r) => r.endsOn >= r.startsOn, { path: ["endsOn"], message: "training.errors.endsBeforeStart" });
export type ExternalRecordInput = z.infer<typeof externalRecordSchema>;

export const decisionSchema = z.object({
  decision: z.enum(["APPROVED", "REJECTED"], { error: "training.errors.badChoice" }),
  note: optionalText(500),
});
export type DecisionInput = z.infer<typeof decisionSchema>;

export const correctionSchema = z.object({
  year: z.coerce.number({ error: "training.errors.badYear" }).int("training.errors.badYear").min(2000, "training.errors.badYear").max(2100, "training.errors.badYear"),
  hours: z.coerce
    .number({ error: "training.errors.badCorrection" })
    .min(-200, "training.errors.badCorrection")
    .max(200, "training.errors.badCorrection")
    .refine((n) => n !== 0 && tenths(n), "training.errors.badCorrection"),
  reason: z.string({ error: "training.errors.correctionReasonRequired" }).trim().min(2, "training.errors.correctionReasonRequired").max(500, "validation.tooLong"),
  /** The entry being corrected, if the correction is about one. */
  correctsEntryId: z.preprocess(blankToUndefined, z.string().optional()),
  platformId: z.preprocess(blankToUndefined, z.string().optional()),
  schoolLevel: flag(false),
  induction: flag(false),
  nationalOrProvincial: flag(false),
});
export type CorrectionInput = z.infer<typeof correctionSchema>;

export const platformSchema = z.object({
  code: z.string({ error: "training.errors.titleRequired" }).trim().toUpperCase().regex(/^[A-Z][A-Z0-9_]{1,39}$/, "training.errors.badChoice"),
  nameZh: title(40),
  nameEn: title(60),
  external: flag(false),
  nationalOrProvincial: flag(false),
  induction: flag(false),
  sortOrder: z.coerce.number().int().min(0).max(1000).default(100),
});
export type PlatformInput = z.infer<typeof platformSchema>;

export const planItemSchema = z
  .object({
    label: title(60),
    platformId: z.preprocess(blankToUndefined, z.string().optional()),
    courseId: z.preprocess(blankToUndefined, z.string().optional()),
    minHours: z.preprocess(blankToUndefined, hoursSchema.optional()),
    perYear: flag(true),
  })
  .refine((i) => Boolean(i.platformId) !== Boolean(i.courseId), { path: ["platformId"], message: "training.errors.planItemTarget" });

export const planSchema = z.object({
  name: title(60),
  phaseGoal: title(30),
  focusAreas: z.array(z.string().trim().min(1).max(40, "validation.tooLong")).max(20).default([]),
  yearlyHours: z.coerce.number({ error: "training.errors.badHours" }).min(0, "training.errors.badHours").max(400, "training.errors.badHours").refine(tenths, "training.errors.badHours"),
  items: z.array(planItemSchema).max(20).default([]),
});
export type PlanInput = z.infer<typeof planSchema>;

export const jointGroupSchema = z.object({
  name: title(60),
  collegeIds: z.array(z.string().min(1)).min(1, "training.errors.badChoice").max(50),
});
export type JointGroupInput = z.infer<typeof jointGroupSchema>;

export const overrideSchema = z.object({
  reason: z.string({ error: "training.errors.overrideReasonRequired" }).trim().min(4, "training.errors.overrideReasonRequired").max(1000, "validation.tooLong"),
});

export const budgetSchema = z.object({
  year: z.coerce.number({ error: "training.errors.badYear" }).int("training.errors.badYear").min(2000, "training.errors.badYear").max(2100, "training.errors.badYear"),
  amountYuan: z.coerce.number({ error: "training.errors.badCost" }).min(0, "training.errors.badCost").max(100_000_000, "training.errors.badCost"),
});
export type BudgetInput = z.infer<typeof budgetSchema>;
