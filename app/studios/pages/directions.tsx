import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "~/lib/zod-form.ts";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ActionFeedback } from "~/components/kit/action-feedback.tsx";
import { SubmitButton } from "~/components/kit/buttons.tsx";
import { Badge, Card } from "~/components/kit/card.tsx";
import { ConfirmButton } from "~/components/kit/confirm.tsx";
import { EmptyState } from "~/components/kit/feedback.tsx";
import { SelectField, TextAreaField, TextField } from "~/components/kit/fields.tsx";
import { replyFor } from "~/lib/action-reply.ts";
import type { loader } from "~/routes/studios.$studioId.directions.tsx";
import type { action } from "../directions.actions.server.ts";
import { createDirectionSchema, updateDirectionSchema } from "../schemas.ts";
import { useStudio } from "../studio-context.ts";
import { StudioPageHeading } from "../studio-header.tsx";

/** The studio's research directions, each with its mentor targets, and the form to add or change one. */
export function DirectionsPage() {
  const { directions } = useLoaderData<typeof loader>();
  const studio = useStudio();
  const reply = useActionData<typeof action>();
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const editing = directions.find((d) => d.id === params.get("edit")) ?? null;
  const [form, fields] = useForm({
    id: editing ? `direction-${editing.id}` : "direction-new",
    lastResult: (editing ? replyFor(reply, "update") : replyFor(reply, "create"))?.form,
    defaultValue: editing
      ? { ...editing, keywords: editing.keywords.join("、"), internalMentorTarget: String(editing.internalMentorTarget), externalMentorTarget: String(editing.externalMentorTarget) }
      : { internalMentorTarget: "1", externalMentorTarget: "1" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: editing ? updateDirectionSchema : createDirectionSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const targets = ["1", "2", "3"].map((n) => ({ value: n, label: n }));
  return (
    <div className="space-y-6">
      <StudioPageHeading>{t("studios.directions.heading")}</StudioPageHeading>
      <p className="text-sm text-slate-600">{t("studios.directions.intro", { duty: t(`duty.${studio.duty}`) })}</p>
      <ActionFeedback reply={reply} intent="delete" />
      {directions.length === 0 ? (
        <EmptyState>{t("studios.directions.empty")}</EmptyState>
      ) : (
        <ul className="space-y-3">
          {directions.map((d) => (
            <li key={d.id} className="rounded-lg border border-slate-200 bg-white p-4">
              <div className="flex flex-wrap items-start justify-between gap-2">
                <div>
                  <h2 className="font-semibold">{d.name}</h2>
                  {d.description ? <p className="text-sm text-slate-600">{d.description}</p> : null}
                  <p className="mt-1 flex flex-wrap gap-1">
                    {d.keywords.map((k) => (
                      <Badge key={k}>{k}</Badge>
                    ))}
                  </p>
                  <p className="mt-1 text-xs text-slate-500">
                    {t("studios.page.mentorsNeeded", { internal: d.internalMentorTarget, external: d.externalMentorTarget })} ·{" "}
                    {t("studios.directions.mentors", { count: d._count.mentorAssignments })} · {t("studios.directions.projects", { count: d._count.projects })}
                  </p>
                </div>
                <div className="flex gap-2">
                  <Link to={`?edit=${d.id}`} className="rounded-md border border-slate-300 px-2.5 py-1 text-sm hover:bg-slate-100" aria-label={t("studios.directions.editLabel", { name: d.name })}>
                    {t("studios.directions.edit")}
                  </Link>
                  <ConfirmButton
                    intent="delete"
                    fields={{ directionId: d.id }}
                    label={t("studios.directions.delete")}
                    ariaLabel={t("studios.directions.deleteLabel", { name: d.name })}
                    question={t("studios.directions.confirmDelete", { name: d.name })}
                  />
                </div>
              </div>
            </li>
          ))}
        </ul>
      )}
      <Card title={editing ? t("studios.directions.editLabel", { name: editing.name }) : t("studios.directions.add")}>
        <Form method="post" className="grid gap-4 sm:grid-cols-2" {...getFormProps(form)}>
          <input type="hidden" name="intent" value={editing ? "update" : "create"} />
          {editing ? <input type="hidden" name="directionId" value={editing.id} /> : null}
          <div className="sm:col-span-2">
            <ActionFeedback reply={reply} intent={["create", "update"]} />
          </div>
          <TextField field={fields.name} label={t("studios.directions.name")} className="sm:col-span-2" />
          <TextAreaField field={fields.description} label={t("studios.directions.description")} rows={2} className="sm:col-span-2" />
          <TextField field={fields.keywords} label={t("studios.directions.keywords")} hint={t("studios.directions.keywordsHint")} className="sm:col-span-2" />
          <SelectField field={fields.internalMentorTarget} label={t("studios.directions.internal")} options={targets} />
          <SelectField field={fields.externalMentorTarget} label={t("studios.directions.external")} options={targets} />
          <div className="flex gap-3 sm:col-span-2">
            <SubmitButton intent={editing ? "update" : "create"} pendingLabel={t("studios.directions.adding")}>
              {editing ? t("studios.directions.save") : t("studios.directions.add")}
            </SubmitButton>
            {editing ? (
              <Link to="." className="px-2 py-2 text-sm text-slate-600 hover:underline">
                {t("kit.cancel")}
              </Link>
            ) : null}
          </div>
        </Form>
      </Card>
    </div>
  );
}
