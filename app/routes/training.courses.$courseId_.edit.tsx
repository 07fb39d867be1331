import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { requireUser } from "~/auth/session.server.ts";
import { pageTitle } from "~/i18n/page-title.ts";
import { authorize } from "~/policy/index.ts";
import { loadCourseAccess } from "~/training/access.server.ts";
import { courseDetail } from "~/training/catalogue.server.ts";
import { organiserOptions, platformOptions } from "~/training/pages.server.ts";
import { EditCoursePage } from "~/training/pages/edit-course.tsx";

export { action } from "~/training/edit-course.actions.server.ts";
export default EditCoursePage;

export const meta: MetaFunction<typeof loader> = ({ matches, data }) => pageTitle(matches, (t) => [t("training.course.editTitle"), data?.course.title]);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const access = await loadCourseAccess(user, params.courseId);
  authorize(user, "training-course:manage", access.resource);
  const [course, platforms, organisers] = await Promise.all([courseDetail(access.course.id, user.id), platformOptions(), organiserOptions(user)]);
  const search = new URL(request.url).searchParams;
  return data({
    course,
    options: { platforms, ...organisers },
    created: search.has("created"),
    // The session being changed in place (`?session=`), and whether one was just saved.
    editingSessionId: course.sessions.find((s) => s.id === search.get("session"))?.id ?? null,
    sessionSaved: search.has("sessionSaved"),
  });
}
