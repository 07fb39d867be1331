import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { authenticate } from "~/auth/login.server.ts";
import { loginSchema } from "~/auth/login-schema.ts";
import { createUserSession, getSignedIn, passwordPageFor } from "~/auth/session.server.ts";
import { safeRedirect } from "~/lib/safe-redirect.ts";
import { LanguageSwitch } from "~/components/language-switch.tsx";
import { getFixedT, languageCookie } from "~/i18n/i18n.server.ts";
import { isLanguage } from "~/i18n/resources.ts";
import { translatedReply } from "~/lib/forms.server.ts";
import { clientAddress } from "~/lib/request.server.ts";
import { useRootData } from "~/root.tsx";

export const meta: MetaFunction = () => [{ title: "登录 · 辅导员工作室协同平台" }];

export async function loader({ request }: LoaderFunctionArgs) {
  // Signed in already (perhaps still to set a password): the home page sends them on.
  if (await getSignedIn(request)) throw redirect("/");
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const t = await getFixedT(request);
  const submission = parseWithZod(await request.formData(), { schema: loginSchema });
  if (submission.status !== "success") {
    return data({ result: translatedReply(submission, t, { hideFields: ["password"] }) }, { status: 400 });
  }
  const { username, password, redirectTo } = submission.value;
  const result = await authenticate(username, password, clientAddress(request));
  if (!result.ok) {
    const message =
      result.reason === "blocked"
        ? t("login.blocked", { minutes: Math.ceil(result.retryAfterSeconds / 60) })
        : t(result.reason === "disabled" ? "login.disabled" : "login.invalid");
    return data(
      { result: submission.reply({ formErrors: [message], hideFields: ["password"] }) },
      { status: result.reason === "blocked" ? 429 : 401 },
    );
  }
  // An initial or temporary password opens only the page that replaces it.
  const destination = safeRedirect(redirectTo);
  const response = await createUserSession(request, result.userId, result.passwordMustChange ? passwordPageFor(destination) : destination);
  // The language chosen on another device follows the person.
  if (isLanguage(result.locale)) response.headers.append("Set-Cookie", await languageCookie.serialize(result.locale));
  return response;
}

export default function Login() {
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [searchParams] = useSearchParams();
  const root = useRootData();
  const { t } = useTranslation();
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: loginSchema }),
  });
  const submitting = navigation.state === "submitting";
  const passwordRef = useRef<HTMLInputElement>(null);
  // After a failed attempt the password is cleared and focused for the next try.
  useEffect(() => {
    if (!actionData || !passwordRef.current) return;
    passwordRef.current.value = "";
    if (fields.username.value) passwordRef.current.focus();
  }, [actionData, fields.username.value]);
  const fieldClass =
    "mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 shadow-sm focus:border-brand-600 aria-[invalid]:border-red-500";

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
          <h2 className="text-lg font-semibold">{t("login.heading")}</h2>
          <p className="mt-1 text-sm text-slate-600">{t("login.intro")}</p>
          <Form method="post" className="mt-6 space-y-4" {...getFormProps(form)}>
            <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? "/"} />
            {form.errors?.length ? (
              <div id={form.errorId} role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
                {form.errors.join(" ")}
              </div>
            ) : null}
            <div>
              <label htmlFor={fields.username.id} className="block text-sm font-medium text-slate-700">
                {t("login.username")}
              </label>
              <input
                {...getInputProps(fields.username, { type: "text" })}
                autoComplete="username"
                autoFocus
                className={fieldClass}
              />
              {fields.username.errors ? (
                <p id={fields.username.errorId} className="mt-1 text-sm text-red-600">
                  {fields.username.errors.join(" ")}
                </p>
              ) : null}
            </div>
            <div>
              <label htmlFor={fields.password.id} className="block text-sm font-medium text-slate-700">
                {t("login.password")}
              </label>
              <input
                {...getInputProps(fields.password, { type: "password" })}
                ref={passwordRef}
                autoComplete="current-password"
                className={fieldClass}
              />
              {fields.password.errors ? (
                <p id={fields.password.errorId} className="mt-1 text-sm text-red-600">
                  {fields.password.errors.join(" ")}
                </p>
              ) : null}
            </div>
            <button
              type="submit"
              disabled={submitting}
              className="w-full rounded-md bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-60"
            >
              {submitting ? t("login.submitting") : t("login.submit")}
            </button>
          </Form>
          <p className="mt-4 text-xs text-slate-500">{t("login.help")}</p>
        </div>
        <div className="mt-4 flex justify-center text-sm">
          <LanguageSwitch redirectTo="/login" />
        </div>
      </div>
    </main>
  );
}
