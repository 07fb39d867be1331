import { z } from "zod";
import { Duty, QuestionKind } from "~/generated/prisma/enums.ts";
import { DIFFICULTY_MAX, DIFFICULTY_MIN } from "../paper.ts";

/** The knowledge test's forms (messages are i18n keys). */

const optionalEnum = <T extends Record<string, string>>(values: T) =>
  z.preprocess((value) => (value === "" || value === "ANY" ? undefined : value), z.nativeEnum(values, { error: "camp.test.errors.badRule" }).optional());

export const paperRuleSchema = z
  .object({
    duty: optionalEnum(Duty),
    kind: optionalEnum(QuestionKind),
    difficultyMin: z.coerce.number({ error: "camp.test.errors.badRule" }).int("camp.test.errors.badRule").min(DIFFICULTY_MIN, "camp.test.errors.badRule").max(DIFFICULTY_MAX, "camp.test.errors.badRule"),
    difficultyMax: z.coerce.number({ error: "camp.test.errors.badRule" }).int("camp.test.errors.badRule").min(DIFFICULTY_MIN, "camp.test.errors.badRule").max(DIFFICULTY_MAX, "camp.test.errors.badRule"),
    count: z.coerce.number({ error: "camp.test.errors.badCount" }).int("camp.test.errors.badCount").min(1, "camp.test.errors.badCount").max(200, "camp.test.errors.badCount"),
    pointsEach: z.coerce.number({ error: "camp.test.errors.badPoints" }).positive("camp.test.errors.badPoints").max(100, "camp.test.errors.badPoints"),
  })
  .refine((rule) => rule.difficultyMin <= rule.difficultyMax, { message: "camp.test.errors.badRule", path: ["difficultyMax"] });
export type PaperRuleInput = z.output<typeof paperRuleSchema>;

/** A judge's grade of one short answer (the range is checked against the question's points by the service). */
export const shortAnswerGradeSchema = z.object({
  attemptId: z.string().min(1).max(40),
  position: z.coerce.number().int().min(0).max(1000),
  score: z.coerce.number({ error: "camp.test.errors.badScore" }).min(0, "camp.test.errors.badScore"),
  comment: z.string().trim().max(1000, "validation.tooLong?max=1000").optional().default(""),
});
export type ShortAnswerGradeInput = z.output<typeof shortAnswerGradeSchema>;
