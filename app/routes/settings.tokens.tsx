import { getFormProps, getInputProps, getSelectProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/auth/session.server.ts";
import { Badge } from "~/components/kit/card.tsx";
import { getFixedT } from "~/i18n/i18n.server.ts";
import { formatDateTime } from "~/lib/format.ts";
import { translatedReply } from "~/lib/forms.server.ts";
import { authorize } from "~/policy/index.ts";
import { createTokenSchema, revokeTokenSchema } from "~/search/schemas.ts";
import { createApiToken, findApiToken, listApiTokens, revokeApiToken, TokenLimitError, tokenState } from "~/search/tokens.server.ts";

export const meta: MetaFunction = () => [{ title: "个人访问令牌 · 辅导员工作室协同平台" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const url = new URL(request.url);
  const tokens = await listApiTokens(user.id);
  const now = new Date();
  const rows = tokens.map((token) => ({ ...token, state: tokenState(token, now) }));
  // ?revoke=<id> asks for confirmation; ?revoked=<id> reports the result.
  const confirm = rows.find((row) => row.id === url.searchParams.get("revoke") && row.state !== "revoked") ?? null;
  const revoked = rows.find((row) => row.id === url.searchParams.get("revoked"))?.name ?? null;
  return data({ tokens: rows, confirm: confirm && { id: confirm.id, name: confirm.name }, revoked });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const t = await getFixedT(request);
  const formData = await request.formData();
  if (formData.get("intent") === "revoke") {
    const submission = parseWithZod(formData, { schema: revokeTokenSchema });
    if (submission.status !== "success") throw new Response("Bad Request", { status: 400 });
    const token = await findApiToken(submission.value.id);
    if (!token) throw new Response("Not Found", { status: 404 });
    authorize(user, "api-token:revoke", token);
    await revokeApiToken(token, user.id);
    return redirect(`/settings/tokens?revoked=${encodeURIComponent(token.id)}`);
  }
  if (formData.get("intent") !== "create") throw new Response("Bad Request", { status: 400 });
  authorize(user, "api-token:create", { userId: user.id });
  const submission = parseWithZod(formData, { schema: createTokenSchema });
  if (submission.status !== "success") return data({ result: translatedReply(submission, t), created: null }, { status: 400 });
  try {
    const { name, expires } = submission.value;
    const created = await createApiToken({ userId: user.id, name, expiresInDays: expires === "never" ? null : Number(expires), actorId: user.id });
    return data({ result: submission.reply({ resetForm: true }), created: { name: created.name, token: created.token } });
  } catch (error) {
    if (!(error instanceof TokenLimitError)) throw error;
    return data({ result: submission.reply({ formErrors: [t("search.tokens.errors.tooMany")] }), created: null }, { status: 409 });
  }
}

export default function TokensPage() {
  const { tokens, confirm, revoked } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t, i18n } = useTranslation();
  const [copied, setCopied] = useState(false);
  const busy = navigation.state === "submitting" ? navigation.formData?.get("intent") : null;
  const [form, fields] = useForm({
    id: "create-token",
    lastResult: actionData?.result,
    defaultValue: { expires: "90" },
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: createTokenSchema }),
  });
  const fieldClass = "mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 shadow-sm focus:border-brand-600 aria-[invalid]:border-red-500";
  const when = (date: Date | string | null, empty: string) => (date ? formatDateTime(date, i18n.language) : empty);

  return (
    <div className="mx-auto max-w-4xl space-y-6">
      <div>
        <h1 className="text-2xl font-bold tracking-tight">{t("search.tokens.title")}</h1>
        <p className="mt-2 text-sm text-slate-600">{t("search.tokens.intro")}</p>
      </div>

      {revoked ? (
        <p role="status" className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
          {t("search.tokens.revokedNotice", { name: revoked })}
        </p>
      ) : null}

      {actionData?.created ? (
        <section role="status" className="rounded-lg border border-emerald-300 bg-emerald-50 p-4">
          <p className="text-sm text-emerald-900">{t("search.tokens.created", { name: actionData.created.name })}</p>
          <div className="mt-2 flex flex-wrap items-center gap-2">
            <input
              readOnly
              aria-label={t("search.tokens.tokenValue")}
              value={actionData.created.token}
              onFocus={(event) => event.currentTarget.select()}
              className="min-w-0 flex-1 rounded-md border border-emerald-300 bg-white px-3 py-2 font-mono text-sm"
            />
            <button
              type="button"
              onClick={() => void navigator.clipboard?.writeText(actionData.created!.token).then(() => setCopied(true))}
              className="rounded-md border border-emerald-400 bg-white px-3 py-2 text-sm text-emerald-800 hover:bg-emerald-100"
            >
              {copied ? t("search.tokens.copied") : t("search.tokens.copy")}
            </button>
          </div>
        </section>
      ) : null}

      <section aria-labelledby="create-heading" className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
        <h2 id="create-heading" className="text-base font-semibold">
          {t("search.tokens.create")}
        </h2>
        <Form method="post" {...getFormProps(form)} className="mt-3 grid gap-4 sm:grid-cols-[1fr_12rem_auto] sm:items-start">
          <input type="hidden" name="intent" value="create" />
          {form.errors?.length ? (
            <p id={form.errorId} role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700 sm:col-span-3">
              {form.errors.map((e) => t(e as never)).join(" ")}
            </p>
          ) : null}
          <div>
            <label htmlFor={fields.name.id} className="block text-sm font-medium text-slate-700">
              {t("search.tokens.name")}
            </label>
            <input {...getInputProps(fields.name, { type: "text" })} placeholder={t("search.tokens.nameHint")} maxLength={50} className={fieldClass} />
            {fields.name.errors ? (
              <p id={fields.name.errorId} className="mt-1 text-sm text-red-600">
                {fields.name.errors.map((e) => t(e as never)).join(" ")}
              </p>
            ) : null}
          </div>
          <div>
            <label htmlFor={fields.expires.id} className="block text-sm font-medium text-slate-700">
              {t("search.tokens.expires")}
            </label>
            <select {...getSelectProps(fields.expires)} className={fieldClass}>
              <option value="30">{t("search.tokens.expires30")}</option>
              <option value="90">{t("search.tokens.expires90")}</option>
              <option value="365">{t("search.tokens.expires365")}</option>
              <option value="never">{t("search.tokens.expiresNever")}</option>
            </select>
            {fields.expires.errors ? (
              <p id={fields.expires.errorId} className="mt-1 text-sm text-red-600">
                {fields.expires.errors.map((e) => t(e as never)).join(" ")}
              </p>
            ) : null}
          </div>
          <button type="submit" disabled={busy === "create"} className="rounded-md bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-60 sm:mt-6">
            {busy === "create" ? t("search.tokens.creating") : t("search.tokens.create")}
          </button>
        </Form>
      </section>

      {confirm ? (
        <section role="alertdialog" aria-labelledby="revoke-title" aria-describedby="revoke-body" className="rounded-lg border border-red-300 bg-red-50 p-4">
          <h2 id="revoke-title" className="font-semibold text-red-900">
            {t("search.tokens.confirmTitle", { name: confirm.name })}
          </h2>
          <p id="revoke-body" className="mt-1 text-sm text-red-800">
            {t("search.tokens.confirmBody")}
          </p>
          <div className="mt-3 flex gap-3">
            <Form method="post" action="/settings/tokens">
              <input type="hidden" name="intent" value="revoke" />
              <input type="hidden" name="id" value={confirm.id} />
              <button type="submit" autoFocus disabled={busy === "revoke"} className="rounded-md bg-red-600 px-4 py-2 text-sm font-medium text-white hover:bg-red-700 disabled:opacity-60">
                {busy === "revoke" ? t("search.tokens.revoking") : t("search.tokens.confirm")}
              </button>
            </Form>
            <Link to="/settings/tokens" className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm hover:bg-slate-100">
              {t("search.tokens.cancel")}
            </Link>
          </div>
        </section>
      ) : null}

      <section aria-labelledby="list-heading">
        <h2 id="list-heading" className="text-base font-semibold">
          {t("search.tokens.list")}
        </h2>
        {tokens.length === 0 ? (
          <p className="mt-3 rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-slate-600">{t("search.tokens.empty")}</p>
        ) : (
          <div className="mt-3 overflow-x-auto rounded-lg border border-slate-200 bg-white">
            <table className="min-w-full text-sm">
              <thead className="bg-slate-50 text-left text-slate-600">
                <tr>
                  <th scope="col" className="px-4 py-2 font-medium">{t("search.tokens.colName")}</th>
                  <th scope="col" className="px-4 py-2 font-medium">{t("search.tokens.colPrefix")}</th>
                  <th scope="col" className="px-4 py-2 font-medium">{t("search.tokens.colCreated")}</th>
                  <th scope="col" className="px-4 py-2 font-medium">{t("search.tokens.colLastUsed")}</th>
                  <th scope="col" className="px-4 py-2 font-medium">{t("search.tokens.colExpires")}</th>
                  <th scope="col" className="px-4 py-2 font-medium">{t("search.tokens.colStatus")}</th>
                  <th scope="col" className="px-4 py-2 font-medium">{t("search.tokens.colActions")}</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {tokens.map((token) => (
                  <tr key={token.id}>
                    <td className="px-4 py-2 font-medium">{token.name}</td>
                    <td className="px-4 py-2 font-mono text-xs">{token.prefix}…</td>
                    <td className="px-4 py-2">{when(token.createdAt, "")}</td>
                    <td className="px-4 py-2">{when(token.lastUsedAt, t("search.tokens.never"))}</td>
                    <td className="px-4 py-2">{when(token.expiresAt, t("search.tokens.noExpiry"))}</td>
                    <td className="px-4 py-2">
                      <Badge tone={token.state === "active" ? "emerald" : "slate"}>{t(`search.tokens.${token.state}`)}</Badge>
                    </td>
                    <td className="px-4 py-2">
                      {token.state !== "revoked" ? (
                        <Link
                          to={`/settings/tokens?revoke=${encodeURIComponent(token.id)}`}
                          aria-label={t("search.tokens.revokeLabel", { name: token.name })}
                          className="text-red-700 hover:underline"
                        >
                          {t("search.tokens.revoke")}
                        </Link>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
