import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { requireUser } from "~/auth/session.server.ts";
import { loadCampAccess } from "~/camp/access.server.ts";
import StudentsPage from "~/camp/students/pages/students.tsx";
import { campTitle, listStudents } from "~/camp/students/students.server.ts";
import { pageTitle } from "~/i18n/page-title.ts";
import { abilities, authorize } from "~/policy/index.ts";

export { studentsAction as action } from "~/camp/students/students.actions.server.ts";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, (t) => [t("camp.students.title")]);

/** 人物辨识's students of one camp: the organisers and the participants' college admins (each sees the students the list scope gives them; every student shown is audited). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const camp = await loadCampAccess(user, params.campId);
  authorize(user, "camp:view-students", camp);
  const url = new URL(request.url);
  const page = Math.max(1, Math.min(10_000, Math.floor(Number(url.searchParams.get("page"))) || 1));
  const counselor = url.searchParams.get("counselor");
  const counselorId = counselor && counselor.length <= 60 ? counselor : undefined;
  const [title, list] = await Promise.all([campTitle(camp.campId), listStudents(user, camp.campId, { page, counselorId })]);
  return data(
    {
      campId: camp.campId,
      title,
      counselorId: counselorId ?? null,
      ...list,
      students: list.students.map((student) => ({
        ...student,
        abilities: abilities(user, "identificationStudent", { camp, collegeId: student.collegeId, viewerDrawnInOpenAttempt: false }),
      })),
      abilities: abilities(user, "camp", camp),
    },
    // Personal data: never kept by a browser or a proxy.
    { headers: { "Cache-Control": "no-store" } },
  );
}

export default StudentsPage;
