import { z } from "zod";
import { prisma } from "~/db/client.server.ts";
import { formatDateTime } from "~/lib/format.ts";
import { intentAction } from "~/lib/actions.server.ts";
import { permit } from "~/policy/index.ts";
import { loadCourseAccess, organiserResource } from "./access.server.ts";
import { addSession, removeSession, updateCourse, updateSession } from "./catalogue.server.ts";
import { courseFormSchema } from "./course-form.ts";
import { sessionEditSchema, sessionSchema } from "./schemas.ts";

/** Editing a course (its organisers): its fields, and its sessions (changed in place; removing one asks first). */
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
    updateSession: intent({
      schema: sessionEditSchema,
      target: ({ ctx }, { sessionId }) => sessionOf(ctx.course.id, sessionId),
      authorize: ({ user, ctx }) => permit(user, "training-course:manage", ctx.resource),
      // Back to the list of sessions (the form was open through `?session=`), which says it is saved.
      run: async ({ user, ctx }, { sessionId: _sessionId, ...input }, session) => {
        await updateSession(session.id, input, user.id);
        return { redirectTo: `/training/courses/${ctx.course.id}/edit?sessionSaved=1` };
      },
    }),
    removeSession: intent({
      schema: z.object({ sessionId: z.string().min(1) }),
      target: ({ ctx }, { sessionId }) => sessionOf(ctx.course.id, sessionId),
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

/** A session of this course (another course's is not found here). */
async function sessionOf(courseId: string, sessionId: string) {
  return (await prisma.trainingSession.findFirst({ where: { id: sessionId, courseId }, select: { id: true, startsAt: true } })) ?? notFound();
}

function notFound(): never {
  throw new Response("Not Found", { status: 404 });
}
