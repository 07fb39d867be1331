import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "~/lib/zod-form.ts";
import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { changeOwnPassword, passwordPageState } from "~/auth/passwords.server.ts";
import { changePasswordSchema } from "~/auth/password-schemas.ts";
import { PASSWORD_PAGE, requireSession } from "~/auth/session.server.ts";
import { ActionFeedback } from "~/components/kit/action-feedback.tsx";
import { SubmitButton } from "~/components/kit/buttons.tsx";
import { Notice, PageHeader } from "~/components/kit/feedback.tsx";
import { TextField } from "~/components/kit/fields.tsx";
import { LanguageSwitch } from "~/components/language-switch.tsx";
import { pageTitle } from "~/i18n/page-title.ts";
import { intentAction } from "~/lib/actions.server.ts";
import { replyFor } from "~/lib/action-reply.ts";
import { formatDateTime } from "~/lib/format.ts";
import { clientAddress } from "~/lib/request.server.ts";
import { safeRedirect } from "~/lib/safe-redirect.ts";
import { UserError } from "~/lib/user-error.ts";
import { authorize, permit } from "~/policy/index.ts";
import { getSchoolSettings } from "~/settings/school-settings.server.ts";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, (t) => [t("account.password.title")]);

export async function loader({ request }: LoaderFunctionArgs) {
  // Open to a session that must set a password first: this is the one page it reaches.
  const { user, sessionId } = await requireSession(request);
  authorize(user, "account:change-password", { userId: user.id });
  const url = new URL(request.url);
  const [state, { passwordPolicy }] = await Promise.all([passwordPageState(user.id, sessionId), getSchoolSettings()]);
  const changed = url.searchParams.get("changed");
  return data({
    first: state.passwordMustChange,
    otherSessions: state.otherSessions,
    lastChanged: state.passwordChangedAt,
    policy: { minLength: passwordPolicy.minLength, forbidUsername: passwordPolicy.forbidUsername, forbidCommon: passwordPolicy.forbidCommon },
    redirectTo: safeRedirect(url.searchParams.get("redirectTo")),
    changed: changed === null ? null : Number(changed) || 0,
  });
}

export const action = intentAction({
  // Any session, including one that must set a password first.
  actor: requireSession,
  intents: (intent) => ({
    change: intent({
      schema: changePasswordSchema,
      hideFields: ["currentPassword", "newPassword", "confirmPassword"],
      authorize: ({ user: { user } }) => permit(user, "account:change-password", { userId: user.id }),
      run: async ({ user: { user, sessionId, passwordMustChange }, request }, { currentPassword, newPassword, redirectTo }) => {
        const result = await changeOwnPassword({ userId: user.id, keepSessionId: sessionId, currentPassword, newPassword, address: clientAddress(request) });
        if (!result.ok) {
          const { key, values, field } = result.error;
          throw new UserError(key, values, { status: result.status, field: field === "form" ? undefined : field });
        }
        // The first password set: on to where the person was going. Otherwise back here, with the news.
        return { redirectTo: passwordMustChange ? safeRedirect(redirectTo) : `${PASSWORD_PAGE}?changed=${result.endedSessions}` };
      },
    }),
  }),
});

export default function PasswordPage() {
  const { first, otherSessions, lastChanged, policy, redirectTo, changed } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const location = useLocation();
  const { t, i18n } = useTranslation();
  const [form, fields] = useForm({
    id: "change-password",
    lastResult: replyFor(reply, "change")?.form,
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: changePasswordSchema }),
  });
  const rules = [
    t("account.password.ruleMin", { min: policy.minLength }),
    ...(policy.forbidUsername ? [t("account.password.ruleUsername")] : []),
    ...(policy.forbidCommon ? [t("account.password.ruleCommon")] : []),
    t("account.password.ruleDifferent"),
  ];

  const body = (
    <div className="space-y-6">
      {changed !== null && !reply ? (
        <Notice tone="success">{changed > 0 ? t("account.password.changedOthers", { count: changed }) : t("account.password.changed")}</Notice>
      ) : null}
      {!first && otherSessions > 0 ? <p className="text-sm text-slate-600">{t("account.password.otherSessions", { count: otherSessions })}</p> : null}
      <ActionFeedback reply={reply} intent="change" />
      <section aria-label={first ? t("account.password.firstTitle") : t("account.password.title")} className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
        <Form method="post" className="space-y-4" {...getFormProps(form)}>
          <input type="hidden" name="intent" value="change" />
          <input type="hidden" name="redirectTo" value={redirectTo} />
          <TextField
            field={fields.currentPassword}
            type="password"
            autoComplete="current-password"
            label={first ? t("account.password.currentFirst") : t("account.password.current")}
          />
          <TextField field={fields.newPassword} type="password" autoComplete="new-password" label={t("account.password.new")} />
          <TextField field={fields.confirmPassword} type="password" autoComplete="new-password" label={t("account.password.confirm")} />
          <div className="text-sm text-slate-600">
            <p>{t("account.password.rulesHeading")}</p>
            <ul className="mt-1 list-disc pl-5">
              {rules.map((rule) => (
                <li key={rule}>{rule}</li>
              ))}
            </ul>
          </div>
          <SubmitButton intent="change" pendingLabel={t("account.password.submitting")}>{first ? t("account.password.submitFirst") : t("account.password.submit")}</SubmitButton>
        </Form>
      </section>
      {lastChanged ? <p className="text-xs text-slate-500">{t("account.password.lastChanged", { when: formatDateTime(lastChanged, i18n.language) })}</p> : null}
    </div>
  );

  if (!first) {
    return (
      <div className="mx-auto max-w-xl space-y-6">
        <PageHeader title={t("account.password.title")} subtitle={t("account.password.intro")} />
        {body}
      </div>
    );
  }
  // Waiting for a first password, the person has no menu yet (the root shows none): this page
  // brings its own frame, with a way out.
  return (
    <main id="main" className="mx-auto max-w-xl space-y-6 px-4 py-12">
      <div>
        <h1 className="text-2xl font-bold tracking-tight">{t("account.password.firstTitle")}</h1>
        <p className="mt-2 text-sm text-slate-600">{t("account.password.firstIntro")}</p>
      </div>
      {body}
      <div className="flex items-center justify-between text-sm">
        <LanguageSwitch redirectTo={location.pathname + location.search} />
        <Form method="post" action="/logout">
          <button type="submit" className="rounded-md border border-slate-300 px-3 py-1.5 text-slate-700 hover:bg-slate-100">
            {t("account.password.signOut")}
          </button>
        </Form>
      </div>
    </main>
  );
}
