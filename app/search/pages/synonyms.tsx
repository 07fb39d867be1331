import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "~/lib/zod-form.ts";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ActionFeedback } from "~/components/kit/action-feedback.tsx";
import { buttonClass, SubmitButton } from "~/components/kit/buttons.tsx";
import { ConfirmButton } from "~/components/kit/confirm.tsx";
import { EmptyState } from "~/components/kit/feedback.tsx";
import { TextAreaField } from "~/components/kit/fields.tsx";
import { replyFor } from "~/lib/action-reply.ts";
import { formatDateTime } from "~/lib/format.ts";
import type { loader } from "~/routes/admin.synonyms.tsx";
import { synonymGroupSchema, synonymUpdateSchema } from "../schemas.ts";
import type { action } from "../synonyms.actions.server.ts";

const PAGE = "/admin/synonyms";

/** 学工部's synonym groups: add one, edit one in place (?edit=), delete one after a question. */
export function SynonymsPage() {
  const { groups, editing } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const { t, i18n } = useTranslation();

  return (
    <div className="mx-auto max-w-4xl space-y-6">
      <div>
        <h1 className="text-2xl font-bold tracking-tight">{t("search.synonyms.title")}</h1>
        <p className="mt-2 text-sm text-slate-600">{t("search.synonyms.intro")}</p>
      </div>

      <ActionFeedback reply={reply} intent="delete" action={PAGE} />
      {reply?.intent !== "delete" && reply?.status === "success" ? <ActionFeedback reply={reply} /> : null}

      <section aria-labelledby="add-heading" className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
        <h2 id="add-heading" className="mb-3 text-base font-semibold">
          {t("search.synonyms.add")}
        </h2>
        <GroupForm />
      </section>

      <section aria-labelledby="groups-heading">
        <h2 id="groups-heading" className="text-base font-semibold">
          {t("search.synonyms.list")}
        </h2>
        {groups.length === 0 ? (
          <div className="mt-3">
            <EmptyState>{t("search.synonyms.empty")}</EmptyState>
          </div>
        ) : (
          <ul className="mt-3 divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
            {groups.map((group) => {
              const terms = group.terms.join("、");
              return (
                <li key={group.id} className="p-4">
                  {editing === group.id ? (
                    <GroupForm group={group} />
                  ) : (
                    <div className="flex flex-wrap items-center justify-between gap-3">
                      <div>
                        <p className="flex flex-wrap gap-2">
                          {group.terms.map((term) => (
                            <span key={term} className="rounded bg-slate-100 px-2 py-0.5 text-sm">
                              {term}
                            </span>
                          ))}
                        </p>
                        <p className="mt-1 text-xs text-slate-500">{formatDateTime(group.updatedAt, i18n.language)}</p>
                      </div>
                      <div className="flex items-center gap-3 text-sm">
                        <Link to={`${PAGE}?edit=${group.id}`} aria-label={t("search.synonyms.editLabel", { terms })} className="text-brand-700 hover:underline">
                          {t("search.synonyms.edit")}
                        </Link>
                        <ConfirmButton
                          intent="delete"
                          fields={{ groupId: group.id }}
                          action={PAGE}
                          label={t("search.synonyms.delete")}
                          ariaLabel={t("search.synonyms.deleteLabel", { terms })}
                          question={`${t("search.synonyms.confirmTitle", { terms })} ${t("search.synonyms.confirmBody")}`}
                          confirmLabel={t("search.synonyms.confirm")}
                        />
                      </div>
                    </div>
                  )}
                </li>
              );
            })}
          </ul>
        )}
      </section>
    </div>
  );
}

/** Adds a group, or (given one) edits it; posts to the page itself, so saving also ends the editing. */
function GroupForm({ group }: { group?: { id: string; terms: string[] } }) {
  const { t } = useTranslation();
  const reply = useActionData<typeof action>();
  const intent = group ? "update" : "create";
  const mine = replyFor(reply, intent);
  // Several edit forms could answer "update": the reply belongs to the one whose group was posted.
  const lastResult = group && mine?.form?.initialValue?.groupId !== group.id ? undefined : mine?.form;
  const [form, fields] = useForm({
    id: `synonyms-${group?.id ?? "new"}`,
    lastResult,
    defaultValue: { terms: group ? group.terms.join("、") : "" },
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: group ? synonymUpdateSchema : synonymGroupSchema }),
  });
  return (
    <Form method="post" action={PAGE} {...getFormProps(form)} className="space-y-2">
      <input type="hidden" name="intent" value={intent} />
      {group ? <input type="hidden" name="groupId" value={group.id} /> : null}
      {lastResult && mine?.status === "error" ? <ActionFeedback reply={mine} /> : null}
      <TextAreaField field={fields.terms} label={t("search.synonyms.terms")} hint={t("search.synonyms.termsHint")} rows={2} />
      <div className="flex gap-3">
        <SubmitButton intent={intent} match={group ? ["groupId", group.id] : undefined} pendingLabel={t("search.synonyms.saving")}>
          {group ? t("search.synonyms.save") : t("search.synonyms.add")}
        </SubmitButton>
        {group ? (
          <Link to={PAGE} className={buttonClass("secondary")}>
            {t("search.synonyms.cancel")}
          </Link>
        ) : null}
      </div>
    </Form>
  );
}
