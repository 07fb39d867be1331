import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/auth/session.server.ts";
import { PageHeader } from "~/components/kit/feedback.tsx";
import { pageTitle } from "~/i18n/page-title.ts";
import { replyFor } from "~/lib/action-reply.ts";
import { intentAction } from "~/lib/actions.server.ts";
import { authorize, permit } from "~/policy/index.ts";
import { organiserResource } from "~/training/access.server.ts";
import { createCourse } from "~/training/catalogue.server.ts";
import { courseFormSchema } from "~/training/course-form.ts";
import { CourseForm } from "~/training/course-form.tsx";
import { defaultOrganiser, organiserOptions, platformOptions } from "~/training/pages.server.ts";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, (t) => [t("training.course.newTitle")]);

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const organiser = defaultOrganiser(user);
  authorize(user, "training:organise", organiser);
  const [platforms, organisers] = await Promise.all([platformOptions(), organiserOptions(user)]);
  return data({ options: { platforms, ...organisers }, level: organiser.level, collegeId: organiser.collegeId ?? "", year: new Date().getFullYear() });
}

/** Creates the course as a draft (the organiser chosen must be the person's to organise for), then opens it for its sessions. */
export const action = intentAction({
  intents: (intent) => ({
    create: intent({
      schema: courseFormSchema,
      authorize: async ({ user }, input) => permit(user, "training:organise", await organiserResource(input)),
      run: async ({ user }, input) => {
        const id = await createCourse(input, user.id);
        return { redirectTo: `/training/courses/${id}/edit?created=1` };
      },
    }),
  }),
});

export default function NewCourse() {
  const { options, level, collegeId, year } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <div className="mx-auto max-w-4xl space-y-6">
      <PageHeader title={t("training.course.newTitle")} />
      <CourseForm
        intent="create"
        options={options}
        defaults={{ level, collegeId, year: String(year), speakerKind: "INTERNAL" }}
        targets={{}}
        lastResult={replyFor(reply, "create")?.form}
        submitLabel={t("training.course.create")}
        pendingLabel={t("training.course.creating")}
      />
    </div>
  );
}
