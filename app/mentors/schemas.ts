import { z } from "zod";
import { Duty, MentorKind, MentorRank } from "~/generated/prisma/enums.ts";
import { MAX_WEIGHT, splitKeywords } from "./matching/scoring.ts";

/** Form schemas. Messages are i18n keys; the action protocol (app/lib/actions.server.ts) translates them in its reply. */

export const MAX_CAPACITY = 10;
export const MAX_KEYWORDS = 20;
export const MAX_KEYWORD_LENGTH = 30;

const dutyEnum = z.enum(Object.values(Duty) as [Duty, ...Duty[]], { error: "mentors.validation.duty" });
const rankEnum = z.enum(Object.values(MentorRank) as [MentorRank, ...MentorRank[]], { error: "mentors.validation.rank" });
const kindEnum = z.enum(Object.values(MentorKind) as [MentorKind, ...MentorKind[]], { error: "mentors.validation.kind" });

const text = (max: number) => z.string().trim().max(max, "mentors.validation.tooLong").default("");

/** "心理危机干预、家校沟通, 朋辈互助" → distinct keywords, each checked. */
export const keywordsField = z
  .string()
  .max(1000, "mentors.validation.tooLong")
  .default("")
  .transform((value) => splitKeywords(value))
  .refine((list) => list.length <= MAX_KEYWORDS, "mentors.validation.tooManyKeywords")
  .refine((list) => list.every((k) => k.length <= MAX_KEYWORD_LENGTH), "mentors.validation.keywordTooLong");

export const capacityField = z.coerce
  .number({ error: "mentors.validation.capacity" })
  .int("mentors.validation.capacity")
  .min(1, "mentors.validation.capacity")
  .max(MAX_CAPACITY, "mentors.validation.capacity");

/** What a mentor (or 学工部) edits on a profile. */
export const profileSchema = z
  .object({
    organisation: text(100),
    title: text(50),
    rank: rankEnum,
    contact: text(100),
    bio: text(1000),
    primaryDuty: dutyEnum,
    otherDuties: z.array(dutyEnum).max(8).default([]),
    keywords: keywordsField,
    capacity: capacityField,
    available: z.boolean().default(false),
  })
  .transform(({ primaryDuty, otherDuties, ...rest }) => ({
    ...rest,
    duties: [primaryDuty, ...new Set(otherDuties.filter((d) => d !== primaryDuty))],
  }));
export type ProfileInput = z.output<typeof profileSchema>;

export const usernameField = z
  .string({ error: "mentors.validation.usernameRequired" })
  .trim()
  .min(1, "mentors.validation.usernameRequired")
  .max(32, "mentors.validation.tooLong")
  .regex(/^[A-Za-z0-9_.-]+$/, "mentors.validation.usernameFormat");

/** The create form: the kind and account fields plus the profile fields in one flat form. */
export const newMentorFormSchema = z
  .object({
    kind: kindEnum,
    username: usernameField,
    name: z.string().trim().max(50, "mentors.validation.tooLong").default(""),
    organisation: text(100),
    title: text(50),
    rank: rankEnum,
    contact: text(100),
    bio: text(1000),
    primaryDuty: dutyEnum,
    otherDuties: z.array(dutyEnum).max(8).default([]),
    keywords: keywordsField,
    capacity: capacityField,
    available: z.boolean().default(false),
  })
  .superRefine((value, ctx) => {
    if (value.kind === "EXTERNAL" && !value.name) ctx.addIssue({ code: "custom", path: ["name"], message: "mentors.validation.nameRequired" });
    if (value.kind === "EXTERNAL" && !value.organisation) ctx.addIssue({ code: "custom", path: ["organisation"], message: "mentors.validation.organisationRequired" });
  })
  .transform(({ primaryDuty, otherDuties, ...rest }) => ({
    ...rest,
    duties: [primaryDuty, ...new Set(otherDuties.filter((d) => d !== primaryDuty))],
  }));
export type NewMentorInput = z.output<typeof newMentorFormSchema>;

const weightField = z.coerce
  .number({ error: "mentors.validation.weight" })
  .int("mentors.validation.weight")
  .min(0, "mentors.validation.weight")
  .max(MAX_WEIGHT, "mentors.validation.weight");

export const settingsFormSchema = z
  .object({
    duty: weightField,
    keywords: weightField,
    seniority: weightField,
    preference: weightField,
    load: weightField,
    requireDutyMatch: z.boolean().default(false),
    excludeLeaderCollege: z.boolean().default(false),
  })
  .refine((w) => w.duty + w.keywords + w.seniority + w.preference > 0, { message: "mentors.validation.weightsAllZero", path: ["duty"] })
  .transform(({ requireDutyMatch, excludeLeaderCollege, ...weights }) => ({ weights, requireDutyMatch, excludeLeaderCollege }));

/** A row named by a hidden field: missing or malformed only when the page is stale. */
const id = z.string({ error: "mentors.errors.badRequest" }).trim().min(1, "mentors.errors.badRequest").max(64, "mentors.errors.badRequest");

/** A button that acts on one pair of the matching board (lock, exclude, release…). */
export const assignmentIntent = <I extends string>(intent: I) => z.object({ intent: z.literal(intent), assignmentId: id });
export const runSchema = z.object({ intent: z.literal("run") });
export const publishSchema = z.object({ intent: z.literal("publish") });

export const targetsSchema = z.object({
  intent: z.literal("targets"),
  directionId: id,
  internal: z.coerce.number({ error: "mentors.validation.target" }).int("mentors.validation.target").min(1, "mentors.validation.target").max(3, "mentors.validation.target"),
  external: z.coerce.number({ error: "mentors.validation.target" }).int("mentors.validation.target").min(1, "mentors.validation.target").max(3, "mentors.validation.target"),
});

/** Buttons on a slot's candidate list. */
export const addCandidateSchema = z.object({ intent: z.literal("add"), mentorId: id });
export const excludeCandidateSchema = z.object({ intent: z.literal("exclude"), mentorId: id });

const note = z.string().trim().max(500, "mentors.validation.tooLong").optional().transform((v) => v || null);
export const acceptSchema = z.object({ intent: z.literal("accept"), assignmentId: id });
export const declineSchema = z.object({ intent: z.literal("decline"), assignmentId: id, note });

const mentorChoice = z.string({ error: "mentors.validation.mentorRequired" }).trim().min(1, "mentors.validation.mentorRequired").max(64);
export const addPreferenceSchema = z.object({ intent: z.literal("add"), mentorId: mentorChoice });
export const preferenceIntent = <I extends string>(intent: I) => z.object({ intent: z.literal(intent), preferenceId: id });

/** 学工部 switches a mentor's availability (on the profile, or a row of the pool with its mentorId). */
export const availabilitySchema = z.object({ intent: z.literal("availability"), available: z.enum(["yes", "no"], { error: "mentors.errors.badRequest" }) });
export const poolAvailabilitySchema = availabilitySchema.extend({ mentorId: id });
export const removeMentorSchema = z.object({ intent: z.literal("remove") });

export const poolFilterSchema = z.object({
  page: z.coerce.number().int().min(1).catch(1),
  kind: kindEnum.optional().catch(undefined),
  duty: dutyEnum.optional().catch(undefined),
  available: z.enum(["yes", "no"]).optional().catch(undefined),
  q: z.string().trim().max(50).optional().catch(undefined),
});

/** The import page's upload (a file too large or garbled is refused while the form is read). */
export const checkImportSchema = z.object({
  intent: z.literal("check"),
  file: z.instanceof(File, { error: "mentors.import.fileMissing" }),
});
