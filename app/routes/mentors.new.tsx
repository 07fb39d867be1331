import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/auth/session.server.ts";
import { getFixedT } from "~/i18n/i18n.server.ts";
import { translatedReply } from "~/lib/forms.server.ts";
import { isMentorsError } from "~/mentors/errors.ts";
import { explainText } from "~/mentors/explain-text.ts";
import { createMentor } from "~/mentors/pool.server.ts";
import { FieldError, ProfileFields } from "~/mentors/profile-fields.tsx";
import { newMentorFormSchema } from "~/mentors/schemas.ts";
import { buttonClass, fieldClass } from "~/mentors/ui.tsx";
import { authorize } from "~/policy/index.ts";

export const meta: MetaFunction = () => [{ title: "添加导师 · 导师库 · 辅导员工作室协同平台" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  authorize(user, "mentor:curate", null);
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  authorize(user, "mentor:curate", null);
  const t = await getFixedT(request);
  const submission = parseWithZod(await request.formData(), { schema: newMentorFormSchema });
  if (submission.status !== "success") return data({ result: translatedReply(submission, t), created: null }, { status: 400 });
  try {
    const outcome = await createMentor(user.id, submission.value);
    // An internal mentor has a password already; an external one sees theirs once, on this page.
    if (!outcome.password) throw redirect(`/mentors/${outcome.mentorId}?created=1`);
    return data({
      result: translatedReply(submission, t, { resetForm: true }),
      created: { mentorId: outcome.mentorId, name: submission.value.name, username: submission.value.username, password: outcome.password },
    });
  } catch (error) {
    if (isMentorsError(error)) {
      return data({ result: translatedReply(submission, t, { formErrors: [explainText(t, error.explained)] }), created: null }, { status: error.status });
    }
    throw error;
  }
}

export default function NewMentor() {
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useTranslation();
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    defaultValue: { kind: "EXTERNAL", rank: "SENIOR", primaryDuty: "IDEOLOGY", capacity: "2", available: "on" },
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: newMentorFormSchema }),
  });
  const submitting = navigation.state === "submitting";
  const created = actionData?.created;
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <Link to="/mentors" className="text-sm text-brand-700 hover:underline">
        ← {t("mentors.profile.backToPool")}
      </Link>
      <h1 className="text-2xl font-bold tracking-tight">{t("mentors.create.title")}</h1>
      {created ? (
        <div role="status" className="space-y-2 rounded-md bg-emerald-50 px-4 py-3 text-sm text-emerald-900">
          <p>{t("mentors.create.createdExternal", { name: created.name, username: created.username, password: created.password })}</p>
          <Link to={`/mentors/${created.mentorId}`} className="font-medium text-brand-700 hover:underline">
            {t("mentors.create.viewProfile")}
          </Link>
        </div>
      ) : null}
      <Form method="post" {...getFormProps(form)} className="space-y-6 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        {form.errors?.length ? (
          <div id={form.errorId} role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
            {form.errors.join(" ")}
          </div>
        ) : null}
        <fieldset>
          <legend className="text-sm font-medium text-slate-700">{t("mentors.create.kind")}</legend>
          <div className="mt-2 flex gap-6">
            {(["INTERNAL", "EXTERNAL"] as const).map((kind) => (
              <label key={kind} className="flex items-center gap-2 text-sm">
                <input type="radio" name={fields.kind.name} value={kind} defaultChecked={fields.kind.initialValue === kind} className="h-4 w-4" />
                {t(`mentorKind.${kind}`)}
              </label>
            ))}
          </div>
          <FieldError field={fields.kind} />
        </fieldset>
        <div className="grid gap-4 sm:grid-cols-2">
          <div>
            <label htmlFor={fields.username.id} className="block text-sm font-medium text-slate-700">
              {t("mentors.create.username")}
            </label>
            <input {...getInputProps(fields.username, { type: "text" })} autoComplete="off" className={fieldClass} />
            <p className="mt-1 text-xs text-slate-500">{t("mentors.create.usernameInternalHint")}</p>
            <p className="text-xs text-slate-500">{t("mentors.create.usernameExternalHint")}</p>
            <FieldError field={fields.username} />
          </div>
          <div>
            <label htmlFor={fields.name.id} className="block text-sm font-medium text-slate-700">
              {t("mentors.create.name")}
            </label>
            <input {...getInputProps(fields.name, { type: "text" })} className={fieldClass} />
            <FieldError field={fields.name} />
          </div>
        </div>
        <ProfileFields fields={fields} />
        <button type="submit" disabled={submitting} className={buttonClass.primary}>
          {submitting ? t("mentors.create.submitting") : t("mentors.create.submit")}
        </button>
      </Form>
    </div>
  );
}
