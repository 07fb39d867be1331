import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "~/lib/zod-form.ts";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ActionFeedback } from "~/components/kit/action-feedback.tsx";
import { VersionField } from "~/components/kit/conflict.tsx";
import { buttonClass, SubmitButton } from "~/components/kit/buttons.tsx";
import { Card } from "~/components/kit/card.tsx";
import { ConfirmButton } from "~/components/kit/confirm.tsx";
import { EmptyState, Notice, PageHeader } from "~/components/kit/feedback.tsx";
import { TextField } from "~/components/kit/fields.tsx";
import { replyFor } from "~/lib/action-reply.ts";
import { formatDateTime } from "~/lib/format.ts";
import type { loader } from "~/routes/training.courses.$courseId_.edit.tsx";
import { CourseForm } from "../course-form.tsx";
import type { action } from "../edit-course.actions.server.ts";
import { schoolLocalInput } from "../labels.ts";
import { sessionEditSchema, sessionSchema } from "../schemas.ts";

/** Editing a course and its sessions (organisers). */
export function EditCoursePage() {
  const { course, options, created, editingSessionId, sessionSaved } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const targets = Object.fromEntries(course.targets.flatMap((target) => [target.stage, target.group].filter((k): k is NonNullable<typeof k> => k !== null).map((k) => [k, target.kind])));
  const [sessionForm, sessionFields] = useForm({
    id: "add-session",
    lastResult: replyFor(reply, "addSession")?.form,
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: sessionSchema }),
  });
  return (
    <div className="mx-auto max-w-4xl space-y-6">
      <PageHeader
        title={t("training.course.editTitle")}
        subtitle={course.title}
        actions={
          <Link to={`/training/courses/${course.id}`} className={buttonClass("secondary", "sm")}>
            {t("training.course.toCourse")}
          </Link>
        }
      />
      {created && !reply ? <Notice tone="success">{t("training.course.createdNotice")}</Notice> : null}
      {sessionSaved && !reply ? <Notice tone="success">{t("training.more.sessionUpdated")}</Notice> : null}
      <ActionFeedback reply={reply} intent={["update", "removeSession"]} />

      <Card title={t("training.course.sessionsHeading")}>
        {course.sessions.length === 0 ? (
          <EmptyState>{t("training.course.noSessions")}</EmptyState>
        ) : (
          <ul className="divide-y divide-slate-100" aria-label={t("training.course.sessionsHeading")}>
            {course.sessions.map((s) => {
              const time = formatDateTime(s.startsAt, i18n.language);
              if (s.id === editingSessionId) {
                return (
                  <li key={s.id} className="py-3">
                    <EditSession session={s} time={time} courseId={course.id} />
                  </li>
                );
              }
              return (
                <li key={s.id} className="flex flex-wrap items-center justify-between gap-2 py-2 text-sm">
                  <span className="min-w-0 break-words">
                    {time} – {formatDateTime(s.endsAt, i18n.language)} · {s.place || s.onlineUrl} · {t("training.course.sessionHours", { hours: s.hours })}
                  </span>
                  <span className="flex flex-wrap gap-2">
                    <Link to={`?session=${s.id}`} preventScrollReset className={buttonClass("secondary", "sm")} aria-label={t("training.more.editSessionLabel", { time })}>
                      {t("training.more.editSession")}
                    </Link>
                    <ConfirmButton
                      intent="removeSession"
                      fields={{ sessionId: s.id }}
                      label={t("training.course.removeSession")}
                      ariaLabel={t("training.course.removeSessionLabel", { time })}
                      question={t("training.course.confirmRemoveSession", { time })}
                    />
                  </span>
                </li>
              );
            })}
          </ul>
        )}
        <div className="mt-4">
          <ActionFeedback reply={reply} intent="addSession" />
        </div>
        <Form method="post" {...getFormProps(sessionForm)} className="mt-3 grid gap-3 sm:grid-cols-2">
          <input type="hidden" name="intent" value="addSession" />
          <TextField field={sessionFields.startsAt} type="datetime-local" label={t("training.course.sessionStarts")} />
          <TextField field={sessionFields.endsAt} type="datetime-local" label={t("training.course.sessionEnds")} />
          <TextField field={sessionFields.place} label={t("training.course.sessionPlace")} maxLength={200} />
          <TextField field={sessionFields.onlineUrl} type="text" inputMode="url" label={t("training.course.sessionUrl")} />
          <TextField field={sessionFields.hours} type="number" min="0.5" max="200" step="0.5" label={t("training.course.sessionHoursField")} />
          <div className="flex items-end">
            <SubmitButton intent="addSession" pendingLabel={t("training.course.addingSession")}>
              {t("training.course.addSession")}
            </SubmitButton>
          </div>
        </Form>
      </Card>

      <CourseForm
        intent="update"
        options={options}
        defaults={{
          title: course.title,
          description: course.description,
          platformId: course.platform.id,
          level: course.level,
          collegeId: course.college?.id ?? "",
          jointGroupId: course.jointGroup?.id ?? "",
          duties: course.duties,
          speaker: course.speaker,
          speakerKind: course.speakerKind,
          capacity: course.capacity === null ? "" : String(course.capacity),
          costYuan: String(course.costYuan),
          enrolOpensAt: schoolLocalInput(course.enrolOpensAt),
          enrolClosesAt: schoolLocalInput(course.enrolClosesAt),
          year: String(course.year),
        }}
        targets={targets}
        lastResult={replyFor(reply, "update")?.form}
        versionField={<VersionField version={String(course.updatedAt)} reply={replyFor(reply, "update")} />}
        submitLabel={t("training.course.save")}
        pendingLabel={t("training.course.saving")}
      />
    </div>
  );
}

type EditedSession = ReturnType<typeof useLoaderData<typeof loader>>["course"]["sessions"][number];

/** A session's time, place, online link and hours, changed in place (opened by `?session=`; works without JavaScript). */
function EditSession({ session, time, courseId }: { session: EditedSession; time: string; courseId: string }) {
  const reply = useActionData<typeof action>();
  const { t } = useTranslation();
  const [form, fields] = useForm({
    id: `edit-session-${session.id}`,
    lastResult: replyFor(reply, "updateSession")?.form,
    defaultValue: {
      startsAt: schoolLocalInput(session.startsAt),
      endsAt: schoolLocalInput(session.endsAt),
      place: session.place,
      onlineUrl: session.onlineUrl ?? "",
      hours: String(session.hours),
    },
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: sessionEditSchema }),
  });
  return (
    <Form method="post" {...getFormProps(form)} aria-labelledby={`${form.id}-heading`} className="grid gap-3 sm:grid-cols-2">
      <h3 id={`${form.id}-heading`} className="text-sm font-semibold sm:col-span-2">
        {t("training.more.editSessionHeading", { time })}
      </h3>
      <div className="sm:col-span-2">
        <ActionFeedback reply={reply} intent="updateSession" />
      </div>
      <input type="hidden" name="intent" value="updateSession" />
      <input type="hidden" name="sessionId" value={session.id} />
      <TextField field={fields.startsAt} type="datetime-local" label={t("training.course.sessionStarts")} />
      <TextField field={fields.endsAt} type="datetime-local" label={t("training.course.sessionEnds")} />
      <TextField field={fields.place} label={t("training.course.sessionPlace")} maxLength={200} />
      <TextField field={fields.onlineUrl} type="text" inputMode="url" label={t("training.course.sessionUrl")} />
      <TextField field={fields.hours} type="number" min="0.5" max="200" step="0.5" label={t("training.course.sessionHoursField")} />
      <div className="flex flex-wrap items-end gap-2">
        <SubmitButton intent="updateSession" pendingLabel={t("training.more.savingSession")}>
          {t("training.more.saveSession")}
        </SubmitButton>
        <Link to={`/training/courses/${courseId}/edit`} preventScrollReset className={buttonClass("secondary")}>
          {t("training.more.cancelEdit")}
        </Link>
      </div>
    </Form>
  );
}
