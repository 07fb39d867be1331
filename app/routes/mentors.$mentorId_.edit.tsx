import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/auth/session.server.ts";
import { getFixedT } from "~/i18n/i18n.server.ts";
import { translatedReply } from "~/lib/forms.server.ts";
import { isMentorsError } from "~/mentors/errors.ts";
import { explainText } from "~/mentors/explain-text.ts";
import { getMentorProfile, updateMentorProfile } from "~/mentors/pool.server.ts";
import { ProfileFields } from "~/mentors/profile-fields.tsx";
import { profileSchema } from "~/mentors/schemas.ts";
import { buttonClass } from "~/mentors/ui.tsx";
import { authorize } from "~/policy/index.ts";

export const meta: MetaFunction = () => [{ title: "编辑导师资料 · 辅导员工作室协同平台" }];

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

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, mentor } = await load(request, params.mentorId ?? "");
  const t = await getFixedT(request);
  const submission = parseWithZod(await request.formData(), { schema: profileSchema });
  if (submission.status !== "success") return data({ result: translatedReply(submission, t) }, { status: 400 });
  try {
    await updateMentorProfile(user.id, mentor.id, submission.value);
  } catch (error) {
    if (isMentorsError(error)) return data({ result: translatedReply(submission, t, { formErrors: [explainText(t, error.explained)] }) }, { status: error.status });
    throw error;
  }
  throw redirect(`/mentors/${mentor.id}?saved=1`);
}

export default function EditMentor() {
  const { mentor } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useTranslation();
  const [form, fields] = useForm({
    lastResult: actionData?.result,
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
  const submitting = navigation.state === "submitting";
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <Link to={`/mentors/${mentor.id}`} className="text-sm text-brand-700 hover:underline">
        ← {t("mentors.common.back")}
      </Link>
      <h1 className="text-2xl font-bold tracking-tight">{t("mentors.profile.editTitle", { name: mentor.name })}</h1>
      <Form method="post" {...getFormProps(form)} className="space-y-6 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        {form.errors?.length ? (
          <div id={form.errorId} role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
            {form.errors.join(" ")}
          </div>
        ) : null}
        <ProfileFields fields={fields} />
        <div className="flex gap-3">
          <button type="submit" disabled={submitting} className={buttonClass.primary}>
            {submitting ? t("mentors.common.saving") : t("mentors.common.save")}
          </button>
          <Link to={`/mentors/${mentor.id}`} className={buttonClass.secondary}>
            {t("mentors.common.cancel")}
          </Link>
        </div>
      </Form>
    </div>
  );
}
