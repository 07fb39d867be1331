import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "~/lib/zod-form.ts";
import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/auth/session.server.ts";
import { ActionFeedback } from "~/components/kit/action-feedback.tsx";
import { Badge, Card } from "~/components/kit/card.tsx";
import { SubmitButton } from "~/components/kit/buttons.tsx";
import { ConfirmButton } from "~/components/kit/confirm.tsx";
import { EmptyState } from "~/components/kit/feedback.tsx";
import { SelectField, TextAreaField, TextField } from "~/components/kit/fields.tsx";
import { Pagination } from "~/components/kit/pagination.tsx";
import { intentAction } from "~/lib/actions.server.ts";
import { replyFor } from "~/lib/action-reply.ts";
import { formatDate } from "~/lib/format.ts";
import { abilities, authorize, permit } from "~/policy/index.ts";
import { loadStudioAccess } from "~/studios/access.server.ts";
import { createActivity, deleteActivity, findActivity, listActivities } from "~/studios/activities.server.ts";
import { ACTIVITY_KINDS, activitySchema, deleteActivitySchema } from "~/studios/schemas.ts";
import { studioPageTitle, useStudio } from "~/studios/studio-context.ts";
import { StudioPageHeading } from "~/studios/studio-header.tsx";

export const meta: MetaFunction = ({ matches }) => studioPageTitle(matches, (t) => [t("studios.activities.heading")]);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const access = await loadStudioAccess(user, params.studioId);
  authorize(user, "studio:view", access.resource);
  const page = Math.max(1, Number(new URL(request.url).searchParams.get("page")) || 1);
  const list = await listActivities(access.studio.id, page);
  return data({
    ...list,
    activities: list.activities.map(({ createdById, ...a }) => ({
      ...a,
      abilities: abilities(user, "activity", { studio: access.resource, viewerRecorded: createdById === user.id }),
    })),
  });
}

export const action = intentAction({
  load: ({ params }, user) => loadStudioAccess(user, params.studioId),
  intents: (intent) => ({
    create: intent({
      schema: activitySchema,
      authorize: ({ user, ctx }) => permit(user, "studio:contribute", ctx.resource),
      run: async ({ user, ctx, t }, input) => {
        await createActivity(ctx.studio.id, input, user.id);
        return { notice: t("studios.activities.created") };
      },
    }),
    delete: intent({
      schema: deleteActivitySchema,
      target: async ({ ctx }, { activityId }) => (await findActivity(ctx.studio.id, activityId)) ?? notFound(),
      authorize: ({ user, ctx }, _input, activity) => permit(user, "activity:delete", { studio: ctx.resource, viewerRecorded: activity.createdById === user.id }),
      confirm: ({ t }, _input, activity) => ({ message: t("studios.activities.confirmDelete", { title: activity.title }), confirmLabel: t("studios.activities.delete") }),
      run: async ({ user, t }, _input, activity) => {
        await deleteActivity(activity.id, user.id);
        return { notice: t("studios.activities.deleted") };
      },
    }),
  }),
});

function notFound(): never {
  throw new Response("Not Found", { status: 404 });
}

export default function Activities() {
  const { activities, total, page, pages } = useLoaderData<typeof loader>();
  const chrome = useStudio();
  const reply = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const [form, fields] = useForm({
    id: "activity",
    lastResult: replyFor(reply, "create")?.form,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: activitySchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  return (
    <div className="space-y-6">
      <StudioPageHeading>{t("studios.activities.heading")}</StudioPageHeading>
      <p className="text-sm text-slate-600">{t("studios.activities.intro")}</p>
      <ActionFeedback reply={reply} intent="delete" />
      {activities.length === 0 ? (
        <EmptyState>{t("studios.activities.empty")}</EmptyState>
      ) : (
        <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white" aria-label={t("studios.activities.heading")}>
          {activities.map((a) => (
            <li key={a.id} className="flex flex-wrap items-start justify-between gap-3 p-4">
              <div>
                <p className="font-medium">{a.title}</p>
                <p className="mt-1 flex flex-wrap items-center gap-2 text-xs text-slate-500">
                  <Badge tone="brand">{t(`activityKind.${a.kind}`)}</Badge>
                  <span>{formatDate(a.date, i18n.language)}</span>
                  {a.location ? <span>{a.location}</span> : null}
                  {a.participants ? <span>{t("studios.activities.people", { count: a.participants })}</span> : null}
                  {a.createdBy ? <span>{t("studios.activities.recordedBy", { name: a.createdBy.name })}</span> : null}
                </p>
                {a.summary ? <p className="mt-1 whitespace-pre-line text-sm text-slate-600">{a.summary}</p> : null}
              </div>
              {a.abilities["activity:delete"] ? (
                <ConfirmButton
                  intent="delete"
                  fields={{ activityId: a.id }}
                  label={t("studios.activities.delete")}
                  ariaLabel={t("studios.activities.deleteLabel", { title: a.title })}
                  question={t("studios.activities.confirmDelete", { title: a.title })}
                />
              ) : null}
            </li>
          ))}
        </ul>
      )}
      <Pagination page={page} pages={pages} total={total} />
      {chrome.abilities["studio:contribute"] ? (
        <Card title={t("studios.activities.create")}>
          <Form method="post" className="grid gap-4 sm:grid-cols-2" {...getFormProps(form)}>
            <input type="hidden" name="intent" value="create" />
            <div className="sm:col-span-2">
              <ActionFeedback reply={reply} intent="create" />
            </div>
            <TextField field={fields.title} label={t("studios.activities.title")} className="sm:col-span-2" />
            <SelectField
              field={fields.kind}
              label={t("studios.activities.kind")}
              placeholder={t("studios.create.choose")}
              options={ACTIVITY_KINDS.map((k) => ({ value: k, label: t(`activityKind.${k}`) }))}
            />
            <TextField field={fields.date} type="date" label={t("studios.activities.date")} />
            <TextField field={fields.location} label={t("studios.activities.location")} />
            <TextField field={fields.participants} type="number" min="1" label={t("studios.activities.participants")} />
            <TextAreaField field={fields.summary} label={t("studios.activities.summary")} rows={3} className="sm:col-span-2" />
            <div className="sm:col-span-2">
              <SubmitButton intent="create" pendingLabel={t("studios.activities.submitting")}>
                {t("studios.activities.submit")}
              </SubmitButton>
            </div>
          </Form>
        </Card>
      ) : null}
    </div>
  );
}
