import { z } from "zod";
import { prisma } from "~/db/client.server.ts";
import { formatDateTime } from "~/lib/format.ts";
import { intentAction } from "~/lib/actions.server.ts";
import { permit } from "~/policy/index.ts";
import { loadCourseAccess, organiserResource } from "./access.server.ts";
import { addSession, removeSession, updateCourse } from "./catalogue.server.ts";
import { courseFormSchema } from "./course-form.ts";
import { sessionSchema } from "./schemas.ts";

/** Editing a course (its organisers): its fields, and its sessions (removing one asks first). */
export const action = intentAction({
  load: ({ params }, user) => loadCourseAccess(user, params.courseId),
  intents: (intent) => ({
    update: intent({
      schema: courseFormSchema,
      // Moving a course to another organiser needs the right to organise for that one too.
      authorize: async ({ user, ctx }, input) => {
        permit(user, "training-course:manage", ctx.resource);
        return permit(user, "training:organise", await organiserResource(input));
      },
      keepForm: true,
      run: async ({ user, t, ctx }, input) => {
        await updateCourse(ctx.course.id, input, user.id);
        return { notice: t("training.course.saved") };
      },
    }),
    addSession: intent({
      schema: sessionSchema,
      authorize: ({ user, ctx }) => permit(user, "training-course:manage", ctx.resource),
      run: async ({ user, t, ctx }, input) => {
        await addSession(ctx.course.id, input, user.id);
        return { notice: t("training.course.sessionAdded") };
      },
    }),
    removeSession: intent({
      schema: z.object({ sessionId: z.string().min(1) }),
      target: async ({ ctx }, { sessionId }) =>
        (await prisma.trainingSession.findFirst({ where: { id: sessionId, courseId: ctx.course.id }, select: { id: true, startsAt: true } })) ?? notFound(),
      authorize: ({ user, ctx }) => permit(user, "training-course:manage", ctx.resource),
      confirm: ({ t, locale }, _input, session) => ({
        message: t("training.course.confirmRemoveSession", { time: formatDateTime(session.startsAt, locale) }),
        confirmLabel: t("training.course.removeSession"),
      }),
      run: async ({ user, t }, _input, session) => {
        await removeSession(session.id, user.id);
        return { notice: t("training.course.sessionRemoved") };
      },
    }),
  }),
});

function notFound(): never {
  throw new Response("Not Found", { status: 404 });
}
