import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "~/lib/zod-form.ts";
import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/auth/session.server.ts";
import { ActionFeedback } from "~/components/kit/action-feedback.tsx";
import { SubmitButton } from "~/components/kit/buttons.tsx";
import { Badge, Card } from "~/components/kit/card.tsx";
import { ConfirmButton } from "~/components/kit/confirm.tsx";
import { DataTable } from "~/components/kit/data-table.tsx";
import { EmptyState } from "~/components/kit/feedback.tsx";
import { SelectField, TextField } from "~/components/kit/fields.tsx";
import { pageTitle } from "~/i18n/page-title.ts";
import { intentAction } from "~/lib/actions.server.ts";
import { replyFor } from "~/lib/action-reply.ts";
import { formatDateTime } from "~/lib/format.ts";
import { permit } from "~/policy/index.ts";
import { createTokenSchema, revokeTokenSchema } from "~/search/schemas.ts";
import { createApiToken, findApiToken, listApiTokens, revokeApiToken, tokenState } from "~/search/tokens.server.ts";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, (t) => [t("search.tokens.title")]);

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const now = new Date();
  const tokens = await listApiTokens(user.id);
  return data({ tokens: tokens.map((token) => ({ ...token, state: tokenState(token, now) })) });
}

export const action = intentAction({
  intents: (intent) => ({
    create: intent({
      schema: createTokenSchema,
      authorize: ({ user }) => permit(user, "api-token:create", { userId: user.id }),
      run: async ({ user }, { name, expires }) => {
        const created = await createApiToken({ userId: user.id, name, expiresInDays: expires === "never" ? null : Number(expires), actorId: user.id });
        return { data: { name: created.name, token: created.token } };
      },
    }),
    revoke: intent({
      schema: revokeTokenSchema,
      target: async (_call, { id }) => (await findApiToken(id)) ?? notFound(),
      authorize: ({ user }, _input, token) => permit(user, "api-token:revoke", token),
      confirm: ({ t }, _input, token) => ({
        message: `${t("search.tokens.confirmTitle", { name: token.name })} ${t("search.tokens.confirmBody")}`,
        confirmLabel: t("search.tokens.confirm"),
      }),
      run: async ({ user, t }, _input, token) => {
        await revokeApiToken(token, user.id);
        return { notice: t("search.tokens.revokedNotice", { name: token.name }) };
      },
    }),
  }),
});

function notFound(): never {
  throw new Response("Not Found", { status: 404 });
}

export default function TokensPage() {
  const { tokens } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const created = replyFor(reply, "create")?.data;
  const [form, fields] = useForm({
    id: "create-token",
    lastResult: replyFor(reply, "create")?.form,
    defaultValue: { expires: "90" },
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: createTokenSchema }),
  });
  const when = (date: Date | string | null, empty: string) => (date ? formatDateTime(date, i18n.language) : empty);

  return (
    <div className="mx-auto max-w-4xl space-y-6">
      <div>
        <h1 className="text-2xl font-bold tracking-tight">{t("search.tokens.title")}</h1>
        <p className="mt-2 text-sm text-slate-600">{t("search.tokens.intro")}</p>
      </div>

      <ActionFeedback reply={reply} intent="revoke" />
      {created ? <NewToken name={created.name} token={created.token} /> : null}

      <Card title={t("search.tokens.create")}>
        <Form method="post" {...getFormProps(form)} className="grid gap-4 sm:grid-cols-[1fr_12rem_auto] sm:items-start">
          <input type="hidden" name="intent" value="create" />
          <div className="sm:col-span-3">
            <ActionFeedback reply={reply} intent="create" />
          </div>
          <TextField field={fields.name} label={t("search.tokens.name")} placeholder={t("search.tokens.nameHint")} maxLength={50} />
          <SelectField
            field={fields.expires}
            label={t("search.tokens.expires")}
            options={[
              { value: "30", label: t("search.tokens.expires30") },
              { value: "90", label: t("search.tokens.expires90") },
              { value: "365", label: t("search.tokens.expires365") },
              { value: "never", label: t("search.tokens.expiresNever") },
            ]}
          />
          <SubmitButton intent="create" pendingLabel={t("search.tokens.creating")} className="sm:mt-6">
            {t("search.tokens.create")}
          </SubmitButton>
        </Form>
      </Card>

      <section aria-labelledby="list-heading" className="space-y-3">
        <h2 id="list-heading" className="text-base font-semibold">
          {t("search.tokens.list")}
        </h2>
        <DataTable
          caption={t("search.tokens.list")}
          rows={tokens}
          rowKey={(token) => token.id}
          empty={<EmptyState>{t("search.tokens.empty")}</EmptyState>}
          columns={[
            { key: "name", header: t("search.tokens.colName"), primary: true, cell: (token) => token.name },
            { key: "prefix", header: t("search.tokens.colPrefix"), cell: (token) => <span className="font-mono text-xs">{token.prefix}…</span> },
            { key: "created", header: t("search.tokens.colCreated"), hideOnPhone: true, cell: (token) => when(token.createdAt, "") },
            { key: "used", header: t("search.tokens.colLastUsed"), cell: (token) => when(token.lastUsedAt, t("search.tokens.never")) },
            { key: "expires", header: t("search.tokens.colExpires"), cell: (token) => when(token.expiresAt, t("search.tokens.noExpiry")) },
            {
              key: "state",
              header: t("search.tokens.colStatus"),
              cell: (token) => <Badge tone={token.state === "active" ? "emerald" : "slate"}>{t(`search.tokens.${token.state}`)}</Badge>,
            },
            {
              key: "actions",
              header: t("search.tokens.colActions"),
              cell: (token) =>
                token.state !== "revoked" ? (
                  <ConfirmButton
                    intent="revoke"
                    fields={{ id: token.id }}
                    label={t("search.tokens.revoke")}
                    ariaLabel={t("search.tokens.revokeLabel", { name: token.name })}
                    question={`${t("search.tokens.confirmTitle", { name: token.name })} ${t("search.tokens.confirmBody")}`}
                    confirmLabel={t("search.tokens.confirm")}
                  />
                ) : null,
            },
          ]}
        />
      </section>
    </div>
  );
}

/** The new token, shown this once, with a copy button. */
function NewToken({ name, token }: { name: string; token: string }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState(false);
  return (
    <section role="status" className="rounded-lg border border-emerald-300 bg-emerald-50 p-4">
      <p className="text-sm text-emerald-900">{t("search.tokens.created", { name })}</p>
      <div className="mt-2 flex flex-wrap items-center gap-2">
        <input
          readOnly
          aria-label={t("search.tokens.tokenValue")}
          value={token}
          onFocus={(event) => event.currentTarget.select()}
          className="min-w-0 flex-1 rounded-md border border-emerald-300 bg-white px-3 py-2 font-mono text-sm"
        />
        <button
          type="button"
          onClick={() => void navigator.clipboard?.writeText(token).then(() => setCopied(true))}
          className="rounded-md border border-emerald-400 bg-white px-3 py-2 text-sm text-emerald-800 hover:bg-emerald-100"
        >
          {copied ? t("search.tokens.copied") : t("search.tokens.copy")}
        </button>
      </div>
    </section>
  );
}
