import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { requireUser } from "~/auth/session.server.ts";
import { pageTitle } from "~/i18n/page-title.ts";
import { abilities as abilitiesOf, authorize } from "~/policy/index.ts";
import { loadCourseAccess } from "~/training/access.server.ts";
import { courseDetail } from "~/training/catalogue.server.ts";
import { cohortOptions } from "~/training/pages.server.ts";
import { CoursePage } from "~/training/pages/course.tsx";

export { action } from "~/training/course.actions.server.ts";
export default CoursePage;

export const meta: MetaFunction<typeof loader> = ({ matches, data }) => pageTitle(matches, () => [data?.course.title]);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const access = await loadCourseAccess(user, params.courseId);
  authorize(user, "training-course:view", access.resource);
  const abilities = abilitiesOf(user, "trainingCourse", access.resource);
  const [course, cohorts] = await Promise.all([courseDetail(access.course.id, user.id), abilities["training-course:assign"] ? cohortOptions(user) : null]);
  return data({ course, abilities, cohorts });
}
