import type { SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { redirect } from "@remix-run/node";
import type { TFunction } from "i18next";
import type { SessionUser } from "~/auth/session.server.ts";
import { translateKey } from "~/i18n/keys.ts";
import { translatedReply } from "~/lib/forms.server.ts";
import { isUserError } from "~/lib/user-error.ts";
import { authorize } from "~/policy/index.ts";
import { loadDocumentAccess } from "./access.server.ts";
import { addComment, deleteComment, findComment, setResolved } from "./comments.server.ts";
import { deleteDocument, updateDetails } from "./documents.server.ts";
import { decideReview, publishDocument, reopenDocument, requestReview, withdrawReview } from "./reviews.server.ts";
import { commentSchema, detailsSchema, reviewActionSchema, templateSchema, versionActionSchema } from "./schemas.ts";
import { saveAsTemplate } from "./templates.server.ts";
import { createNamedVersion, restoreVersion } from "./versions.server.ts";

/** What every form on the document page gets back. */
export interface PageActionResult {
  intent: string;
  /** Field errors for the form that sent it (conform). */
  result?: SubmissionResult<string[]>;
  /** A sentence for the person (success or a refusal they can act on). */
  message?: string;
  ok?: boolean;
  /** Without JavaScript a destructive action first asks; this is the question… */
  confirm?: string;
  /** …about this item (a comment id, a version number). */
  target?: string;
  /** The document's status after a review action (its message shows while the status holds). */
  status?: string;
}

const COMMENT_INTENTS = new Set(["comment", "reply", "resolve", "reopen-thread", "delete-comment"]);
const REVIEW_INTENTS = new Set(["request", "withdraw", "decide", "publish", "reopen"]);

/**
 * The document page's form actions, one intent each. Every intent is authorised with the policy
 * for the person and the document as it is now, validated with its zod schema, and answered in
 * the person's language.
 */
export async function handleDocumentAction(request: Request, documentId: string, user: SessionUser, t: TFunction) {
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  const access = await loadDocumentAccess(documentId, user);
  if (!access) throw new Response("Not Found", { status: 404 });
  authorize(user, "document:read", access.resource);
  const resource = access.resource;
  const fail = (message: string, status = 400) => ({ status, body: { intent, ok: false, message } satisfies PageActionResult });
  const done = (message: string, status?: string) => ({ status: 200, body: { intent, ok: true, message, status } satisfies PageActionResult });
  const confirmed = formData.get("confirmed") === "yes";

  try {
    if (COMMENT_INTENTS.has(intent)) {
      authorize(user, "document:comment", resource);
      // The schema's intents are comment, reply, resolve, reopen, delete.
      const normalized = new FormData();
      for (const [key, value] of formData) normalized.append(key, value);
      normalized.set("intent", intent === "reopen-thread" ? "reopen" : intent === "delete-comment" ? "delete" : intent);
      const submission = parseWithZod(normalized, { schema: commentSchema });
      if (submission.status !== "success") return { status: 400, body: { intent, result: translatedReply(submission, t) } satisfies PageActionResult };
      const value = submission.value;
      if (value.intent === "comment") {
        await addComment(documentId, user, { body: value.body, anchor: value.anchor, quote: value.anchor ? value.quote : null });
        return { status: 200, body: { intent, ok: true, result: submission.reply({ resetForm: true }) } satisfies PageActionResult };
      }
      if (value.intent === "reply") {
        await addComment(documentId, user, { body: value.body, parentId: value.parentId });
        return { status: 200, body: { intent, ok: true, result: submission.reply({ resetForm: true }) } satisfies PageActionResult };
      }
      const comment = await findComment(value.commentId);
      if (!comment || comment.documentId !== documentId) throw new Response("Not Found", { status: 404 });
      if (value.intent === "delete") {
        authorize(user, "comment:delete", comment);
        if (!confirmed) return { status: 200, body: { intent, confirm: t("documents.comments.deleteConfirm"), target: comment.id } satisfies PageActionResult };
        await deleteComment(comment.id);
        return { status: 200, body: { intent, ok: true } satisfies PageActionResult };
      }
      await setResolved(comment.id, user.id, value.intent === "resolve");
      return { status: 200, body: { intent, ok: true } satisfies PageActionResult };
    }

    if (REVIEW_INTENTS.has(intent)) {
      const submission = parseWithZod(formData, { schema: reviewActionSchema });
      if (submission.status !== "success") return { status: 400, body: { intent, result: translatedReply(submission, t) } satisfies PageActionResult };
      const value = submission.value;
      switch (value.intent) {
        case "request":
          authorize(user, "document:request-review", resource);
          await requestReview(documentId, user, { directionId: value.directionId, reviewerIds: value.reviewerIds, note: value.note });
          return done(t("documents.review.done.request"), "IN_REVIEW");
        case "withdraw":
          authorize(user, "document:withdraw-review", resource);
          if (!confirmed) return { status: 200, body: { intent, confirm: t("documents.review.withdrawConfirm") } satisfies PageActionResult };
          await withdrawReview(documentId, user);
          return done(t("documents.review.done.withdraw"), "DRAFT");
        case "decide":
          authorize(user, "document:decide-review", resource);
          await decideReview(documentId, user, { decision: value.decision, summary: value.summary });
          return done(t(`documents.review.done.${value.decision}`), value.decision);
        case "publish":
          authorize(user, "document:publish", resource);
          if (!confirmed) return { status: 200, body: { intent, confirm: t("documents.review.publishConfirm") } satisfies PageActionResult };
          await publishDocument(documentId, user);
          return done(t("documents.review.done.publish"), "PUBLISHED");
        case "reopen":
          authorize(user, "document:reopen", resource);
          if (!confirmed) return { status: 200, body: { intent, confirm: t("documents.review.reopenConfirm") } satisfies PageActionResult };
          await reopenDocument(documentId, user);
          return done(t("documents.review.done.reopen"), "DRAFT");
      }
    }

    if (intent === "name-version" || intent === "restore-version") {
      const normalized = new FormData();
      for (const [key, value] of formData) normalized.append(key, value);
      normalized.set("intent", intent === "name-version" ? "name" : "restore");
      const submission = parseWithZod(normalized, { schema: versionActionSchema });
      if (submission.status !== "success") return { status: 400, body: { intent, result: translatedReply(submission, t) } satisfies PageActionResult };
      if (submission.value.intent === "name") {
        authorize(user, "document:create-version", resource);
        const version = await createNamedVersion(documentId, user.id, submission.value.name);
        return { status: 200, body: { intent, ok: true, message: t("documents.versions.saved", { number: version.number }), result: submission.reply({ resetForm: true }) } satisfies PageActionResult };
      }
      authorize(user, "document:edit", resource);
      const number = submission.value.number;
      if (!confirmed) return { status: 200, body: { intent, confirm: t("documents.versions.restoreConfirm", { number }), target: String(number) } satisfies PageActionResult };
      const version = await restoreVersion(documentId, number, user.id);
      return done(t("documents.versions.restored", { number, version: version.number }));
    }

    if (intent === "details") {
      authorize(user, "document:edit", resource);
      const submission = parseWithZod(formData, { schema: detailsSchema });
      if (submission.status !== "success") return { status: 400, body: { intent, result: translatedReply(submission, t) } satisfies PageActionResult };
      const { intent: _intent, ...details } = submission.value;
      await updateDetails(documentId, user.id, details);
      return { status: 200, body: { intent, ok: true, message: t("documents.details.saved"), result: submission.reply() } satisfies PageActionResult };
    }

    if (intent === "delete") {
      authorize(user, "document:delete", resource);
      if (!confirmed) return { status: 200, body: { intent, confirm: "delete" } satisfies PageActionResult };
      const deleted = await deleteDocument(documentId, user.id);
      throw redirect(`/studios/${deleted.studioId}/documents?deleted=${encodeURIComponent(deleted.title)}`);
    }

    if (intent === "save-template") {
      const submission = parseWithZod(formData, { schema: templateSchema });
      if (submission.status !== "success") return { status: 400, body: { intent, result: translatedReply(submission, t) } satisfies PageActionResult };
      authorize(user, "document:save-as-template", resource);
      const studioId = submission.value.scope === "school" ? null : access.studioId;
      authorize(user, "template:manage", { studioId, viewerRole: resource.viewerRole });
      await saveAsTemplate(documentId, user.id, { name: submission.value.name, description: submission.value.description, studioId });
      return { status: 200, body: { intent, ok: true, message: t("documents.templates.saved", { name: submission.value.name }), result: submission.reply({ resetForm: true }) } satisfies PageActionResult };
    }
  } catch (error) {
    if (isUserError(error)) return fail(translateKey(t, error.key, error.params), error.status);
    throw error;
  }
  return fail(t("documents.errors.badRequest"));
}
