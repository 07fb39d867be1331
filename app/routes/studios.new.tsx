import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/auth/session.server.ts";
import { SubmitButton } from "~/components/kit/buttons.tsx";
import { Notice, PageHeader } from "~/components/kit/feedback.tsx";
import { SelectField, TextAreaField, TextField } from "~/components/kit/fields.tsx";
import { getFixedT, getLocale } from "~/i18n/i18n.server.ts";
import { translatedReply } from "~/lib/forms.server.ts";
import { authorize } from "~/policy/index.ts";
import { getSchoolSettings } from "~/settings/school-settings.server.ts";
import { isUserError } from "~/lib/user-error.ts";
import { ruleMessage } from "~/studios/chrome.server.ts";
import { PersonPicker } from "~/studios/person-picker.tsx";
import { createStudioSchema, DUTIES, STUDIO_LEVELS } from "~/studios/schemas.ts";
import { createStudio } from "~/studios/studios.server.ts";

export const meta: MetaFunction = () => [{ title: "新建工作室 · 辅导员工作室协同平台" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  authorize(user, "studio:create", null);
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  authorize(user, "studio:create", null);
  const [t, locale] = await Promise.all([getFixedT(request), getLocale(request)]);
  const submission = parseWithZod(await request.formData(), { schema: createStudioSchema });
  if (submission.status !== "success") return data({ result: translatedReply(submission, t) }, { status: 400 });
  try {
    const id = await createStudio(submission.value, user.id, await getSchoolSettings());
    return redirect(`/studios/${id}`);
  } catch (error) {
    const message = ruleMessage(error, t, locale);
    const field = isUserError(error) && error.key === "studios.errors.nameTaken" ? "name" : isUserError(error) && error.key === "studios.errors.leaderNotEligible" ? "overrideReason" : "leaderUsername";
    return data({ result: submission.reply({ fieldErrors: { [field]: [message] } }) }, { status: 409 });
  }
}

export default function NewStudio() {
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const [form, fields] = useForm({
    lastResult: actionData?.result,
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
        {form.errors?.length ? (
          <div className="sm:col-span-2">
            <Notice tone="error">{form.errors.join(" ")}</Notice>
          </div>
        ) : null}
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
          <SubmitButton pendingLabel={t("studios.create.submitting")}>{t("studios.create.submit")}</SubmitButton>
        </div>
      </Form>
    </div>
  );
}
