import { z } from "zod";

/** Form and message schemas of documents; messages are i18n keys (see app/documents/messages.ts). */

export const DOCUMENT_TYPES = ["RESEARCH_NOTE", "CASE_STUDY", "OUTPUT_DRAFT", "MEETING_MINUTES"] as const;
export const DOCUMENT_STATUSES = ["DRAFT", "IN_REVIEW", "CHANGES_REQUESTED", "APPROVED", "PUBLISHED"] as const;

const title = z
  .string({ error: "documents.errors.titleRequired" })
  .trim()
  .min(1, "documents.errors.titleRequired")
  .max(120, "documents.errors.titleTooLong");

const optionalId = z
  .string()
  .trim()
  .max(64)
  .optional()
  .transform((value) => value || null);

/** "标签一，标签二, 标签三" → ["标签一", "标签二", "标签三"]: Chinese and Latin commas, 顿号 and spaces. */
const tags = z
  .string()
  .max(400, "documents.errors.tagsTooLong")
  .optional()
  .transform((value) => [...new Set((value ?? "").split(/[,，、;；\s]+/u).map((tag) => tag.trim()).filter(Boolean))])
  .pipe(z.array(z.string().max(20, "documents.errors.tagTooLong")).max(10, "documents.errors.tooManyTags"));

export const newDocumentSchema = z.object({
  intent: z.literal("create"),
  title,
  type: z.enum(DOCUMENT_TYPES, { error: "documents.errors.typeRequired" }),
  templateId: optionalId,
  directionId: optionalId,
  projectId: optionalId,
});

export const detailsSchema = z.object({
  intent: z.literal("details"),
  title,
  type: z.enum(DOCUMENT_TYPES, { error: "documents.errors.typeRequired" }),
  directionId: optionalId,
  projectId: optionalId,
  tags,
});

/** A Yjs relative position as Y.relativePositionToJSON writes it. */
const relativePosition = z
  .object({
    type: z.object({ client: z.number().int().nonnegative(), clock: z.number().int().nonnegative() }).nullish(),
    tname: z.string().max(100).nullish(),
    item: z.object({ client: z.number().int().nonnegative(), clock: z.number().int().nonnegative() }).nullish(),
    assoc: z.number().int().min(-1).max(0).optional(),
  })
  .strict();

export const commentAnchorSchema = z.object({ from: relativePosition, to: relativePosition }).strict();
export type CommentAnchor = z.infer<typeof commentAnchorSchema>;

const commentBody = z
  .string({ error: "documents.errors.commentRequired" })
  .trim()
  .min(1, "documents.errors.commentRequired")
  .max(2000, "documents.errors.commentTooLong");

const commentId = z.string().min(1).max(64);

/** The document page's intents, one schema each (the page's forms post these names). */
export const commentSchema = z.object({
  intent: z.literal("comment"),
  body: commentBody,
  /** JSON of CommentAnchor, set by the editor when text is selected. */
  anchor: z
    .string()
    .max(2000)
    .optional()
    .transform((value, context) => {
      if (!value) return null;
      try {
        const parsed = commentAnchorSchema.safeParse(JSON.parse(value));
        if (parsed.success) return parsed.data;
      } catch {
        // fall through
      }
      context.addIssue({ code: "custom", message: "documents.errors.anchorInvalid" });
      return z.NEVER;
    }),
  quote: z.string().trim().max(500).optional().transform((value) => value || null),
});
export const replySchema = z.object({ intent: z.literal("reply"), parentId: commentId, body: commentBody });
export const resolveThreadSchema = z.object({ intent: z.literal("resolve"), commentId });
export const reopenThreadSchema = z.object({ intent: z.literal("reopen-thread"), commentId });
export const deleteCommentSchema = z.object({ intent: z.literal("delete-comment"), commentId });

export const requestReviewSchema = z.object({
  intent: z.literal("request"),
  directionId: z.string({ error: "documents.errors.directionRequired" }).min(1, "documents.errors.directionRequired").max(64),
  reviewerIds: z
    .array(z.string().min(1).max(64), { error: "documents.errors.noReviewers" })
    .min(1, "documents.errors.noReviewers")
    .max(6),
  note: z.string().trim().max(1000, "documents.errors.noteTooLong").optional().transform((value) => value ?? ""),
});
export const decideReviewSchema = z
  .object({
    intent: z.literal("decide"),
    decision: z.enum(["APPROVED", "CHANGES_REQUESTED"], { error: "documents.errors.decisionRequired" }),
    summary: z.string().trim().max(2000, "documents.errors.summaryTooLong").optional().transform((value) => value ?? ""),
  })
  .refine((value) => value.decision === "APPROVED" || value.summary.length > 0, {
    path: ["summary"],
    message: "documents.errors.summaryRequired",
  });
export const withdrawReviewSchema = z.object({ intent: z.literal("withdraw") });
export const publishSchema = z.object({ intent: z.literal("publish") });
export const reopenSchema = z.object({ intent: z.literal("reopen") });

const versionName = z.string({ error: "documents.errors.versionNameRequired" }).trim().min(1, "documents.errors.versionNameRequired").max(60, "documents.errors.versionNameTooLong");
export const nameVersionSchema = z.object({ intent: z.literal("name-version"), name: versionName });
export const restoreVersionSchema = z.object({ intent: z.literal("restore-version"), number: z.coerce.number().int().positive() });

export const templateSchema = z.object({
  intent: z.literal("save-template"),
  name: z.string({ error: "documents.errors.templateNameRequired" }).trim().min(1, "documents.errors.templateNameRequired").max(60, "documents.errors.templateNameTooLong"),
  description: z.string().trim().max(200, "documents.errors.templateDescriptionTooLong").optional().transform((value) => value ?? ""),
  scope: z.enum(["studio", "school"]),
});
export const deleteDocumentSchema = z.object({ intent: z.literal("delete") });

/** The studio's document list: deleting a template of the studio (or, for 学工部, of the school). */
export const deleteTemplateSchema = z.object({ intent: z.literal("delete-template"), templateId: z.string().min(1).max(64) });

export const importOptionsSchema = z.object({
  intent: z.literal("import"),
  type: z.enum(DOCUMENT_TYPES, { error: "documents.errors.typeRequired" }),
});

/** The forms whose browser check differs from the intent (the server parses the intents above). */
export const commentFormSchema = z.object({ body: commentBody });
export const versionNameFormSchema = z.object({ name: versionName });
export const requestReviewFormSchema = z.object({
  directionId: z.string({ error: "documents.errors.directionRequired" }).min(1, "documents.errors.directionRequired"),
  reviewerIds: z.array(z.string(), { error: "documents.errors.noReviewers" }).min(1, "documents.errors.noReviewers"),
  note: z.string().trim().max(1000, "documents.errors.noteTooLong").optional(),
});
export const decideFormSchema = z.object({
  summary: z.string().trim().max(2000, "documents.errors.summaryTooLong").optional(),
});
export const detailsFormSchema = detailsSchema.omit({ intent: true });
export const templateFormSchema = templateSchema.omit({ intent: true });
