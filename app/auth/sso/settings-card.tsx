import { getFormProps, useForm } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { ActionReply } from "~/lib/action-reply.ts";
import { parseWithZod } from "~/lib/zod-form.ts";
import { ActionFeedback } from "~/components/kit/action-feedback.tsx";
import { SubmitButton } from "~/components/kit/buttons.tsx";
import { Card } from "~/components/kit/card.tsx";
import { SelectField, TextField } from "~/components/kit/fields.tsx";
import { ssoFormSchema } from "./schemas.ts";
import type { ssoSettingsPage } from "./settings.server.ts";

type Page = Awaited<ReturnType<typeof ssoSettingsPage>>;

/** The campus sign-on card of the admin settings page: fields an environment variable sets are read-only and say so. */
export function SsoSettingsCard({ page, reply }: { page: Page; reply: ActionReply | undefined }) {
  const { t } = useTranslation();
  const [form, fields] = useForm({
    lastResult: reply?.intent === "saveSso" ? reply.form : undefined,
    defaultValue: page.values,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ssoFormSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const env = (field: keyof Page["values"]) => (page.fromEnv[field] ? t("sso.fromEnv", { name: page.fromEnv[field] }) : undefined);
  const text = (field: "casUrl" | "casIdAttribute" | "oidcIssuer" | "oidcClientId" | "oidcIdClaim" | "oidcScopes", label: string, hint?: string) => (
    <TextField field={fields[field]} label={label} hint={env(field) ?? hint} readOnly={Boolean(page.fromEnv[field])} />
  );
  return (
    <Card title={t("sso.settingsHeading")}>
      <p className="mb-3 text-sm text-slate-600">{t("sso.settingsHint")}</p>
      <ActionFeedback reply={reply} intent="saveSso" />
      <Form method="post" className="space-y-4" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="saveSso" />
        <div className="grid gap-4 sm:grid-cols-2">
          <SelectField
            field={fields.protocol}
            label={t("sso.protocol")}
            hint={env("protocol")}
            options={[
              { value: "off", label: t("sso.protocolOff") },
              { value: "cas", label: t("sso.protocolCas") },
              { value: "oidc", label: t("sso.protocolOidc") },
            ]}
          />
          <SelectField
            field={fields.localLogin}
            label={t("sso.localLogin")}
            hint={env("localLogin") ?? t("sso.localLoginHint")}
            options={[
              { value: "everyone", label: t("sso.localEveryone") },
              { value: "admin-only", label: t("sso.localAdminOnly") },
            ]}
          />
          {text("casUrl", t("sso.casUrl"))}
          {text("casIdAttribute", t("sso.casIdAttribute"), t("sso.casIdAttributeHint"))}
          {text("oidcIssuer", t("sso.oidcIssuer"))}
          {text("oidcClientId", t("sso.oidcClientId"))}
          <TextField
            field={fields.oidcClientSecret}
            type="password"
            autoComplete="new-password"
            label={t("sso.oidcClientSecret")}
            hint={env("oidcClientSecret") ?? (page.secretSaved ? t("sso.oidcClientSecretHint") : undefined)}
            readOnly={Boolean(page.fromEnv.oidcClientSecret)}
          />
          {text("oidcIdClaim", t("sso.oidcIdClaim"))}
          {text("oidcScopes", t("sso.oidcScopes"))}
        </div>
        <div className="text-sm text-slate-600">
          <p>{t("sso.callbackUrls")}</p>
          <ul className="mt-1 list-inside list-disc font-mono text-xs">
            {page.addresses.map((address) => (
              <li key={address}>{address}</li>
            ))}
          </ul>
        </div>
        <SubmitButton intent="saveSso" pendingLabel={t("settings.saving")}>
          {t("sso.save")}
        </SubmitButton>
      </Form>
    </Card>
  );
}
