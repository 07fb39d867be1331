import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/auth/session.server.ts";
import { getFixedT } from "~/i18n/i18n.server.ts";
import { translatedReply } from "~/lib/forms.server.ts";
import { readMatchingSettings, updateMatchingSettings } from "~/mentors/matching-settings.server.ts";
import { WEIGHT_KEYS } from "~/mentors/matching/scoring.ts";
import { settingsFormSchema } from "~/mentors/schemas.ts";
import { buttonClass, fieldClass } from "~/mentors/ui.tsx";
import { authorize } from "~/policy/index.ts";

export const meta: MetaFunction = () => [{ title: "匹配权重与规则 · 辅导员工作室协同平台" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  authorize(user, "matching:administer", null);
  return data({ settings: await readMatchingSettings() });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  authorize(user, "matching:administer", null);
  const t = await getFixedT(request);
  const submission = parseWithZod(await request.formData(), { schema: settingsFormSchema });
  if (submission.status !== "success") return data({ result: translatedReply(submission, t), saved: false }, { status: 400 });
  await updateMatchingSettings(submission.value, user.id);
  return data({ result: translatedReply(submission, t), saved: true });
}

export default function MatchingSettings() {
  const { settings } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useTranslation();
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    defaultValue: { ...Object.fromEntries(WEIGHT_KEYS.map((k) => [k, String(settings.weights[k])])), requireDutyMatch: settings.requireDutyMatch ? "on" : undefined, excludeLeaderCollege: settings.excludeLeaderCollege ? "on" : undefined },
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: settingsFormSchema }),
  });
  const submitting = navigation.state === "submitting";
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <div>
        <Link to="/admin/matching" className="text-sm text-brand-700 hover:underline">
          ← {t("mentors.candidates.back")}
        </Link>
        <h1 className="mt-2 text-2xl font-bold tracking-tight">{t("mentors.settings.title")}</h1>
        <p className="mt-1 text-sm text-slate-600">{t("mentors.settings.hint")}</p>
      </div>
      {actionData?.saved ? (
        <p role="status" className="rounded-md bg-emerald-50 px-4 py-2 text-sm text-emerald-800">
          {t("mentors.settings.saved")}
        </p>
      ) : null}
      <Form method="post" {...getFormProps(form)} className="space-y-5 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        {form.errors?.length ? (
          <p id={form.errorId} role="alert" className="text-sm text-red-700">
            {form.errors.join(" ")}
          </p>
        ) : null}
        <div className="grid gap-4 sm:grid-cols-2">
          {WEIGHT_KEYS.map((key) => {
            const field = fields[key];
            return (
              <div key={key}>
                <label htmlFor={field.id} className="block text-sm font-medium text-slate-700">
                  {t(`mentors.settings.${key}`)}
                </label>
                <input {...getInputProps(field, { type: "number" })} min={0} max={100} step={1} className={fieldClass} />
                {field.errors ? (
                  <p id={field.errorId} className="mt-1 text-sm text-red-600">
                    {field.errors.join(" ")}
                  </p>
                ) : null}
              </div>
            );
          })}
        </div>
        {(["requireDutyMatch", "excludeLeaderCollege"] as const).map((key) => (
          <div key={key} className="flex items-start gap-2">
            <input {...getInputProps(fields[key], { type: "checkbox" })} className="mt-1 h-4 w-4" />
            <label htmlFor={fields[key].id} className="text-sm text-slate-700">
              {t(`mentors.settings.${key}`)}
            </label>
          </div>
        ))}
        <button type="submit" disabled={submitting} className={buttonClass.primary}>
          {submitting ? t("mentors.common.saving") : t("mentors.settings.save")}
        </button>
      </Form>
    </div>
  );
}
