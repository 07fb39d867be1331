import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "~/lib/zod-form.ts";
import { redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { authenticate } from "~/auth/login.server.ts";
import { loginSchema } from "~/auth/login-schema.ts";
import { getSignedIn, passwordPageFor, startSession } from "~/auth/session.server.ts";
import { localLoginAllowed, loginPageOptions } from "~/auth/login-options.server.ts";
import { ActionFeedback } from "~/components/kit/action-feedback.tsx";
import { SubmitButton } from "~/components/kit/buttons.tsx";
import { TextField } from "~/components/kit/fields.tsx";
import { LanguageSwitch } from "~/components/language-switch.tsx";
import { languageCookie } from "~/i18n/i18n.server.ts";
import { pageTitle } from "~/i18n/page-title.ts";
import { isLanguage } from "~/i18n/resources.ts";
import { intentAction } from "~/lib/actions.server.ts";
import { replyFor } from "~/lib/action-reply.ts";
import { clientAddress } from "~/lib/request.server.ts";
import { safeRedirect } from "~/lib/safe-redirect.ts";
import { UserError } from "~/lib/user-error.ts";
import { permitSignIn } from "~/policy/index.ts";
import { useRootData } from "~/root.tsx";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, (t) => [t("login.heading")]);

export async function loader({ request }: LoaderFunctionArgs) {
  // Signed in already (perhaps still to set a password): the home page sends them on.
  if (await getSignedIn(request)) throw redirect("/");
  // The campus button, and whether the password form shows (decision 126).
  return loginPageOptions(request);
}

export const action = intentAction({
  // Nobody is known yet: whoever posts is a visitor.
  actor: async () => null,
  intents: (intent) => ({
    signIn: intent({
      schema: loginSchema,
      hideFields: ["password"],
      authorize: () => permitSignIn(),
      run: async ({ request }, { username, password, redirectTo }) => {
        const result = await authenticate(username, password, clientAddress(request));
        if (!result.ok) {
          if (result.reason === "blocked") throw new UserError("login.blocked", { minutes: Math.ceil(result.retryAfterSeconds / 60) }, { status: 429 });
          throw new UserError(result.reason === "disabled" ? "login.disabled" : "login.invalid", {}, { status: 401 });
        }
        // Local passwords switched off for everyone but the admin: checked after the password, so it tells nobody else anything.
        if (!(await localLoginAllowed(result.userId))) throw new UserError("sso.localOff", {}, { status: 403 });
        // An initial or temporary password opens only the page that replaces it.
        const destination = safeRedirect(redirectTo);
        const headers = new Headers({ "Set-Cookie": await startSession(request, result.userId) });
        // The language chosen on another device follows the person.
        if (isLanguage(result.locale)) headers.append("Set-Cookie", await languageCookie.serialize(result.locale));
        return { redirectTo: result.passwordMustChange ? passwordPageFor(destination) : destination, headers };
      },
    }),
  }),
});

export default function Login() {
  const options = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const root = useRootData();
  const { t } = useTranslation();
  const [form, fields] = useForm({
    lastResult: replyFor(reply, "signIn")?.form,
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: loginSchema }),
  });
  // After a failed attempt the password is cleared and focused for the next try.
  useEffect(() => {
    const password = document.getElementById(fields.password.id);
    if (!reply || !(password instanceof HTMLInputElement)) return;
    password.value = "";
    if (fields.username.value) password.focus();
  }, [reply, fields.password.id, fields.username.value]);

  return (
    <main id="main" className="flex min-h-full items-center justify-center px-4 py-12">
      <div className="w-full max-w-sm">
        <div className="mb-8 text-center">
          <h1 className="text-2xl font-bold text-brand-700">{t("app.name")}</h1>
          <p className="mt-1 text-sm text-slate-500">
            {root?.schoolName} · {t("app.tagline")}
          </p>
        </div>
        <div className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
          <h2 className="text-lg font-semibold">{options.adminPath ? t("sso.adminHeading") : t("login.heading")}</h2>
          {options.campusUrl ? (
            <>
              <p className="mt-1 text-sm text-slate-600">{t("sso.campusIntro")}</p>
              <a
                href={`${options.campusUrl}?redirectTo=${encodeURIComponent(searchParams.get("redirectTo") ?? "/")}`}
                className="mt-6 flex w-full justify-center rounded-md bg-brand-700 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-800"
              >
                {t("sso.signIn")}
              </a>
              {options.passwordForm ? <p className="mt-6 text-center text-xs text-slate-500">{t("sso.or")}</p> : null}
            </>
          ) : null}
          {options.passwordForm ? (
            <>
              {options.campusUrl ? null : <p className="mt-1 text-sm text-slate-600">{options.adminPath ? t("sso.adminIntro") : t("login.intro")}</p>}
              <Form method="post" className="mt-6 space-y-4" {...getFormProps(form)}>
                <input type="hidden" name="intent" value="signIn" />
                <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? "/"} />
                <ActionFeedback reply={reply} intent="signIn" />
                <TextField field={fields.username} label={t("login.username")} autoComplete="username" autoFocus />
                <TextField field={fields.password} type="password" label={t("login.password")} autoComplete="current-password" />
                <SubmitButton intent="signIn" pendingLabel={t("login.submitting")} className="w-full">
                  {t("login.submit")}
                </SubmitButton>
              </Form>
            </>
          ) : null}
          <p className="mt-4 text-xs text-slate-500">{t("login.help")}</p>
        </div>
        <div className="mt-4 flex justify-center text-sm">
          <LanguageSwitch redirectTo="/login" />
        </div>
      </div>
    </main>
  );
}
