import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "~/lib/zod-form.ts";
import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/auth/session.server.ts";
import { ActionFeedback } from "~/components/kit/action-feedback.tsx";
import { SubmitButton } from "~/components/kit/buttons.tsx";
import { CheckboxField, TextField } from "~/components/kit/fields.tsx";
import { pageTitle } from "~/i18n/page-title.ts";
import { replyFor } from "~/lib/action-reply.ts";
import { intentAction } from "~/lib/actions.server.ts";
import { readMatchingSettings, updateMatchingSettings } from "~/mentors/matching-settings.server.ts";
import { WEIGHT_KEYS } from "~/mentors/matching/scoring.ts";
import { settingsFormSchema } from "~/mentors/schemas.ts";
import { authorize, permit } from "~/policy/index.ts";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, (t) => [t("mentors.settings.title"), t("mentors.matching.title")]);

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  authorize(user, "matching:administer", null);
  return data({ settings: await readMatchingSettings() });
}

export const action = intentAction({
  intents: (intent) => ({
    save: intent({
      schema: settingsFormSchema,
      authorize: ({ user }) => permit(user, "matching:administer", null),
      keepForm: true,
      run: async ({ user, t }, settings) => {
        await updateMatchingSettings(settings, user.id);
        return { notice: t("mentors.settings.saved") };
      },
    }),
  }),
});

export default function MatchingSettings() {
  const { settings } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const { t } = useTranslation();
  const [form, fields] = useForm({
    lastResult: replyFor(reply, "save")?.form,
    defaultValue: { ...Object.fromEntries(WEIGHT_KEYS.map((k) => [k, String(settings.weights[k])])), requireDutyMatch: settings.requireDutyMatch ? "on" : undefined, excludeLeaderCollege: settings.excludeLeaderCollege ? "on" : undefined },
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: settingsFormSchema }),
  });
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <div>
        <Link to="/admin/matching" className="text-sm text-brand-700 hover:underline">
          ← {t("mentors.candidates.back")}
        </Link>
        <h1 className="mt-2 text-2xl font-bold tracking-tight">{t("mentors.settings.title")}</h1>
        <p className="mt-1 text-sm text-slate-600">{t("mentors.settings.hint")}</p>
      </div>
      <ActionFeedback reply={reply} intent="save" />
      <Form method="post" {...getFormProps(form)} className="space-y-5 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <input type="hidden" name="intent" value="save" />
        <div className="grid gap-4 sm:grid-cols-2">
          {WEIGHT_KEYS.map((key) => (
            <TextField key={key} field={fields[key]} type="number" label={t(`mentors.settings.${key}`)} min={0} max={100} step={1} />
          ))}
        </div>
        {(["requireDutyMatch", "excludeLeaderCollege"] as const).map((key) => (
          <CheckboxField key={key} field={fields[key]} label={t(`mentors.settings.${key}`)} />
        ))}
        <SubmitButton intent="save" pendingLabel={t("mentors.common.saving")}>
          {t("mentors.settings.save")}
        </SubmitButton>
      </Form>
    </div>
  );
}
