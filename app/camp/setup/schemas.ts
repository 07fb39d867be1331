import { z } from "zod";
import { CampRoundKind, JudgedScoringRule, MultipleChoiceRule, TargetGroup } from "~/generated/prisma/enums.ts";
import { CAREER_STAGES } from "~/people/career-stage.ts";
import { calendarDay } from "~/people/schemas.ts";
import { schoolInstant } from "~/training/schemas.ts";
import { versionField } from "~/lib/version.ts";

/**
 * What the camp set-up services accept (issue 20 §1), checked on the server. The same schemas read
 * the forms (numbers, dates and checkboxes arrive as text) and typed calls (tests, the seed).
 * Messages are keys of app/camp/setup/messages.ts (camp.setup.…) or the shared validation ones.
 */

const choice = <T extends string>(values: readonly T[]) => z.enum(values as [T, ...T[]], { error: "camp.setup.errors.badChoice" });
const blankToUndefined = (value: unknown) => (value === "" || value === null ? undefined : value);
/** A checkbox ("on") or a boolean from code; absent is unchecked. */
const checkbox = z.preprocess((v) => v === true || v === "on" || v === "yes" || v === "true", z.boolean());
const whole = (min: number, max: number, message: "camp.setup.errors.badNumber" | "camp.setup.errors.badWeight") =>
  z.coerce.number({ error: message }).int(message).min(min, message).max(max, message);
const optionalWhole = (min: number, max: number) => z.preprocess(blankToUndefined, whole(min, max, "camp.setup.errors.badNumber").optional());
const optionalInstant = z.preprocess(blankToUndefined, schoolInstant.optional());

/** The rounds in the order the seed runs them; `position` is this order. */
export const ROUND_KINDS = [CampRoundKind.KNOWLEDGE_TEST, CampRoundKind.IDENTIFICATION, CampRoundKind.CASE_STUDY, CampRoundKind.TALK] as const;
export type RoundKind = (typeof ROUND_KINDS)[number];
/** Rounds scored by judges on a rubric: they have entries, a cut, a scoring rule. */
export const JUDGED_KINDS: readonly RoundKind[] = ["CASE_STUDY", "TALK"];
/**
 * Rounds with a list of their own (CampRoundEntry), written at the opening or by a cut: the judged
 * rounds and 人物辨识 (decision 131). The knowledge test comes first and is taken by everyone.
 */
export const CUT_KINDS: readonly RoundKind[] = ["IDENTIFICATION", "CASE_STUDY", "TALK"];
/** Rounds taken alone against the clock: a duration. */
export const TIMED_KINDS: readonly RoundKind[] = ["KNOWLEDGE_TEST", "IDENTIFICATION"];

/** The issue's default weights (30/20/25/25); the organiser changes them per camp. */
export const DEFAULT_WEIGHTS: Record<RoundKind, number> = { KNOWLEDGE_TEST: 30, IDENTIFICATION: 20, CASE_STUDY: 25, TALK: 25 };

const roundBase = {
  enabled: checkbox,
  weight: whole(0, 100, "camp.setup.errors.badWeight"),
  opensAt: optionalInstant,
  closesAt: optionalInstant,
};

/** Everything a round may set; which parts apply depends on its kind (the service ignores the rest). */
export const roundSettingsSchema = z.object({
  ...roundBase,
  /** Minutes, for the timed rounds. */
  durationMinutes: optionalWhole(1, 600),
  /** 基础知识测试. */
  multipleChoiceRule: z.preprocess(blankToUndefined, choice(Object.values(MultipleChoiceRule)).default("ALL_OR_NOTHING")),
  /** 人物辨识: photos drawn per person, decoys mixed in, points per fact. */
  photosPerPerson: optionalWhole(1, 100),
  decoysPerPerson: optionalWhole(0, 100),
  namePoints: z.preprocess(blankToUndefined, z.coerce.number({ error: "camp.setup.errors.badNumber" }).default(3)),
  classPoints: z.preprocess(blankToUndefined, z.coerce.number({ error: "camp.setup.errors.badNumber" }).default(1)),
  dormPoints: z.preprocess(blankToUndefined, z.coerce.number({ error: "camp.setup.errors.badNumber" }).default(1)),
  /** 案例研讨, 谈心谈话. */
  scoringRule: z.preprocess(blankToUndefined, choice(Object.values(JudgedScoringRule)).default("TRIMMED_MEAN")),
  judgesPerContestant: optionalWhole(1, 15),
  disagreementTolerance: z.preprocess(
    blankToUndefined,
    z.coerce.number({ error: "camp.setup.errors.badTolerance" }).min(0, "camp.setup.errors.badTolerance").max(100, "camp.setup.errors.badTolerance").optional(),
  ),
  /** The cut: the best `cutTop` of the round of kind `cutFrom` go on to this one (CUT_KINDS only). */
  cutFrom: z.preprocess(blankToUndefined, choice(ROUND_KINDS).optional()),
  cutTop: optionalWhole(1, 10000),
});
export type RoundSettingsInput = z.output<typeof roundSettingsSchema>;

/** Organisers are named by 工号, whitespace or commas between them (as meetings name people). */
const usernames = z.preprocess(
  (value) => (typeof value === "string" ? value.split(/[\s,，、;；]+/).filter(Boolean) : value === undefined ? [] : value),
  z.array(z.string().max(40, "validation.tooLong")).max(50, "validation.tooMany"),
);

export const campSchema = z
  .object({
    title: z.string({ error: "camp.setup.errors.titleRequired" }).trim().min(1, "camp.setup.errors.titleRequired").max(120, "validation.tooLong"),
    year: whole(2000, 2100, "camp.setup.errors.badNumber"),
    description: z.string().trim().max(4000, "validation.tooLong").optional().default(""),
    startsOn: z.preprocess(blankToUndefined, calendarDay("camp.setup.errors.badDate").optional()),
    endsOn: z.preprocess(blankToUndefined, calendarDay("camp.setup.errors.badDate").optional()),
    organisers: usernames.default([]),
    rounds: z.object({
      KNOWLEDGE_TEST: roundSettingsSchema,
      IDENTIFICATION: roundSettingsSchema,
      CASE_STUDY: roundSettingsSchema,
      TALK: roundSettingsSchema,
    }),
    /** The version an edit was made against (decision 095); none when creating. */
    version: versionField,
  })
  .superRefine((camp, ctx) => {
    if (camp.startsOn && camp.endsOn && camp.endsOn < camp.startsOn) ctx.addIssue({ code: "custom", path: ["endsOn"], message: "camp.setup.errors.endsBeforeStart" });
    for (const kind of ROUND_KINDS) {
      const round = camp.rounds[kind];
      if (round.opensAt && round.closesAt && round.closesAt <= round.opensAt) ctx.addIssue({ code: "custom", path: ["rounds", kind, "closesAt"], message: "camp.setup.errors.closesBeforeOpens" });
    }
  });
export type CampInput = z.output<typeof campSchema>;

/** The form's default values of a new camp: the seed's four rounds, all on, weighted 30/20/25/25. */
export function defaultCampInput(year: number): CampInput {
  const round = (kind: RoundKind) => ({
    enabled: true,
    weight: DEFAULT_WEIGHTS[kind],
    multipleChoiceRule: "ALL_OR_NOTHING" as const,
    namePoints: 3,
    classPoints: 1,
    dormPoints: 1,
    scoringRule: "TRIMMED_MEAN" as const,
    ...(kind === "KNOWLEDGE_TEST" ? { durationMinutes: 60 } : {}),
    ...(kind === "IDENTIFICATION" ? { durationMinutes: 15, photosPerPerson: 10, decoysPerPerson: 2 } : {}),
    ...(JUDGED_KINDS.includes(kind) ? { judgesPerContestant: 5, disagreementTolerance: 15 } : {}),
  });
  return {
    title: "",
    year,
    description: "",
    organisers: [],
    rounds: { KNOWLEDGE_TEST: round("KNOWLEDGE_TEST"), IDENTIFICATION: round("IDENTIFICATION"), CASE_STUDY: round("CASE_STUDY"), TALK: round("TALK") },
  };
}

/** Who takes part: stages, groups and colleges (checkboxes; one checked box arrives as a string). */
const many = <T extends string>(values: z.ZodType<T>) =>
  z.preprocess((v) => (v === undefined ? [] : [v].flat().filter((x) => x !== "")), z.array(values).max(200, "validation.tooMany"));
export const targetsSchema = z.object({
  stages: many(choice(CAREER_STAGES)),
  groups: many(choice(Object.values(TargetGroup))),
  colleges: many(z.string().min(1, "camp.setup.errors.badChoice").max(40, "camp.setup.errors.badChoice")),
});
export type TargetsInput = z.output<typeof targetsSchema>;

/** One person by 工号 (the person picker posts it). */
export const personSchema = z.object({ username: z.string({ error: "camp.setup.errors.personRequired" }).trim().min(1, "camp.setup.errors.personRequired").max(40, "validation.tooLong") });
/** Removing a named person or a judge. */
export const userIdSchema = z.object({ userId: z.string().min(1, "camp.setup.errors.badChoice").max(40, "camp.setup.errors.badChoice") });
export const emptySchema = z.object({});
