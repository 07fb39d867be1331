import { getFormProps, useForm } from "@conform-to/react";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ActionFeedback } from "~/components/kit/action-feedback.tsx";
import { SubmitButton } from "~/components/kit/buttons.tsx";
import { Badge, Card } from "~/components/kit/card.tsx";
import { Content, ContentMessage } from "~/components/kit/content-lang.tsx";
import { EmptyState } from "~/components/kit/feedback.tsx";
import { SelectField, TextField } from "~/components/kit/fields.tsx";
import { formatDate, formatDateTime } from "~/lib/format.ts";
import { parseWithZod } from "~/lib/zod-form.ts";
import type { loader } from "~/routes/meetings.$meetingId.tsx";
import type { ActionItemStatus } from "~/generated/prisma/enums.ts";
import type { action } from "../meeting.actions.server.ts";
import { actionUpdateSchema } from "../schemas.ts";
import { rowResult } from "./row-result.ts";

const STATUSES: ActionItemStatus[] = ["OPEN", "IN_PROGRESS", "DONE", "DROPPED"];
const tone = (status: ActionItemStatus) => (status === "DONE" ? "emerald" : status === "DROPPED" ? "slate" : status === "IN_PROGRESS" ? "sky" : "amber");

/** The owner or an organiser sets an open action item's status with a note (reviewed at this meeting). */
export function ActionItemStatusForm({ actionItem }: { actionItem: { id: string; title: string; status: ActionItemStatus } }) {
  const reply = useActionData<typeof action>();
  const { t } = useTranslation();
  const [form, fields] = useForm({
    id: `action-${actionItem.id}`,
    lastResult: rowResult(reply, "updateAction", "actionItemId", actionItem.id),
    defaultValue: { status: actionItem.status },
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: actionUpdateSchema }),
  });
  if (actionItem.status === "DONE" || actionItem.status === "DROPPED") return null;
  return (
    <Form method="post" {...getFormProps(form)} aria-label={t("meetings.pages.actions.updateLabel", { title: actionItem.title })} className="flex w-full flex-wrap items-end gap-2">
      <input type="hidden" name="intent" value="updateAction" />
      <input type="hidden" name="actionItemId" value={actionItem.id} />
      <SelectField field={fields.status} label={t("meetings.pages.actions.status")} options={STATUSES.map((s) => ({ value: s, label: t(`actionItemStatus.${s}`) }))} />
      <TextField field={fields.note} label={t("meetings.pages.actions.note")} maxLength={2000} className="min-w-0 flex-1" />
      <SubmitButton intent="updateAction" match={["actionItemId", actionItem.id]} size="sm" pendingLabel={t("meetings.pages.actions.updating")}>
        {t("meetings.pages.actions.update")}
      </SubmitButton>
      <div className="w-full">
        <ActionFeedback reply={rowResult(reply, "updateAction", "actionItemId", actionItem.id) ? reply : undefined} intent="updateAction" />
      </div>
    </Form>
  );
}

/** 上次督办事项落实情况: the series' action items still open when this meeting began, each with its history across meetings. */
export function CarriedOver() {
  const { meeting, mayUpdateFor } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  return (
    <Card title={t("meetings.pages.actions.carriedOver")}>
      {meeting.carriedOver.length === 0 ? (
        <EmptyState>{t("meetings.pages.actions.noneCarried")}</EmptyState>
      ) : (
        <ul className="divide-y divide-slate-100" aria-label={t("meetings.pages.actions.carriedOver")}>
          {meeting.carriedOver.map((item) => (
            <li key={item.id} className="space-y-2 py-3 text-sm">
              <div className="flex flex-wrap items-center gap-2">
                <Badge tone={tone(item.status)}>{t(`actionItemStatus.${item.status}`)}</Badge>
                <span className="font-medium">
                  <Content>{item.title}</Content>
                </span>
              </div>
              <p className="text-slate-600">
                <ContentMessage values={{ name: item.owner.name, date: formatDate(item.dueOn, i18n.language) }} render={(v) => t("meetings.pages.actions.ownerDue", v)} /> ·{" "}
                <Link to={`/meetings/${item.meeting.id}`} className="text-brand-700 underline">
                  {t("meetings.pages.actions.fromMeeting", { date: formatDate(item.meeting.startsAt, i18n.language) })}
                </Link>
              </p>
              <ol className="ml-4 list-disc space-y-1 text-slate-700" aria-label={t("meetings.pages.actions.history", { title: item.title })}>
                {item.updates.map((u) => (
                  <li key={u.id}>
                    {formatDateTime(u.createdAt, i18n.language)} · <Content>{u.author?.name ?? "—"}</Content> ·{" "}
                    {u.toStatus ? t("meetings.pages.actions.historyStatus", { status: t(`actionItemStatus.${u.toStatus}`) }) : t("meetings.pages.actions.historyNote")}
                    {u.meeting ? ` · ${t("meetings.pages.actions.reviewedAt", { date: formatDate(u.meeting.startsAt, i18n.language) })}` : null}
                    {u.note ? (
                      <>
                        {" · "}
                        <Content>{u.note}</Content>
                      </>
                    ) : null}
                  </li>
                ))}
              </ol>
              {mayUpdateFor.includes(item.owner.id) && meeting.status !== "CANCELLED" ? <ActionItemStatusForm actionItem={item} /> : null}
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
