import { z } from "zod";
import { intentAction } from "~/lib/actions.server.ts";
import { permit, requireOwnScope } from "~/policy/index.ts";
import { loadCourseAccess } from "./access.server.ts";
import { cancelCourse, publishCourse } from "./catalogue.server.ts";
import { assignCohort, enrol, withdraw } from "./enrolment.server.ts";
import { cohortSchema } from "./schemas.ts";

const nothing = z.object({});

/** A course's page: enrol, withdraw (asks first), and for its organisers publish, cancel (both ask first) and assign a cohort. */
export const action = intentAction({
  load: ({ params }, user) => loadCourseAccess(user, params.courseId),
  intents: (intent) => ({
    enrol: intent({
      schema: nothing,
      authorize: ({ user, ctx }) => permit(user, "training-course:enrol", ctx.resource),
      run: async ({ user, t, ctx }) => {
        const { status } = await enrol(ctx.course.id, user);
        return { notice: status === "ENROLLED" ? t("training.course.enrolledNotice") : t("training.course.waitlistedNotice") };
      },
    }),
    withdraw: intent({
      schema: nothing,
      authorize: ({ user, ctx }) => permit(user, "training-course:withdraw", ctx.resource),
      confirm: ({ t, ctx }) => ({ message: t("training.course.confirmWithdraw", { title: ctx.course.title }), confirmLabel: t("training.course.withdraw") }),
      run: async ({ user, t, ctx }) => {
        await withdraw(ctx.course.id, user);
        return { notice: t("training.course.withdrawn") };
      },
    }),
    publish: intent({
      schema: nothing,
      authorize: ({ user, ctx }) => permit(user, "training-course:manage", ctx.resource),
      confirm: ({ t, ctx }) => ({ message: t("training.course.confirmPublish", { title: ctx.course.title }), confirmLabel: t("training.course.publish") }),
      run: async ({ user, t, ctx }) => {
        await publishCourse(ctx.course.id, user.id);
        return { notice: t("training.course.published") };
      },
    }),
    cancel: intent({
      schema: nothing,
      authorize: ({ user, ctx }) => permit(user, "training-course:manage", ctx.resource),
      confirm: ({ t, ctx }) => ({ message: t("training.course.confirmCancel", { title: ctx.course.title }), confirmLabel: t("training.course.cancel") }),
      run: async ({ user, t, ctx }) => {
        await cancelCourse(ctx.course.id, user);
        return { notice: t("training.course.cancelled") };
      },
    }),
    assign: intent({
      schema: cohortSchema,
      authorize: ({ user, ctx }) => permit(user, "training-course:assign", ctx.resource),
      confirm: ({ t, ctx }) => ({ message: t("training.course.confirmAssign", { title: ctx.course.title }), confirmLabel: t("training.course.assign") }),
      run: async ({ user, t, ctx }, cohort) => {
        const result = await assignCohort(ctx.course.id, cohort, requireOwnScope(user), user);
        return { notice: t("training.course.assigned", result), data: result };
      },
    }),
  }),
});
