import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/auth/session.server.ts";
import { Badge, Card } from "~/components/kit/card.tsx";
import { SubmitButton } from "~/components/kit/buttons.tsx";
import { ConfirmPrompt, EmptyState, Notice } from "~/components/kit/feedback.tsx";
import { SelectField, TextAreaField, TextField } from "~/components/kit/fields.tsx";
import { Pagination } from "~/components/kit/pagination.tsx";
import { getFixedT } from "~/i18n/i18n.server.ts";
import { needsConfirmation } from "~/lib/confirm.server.ts";
import { translatedReply } from "~/lib/forms.server.ts";
import { formatDate } from "~/lib/format.ts";
import { abilities, authorize } from "~/policy/index.ts";
import { loadStudioAccess } from "~/studios/access.server.ts";
import { createActivity, deleteActivity, findActivity, listActivities } from "~/studios/activities.server.ts";
import { studioChrome } from "~/studios/chrome.server.ts";
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
    chrome: studioChrome(user, access),
    ...list,
    activities: list.activities.map(({ createdById, ...a }) => ({
      ...a,
      abilities: abilities(user, "activity", { studio: access.resource, viewerRecorded: createdById === user.id }),
    })),
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const access = await loadStudioAccess(user, params.studioId);
  const t = await getFixedT(request);
  const form = await request.formData();
  if (form.get("intent") === "delete") {
    const parsed = deleteActivitySchema.safeParse(Object.fromEntries(form));
    if (!parsed.success) throw new Response("Bad Request", { status: 400 });
    const activity = await findActivity(access.studio.id, parsed.data.activityId);
    if (!activity) throw new Response("Not Found", { status: 404 });
    authorize(user, "activity:delete", { studio: access.resource, viewerRecorded: activity.createdById === user.id });
    const confirm = needsConfirmation(form, t("studios.activities.confirmDelete", { title: activity.title }), t("studios.activities.delete"));
    if (confirm) return data({ result: null, notice: null, confirm });
    await deleteActivity(activity.id, user.id);
    return data({ result: null, notice: t("studios.activities.deleted"), confirm: null });
  }
  authorize(user, "studio:contribute", access.resource);
  const submission = parseWithZod(form, { schema: activitySchema });
  if (submission.status !== "success") return data({ result: translatedReply(submission, t), notice: null, confirm: null }, { status: 400 });
  await createActivity(access.studio.id, submission.value, user.id);
  return data({ result: submission.reply({ resetForm: true }), notice: t("studios.activities.created"), confirm: null });
}

export default function Activities() {
  const { activities, total, page, pages } = useLoaderData<typeof loader>();
  const chrome = useStudio();
  const actionData = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const [form, fields] = useForm({
    id: "activity",
    lastResult: actionData?.result,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: activitySchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  return (
    <div className="space-y-6">
      <StudioPageHeading>{t("studios.activities.heading")}</StudioPageHeading>
      <p className="text-sm text-slate-600">{t("studios.activities.intro")}</p>
      {actionData?.confirm ? <ConfirmPrompt request={actionData.confirm} cancelLabel={t("kit.cancel")} pendingLabel={t("kit.working")} /> : null}
      {actionData?.notice ? <Notice tone="success">{actionData.notice}</Notice> : null}
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
                <Form method="post">
                  <input type="hidden" name="intent" value="delete" />
                  <input type="hidden" name="activityId" value={a.id} />
                  <SubmitButton size="sm" tone="danger" intent="delete" match={["activityId", a.id]} pendingLabel={t("kit.working")} label={t("studios.activities.deleteLabel", { title: a.title })}>
                    {t("studios.activities.delete")}
                  </SubmitButton>
                </Form>
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
