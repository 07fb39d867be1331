import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "~/lib/zod-form.ts";
import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/auth/session.server.ts";
import { ActionFeedback } from "~/components/kit/action-feedback.tsx";
import { buttonClass, SubmitButton } from "~/components/kit/buttons.tsx";
import { pageTitle } from "~/i18n/page-title.ts";
import { replyFor } from "~/lib/action-reply.ts";
import { intentAction } from "~/lib/actions.server.ts";
import { getMentorProfile, updateMentorProfile } from "~/mentors/pool.server.ts";
import { ProfileFields } from "~/mentors/profile-fields.tsx";
import { profileSchema } from "~/mentors/schemas.ts";
import { authorize, permit } from "~/policy/index.ts";

export const meta: MetaFunction<typeof loader> = ({ matches, data }) => pageTitle(matches, (t) => [t("mentors.profile.editTitle", { name: data?.mentor.name ?? "" })]);

async function load(request: Request, mentorId: string) {
  const user = await requireUser(request);
  const mentor = await getMentorProfile(mentorId);
  if (!mentor) throw new Response("Not Found", { status: 404 });
  // Editing needs no mentee relation: only the mentor and 学工部 may.
  authorize(user, "mentor:edit-profile", { mentorUserId: mentor.userId, viewerIsMentee: false });
  return { user, mentor };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { mentor } = await load(request, params.mentorId ?? "");
  return data({
    mentor: {
      id: mentor.id,
      name: mentor.name,
      organisation: mentor.organisation,
      title: mentor.title,
      rank: mentor.rank,
      contact: mentor.contact,
      bio: mentor.bio,
      duties: mentor.duties,
      keywords: mentor.keywords,
      capacity: mentor.capacity,
      available: mentor.available,
    },
  });
}

export const action = intentAction({
  load: async ({ params }) => (await getMentorProfile(params.mentorId ?? "")) ?? notFound(),
  intents: (intent) => ({
    save: intent({
      schema: profileSchema,
      // Editing needs no mentee relation: only the mentor and 学工部 may.
      authorize: ({ user, ctx: mentor }) => permit(user, "mentor:edit-profile", { mentorUserId: mentor.userId, viewerIsMentee: false }),
      keepForm: true,
      run: async ({ user, ctx: mentor }, input) => {
        await updateMentorProfile(user.id, mentor.id, input);
        return { redirectTo: `/mentors/${mentor.id}?saved=1` };
      },
    }),
  }),
});

function notFound(): never {
  throw new Response("Not Found", { status: 404 });
}

export default function EditMentor() {
  const { mentor } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const { t } = useTranslation();
  const [form, fields] = useForm({
    lastResult: replyFor(reply, "save")?.form,
    defaultValue: {
      organisation: mentor.organisation,
      title: mentor.title,
      rank: mentor.rank,
      contact: mentor.contact,
      bio: mentor.bio,
      primaryDuty: mentor.duties[0],
      otherDuties: mentor.duties.slice(1),
      keywords: mentor.keywords.join("、"),
      capacity: String(mentor.capacity),
      available: mentor.available ? "on" : undefined,
    },
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: profileSchema }),
  });
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <Link to={`/mentors/${mentor.id}`} className="text-sm text-brand-700 hover:underline">
        ← {t("mentors.common.back")}
      </Link>
      <h1 className="text-2xl font-bold tracking-tight">{t("mentors.profile.editTitle", { name: mentor.name })}</h1>
      <Form method="post" {...getFormProps(form)} className="space-y-6 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <input type="hidden" name="intent" value="save" />
        <ActionFeedback reply={reply} intent="save" />
        <ProfileFields fields={fields} />
        <div className="flex gap-3">
          <SubmitButton intent="save" pendingLabel={t("mentors.common.saving")}>
            {t("mentors.common.save")}
          </SubmitButton>
          <Link to={`/mentors/${mentor.id}`} className={buttonClass("secondary")}>
            {t("mentors.common.cancel")}
          </Link>
        </div>
      </Form>
    </div>
  );
}
