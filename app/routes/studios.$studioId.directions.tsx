import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/auth/session.server.ts";
import { Badge, Card } from "~/components/kit/card.tsx";
import { SubmitButton } from "~/components/kit/buttons.tsx";
import { ConfirmPrompt, EmptyState, Notice } from "~/components/kit/feedback.tsx";
import { SelectField, TextAreaField, TextField } from "~/components/kit/fields.tsx";
import { getFixedT, getLocale } from "~/i18n/i18n.server.ts";
import { needsConfirmation } from "~/lib/confirm.server.ts";
import { translatedReply } from "~/lib/forms.server.ts";
import { authorize } from "~/policy/index.ts";
import { loadStudioAccess } from "~/studios/access.server.ts";
import { ruleMessage, studioChrome } from "~/studios/chrome.server.ts";
import { deleteDirection, listDirections, saveDirection } from "~/studios/directions.server.ts";
import { deleteDirectionSchema, directionSchema } from "~/studios/schemas.ts";
import { studioPageTitle, useStudio } from "~/studios/studio-context.ts";
import { StudioPageHeading } from "~/studios/studio-header.tsx";

export const meta: MetaFunction = ({ matches }) => studioPageTitle(matches, (t) => [t("studios.directions.heading")]);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const access = await loadStudioAccess(user, params.studioId);
  authorize(user, "studio:manage", access.resource);
  return data({ chrome: studioChrome(user, access), directions: await listDirections(access.studio.id) });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const access = await loadStudioAccess(user, params.studioId);
  authorize(user, "studio:manage", access.resource);
  const [t, locale] = await Promise.all([getFixedT(request), getLocale(request)]);
  const form = await request.formData();
  if (form.get("intent") === "delete") {
    const parsed = deleteDirectionSchema.safeParse(Object.fromEntries(form));
    if (!parsed.success) return data({ result: null, notice: null, confirm: null, error: t("kit.invalidRequest") }, { status: 400 });
    const direction = (await listDirections(access.studio.id)).find((d) => d.id === parsed.data.directionId);
    if (!direction) throw new Response("Not Found", { status: 404 });
    const confirm = needsConfirmation(form, t("studios.directions.confirmDelete", { name: direction.name }), t("studios.directions.delete"));
    if (confirm) return data({ result: null, notice: null, confirm, error: null });
    await deleteDirection(access.studio.id, direction.id, user.id);
    return data({ result: null, notice: t("studios.directions.deleted"), confirm: null, error: null });
  }
  const submission = parseWithZod(form, { schema: directionSchema });
  if (submission.status !== "success") return data({ result: translatedReply(submission, t), notice: null, confirm: null, error: null }, { status: 400 });
  const { intent, directionId, ...input } = submission.value;
  try {
    await saveDirection(access.studio.id, intent === "update" ? directionId : undefined, input, user.id);
  } catch (error) {
    return data({ result: submission.reply({ fieldErrors: { name: [ruleMessage(error, t, locale)] } }), notice: null, confirm: null, error: null }, { status: 409 });
  }
  return data({
    result: submission.reply({ resetForm: true }),
    notice: t(intent === "update" ? "studios.directions.updated" : "studios.directions.created"),
    confirm: null,
    error: null,
  });
}

export default function Directions() {
  const { directions } = useLoaderData<typeof loader>();
  const chrome = useStudio();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const editing = directions.find((d) => d.id === params.get("edit")) ?? null;
  const [form, fields] = useForm({
    id: editing ? `direction-${editing.id}` : "direction-new",
    lastResult: actionData?.result,
    defaultValue: editing
      ? { ...editing, keywords: editing.keywords.join("、"), internalMentorTarget: String(editing.internalMentorTarget), externalMentorTarget: String(editing.externalMentorTarget) }
      : { internalMentorTarget: "1", externalMentorTarget: "1" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: directionSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const targets = ["1", "2", "3"].map((n) => ({ value: n, label: n }));
  return (
    <div className="space-y-6">
      <StudioPageHeading>{t("studios.directions.heading")}</StudioPageHeading>
      <p className="text-sm text-slate-600">{t("studios.directions.intro", { duty: t(`duty.${chrome.duty}`) })}</p>
      {actionData?.confirm ? <ConfirmPrompt request={actionData.confirm} cancelLabel={t("kit.cancel")} pendingLabel={t("kit.working")} /> : null}
      {actionData?.notice ? <Notice tone="success">{actionData.notice}</Notice> : null}
      {actionData?.error ? <Notice tone="error">{actionData.error}</Notice> : null}
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
                  <Form method="post">
                    <input type="hidden" name="intent" value="delete" />
                    <input type="hidden" name="directionId" value={d.id} />
                    <SubmitButton size="sm" tone="danger" intent="delete" match={["directionId", d.id]} pendingLabel={t("kit.working")} label={t("studios.directions.deleteLabel", { name: d.name })}>
                      {t("studios.directions.delete")}
                    </SubmitButton>
                  </Form>
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
          <TextField field={fields.name} label={t("studios.directions.name")} className="sm:col-span-2" />
          <TextAreaField field={fields.description} label={t("studios.directions.description")} rows={2} className="sm:col-span-2" />
          <TextField field={fields.keywords} label={t("studios.directions.keywords")} hint={t("studios.directions.keywordsHint")} className="sm:col-span-2" />
          <SelectField field={fields.internalMentorTarget} label={t("studios.directions.internal")} options={targets} />
          <SelectField field={fields.externalMentorTarget} label={t("studios.directions.external")} options={targets} />
          <div className="flex gap-3 sm:col-span-2">
            <SubmitButton pendingLabel={t("studios.directions.adding")}>{editing ? t("studios.directions.save") : t("studios.directions.add")}</SubmitButton>
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
