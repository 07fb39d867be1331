import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "~/lib/zod-form.ts";
import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/auth/session.server.ts";
import { ActionFeedback } from "~/components/kit/action-feedback.tsx";
import { SubmitButton } from "~/components/kit/buttons.tsx";
import { TextAreaField } from "~/components/kit/fields.tsx";
import { intentAction } from "~/lib/actions.server.ts";
import { replyFor } from "~/lib/action-reply.ts";
import { authorize, permit } from "~/policy/index.ts";
import { getSchoolSettings } from "~/settings/school-settings.server.ts";
import { loadStudioAccess } from "~/studios/access.server.ts";
import { applyToStudio } from "~/studios/membership.server.ts";
import { applySchema } from "~/studios/schemas.ts";
import { studioPageTitle, useStudio } from "~/studios/studio-context.ts";
import { StudioPageHeading } from "~/studios/studio-header.tsx";

export const meta: MetaFunction = ({ matches }) => studioPageTitle(matches, (t) => [t("studios.page.apply")]);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const access = await loadStudioAccess(user, params.studioId);
  authorize(user, "studio:apply", access.resource);
  return data(null);
}

export const action = intentAction({
  load: ({ params }, user) => loadStudioAccess(user, params.studioId),
  intents: (intent) => ({
    apply: intent({
      schema: applySchema,
      authorize: ({ user, ctx }) => permit(user, "studio:apply", ctx.resource),
      run: async (call, { motivation }) => {
        const settings = await getSchoolSettings();
        await applyToStudio(call.ctx.studio.id, call.user, motivation, settings);
        return { redirectTo: `/studios/${call.ctx.studio.id}` };
      },
    }),
  }),
});

export default function Apply() {
  const studio = useStudio();
  const reply = useActionData<typeof action>();
  const { t } = useTranslation();
  const [form, fields] = useForm({
    lastResult: replyFor(reply, "apply")?.form,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: applySchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  return (
    <div className="space-y-6">
      <StudioPageHeading>{t("studios.apply.heading", { studio: studio.name })}</StudioPageHeading>
      <Form method="post" className="max-w-2xl space-y-4 rounded-lg border border-slate-200 bg-white p-5" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="apply" />
        <p className="text-sm text-slate-600">{t("studios.apply.intro")}</p>
        <ActionFeedback reply={reply} intent="apply" />
        <TextAreaField field={fields.motivation} label={t("studios.apply.motivation")} hint={t("studios.apply.motivationHint")} rows={5} />
        <div className="flex items-center gap-3">
          <SubmitButton intent="apply" pendingLabel={t("studios.apply.submitting")}>{t("studios.apply.submit")}</SubmitButton>
          <Link to={`/studios/${studio.id}`} className="text-sm text-slate-600 hover:underline">
            {t("studios.apply.back")}
          </Link>
        </div>
      </Form>
    </div>
  );
}
