import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "~/lib/zod-form.ts";
import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/auth/session.server.ts";
import { ActionFeedback } from "~/components/kit/action-feedback.tsx";
import { SubmitButton } from "~/components/kit/buttons.tsx";
import { ChoiceField, TextField } from "~/components/kit/fields.tsx";
import { pageTitle } from "~/i18n/page-title.ts";
import { replyFor } from "~/lib/action-reply.ts";
import { intentAction } from "~/lib/actions.server.ts";
import { createMentor } from "~/mentors/pool.server.ts";
import { ProfileFields } from "~/mentors/profile-fields.tsx";
import { newMentorFormSchema } from "~/mentors/schemas.ts";
import { authorize, permit } from "~/policy/index.ts";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, (t) => [t("mentors.create.title"), t("mentors.pool.title")]);

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  authorize(user, "mentor:curate", null);
  return null;
}

export const action = intentAction({
  intents: (intent) => ({
    create: intent({
      schema: newMentorFormSchema,
      authorize: ({ user }) => permit(user, "mentor:curate", null),
      run: async ({ user }, input) => {
        const outcome = await createMentor(user.id, input);
        // An internal mentor has a password already; an external one sees theirs once, on this page.
        if (!outcome.password) return { redirectTo: `/mentors/${outcome.mentorId}?created=1` };
        return { data: { mentorId: outcome.mentorId, name: input.name, username: input.username, password: outcome.password } };
      },
    }),
  }),
});

export default function NewMentor() {
  const reply = useActionData<typeof action>();
  const { t } = useTranslation();
  const [form, fields] = useForm({
    lastResult: replyFor(reply, "create")?.form,
    defaultValue: { kind: "EXTERNAL", rank: "SENIOR", primaryDuty: "IDEOLOGY", capacity: "2", available: "on" },
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: newMentorFormSchema }),
  });
  const created = replyFor(reply, "create")?.data;
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <Link to="/mentors" className="text-sm text-brand-700 hover:underline">
        ← {t("mentors.profile.backToPool")}
      </Link>
      <h1 className="text-2xl font-bold tracking-tight">{t("mentors.create.title")}</h1>
      {created ? (
        <div role="status" className="space-y-2 rounded-md bg-emerald-50 px-4 py-3 text-sm text-emerald-900">
          <p>{t("mentors.create.createdExternal", { name: created.name, username: created.username, password: created.password })}</p>
          <Link to={`/mentors/${created.mentorId}`} className="font-medium text-brand-700 hover:underline">
            {t("mentors.create.viewProfile")}
          </Link>
        </div>
      ) : null}
      <Form method="post" {...getFormProps(form)} className="space-y-6 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <input type="hidden" name="intent" value="create" />
        <ActionFeedback reply={reply} intent="create" />
        <ChoiceField
          field={fields.kind}
          type="radio"
          legend={t("mentors.create.kind")}
          options={(["INTERNAL", "EXTERNAL"] as const).map((kind) => ({ value: kind, label: t(`mentorKind.${kind}`) }))}
        />
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField
            field={fields.username}
            label={t("mentors.create.username")}
            autoComplete="off"
            hint={
              <>
                {t("mentors.create.usernameInternalHint")}
                <br />
                {t("mentors.create.usernameExternalHint")}
              </>
            }
          />
          <TextField field={fields.name} label={t("mentors.create.name")} />
        </div>
        <ProfileFields fields={fields} />
        <SubmitButton intent="create" pendingLabel={t("mentors.create.submitting")}>
          {t("mentors.create.submit")}
        </SubmitButton>
      </Form>
    </div>
  );
}
