import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { ReactNode } from "react";
import type { recommendationAction } from "~/camp/release/recommendation.actions.server.ts";
import { ActionFeedback } from "~/components/kit/action-feedback.tsx";
import { buttonClass } from "~/components/kit/buttons.tsx";
import { Badge, Card, type BadgeTone } from "~/components/kit/card.tsx";
import { EmptyState, PageHeader } from "~/components/kit/feedback.tsx";
import { translateKey } from "~/i18n/keys.ts";
import { formatDateTime } from "~/lib/format.ts";
import type { loader } from "~/routes/training._index.tsx";
import { platformName } from "../labels.ts";

type Menu = ReturnType<typeof useLoaderData<typeof loader>>["menu"];
type MenuCourse = Menu["requiredCourses"][number];

/** 我的培训菜单 (issue 18, point 3): required items with their status, electives ranked with a reason, this year's progress. */
export function MenuPage() {
  const { menu, viewerId } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof recommendationAction>();
  const { t } = useTranslation();
  const stage = t(`stage.${menu.stage}`);
  return (
    <div className="mx-auto max-w-4xl space-y-6">
      <PageHeader
        title={t("training.menu.title")}
        subtitle={menu.plan ? t("training.menu.intro", { stage, plan: menu.plan.name, goal: menu.plan.phaseGoal }) : t("training.menu.noPlan", { stage })}
        actions={
          <Link to="/training/courses" className={buttonClass("secondary")}>
            {t("training.menu.toCatalogue")}
          </Link>
        }
      />
      <ActionFeedback reply={reply} intent={["dismissRecommendation", "restoreRecommendation"]} />
      <Progress menu={menu} />
      {menu.empty ? (
        <EmptyState>
          {menu.emptyReason === "noPlan" ? t("training.more.menuEmptyNoPlan", { stage }) : t("training.menu.empty")}
          <span className="mt-3 flex flex-wrap justify-center gap-2">
            <Link to="/training/courses" className={buttonClass("primary", "sm")}>
              {t("training.menu.toCatalogue")}
            </Link>
            <Link to="/training/external" className={buttonClass("secondary", "sm")}>
              {t("training.more.toExternal")}
            </Link>
          </span>
        </EmptyState>
      ) : (
        <>
          <section aria-labelledby="required-heading" className="space-y-3">
            <div>
              <h2 id="required-heading" className="text-lg font-semibold">
                {t("training.menu.requiredHeading")}
              </h2>
              <p className="text-sm text-slate-600">{t("training.menu.requiredIntro")}</p>
            </div>
            {menu.requiredItems.length ? <RequiredItems items={menu.requiredItems} /> : null}
            {menu.requiredCourses.length ? (
              <ul className="space-y-3" aria-label={t("training.menu.requiredHeading")}>
                {menu.requiredCourses.map((course) => (
                  <CourseItem key={course.id} course={course} />
                ))}
              </ul>
            ) : (
              <EmptyState>{menu.requiredDone.length ? t("training.menu.requiredAllDone") : t("training.menu.noRequired")}</EmptyState>
            )}
            {menu.requiredToDo > menu.requiredCourses.length ? (
              <Link to="?required=all" className={buttonClass("secondary", "sm")}>
                {t("training.menu.requiredShowAll", { count: menu.requiredToDo })}
              </Link>
            ) : null}
            {menu.requiredDone.length ? (
              <details className="rounded-lg border border-slate-200 bg-white p-3 text-sm">
                <summary className="cursor-pointer font-medium text-slate-700">{t("training.menu.requiredDone", { count: menu.requiredDone.length })}</summary>
                <ul className="mt-2 space-y-1">
                  {menu.requiredDone.map((course) => (
                    <li key={course.id}>
                      <Link to={`/training/courses/${course.id}`} className="break-words text-brand-700 hover:underline">
                        {course.title}
                      </Link>
                    </li>
                  ))}
                </ul>
              </details>
            ) : null}
          </section>
          <section aria-labelledby="electives-heading" className="space-y-3">
            <div>
              <h2 id="electives-heading" className="text-lg font-semibold">
                {t("training.menu.electivesHeading")}
              </h2>
              <p className="text-sm text-slate-600">{t("training.menu.electivesIntro")}</p>
              {menu.campRecommendations && menu.campRecommendations.dismissed > 0 ? (
                <Link to={`/camp/${menu.campRecommendations.campId}/results/${viewerId}#dismissed`} className="mt-1 inline-block text-sm text-brand-700 underline">
                  {t("camp.release.recommendation.seeDismissed", { count: menu.campRecommendations.dismissed })}
                </Link>
              ) : null}
            </div>
            {menu.electives.length ? (
              <ol className="space-y-3" aria-label={t("training.menu.electivesHeading")}>
                {menu.electives.map((course) => (
                  <CourseItem key={course.id} course={course} reason={translateKey(t, course.reason.key, { duty: course.reason.duty ? t(`duty.${course.reason.duty}`) : "" })}>
                    {course.recommendedBy ? <DismissRecommendation campId={course.recommendedBy.campId} courseId={course.id} title={course.title} /> : null}
                  </CourseItem>
                ))}
              </ol>
            ) : (
              <EmptyState>{t("training.menu.noElectives")}</EmptyState>
            )}
          </section>
        </>
      )}
    </div>
  );
}

function Progress({ menu }: { menu: Menu }) {
  const { t } = useTranslation();
  const { plan, schoolLevel, induction, nationalOrProvincial } = menu.compliance;
  const percent = plan.required > 0 ? Math.min(100, Math.round((plan.done / plan.required) * 100)) : 100;
  const itemsDone = menu.requiredItems.filter((i) => i.done).length;
  return (
    <Card title={t("training.menu.progressHeading", { year: menu.year })}>
      <p className="text-sm text-slate-700">{t("training.menu.hoursProgress", { done: plan.done, required: plan.required })}</p>
      <div
        role="progressbar"
        aria-label={t("training.menu.hoursBar")}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={t("training.menu.hoursProgress", { done: plan.done, required: plan.required })}
        className="mt-2 h-3 w-full overflow-hidden rounded-full bg-slate-200"
      >
        <div className={`h-full rounded-full ${percent >= 100 ? "bg-emerald-500" : "bg-brand-600"}`} style={{ width: `${percent}%` }} />
      </div>
      <ul className="mt-3 space-y-1 text-sm text-slate-600">
        {menu.requiredItems.length ? <li>{t("training.menu.itemsProgress", { done: itemsDone, total: menu.requiredItems.length })}</li> : null}
        <li className={schoolLevel.short > 0 ? "text-amber-800" : undefined}>{t("training.menu.schoolLevel", { done: schoolLevel.done, required: schoolLevel.required })}</li>
        {induction.applies ? <li className={induction.short > 0 ? "text-amber-800" : undefined}>{t("training.menu.induction", { done: induction.done, required: induction.required })}</li> : null}
        {nationalOrProvincial.short ? <li className="text-amber-800">{t("training.menu.nationalShort", { years: nationalOrProvincial.everyYears })}</li> : null}
      </ul>
    </Card>
  );
}

function RequiredItems({ items }: { items: Menu["requiredItems"] }) {
  const { t, i18n } = useTranslation();
  return (
    <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white" aria-label={t("training.menu.requiredHeading")}>
      {items.map((item, index) => (
        <li key={`${item.label}-${index}`} className="flex flex-wrap items-center justify-between gap-2 p-3 text-sm">
          <div className="min-w-0">
            <p className="font-medium">{item.label}</p>
            <p className="text-xs text-slate-500">
              {item.course ? (
                <Link to={`/training/courses/${item.course.id}`} className="text-brand-700 hover:underline">
                  {item.course.title}
                </Link>
              ) : item.platform ? (
                platformName(item.platform, i18n.language)
              ) : null}
              {" · "}
              {item.minHours !== null ? t("training.menu.itemHours", { hours: item.hours, min: item.minHours }) : t("training.menu.itemHoursAny", { hours: item.hours })}
              {item.perYear ? null : ` · ${t("training.menu.itemOnce")}`}
            </p>
          </div>
          <Badge tone={item.done ? "emerald" : "amber"}>{item.done ? t("training.menu.itemDone") : t("training.menu.itemOpen")}</Badge>
        </li>
      ))}
    </ul>
  );
}

/** Where the person stands with a course on their menu. */
function useStatus(status: string): [string, BadgeTone] {
  const { t } = useTranslation();
  if (status === "ATTENDED") return [t("training.menu.attended"), "emerald"];
  if (status === "ENROLLED") return [t("trainingEnrolmentStatus.ENROLLED"), "brand"];
  if (status === "WAITLISTED") return [t("trainingEnrolmentStatus.WAITLISTED"), "amber"];
  return [t("training.menu.notEnrolled"), "slate"];
}

/**
 * 不感兴趣 on a course the camp recommended (issue 20 §6): a plain post (works without JavaScript);
 * it can be undone from the camp results page, which the menu links to once something is set aside.
 */
function DismissRecommendation({ campId, courseId, title }: { campId: string; courseId: string; title: string }) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting" && navigation.formData?.get("courseId") === courseId;
  return (
    <Form method="post" className="mt-2">
      <input type="hidden" name="intent" value="dismissRecommendation" />
      <input type="hidden" name="campId" value={campId} />
      <input type="hidden" name="courseId" value={courseId} />
      <button type="submit" disabled={busy} aria-label={t("camp.release.recommendation.dismissLabel", { title })} className={buttonClass("secondary", "sm")}>
        {busy ? t("kit.working") : t("camp.release.recommendation.dismiss")}
      </button>
    </Form>
  );
}

function CourseItem({ course, reason, children }: { course: MenuCourse; reason?: string; children?: ReactNode }) {
  const { t, i18n } = useTranslation();
  const [status, tone] = useStatus(course.status);
  return (
    <li className="rounded-lg border border-slate-200 bg-white p-4">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <Link to={`/training/courses/${course.id}`} className="min-w-0 break-words font-medium text-brand-700 hover:underline">
          {course.title}
        </Link>
        <Badge tone={tone}>{status}</Badge>
      </div>
      {reason ? <p className="mt-1 text-sm text-slate-700">{reason}</p> : null}
      <p className="mt-1 flex flex-wrap gap-x-3 gap-y-1 text-xs text-slate-500">
        <span>{platformName(course.platform, i18n.language)}</span>
        <span>{t(`trainingLevel.${course.level}`)}</span>
        <span>{t("training.menu.hours", { hours: course.hours })}</span>
        <span>{course.nextSession ? t("training.menu.nextSession", { time: formatDateTime(course.nextSession.startsAt, i18n.language) }) : t("training.menu.noSession")}</span>
      </p>
      {children}
    </li>
  );
}
