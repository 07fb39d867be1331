import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "~/lib/zod-form.ts";
import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/auth/session.server.ts";
import { ActionFeedback } from "~/components/kit/action-feedback.tsx";
import { Card } from "~/components/kit/card.tsx";
import { SubmitButton } from "~/components/kit/buttons.tsx";
import { PageHeader } from "~/components/kit/feedback.tsx";
import { ChoiceField, SelectField, TextAreaField, TextField } from "~/components/kit/fields.tsx";
import { DOCUMENT_MAX_CHARS } from "~/documents/body-limit.ts";
import { pageTitle } from "~/i18n/page-title.ts";
import { intentAction } from "~/lib/actions.server.ts";
import { replyFor } from "~/lib/action-reply.ts";
import { TITLES } from "~/people/schemas.ts";
import { authorize, permit } from "~/policy/index.ts";
import { getSchoolSettings, updateSchoolSettings } from "~/settings/school-settings.server.ts";
import { settingsFormSchema } from "~/settings/schemas.ts";
import { ssoFormSchema } from "~/auth/sso/schemas.ts";
import { SsoSettingsCard } from "~/auth/sso/settings-card.tsx";
import { ssoSettingsPage, updateSsoSettings } from "~/auth/sso/settings.server.ts";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, (t) => [t("settings.heading")]);

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  authorize(user, "school:administer", null);
  const s = await getSchoolSettings();
  return data({
    values: {
      schoolName: s.schoolName,
      growingAfterYears: String(s.stageThresholds.growingAfterYears),
      experiencedAfterYears: String(s.stageThresholds.experiencedAfterYears),
      expertTitles: s.stageThresholds.expertTitles,
      leaderMinYears: String(s.leaderEligibility.minYears),
      leaderSeniorTitle: s.leaderEligibility.seniorTitleRequired ? "yes" : "no",
      leaderMinHonours: String(s.leaderEligibility.minHonours),
      backboneMinYears: String(s.backboneMinYears),
      maxStudiosPerPerson: String(s.maxStudiosPerPerson),
      passwordMinLength: String(s.passwordPolicy.minLength),
      passwordForbidUsername: s.passwordPolicy.forbidUsername ? "yes" : "no",
      passwordForbidCommon: s.passwordPolicy.forbidCommon ? "yes" : "no",
      passwordExtraForbidden: s.passwordPolicy.extraForbidden.join("\n"),
      documentMaxChars: String(s.documentMaxChars),
    },
    sso: await ssoSettingsPage(request),
  });
}

export const action = intentAction({
  intents: (intent) => ({
    save: intent({
      schema: settingsFormSchema,
      keepForm: true,
      authorize: ({ user }) => permit(user, "school:administer", null),
      run: async ({ user, t }, v) => {
        await updateSchoolSettings(
          {
            schoolName: v.schoolName,
            stageThresholds: { growingAfterYears: v.growingAfterYears, experiencedAfterYears: v.experiencedAfterYears, expertTitles: v.expertTitles },
            leaderEligibility: { minYears: v.leaderMinYears, seniorTitleRequired: v.leaderSeniorTitle === "yes", minHonours: v.leaderMinHonours },
            backboneMinYears: v.backboneMinYears,
            maxStudiosPerPerson: v.maxStudiosPerPerson,
            passwordPolicy: {
              minLength: v.passwordMinLength,
              forbidUsername: v.passwordForbidUsername === "yes",
              forbidCommon: v.passwordForbidCommon === "yes",
              extraForbidden: v.passwordExtraForbidden,
            },
            ...(v.documentMaxChars === undefined ? {} : { documentMaxChars: v.documentMaxChars }),
          },
          user.id,
        );
        return { notice: t("settings.saved") };
      },
    }),
    saveSso: intent({
      schema: ssoFormSchema,
      keepForm: true,
      authorize: ({ user }) => permit(user, "school:administer", null),
      run: async ({ user, t }, { intent: _intent, ...values }) => {
        await updateSsoSettings(values, user.id);
        return { notice: t("sso.saved") };
      },
    }),
  }),
});

export default function Settings() {
  const { values, sso } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const { t } = useTranslation();
  const [form, fields] = useForm({
    lastResult: replyFor(reply, "save")?.form,
    defaultValue: values,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: settingsFormSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const yesNo = [
    { value: "yes", label: t("settings.ruleOn") },
    { value: "no", label: t("settings.ruleOff") },
  ];
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <PageHeader title={t("settings.heading")} subtitle={t("settings.intro")} />
      <ActionFeedback reply={reply} intent="save" />
      <Form method="post" className="space-y-6" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="save" />
        <Card title={t("settings.general")}>
          <TextField field={fields.schoolName} label={t("settings.schoolName")} />
        </Card>
        <Card title={t("settings.stages")}>
          <p className="mb-3 text-sm text-slate-600">{t("settings.stagesHint")}</p>
          <div className="grid gap-4 sm:grid-cols-2">
            <TextField field={fields.growingAfterYears} type="number" min="1" max="10" label={t("settings.growingAfterYears")} />
            <TextField field={fields.experiencedAfterYears} type="number" min="2" max="20" label={t("settings.experiencedAfterYears")} />
            <ChoiceField
              field={fields.expertTitles}
              legend={t("settings.expertTitles")}
              options={TITLES.map((ti) => ({ value: ti, label: t(`title.${ti}`) }))}
              className="sm:col-span-2"
            />
          </div>
        </Card>
        <Card title={t("settings.leader")}>
          <div className="grid gap-4 sm:grid-cols-3">
            <TextField field={fields.leaderMinYears} type="number" min="0" max="40" label={t("settings.leaderMinYears")} />
            <SelectField
              field={fields.leaderSeniorTitle}
              label={t("settings.leaderSeniorTitle")}
              options={[
                { value: "yes", label: t("settings.seniorRequired") },
                { value: "no", label: t("settings.seniorNotRequired") },
              ]}
            />
            <TextField field={fields.leaderMinHonours} type="number" min="0" max="10" label={t("settings.leaderMinHonours")} />
            <TextField field={fields.backboneMinYears} type="number" min="0" max="40" label={t("settings.backboneMinYears")} />
            <TextField field={fields.maxStudiosPerPerson} type="number" min="1" max="10" label={t("settings.maxStudios")} />
          </div>
        </Card>
        <Card title={t("settings.passwords")}>
          <p className="mb-3 text-sm text-slate-600">{t("settings.passwordsHint")}</p>
          <div className="grid gap-4 sm:grid-cols-3">
            <TextField field={fields.passwordMinLength} type="number" min="8" max="64" label={t("settings.passwordMinLength")} />
            <SelectField field={fields.passwordForbidUsername} label={t("settings.passwordForbidUsername")} options={yesNo} />
            <SelectField field={fields.passwordForbidCommon} label={t("settings.passwordForbidCommon")} options={yesNo} />
            <TextAreaField
              field={fields.passwordExtraForbidden}
              label={t("settings.passwordExtraForbidden")}
              hint={t("settings.passwordExtraForbiddenHint")}
              rows={4}
              className="sm:col-span-3"
            />
          </div>
        </Card>
        <Card title={t("settings.documents")}>
          <TextField
            field={fields.documentMaxChars}
            type="number"
            min={String(DOCUMENT_MAX_CHARS.lowest)}
            max={String(DOCUMENT_MAX_CHARS.highest)}
            label={t("settings.documentMaxChars")}
            hint={t("settings.documentMaxCharsHint")}
          />
        </Card>
        <SubmitButton intent="save" pendingLabel={t("settings.saving")}>{t("settings.save")}</SubmitButton>
      </Form>
      <SsoSettingsCard page={sso} reply={reply} />
    </div>
  );
}
