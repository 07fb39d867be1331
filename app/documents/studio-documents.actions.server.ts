import { intentAction } from "~/lib/actions.server.ts";
import { authorize, permit } from "~/policy/index.ts";
import { loadStudioAccess } from "~/studios/access.server.ts";
import { createDocument } from "./documents.server.ts";
import { deleteTemplateSchema, newDocumentSchema } from "./schemas.ts";
import { deleteTemplate, findTemplate } from "./templates.server.ts";

/** A studio's document list: start a new document, or delete one of its templates (asks first). */
export const action = intentAction({
  load: async ({ params }, user) => {
    const access = await loadStudioAccess(user, params.studioId);
    authorize(user, "studio:view-workspace", access.resource);
    return access;
  },
  intents: (intent) => ({
    create: intent({
      schema: newDocumentSchema,
      authorize: ({ user, ctx }) => permit(user, "studio:create-document", ctx.resource),
      run: async ({ user, ctx }, { intent: _intent, ...input }) => {
        const document = await createDocument({ studioId: ctx.studio.id, createdById: user.id, ...input });
        return { redirectTo: `/documents/${document.id}` };
      },
    }),
    "delete-template": intent({
      schema: deleteTemplateSchema,
      // The studio's own templates and the school's; another studio's is not found here.
      target: async ({ ctx }, { templateId }) => {
        const template = await findTemplate(templateId);
        if (!template || (template.studioId !== null && template.studioId !== ctx.studio.id)) throw new Response("Not Found", { status: 404 });
        return template;
      },
      authorize: ({ user, ctx }, _input, template) => permit(user, "template:manage", { studioId: template.studioId, viewerRole: ctx.resource.viewerRole }),
      confirm: ({ t }, _input, template) => ({
        message: t("documents.templates.deleteConfirm", { name: template.name }),
        confirmLabel: t("documents.confirm.ok", { action: t("documents.templates.delete") }),
      }),
      run: async ({ user, t }, _input, template) => {
        await deleteTemplate(template.id, user.id);
        return { notice: t("documents.templates.deleted") };
      },
    }),
  }),
});
