import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/auth/session.server.ts";
import { SubmitButton } from "~/components/kit/buttons.tsx";
import { Notice } from "~/components/kit/feedback.tsx";
import { TextAreaField } from "~/components/kit/fields.tsx";
import { getFixedT, getLocale } from "~/i18n/i18n.server.ts";
import { translatedReply } from "~/lib/forms.server.ts";
import { authorize } from "~/policy/index.ts";
import { getSchoolSettings } from "~/settings/school-settings.server.ts";
import { loadStudioAccess } from "~/studios/access.server.ts";
import { ruleMessage, studioChrome } from "~/studios/chrome.server.ts";
import { applyToStudio } from "~/studios/membership.server.ts";
import { applySchema } from "~/studios/schemas.ts";
import { studioPageTitle, useStudio } from "~/studios/studio-context.ts";
import { StudioPageHeading } from "~/studios/studio-header.tsx";

export const meta: MetaFunction = ({ matches }) => studioPageTitle(matches, (t) => [t("studios.page.apply")]);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const access = await loadStudioAccess(user, params.studioId);
  authorize(user, "studio:apply", access.resource);
  return data({ chrome: studioChrome(user, access) });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const access = await loadStudioAccess(user, params.studioId);
  authorize(user, "studio:apply", access.resource);
  const [t, locale] = await Promise.all([getFixedT(request), getLocale(request)]);
  const submission = parseWithZod(await request.formData(), { schema: applySchema });
  if (submission.status !== "success") return data({ result: translatedReply(submission, t) }, { status: 400 });
  try {
    await applyToStudio(access.studio.id, user, submission.value.motivation, await getSchoolSettings());
  } catch (error) {
    return data({ result: submission.reply({ formErrors: [ruleMessage(error, t, locale)] }) }, { status: 409 });
  }
  return redirect(`/studios/${access.studio.id}`);
}

export default function Apply() {
  const chrome = useStudio();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: applySchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  return (
    <div className="space-y-6">
      <StudioPageHeading>{t("studios.apply.heading", { studio: chrome.name })}</StudioPageHeading>
      <Form method="post" className="max-w-2xl space-y-4 rounded-lg border border-slate-200 bg-white p-5" {...getFormProps(form)}>
        <p className="text-sm text-slate-600">{t("studios.apply.intro")}</p>
        {form.errors?.length ? <Notice tone="error">{form.errors.join(" ")}</Notice> : null}
        <TextAreaField field={fields.motivation} label={t("studios.apply.motivation")} hint={t("studios.apply.motivationHint")} rows={5} />
        <div className="flex items-center gap-3">
          <SubmitButton pendingLabel={t("studios.apply.submitting")}>{t("studios.apply.submit")}</SubmitButton>
          <Link to={`/studios/${chrome.id}`} className="text-sm text-slate-600 hover:underline">
            {t("studios.apply.back")}
          </Link>
        </div>
      </Form>
    </div>
  );
}
