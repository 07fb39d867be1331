import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "~/lib/zod-form.ts";
import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/auth/session.server.ts";
import { ActionFeedback } from "~/components/kit/action-feedback.tsx";
import { SubmitButton } from "~/components/kit/buttons.tsx";
import { PageHeader } from "~/components/kit/feedback.tsx";
import { SelectField, TextAreaField, TextField } from "~/components/kit/fields.tsx";
import { pageTitle } from "~/i18n/page-title.ts";
import { intentAction } from "~/lib/actions.server.ts";
import { replyFor } from "~/lib/action-reply.ts";
import { authorize, permit } from "~/policy/index.ts";
import { getSchoolSettings } from "~/settings/school-settings.server.ts";
import { withGapsWritten } from "~/people/gaps.ts";
import { PersonPicker } from "~/studios/person-picker.tsx";
import { createStudioSchema, DUTIES, STUDIO_LEVELS } from "~/studios/schemas.ts";
import { createStudio } from "~/studios/studios.server.ts";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, (t) => [t("studios.create.heading")]);

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  authorize(user, "studio:create", null);
  return null;
}

export const action = intentAction({
  intents: (intent) => ({
    create: intent({
      schema: createStudioSchema,
      authorize: ({ user }) => permit(user, "studio:create", null),
      run: async (call, { intent: _intent, ...input }) => {
        const settings = await getSchoolSettings();
        const id = await createStudio(input, call.user.id, settings).catch((error: unknown) => {
          throw withGapsWritten(error, call.t, call.locale);
        });
        return { redirectTo: `/studios/${id}` };
      },
      keepForm: true,
    }),
  }),
});

export default function NewStudio() {
  const reply = useActionData<typeof action>();
  const { t } = useTranslation();
  const [form, fields] = useForm({
    lastResult: replyFor(reply, "create")?.form,
    defaultValue: { level: "SCHOOL", budgetYuan: "0" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: createStudioSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const option = (value: string, label: string) => ({ value, label });
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <PageHeader
        title={t("studios.create.heading")}
        subtitle={t("studios.create.intro")}
        actions={
          <Link to="/studios" className="text-sm text-brand-700 hover:underline">
            {t("studios.create.back")}
          </Link>
        }
      />
      <Form method="post" className="grid gap-4 rounded-lg border border-slate-200 bg-white p-5 sm:grid-cols-2" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="create" />
        <div className="sm:col-span-2">
          <ActionFeedback reply={reply} intent="create" />
        </div>
        <TextField field={fields.name} label={t("studios.create.name")} className="sm:col-span-2" />
        <SelectField field={fields.duty} label={t("studios.create.duty")} placeholder={t("studios.create.choose")} options={DUTIES.map((d) => option(d, t(`duty.${d}`)))} />
        <SelectField field={fields.level} label={t("studios.create.level")} options={STUDIO_LEVELS.map((l) => option(l, t(`level.${l}`)))} />
        <TextField field={fields.budgetYuan} type="number" step="0.01" min="0" label={t("studios.create.budget")} />
        <TextField field={fields.foundedOn} type="date" label={t("studios.create.foundedOn")} />
        <TextField field={fields.platform} label={t("studios.create.platform")} className="sm:col-span-2" />
        <TextAreaField field={fields.description} label={t("studios.create.description")} className="sm:col-span-2" />
        <PersonPicker field={fields.leaderUsername} label={t("studios.create.leader")} hint={t("studios.create.leaderHint")} />
        <TextAreaField field={fields.overrideReason} label={t("studios.create.override")} hint={t("studios.create.overrideHint")} rows={2} />
        <div className="sm:col-span-2">
          <SubmitButton intent="create" pendingLabel={t("studios.create.submitting")}>{t("studios.create.submit")}</SubmitButton>
        </div>
      </Form>
    </div>
  );
}
