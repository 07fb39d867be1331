import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ActionFeedback } from "~/components/kit/action-feedback.tsx";
import { ActionButton, buttonClass, SubmitButton } from "~/components/kit/buttons.tsx";
import { Badge, Card } from "~/components/kit/card.tsx";
import { ConfirmButton } from "~/components/kit/confirm.tsx";
import { EmptyState, Notice, PageHeader } from "~/components/kit/feedback.tsx";
import { inputClass } from "~/components/kit/fields.tsx";
import { formatDateTime } from "~/lib/format.ts";
import { CAREER_STAGES } from "~/people/career-stage.ts";
import type { loader } from "~/routes/training.courses.$courseId.tsx";
import type { action } from "../course.actions.server.ts";
import { platformName } from "../labels.ts";
import { GROUPS } from "../schemas.ts";

type Data = ReturnType<typeof useLoaderData<typeof loader>>;

/** One course: what it is, its sessions, the viewer's enrolment (enrol, waitlist position, withdraw), and the organisers' tools. */
export function CoursePage() {
  const { course, abilities, cohorts } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const when = (d: string | Date) => formatDateTime(d, locale);
  const organiser = course.level === "SCHOOL" ? t("training.course.school") : (course.college?.name ?? course.jointGroup?.name ?? "—");
  const window =
    course.enrolOpensAt && course.enrolClosesAt
      ? t("training.course.windowRange", { from: when(course.enrolOpensAt), until: when(course.enrolClosesAt) })
      : course.enrolOpensAt
        ? t("training.course.windowFrom", { from: when(course.enrolOpensAt) })
        : course.enrolClosesAt
          ? t("training.course.windowUntil", { until: when(course.enrolClosesAt) })
          : t("training.course.windowAlways");
  const full = course.capacity !== null && course.enrolled >= course.capacity;
  const manage = abilities["training-course:manage"];

  return (
    <div className="mx-auto max-w-4xl space-y-6">
      <PageHeader
        title={course.title}
        subtitle={
          <span className="flex flex-wrap items-center gap-2">
            <Badge tone={course.status === "PUBLISHED" ? "emerald" : course.status === "DRAFT" ? "amber" : "slate"}>{t(`trainingCourseStatus.${course.status}`)}</Badge>
            <span>{platformName(course.platform, locale)}</span>
            <span>{t(`trainingLevel.${course.level}`)}</span>
            <span>{t("training.menu.hours", { hours: course.hours })}</span>
          </span>
        }
        actions={
          manage ? (
            <>
              <Link to={`/training/courses/${course.id}/edit`} className={buttonClass("secondary", "sm")}>
                {t("training.course.edit")}
              </Link>
              <Link to={`/training/courses/${course.id}/roster`} className={buttonClass("secondary", "sm")}>
                {t("training.course.roster")}
              </Link>
              {course.status === "DRAFT" ? (
                <ConfirmButton intent="publish" tone="primary" label={t("training.course.publish")} question={t("training.course.confirmPublish", { title: course.title })} />
              ) : null}
              {course.status !== "CANCELLED" ? (
                <ConfirmButton intent="cancel" label={t("training.course.cancel")} question={t("training.course.confirmCancel", { title: course.title })} />
              ) : null}
            </>
          ) : null
        }
      />
      <ActionFeedback reply={reply} intent={["enrol", "withdraw", "publish", "cancel"]} />
      {course.status === "DRAFT" ? <Notice tone="info">{t("training.course.draftNote")}</Notice> : null}
      {course.status === "CANCELLED" ? <Notice tone="info">{t("training.course.cancelledNote")}</Notice> : null}

      <Enrolment course={course} abilities={abilities} full={full} />

      <Card title={t("training.catalogue.colTitle")}>
        {course.description ? <p className="whitespace-pre-line text-sm text-slate-700">{course.description}</p> : null}
        <dl className="mt-3 grid gap-3 text-sm sm:grid-cols-2">
          <Item label={t("training.course.organiser")}>{organiser}</Item>
          {course.speaker ? <Item label={t("training.course.speaker")}>{`${course.speaker}（${t(`speakerKind.${course.speakerKind}`)}）`}</Item> : null}
          <Item label={t("training.course.window")}>{window}</Item>
          <Item label={t("training.course.seatsHeading")}>
            {course.capacity === null
              ? t("training.course.seatsUnlimited", { enrolled: course.enrolled })
              : t("training.course.seatsValue", { enrolled: course.enrolled, capacity: course.capacity, waitlisted: course.waitlisted })}
          </Item>
          {course.costYuan > 0 ? <Item label={t("training.course.cost")}>{t("training.course.costValue", { amount: course.costYuan.toLocaleString(locale) })}</Item> : null}
          <Item label={t("training.course.targets")}>
            {course.targets.length === 0 ? (
              t("training.course.everyone")
            ) : (
              <span className="flex flex-wrap gap-1">
                {course.targets.map((target, i) => (
                  <Badge key={i} tone={target.kind === "REQUIRED" ? "red" : "sky"}>
                    {[target.stage ? t(`stage.${target.stage}`) : null, target.group ? t(`group.${target.group}`) : null].filter(Boolean).join(" · ")} · {t(`trainingTargetKind.${target.kind}`)}
                  </Badge>
                ))}
              </span>
            )}
          </Item>
          {course.duties.length ? (
            <Item label={t("training.course.duties")}>
              <span className="flex flex-wrap gap-1">
                {course.duties.map((d) => (
                  <Badge key={d}>{t(`duty.${d}`)}</Badge>
                ))}
              </span>
            </Item>
          ) : null}
        </dl>
      </Card>

      <Card title={t("training.course.sessions")}>
        {course.sessions.length === 0 ? (
          <EmptyState>{t("training.course.noSessions")}</EmptyState>
        ) : (
          <ul className="divide-y divide-slate-100">
            {course.sessions.map((s) => (
              <li key={s.id} className="flex flex-wrap items-start justify-between gap-2 py-2 text-sm">
                <div className="min-w-0">
                  <p className="font-medium">
                    {when(s.startsAt)} – {when(s.endsAt)}
                  </p>
                  <p className="break-words text-slate-600">
                    {s.place}
                    {s.onlineUrl ? (
                      <>
                        {s.place ? " · " : null}
                        <a href={s.onlineUrl} className="text-brand-700 hover:underline" rel="noreferrer" target="_blank">
                          {t("training.course.online")}
                        </a>
                      </>
                    ) : null}
                    {" · "}
                    {t("training.course.sessionHours", { hours: s.hours })}
                  </p>
                </div>
                <span className="flex flex-wrap gap-2">
                  {s.viewerAttendance ? <Badge tone="emerald">{t("training.course.checkedIn", { method: t(`checkInMethod.${s.viewerAttendance.method}`) })}</Badge> : null}
                  {s.checkInOpen ? <Badge tone="sky">{t("training.course.checkInOpen")}</Badge> : null}
                  {manage ? (
                    <Link to={`/training/sessions/${s.id}/check-in`} className={buttonClass("secondary", "sm")} aria-label={t("training.more.checkInScreenLabel", { time: when(s.startsAt) })}>
                      {t("training.more.checkInScreen")}
                    </Link>
                  ) : null}
                </span>
              </li>
            ))}
          </ul>
        )}
      </Card>

      {abilities["training-course:assign"] && cohorts && course.status === "PUBLISHED" ? <AssignCohort cohorts={cohorts} /> : null}
    </div>
  );
}

function Item({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-slate-500">{label}</dt>
      <dd className="break-words">{children}</dd>
    </div>
  );
}

function Enrolment({ course, abilities, full }: { course: Data["course"]; abilities: Data["abilities"]; full: boolean }) {
  const { t } = useTranslation();
  const mine = course.viewerEnrolment;
  const active = mine && mine.status !== "WITHDRAWN";
  if (!active && !abilities["training-course:enrol"]) return null;
  return (
    <section aria-labelledby="enrolment-heading" className="rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="enrolment-heading" className="text-base font-semibold">
        {t("training.course.yourStatus")}
      </h2>
      <div className="mt-2 flex flex-wrap items-center gap-3 text-sm">
        {mine?.status === "ENROLLED" ? (
          <p>
            <Badge tone="brand">{t("trainingEnrolmentStatus.ENROLLED")}</Badge> {t("training.course.enrolled")}
          </p>
        ) : mine?.status === "WAITLISTED" ? (
          <p>
            <Badge tone="amber">{t("trainingEnrolmentStatus.WAITLISTED")}</Badge> {t("training.course.waitlisted", { position: mine.waitlistPosition ?? 1 })}
          </p>
        ) : full ? (
          <p className="text-slate-600">{t("training.course.full")}</p>
        ) : null}
        {abilities["training-course:enrol"] ? (
          <ActionButton intent="enrol" tone="primary" size="md" pendingLabel={t("training.course.enrolling")}>
            {full ? t("training.course.joinWaitlist") : t("training.course.enrol")}
          </ActionButton>
        ) : null}
        {abilities["training-course:withdraw"] ? (
          <ConfirmButton intent="withdraw" tone="secondary" label={t("training.course.withdraw")} question={t("training.course.confirmWithdraw", { title: course.title })} />
        ) : null}
      </div>
    </section>
  );
}

type CohortKind = "stage" | "group" | "college" | "studio";

function AssignCohort({ cohorts }: { cohorts: NonNullable<Data["cohorts"]> }) {
  const { t } = useTranslation();
  const reply = useActionData<typeof action>();
  const [kind, setKind] = useState<CohortKind>("stage");
  const select = (name: string, label: string, options: ReadonlyArray<{ value: string; label: string }>) => (
    <div>
      <label htmlFor={`cohort-${name}`} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      <select id={`cohort-${name}`} name={name} required className={inputClass}>
        <option value="">{t("training.course.choose")}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
  const kinds: Array<[CohortKind, string]> = [
    ["stage", t("training.course.cohortStage")],
    ["group", t("training.course.cohortGroup")],
    ["college", t("training.course.cohortCollege")],
    ["studio", t("training.course.cohortStudio")],
  ];
  return (
    <Card title={t("training.course.assignHeading")}>
      <p className="text-sm text-slate-600">{t("training.course.assignIntro")}</p>
      {cohorts.ownCollegeOnly ? <p className="mt-1 text-sm text-slate-600">{t("training.course.assignOwnCollege")}</p> : null}
      <div className="mt-3">
        <ActionFeedback reply={reply} intent="assign" />
      </div>
      <Form method="post" className="mt-3 grid gap-3 sm:grid-cols-[12rem_1fr_auto] sm:items-end">
        <input type="hidden" name="intent" value="assign" />
        <div>
          <label htmlFor="cohort-kind" className="block text-sm font-medium text-slate-700">
            {t("training.course.cohortKind")}
          </label>
          <select id="cohort-kind" name="kind" value={kind} onChange={(e) => setKind(e.currentTarget.value as CohortKind)} className={inputClass}>
            {kinds.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </div>
        {kind === "stage" ? select("stage", t("training.course.cohortStageField"), CAREER_STAGES.map((s) => ({ value: s, label: t(`stage.${s}`) }))) : null}
        {kind === "group" ? select("group", t("training.course.cohortGroupField"), GROUPS.map((g) => ({ value: g, label: t(`group.${g}`) }))) : null}
        {kind === "college" ? select("collegeId", t("training.course.cohortCollegeField"), cohorts.colleges.map((c) => ({ value: c.id, label: c.name }))) : null}
        {kind === "studio" ? select("studioId", t("training.course.cohortStudioField"), cohorts.studios.map((s) => ({ value: s.id, label: s.name }))) : null}
        <SubmitButton intent="assign" pendingLabel={t("training.course.assigning")}>
          {t("training.course.assign")}
        </SubmitButton>
      </Form>
    </Card>
  );
}
