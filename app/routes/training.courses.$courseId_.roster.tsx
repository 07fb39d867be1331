import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/auth/session.server.ts";
import { buttonClass } from "~/components/kit/buttons.tsx";
import { Badge } from "~/components/kit/card.tsx";
import { DataTable } from "~/components/kit/data-table.tsx";
import { EmptyState, PageHeader } from "~/components/kit/feedback.tsx";
import { Pagination } from "~/components/kit/pagination.tsx";
import { pageTitle } from "~/i18n/page-title.ts";
import { authorize } from "~/policy/index.ts";
import { loadCourseAccess } from "~/training/access.server.ts";
import { courseRoster } from "~/training/catalogue.server.ts";

export const meta: MetaFunction<typeof loader> = ({ matches, data }) => pageTitle(matches, (t) => [t("training.course.rosterTitle", { title: data?.course.title ?? "" })]);

/** A course's roster for its organisers: everyone enrolled (then waiting, in order) and how many sessions each attended. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const access = await loadCourseAccess(user, params.courseId);
  authorize(user, "training-course:manage", access.resource);
  const page = Math.max(1, Math.min(10_000, Math.floor(Number(new URL(request.url).searchParams.get("page"))) || 1));
  const roster = await courseRoster(access.course.id, page);
  return data({
    course: access.course,
    sessions: roster.sessions,
    page,
    pages: roster.pages,
    total: roster.total,
    rows: roster.enrolments.map((e) => ({ id: e.id, status: e.status, source: e.source, name: e.user.name, college: e.user.college?.name ?? "—", attended: e.attended })),
  });
}

export default function Roster() {
  const { course, sessions, rows, page, pages, total } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <div className="mx-auto max-w-4xl space-y-6">
      <PageHeader
        title={t("training.course.rosterTitle", { title: course.title })}
        actions={
          <Link to={`/training/courses/${course.id}`} className={buttonClass("secondary", "sm")}>
            {t("training.course.back")}
          </Link>
        }
      />
      <DataTable
        caption={t("training.course.roster")}
        rows={rows}
        rowKey={(r) => r.id}
        empty={<EmptyState>{t("training.course.rosterEmpty")}</EmptyState>}
        columns={[
          { key: "name", header: t("training.course.colName"), primary: true, cell: (r) => r.name },
          { key: "college", header: t("training.course.colCollege"), cell: (r) => r.college },
          { key: "status", header: t("training.course.colStatus"), cell: (r) => <Badge tone={r.status === "ENROLLED" ? "brand" : "amber"}>{t(`trainingEnrolmentStatus.${r.status}`)}</Badge> },
          { key: "source", header: t("training.course.colSource"), cell: (r) => t(`trainingEnrolmentSource.${r.source}`) },
          { key: "attended", header: t("training.course.colAttended"), numeric: true, cell: (r) => t("training.course.attendedOf", { count: r.attended, total: sessions }) },
        ]}
      />
      <Pagination page={page} pages={pages} total={total} />
    </div>
  );
}
