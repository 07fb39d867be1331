import { getFormProps, useForm } from "@conform-to/react";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ActionFeedback } from "~/components/kit/action-feedback.tsx";
import { VersionField } from "~/components/kit/conflict.tsx";
import { buttonClass, SubmitButton } from "~/components/kit/buttons.tsx";
import { Badge, Card } from "~/components/kit/card.tsx";
import { ConfirmButton } from "~/components/kit/confirm.tsx";
import { Content, ContentMessage } from "~/components/kit/content-lang.tsx";
import { Notice, PageHeader } from "~/components/kit/feedback.tsx";
import { TextField } from "~/components/kit/fields.tsx";
import { formatDateTime } from "~/lib/format.ts";
import { parseWithZod } from "~/lib/zod-form.ts";
import type { loader } from "~/routes/meetings.$meetingId.tsx";
import { schoolLocalInput } from "~/training/labels.ts";
import type { action } from "../meeting.actions.server.ts";
import { moveSchema } from "../schemas.ts";
import { CarriedOver } from "./action-item.tsx";
import { AgendaSegment, ItemForm, NoAgenda } from "./agenda.tsx";
import { GroupsPanel } from "./groups-panel.tsx";

/** Replies shown at the top of the page; row forms show their own errors beside the row. */
const PAGE_INTENTS = ["publish", "cancel", "close", "confirmMinutes", "removeItem"];

/** One meeting: header and status, the carried-over action items, the agenda with outcomes, and the organisers' tools. */
export function MeetingPage() {
  const { meeting, abilities, itemSaved, groups } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const when = (d: string | Date) => formatDateTime(d, i18n.language);
  const manage = abilities["meeting:manage"];
  const edit = abilities["meeting:edit"];
  const open = meeting.status === "SCHEDULED" || meeting.status === "IN_PROGRESS";
  const rowSuccess = reply && (reply.intent === "outcome" || reply.intent === "updateAction") && reply.status === "success";
  const hasItems = meeting.segments.some((s) => s.items.length > 0);

  return (
    <div className="mx-auto max-w-5xl space-y-6">
      <PageHeader
        title={meeting.series.title}
        subtitle={
          <span className="flex flex-wrap items-center gap-2">
            <Badge tone={meeting.status === "CLOSED" ? "slate" : meeting.status === "CANCELLED" ? "red" : "sky"}>{t(`meetingStatus.${meeting.status}`)}</Badge>
            {meeting.agendaPublishedAt ? <Badge tone="emerald">{t("meetings.pages.meeting.published")}</Badge> : <Badge tone="amber">{t("meetings.pages.meeting.notPublished")}</Badge>}
            {meeting.minutesConfirmedAt ? <Badge tone="emerald">{t("meetings.pages.meeting.minutesConfirmed")}</Badge> : null}
            <span>{when(meeting.startsAt)}</span>
            {meeting.place ? <Content>{meeting.place}</Content> : null}
            <span>{t("meetings.pages.meeting.length", { minutes: meeting.totals.length })}</span>
          </span>
        }
        actions={
          <>
            <Link to={`/meetings/series/${meeting.series.id}`} className={buttonClass("secondary", "sm")}>
              {t("meetings.pages.meeting.toSeries")}
            </Link>
            {manage && open ? (
              <Link to={`/meetings/${meeting.id}/check-in`} className={buttonClass("secondary", "sm")}>
                {t("meetings.pages.meeting.checkIn")}
              </Link>
            ) : null}
            {meeting.status !== "CANCELLED" && (manage || meeting.minutesDocumentId) ? (
              <Link to={`/meetings/${meeting.id}/minutes`} className={buttonClass("secondary", "sm")}>
                {t("meetings.pages.meeting.minutes")}
              </Link>
            ) : null}
            <a href={`/meetings/${meeting.id}/export.docx`} className={buttonClass("secondary", "sm")} download>
              {t("meetings.pages.meeting.exportDocx")}
            </a>
            {edit && !meeting.agendaPublishedAt ? (
              <ConfirmButton intent="publish" tone="primary" label={t("meetings.pages.meeting.publish")} question={t("meetings.pages.meeting.confirmPublish")} />
            ) : null}
            {edit && meeting.status === "SCHEDULED" ? <ConfirmButton intent="cancel" label={t("meetings.pages.meeting.cancel")} question={t("meetings.pages.meeting.confirmCancel")} /> : null}
            {edit ? <ConfirmButton intent="close" tone="secondary" label={t("meetings.pages.meeting.close")} question={t("meetings.pages.meeting.confirmClose")} /> : null}
            {manage && meeting.status === "CLOSED" && meeting.minutesDocumentId && !meeting.minutesVersion ? (
              <ConfirmButton intent="confirmMinutes" tone="primary" label={t("meetings.pages.meeting.confirmMinutes")} question={t("meetings.pages.meeting.confirmConfirmMinutes")} />
            ) : null}
          </>
        }
      />
      <ActionFeedback reply={reply} intent={PAGE_INTENTS} />
      {rowSuccess ? <ActionFeedback reply={reply} /> : null}
      {itemSaved && !reply ? <Notice tone="success">{t("meetings.pages.agenda.saved")}</Notice> : null}
      {meeting.movedFromStartsAt ? <Notice tone="info">{t("meetings.pages.meeting.movedFrom", { date: when(meeting.movedFromStartsAt) })}</Notice> : null}
      {meeting.status === "CANCELLED" ? <Notice tone="info">{t("meetings.pages.meeting.cancelledNote")}</Notice> : null}
      {meeting.status === "CLOSED" ? (
        <Notice tone="info">{meeting.minutesConfirmedAt ? t("meetings.pages.meeting.confirmedNote") : t("meetings.pages.meeting.closedNote")}</Notice>
      ) : null}

      <CarriedOver />

      <Card title={t("meetings.pages.agenda.heading")}>
        <p className={`text-sm ${meeting.totals.overrun ? "font-medium text-red-700" : "text-slate-600"}`}>
          {meeting.totals.overrun
            ? t("meetings.pages.agenda.overrun", { planned: meeting.totals.planned, length: meeting.totals.length, overrun: meeting.totals.overrun })
            : t("meetings.pages.agenda.total", { planned: meeting.totals.planned, length: meeting.totals.length })}
        </p>
        <div className="mt-3 space-y-4">
          {hasItems || edit ? meeting.segments.map((segment) => <AgendaSegment key={segment.id} segment={segment} />) : <NoAgenda />}
        </div>
        {edit ? (
          <div className="mt-6 border-t border-slate-100 pt-4">
            <ItemForm />
          </div>
        ) : null}
      </Card>

      <GroupsPanel meetingId={meeting.id} {...groups} canEdit={edit} />

      <Card title={t("meetings.pages.meeting.attendance")}>
        <p className="text-sm text-slate-700">{t("meetings.pages.meeting.attendanceCount", { present: meeting._count.attendances, invited: meeting._count.invitations })}</p>
      </Card>

      {edit ? <MoveMeeting /> : null}
    </div>
  );
}

/** Moving this one meeting (date, time, place); asks first, the invitees are told. */
function MoveMeeting() {
  const { meeting } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const { t } = useTranslation();
  const [form, fields] = useForm({
    id: "move",
    lastResult: reply?.intent === "move" ? reply.form : undefined,
    defaultValue: { startsAt: schoolLocalInput(meeting.startsAt), place: meeting.place },
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: moveSchema }),
  });
  return (
    <Card title={t("meetings.pages.meeting.moveHeading")}>
      <ActionFeedback reply={reply} intent="move" />
      <Form method="post" {...getFormProps(form)} className="mt-2 grid gap-3 sm:grid-cols-[1fr_1fr_auto] sm:items-end">
        <input type="hidden" name="intent" value="move" />
        <VersionField version={String(meeting.startsAt)} reply={reply?.intent === "move" ? reply : undefined} />
        <TextField field={fields.startsAt} type="datetime-local" label={t("meetings.pages.meeting.newTime")} />
        <TextField field={fields.place} label={t("meetings.pages.meeting.newPlace")} maxLength={120} />
        <SubmitButton intent="move" tone="secondary" pendingLabel={t("meetings.pages.meeting.moving")}>
          {t("meetings.pages.meeting.move")}
        </SubmitButton>
      </Form>
    </Card>
  );
}
