import { getFormProps, getSelectProps, useForm } from "@conform-to/react";
import { parseWithZod } from "~/lib/zod-form.ts";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ActionFeedback } from "~/components/kit/action-feedback.tsx";
import { ActionButton, SubmitButton } from "~/components/kit/buttons.tsx";
import { ConfirmButton } from "~/components/kit/confirm.tsx";
import { EmptyState } from "~/components/kit/feedback.tsx";
import { FieldErrors, inputClass, TextField } from "~/components/kit/fields.tsx";
import { replyFor } from "~/lib/action-reply.ts";
import { formatDateTime } from "~/lib/format.ts";
import type { loader } from "~/routes/studios.$studioId.mentor-preferences.tsx";
import { MAX_PREFERENCES } from "../matching/scoring.ts";
import type { action } from "../mentor-preferences.actions.server.ts";
import { addPreferenceSchema, targetsSchema } from "../schemas.ts";
import { StudioMentors } from "../studio-mentors.tsx";
import { KindBadge } from "../ui.tsx";

type Page = ReturnType<typeof useLoaderData<typeof loader>>;
type Reply = ReturnType<typeof useActionData<typeof action>>;

/** A studio's preferred mentors (in order) and how many mentors each direction asks for: the leader's and 学工部's. */
export function MentorPreferencesPage() {
  const page = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  return (
    <div className="mx-auto max-w-4xl space-y-6">
      <div>
        <h1 className="text-2xl font-bold tracking-tight">{t("mentors.preferences.title", { studio: page.studio.name })}</h1>
        <p className="mt-1 text-sm text-slate-600">{t("mentors.preferences.intro")}</p>
        <p className="mt-1 text-sm text-slate-600">
          {page.lastRunAt ? t("mentors.preferences.lastRun", { date: formatDateTime(page.lastRunAt, i18n.language) }) : t("mentors.preferences.noRunYet")}
        </p>
      </div>

      <section aria-labelledby="preferences-title" className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
        <h2 id="preferences-title" className="text-base font-semibold">
          {t("mentors.preferences.listTitle")}
        </h2>
        <div className="mt-3">
          <ActionFeedback reply={reply} intent={["add", "up", "down", "remove"]} />
        </div>
        {page.preferences.length === 0 ? (
          <p className="mt-3 text-sm text-slate-600">{t("mentors.preferences.empty")}</p>
        ) : (
          <ol className="mt-3 divide-y divide-slate-100">
            {page.preferences.map((p, index) => (
              <li key={p.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
                <div className="flex flex-wrap items-center gap-2 text-sm">
                  <span className="w-16 text-xs text-slate-500">{t("mentors.preferences.rank", { rank: p.rank })}</span>
                  <Link to={`/mentors/${p.mentorId}`} className="font-medium text-slate-900 hover:text-brand-700">
                    {p.name}
                  </Link>
                  <KindBadge kind={p.kind} />
                  <span className="text-xs text-slate-500">{p.organisation}</span>
                  {!p.expert ? <span className="text-xs text-amber-700">{t("mentors.preferences.notExpert")}</span> : null}
                  {!p.available ? <span className="text-xs text-slate-500">{t("mentors.preferences.unavailable")}</span> : null}
                </div>
                <div className="flex gap-1.5">
                  {index > 0 ? (
                    <ActionButton intent="up" fields={{ preferenceId: p.id }} label={t("mentors.preferences.upLabel", { name: p.name })} pendingLabel={t("mentors.common.saving")}>
                      {t("mentors.preferences.up")}
                    </ActionButton>
                  ) : null}
                  {index < page.preferences.length - 1 ? (
                    <ActionButton intent="down" fields={{ preferenceId: p.id }} label={t("mentors.preferences.downLabel", { name: p.name })} pendingLabel={t("mentors.common.saving")}>
                      {t("mentors.preferences.down")}
                    </ActionButton>
                  ) : null}
                  <ConfirmButton
                    intent="remove"
                    fields={{ preferenceId: p.id }}
                    label={t("mentors.preferences.remove")}
                    ariaLabel={t("mentors.preferences.removeLabel", { name: p.name })}
                    question={t("mentors.preferences.removeConfirm", { name: p.name })}
                    confirmLabel={t("mentors.preferences.removeConfirmButton")}
                  />
                </div>
              </li>
            ))}
          </ol>
        )}
        {page.full ? <p className="mt-3 text-sm text-slate-600">{t("mentors.preferences.full", { max: MAX_PREFERENCES })}</p> : <AddPreference page={page} reply={reply} />}
      </section>

      <section aria-labelledby="targets-title" className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
        <h2 id="targets-title" className="text-base font-semibold">
          {t("mentors.preferences.targets")}
        </h2>
        <p className="mt-1 text-xs text-slate-500">{t("mentors.preferences.targetsHint")}</p>
        {page.directions.length === 0 ? (
          <div className="mt-3">
            <EmptyState>{t("mentors.studioMentors.empty")}</EmptyState>
          </div>
        ) : (
          <ul className="mt-3 divide-y divide-slate-100">
            {page.directions.map((d) => (
              <li key={d.id} className="py-3">
                <DirectionTargets direction={d} reply={reply} />
              </li>
            ))}
          </ul>
        )}
      </section>

      <StudioMentors directions={page.current} />
    </div>
  );
}

/** The mentors the studio can still name, its duty's experts first. */
function AddPreference({ page, reply }: { page: Page; reply: Reply }) {
  const { t } = useTranslation();
  const [form, fields] = useForm({
    id: "add-preference",
    lastResult: replyFor(reply, "add")?.form,
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: addPreferenceSchema }),
  });
  const groups = [
    [t("mentors.preferences.expertGroup"), page.options.filter((o) => o.expert)],
    [t("mentors.preferences.otherGroup"), page.options.filter((o) => !o.expert)],
  ] as const;
  return (
    <Form method="post" preventScrollReset {...getFormProps(form)} className="mt-4 flex flex-wrap items-end gap-3">
      <input type="hidden" name="intent" value="add" />
      <div>
        <label htmlFor={fields.mentorId.id} className="block text-sm text-slate-700">
          {t("mentors.preferences.addLabel")}
        </label>
        <select {...getSelectProps(fields.mentorId)} defaultValue="" className={`${inputClass} min-w-72`}>
          <option value="" disabled>
            {t("mentors.preferences.choose")}
          </option>
          {groups.map(([label, options]) =>
            options.length ? (
              <optgroup key={label} label={label}>
                {options.map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.name}（{t(`mentorKind.${o.kind}`)}
                    {o.organisation ? ` · ${o.organisation}` : ""}）
                  </option>
                ))}
              </optgroup>
            ) : null,
          )}
        </select>
        <FieldErrors field={fields.mentorId} />
      </div>
      <SubmitButton intent="add" pendingLabel={t("mentors.common.saving")}>
        {t("mentors.preferences.add")}
      </SubmitButton>
    </Form>
  );
}

/** One direction's targets; the reply of a save shows beside the direction it was about. */
function DirectionTargets({ direction, reply }: { direction: Page["directions"][number]; reply: Reply }) {
  const { t } = useTranslation();
  const mine = replyFor(reply, "targets");
  const own = mine?.form?.initialValue?.directionId === direction.id ? mine : undefined;
  const [form, fields] = useForm({
    id: `targets-${direction.id}`,
    lastResult: own?.form,
    defaultValue: { directionId: direction.id, internal: String(direction.internal), external: String(direction.external) },
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: targetsSchema }),
  });
  return (
    <div className="space-y-2">
      <Form method="post" preventScrollReset {...getFormProps(form)} aria-label={direction.name} className="flex flex-wrap items-start gap-4">
        <input type="hidden" name="intent" value="targets" />
        <input type="hidden" name="directionId" value={direction.id} />
        <p className="w-56 pt-7 text-sm font-medium">{direction.name}</p>
        <TextField field={fields.internal} type="number" min={1} max={3} label={t("mentors.candidates.internal")} aria-label={`${direction.name} · ${t("mentors.candidates.internal")}`} className="w-24" />
        <TextField field={fields.external} type="number" min={1} max={3} label={t("mentors.candidates.external")} aria-label={`${direction.name} · ${t("mentors.candidates.external")}`} className="w-24" />
        <div className="pt-6">
          <SubmitButton intent="targets" match={["directionId", direction.id]} tone="secondary" pendingLabel={t("mentors.common.saving")}>
            {t("mentors.common.save")}
          </SubmitButton>
        </div>
      </Form>
      {own ? <ActionFeedback reply={own} /> : null}
    </div>
  );
}
