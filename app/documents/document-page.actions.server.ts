import { intentAction } from "~/lib/actions.server.ts";
import { authorize, permit } from "~/policy/index.ts";
import { loadDocumentAccess } from "./access.server.ts";
import { addComment, deleteComment, findComment, setResolved } from "./comments.server.ts";
import { deleteDocument, updateDetails } from "./documents.server.ts";
import { decideReview, publishDocument, reopenDocument, requestReview, withdrawReview } from "./reviews.server.ts";
import {
  commentSchema,
  decideReviewSchema,
  deleteCommentSchema,
  deleteDocumentSchema,
  detailsSchema,
  nameVersionSchema,
  publishSchema,
  reopenSchema,
  reopenThreadSchema,
  replySchema,
  requestReviewSchema,
  resolveThreadSchema,
  restoreVersionSchema,
  templateSchema,
  withdrawReviewSchema,
} from "./schemas.ts";
import { saveAsTemplate } from "./templates.server.ts";
import { createNamedVersion, restoreVersion } from "./versions.server.ts";

function notFound(): never {
  throw new Response("Not Found", { status: 404 });
}

/**
 * The document page's intents (decision 054): comments, review steps, versions, details, saving
 * as a template and deleting. Each is authorised for the person and the document as it is now;
 * withdrawing, publishing, reopening, restoring and deleting ask first. A review step hands the
 * status it leads to (`data.status`), so the page shows its notice only while that status holds.
 */
export const action = intentAction({
  load: async ({ params }, user) => {
    const access = (await loadDocumentAccess(params.documentId!, user)) ?? notFound();
    // A meeting's minutes are changed from their meeting's page (decision 059).
    const studioId = access.studioId ?? notFound();
    authorize(user, "document:read", access.resource);
    return { ...access, studioId };
  },
  intents: (intent) => {
    /** A comment of this document named by the form (404 for another document's). */
    const comment = async ({ ctx }: { ctx: { documentId: string } }, { commentId }: { commentId: string }) => {
      const found = await findComment(commentId);
      return found && found.documentId === ctx.documentId ? found : notFound();
    };
    return {
      comment: intent({
        schema: commentSchema,
        authorize: ({ user, ctx }) => permit(user, "document:comment", ctx.resource),
        run: async ({ user, ctx }, { body, anchor, quote }) => {
          await addComment(ctx.documentId, user, { body, anchor, quote: anchor ? quote : null });
        },
      }),
      reply: intent({
        schema: replySchema,
        authorize: ({ user, ctx }) => permit(user, "document:comment", ctx.resource),
        run: async ({ user, ctx }, { body, parentId }) => {
          await addComment(ctx.documentId, user, { body, parentId });
        },
      }),
      resolve: intent({
        schema: resolveThreadSchema,
        target: comment,
        authorize: ({ user, ctx }) => permit(user, "document:comment", ctx.resource),
        run: async ({ user }, _input, thread) => {
          await setResolved(thread.id, user.id, true);
        },
      }),
      "reopen-thread": intent({
        schema: reopenThreadSchema,
        target: comment,
        authorize: ({ user, ctx }) => permit(user, "document:comment", ctx.resource),
        run: async ({ user }, _input, thread) => {
          await setResolved(thread.id, user.id, false);
        },
      }),
      "delete-comment": intent({
        schema: deleteCommentSchema,
        target: comment,
        authorize: ({ user, ctx }, _input, found) => {
          authorize(user, "document:comment", ctx.resource);
          return permit(user, "comment:delete", found);
        },
        confirm: ({ t }) => ({ message: t("documents.comments.deleteConfirm"), confirmLabel: t("documents.confirm.ok", { action: t("documents.comments.delete") }) }),
        run: async (_call, _input, found) => {
          await deleteComment(found.id);
        },
      }),

      request: intent({
        schema: requestReviewSchema,
        authorize: ({ user, ctx }) => permit(user, "document:request-review", ctx.resource),
        run: async ({ user, ctx, t }, { directionId, reviewerIds, note }) => {
          await requestReview(ctx.documentId, user, { directionId, reviewerIds, note });
          return { notice: t("documents.review.done.request"), data: { status: "IN_REVIEW" } };
        },
      }),
      withdraw: intent({
        schema: withdrawReviewSchema,
        authorize: ({ user, ctx }) => permit(user, "document:withdraw-review", ctx.resource),
        confirm: ({ t }) => ({ message: t("documents.review.withdrawConfirm"), confirmLabel: t("documents.confirm.ok", { action: t("documents.review.withdraw") }) }),
        run: async ({ user, ctx, t }) => {
          await withdrawReview(ctx.documentId, user);
          return { notice: t("documents.review.done.withdraw"), data: { status: "DRAFT" } };
        },
      }),
      decide: intent({
        schema: decideReviewSchema,
        authorize: ({ user, ctx }) => permit(user, "document:decide-review", ctx.resource),
        run: async ({ user, ctx, t }, { decision, summary }) => {
          await decideReview(ctx.documentId, user, { decision, summary });
          return { notice: t(`documents.review.done.${decision}`), data: { status: decision } };
        },
      }),
      publish: intent({
        schema: publishSchema,
        authorize: ({ user, ctx }) => permit(user, "document:publish", ctx.resource),
        confirm: ({ t }) => ({ message: t("documents.review.publishConfirm"), confirmLabel: t("documents.confirm.ok", { action: t("documents.review.publish") }) }),
        run: async ({ user, ctx, t }) => {
          await publishDocument(ctx.documentId, user);
          return { notice: t("documents.review.done.publish"), data: { status: "PUBLISHED" } };
        },
      }),
      reopen: intent({
        schema: reopenSchema,
        authorize: ({ user, ctx }) => permit(user, "document:reopen", ctx.resource),
        confirm: ({ t }) => ({ message: t("documents.review.reopenConfirm"), confirmLabel: t("documents.confirm.ok", { action: t("documents.review.reopen") }) }),
        run: async ({ user, ctx, t }) => {
          await reopenDocument(ctx.documentId, user);
          return { notice: t("documents.review.done.reopen"), data: { status: "DRAFT" } };
        },
      }),

      "name-version": intent({
        schema: nameVersionSchema,
        authorize: ({ user, ctx }) => permit(user, "document:create-version", ctx.resource),
        run: async ({ user, ctx, t }, { name }) => {
          const version = await createNamedVersion(ctx.documentId, user.id, name);
          return { notice: t("documents.versions.saved", { number: version.number }) };
        },
      }),
      "restore-version": intent({
        schema: restoreVersionSchema,
        authorize: ({ user, ctx }) => permit(user, "document:edit", ctx.resource),
        confirm: ({ t }, { number }) => ({ message: t("documents.versions.restoreConfirm", { number }), confirmLabel: t("documents.confirm.ok", { action: t("documents.versions.restore") }) }),
        run: async ({ user, ctx, t }, { number }) => {
          const version = await restoreVersion(ctx.documentId, number, user.id);
          return { notice: t("documents.versions.restored", { number, version: version.number }) };
        },
      }),

      details: intent({
        schema: detailsSchema,
        keepForm: true,
        authorize: ({ user, ctx }) => permit(user, "document:edit", ctx.resource),
        run: async ({ user, ctx, t }, { intent: _intent, ...details }) => {
          await updateDetails(ctx.documentId, user.id, details);
          return { notice: t("documents.details.saved") };
        },
      }),
      "save-template": intent({
        schema: templateSchema,
        authorize: ({ user, ctx }, { scope }) => {
          authorize(user, "document:save-as-template", ctx.resource);
          return permit(user, "template:manage", { studioId: scope === "school" ? null : ctx.studioId, viewerRole: ctx.resource.viewerRole });
        },
        run: async ({ user, ctx, t }, { name, description, scope }) => {
          await saveAsTemplate(ctx.documentId, user.id, { name, description, studioId: scope === "school" ? null : ctx.studioId });
          return { notice: t("documents.templates.saved", { name }) };
        },
      }),
      delete: intent({
        schema: deleteDocumentSchema,
        authorize: ({ user, ctx }) => permit(user, "document:delete", ctx.resource),
        confirm: ({ t, ctx }) => ({ message: t("documents.details.deleteConfirm", { title: ctx.title }), confirmLabel: t("documents.confirm.ok", { action: t("documents.details.delete") }) }),
        run: async ({ user, ctx }) => {
          const deleted = await deleteDocument(ctx.documentId, user.id);
          return { redirectTo: `/studios/${deleted.studioId}/documents?deleted=${encodeURIComponent(deleted.title)}` };
        },
      }),
    };
  },
});
