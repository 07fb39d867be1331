import { z } from "zod";

/**
 * What the judged rounds' services accept (forms and typed calls alike). Messages are keys of
 * app/camp/judged/messages.ts or the shared validation messages.
 */

const id = z.string({ error: "camp.judged.errors.badChoice" }).trim().min(1, "camp.judged.errors.badChoice").max(64, "camp.judged.errors.badChoice");

export const TOPIC_TITLE_MAX = 80;
export const TOPIC_BODY_MAX = 4000;
export const COMMENT_MAX = 2000;
export const PANEL_MAX = 20;

/** A case (案例研讨) or a talk situation (谈心谈话). */
export const topicSchema = z.object({
  title: z.string({ error: "camp.judged.errors.topicTitleRequired" }).trim().min(1, "camp.judged.errors.topicTitleRequired").max(TOPIC_TITLE_MAX, "validation.tooLong"),
  body: z.string().trim().max(TOPIC_BODY_MAX, "validation.tooLong").optional().default(""),
});
export type TopicInput = z.infer<typeof topicSchema>;

export const topicIdSchema = z.object({ topicId: id });
export const topicEditSchema = topicSchema.extend({ topicId: id });
export const entryIdSchema = z.object({ entryId: id });

/** An entry's panel (评审组) and order (出场顺序); blank clears them. */
export const entryOrderSchema = z.object({
  entryId: id,
  panel: z.string().trim().max(PANEL_MAX, "validation.tooLong").optional().default(""),
  sequence: z.preprocess(
    (value) => (value === "" || value === null ? undefined : value),
    z.coerce.number({ error: "camp.judged.errors.badSequence" }).int("camp.judged.errors.badSequence").min(1, "camp.judged.errors.badSequence").max(9999, "camp.judged.errors.badSequence").optional(),
  ),
});
export type EntryOrderInput = z.infer<typeof entryOrderSchema>;

export const furtherJudgeSchema = z.object({ entryId: id, judgeId: id });

/**
 * A score sheet as posted: points per criterion id (text, as typed; blank is "not yet") and the
 * comment. The numbers are checked against the rubric by the service with judging.ts, which knows
 * each criterion's maximum.
 */
export const sheetSchema = z.object({
  scores: z.record(z.string().max(64), z.string().trim().max(12, "camp.judged.errors.notANumber").optional()).optional().default({}),
  comment: z.string().trim().max(COMMENT_MAX, "validation.tooLong").optional().default(""),
});
export type SheetInput = z.infer<typeof sheetSchema>;
