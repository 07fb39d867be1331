import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "~/lib/zod-form.ts";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ActionFeedback } from "~/components/kit/action-feedback.tsx";
import { SubmitButton } from "~/components/kit/buttons.tsx";
import { Card } from "~/components/kit/card.tsx";
import { VersionField } from "~/components/kit/conflict.tsx";
import { ConfirmButton } from "~/components/kit/confirm.tsx";
import { PageHeader } from "~/components/kit/feedback.tsx";
import { ChoiceField, SelectField, TextAreaField, TextField } from "~/components/kit/fields.tsx";
import { replyFor } from "~/lib/action-reply.ts";
import { formatDateTime } from "~/lib/format.ts";
import type { loader } from "~/routes/people.$userId.edit.tsx";
import type { action } from "../person-edit.actions.server.ts";
import { accountSchema, DUTIES, EDUCATIONS, GROUPS, honourSchema, LEVELS, personalProfileSchema, recordSchema, ROLES, TITLES } from "../schemas.ts";

const option = (value: string, label: string) => ({ value, label });

/** Editing a profile: the person's own part, then (for those who may) the record, honours, account and password. */
export function PersonEditPage() {
  const { person, abilities, password, colleges, version } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const { t } = useTranslation();
  const validated = { shouldValidate: "onBlur", shouldRevalidate: "onInput" } as const;

  const [personalForm, personal] = useForm({
    id: "personal",
    lastResult: replyFor(reply, "personal")?.form,
    defaultValue: person,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: personalProfileSchema }),
    ...validated,
  });
  const [recordForm, record] = useForm({
    id: "record",
    lastResult: replyFor(reply, "record")?.form,
    defaultValue: person,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: recordSchema }),
    ...validated,
  });
  const [honourForm, honour] = useForm({
    id: "honour",
    lastResult: replyFor(reply, "add-honour")?.form,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: honourSchema }),
    ...validated,
  });
  const [accountForm, account] = useForm({
    id: "account",
    lastResult: replyFor(reply, "account")?.form,
    defaultValue: { roles: person.roles, collegeId: person.collegeId, active: person.active ? "yes" : "no" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: accountSchema }),
  });

  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <PageHeader
        title={t("people.edit.title", { name: person.name })}
        actions={
          <Link to={`/people/${person.id}`} className="text-sm text-brand-700 hover:underline">
            {t("people.edit.back")}
          </Link>
        }
      />

      <Card title={t("people.edit.personal")}>
        <p className="mb-4 text-sm text-slate-600">{t("people.edit.personalHint")}</p>
        <Form method="post" className="grid gap-4 sm:grid-cols-2" {...getFormProps(personalForm)}>
          <input type="hidden" name="intent" value="personal" />
          <VersionField version={version} reply={replyFor(reply, "personal")} />
          <div className="sm:col-span-2">
            <ActionFeedback reply={reply} intent="personal" />
          </div>
          <TextField field={personal.phone} type="tel" label={t("people.profile.phone")} />
          <TextField field={personal.email} type="email" label={t("people.profile.email")} />
          <SelectField
            field={personal.education}
            label={t("people.profile.education")}
            placeholder={t("people.edit.choose")}
            options={EDUCATIONS.map((e) => option(e, t(`education.${e}`)))}
          />
          <TextField field={personal.major} label={t("people.profile.major")} />
          <ChoiceField
            field={personal.specialties}
            legend={t("people.profile.specialties")}
            hint={t("people.edit.specialtiesHint")}
            options={DUTIES.map((d) => option(d, t(`duty.${d}`)))}
            className="sm:col-span-2"
          />
          <TextField field={personal.specialtyTags} label={t("people.edit.tags")} hint={t("people.edit.tagsHint")} className="sm:col-span-2" />
          <TextAreaField field={personal.researchInterests} label={t("people.profile.interests")} rows={3} className="sm:col-span-2" />
          <div className="sm:col-span-2">
            <SubmitButton intent="personal" pendingLabel={t("kit.saving")}>
              {t("kit.save")}
            </SubmitButton>
          </div>
        </Form>
      </Card>

      {abilities["person:edit-record"] ? (
        <Card title={t("people.edit.record")}>
          <p className="mb-4 text-sm text-slate-600">{t("people.edit.recordHint")}</p>
          <Form method="post" className="grid gap-4 sm:grid-cols-2" {...getFormProps(recordForm)}>
            <input type="hidden" name="intent" value="record" />
          <VersionField version={version} reply={replyFor(reply, "record")} />
            <div className="sm:col-span-2">
              <ActionFeedback reply={reply} intent="record" />
            </div>
            <TextField field={record.name} label={t("people.edit.name")} />
            <SelectField
              field={record.gender}
              label={t("people.profile.gender")}
              placeholder={t("people.edit.genderUnknown")}
              options={[option("男", "男"), option("女", "女")]}
            />
            <TextField field={record.birthDate} type="date" label={t("people.profile.birthDate")} />
            <TextField field={record.counselorSince} type="date" label={t("people.profile.since")} />
            <SelectField field={record.title} label={t("people.profile.title")} options={TITLES.map((ti) => option(ti, t(`title.${ti}`)))} />
            <TextField field={record.position} label={t("people.profile.position")} />
            <SelectField
              field={record.fullTime}
              label={t("people.profile.fullTime")}
              options={[option("yes", t("people.profile.fullTimeYes")), option("no", t("people.profile.fullTimeNo"))]}
            />
            <ChoiceField field={record.groups} legend={t("people.profile.groups")} options={GROUPS.map((g) => option(g, t(`group.${g}`)))} className="sm:col-span-2" />
            <div className="sm:col-span-2">
              <SubmitButton intent="record" pendingLabel={t("kit.saving")}>
                {t("kit.save")}
              </SubmitButton>
            </div>
          </Form>
        </Card>
      ) : null}

      {abilities["person:edit-record"] ? (
        <Card title={t("people.edit.honours")}>
          <p className="mb-3 text-sm text-slate-600">{t("people.edit.honoursHint")}</p>
          <ActionFeedback reply={reply} intent={["add-honour", "remove-honour"]} />
          {person.honours.length ? (
            <ul className="mb-4 divide-y divide-slate-100">
              {person.honours.map((h) => (
                <li key={h.id} className="flex items-center justify-between gap-2 py-2 text-sm">
                  <span>{t("people.profile.honourLine", { name: h.name, level: t(`level.${h.level}`), year: h.year })}</span>
                  <ConfirmButton
                    intent="remove-honour"
                    fields={{ honourId: h.id }}
                    label={t("people.edit.removeHonour")}
                    ariaLabel={t("people.edit.removeHonourLabel", { name: h.name })}
                    question={t("people.edit.confirmRemoveHonour", { name: h.name })}
                  />
                </li>
              ))}
            </ul>
          ) : (
            <p className="mb-4 text-sm text-slate-600">{t("people.profile.noHonours")}</p>
          )}
          <Form method="post" className="grid gap-3 sm:grid-cols-4" {...getFormProps(honourForm)}>
            <input type="hidden" name="intent" value="add-honour" />
            <TextField field={honour.name} label={t("people.edit.honourName")} className="sm:col-span-2" />
            <SelectField field={honour.level} label={t("people.edit.honourLevel")} placeholder={t("people.edit.choose")} options={LEVELS.map((l) => option(l, t(`level.${l}`)))} />
            <TextField field={honour.year} type="number" label={t("people.edit.honourYear")} />
            <div className="sm:col-span-4">
              <SubmitButton intent="add-honour" pendingLabel={t("people.edit.adding")}>
                {t("people.edit.addHonour")}
              </SubmitButton>
            </div>
          </Form>
        </Card>
      ) : null}

      {abilities["person:manage-account"] ? (
        <Card title={t("people.edit.account")}>
          <p className="mb-4 text-sm text-slate-600">{t("people.edit.accountHint")}</p>
          <Form method="post" className="grid gap-4 sm:grid-cols-2" {...getFormProps(accountForm)}>
            <input type="hidden" name="intent" value="account" />
            <div className="sm:col-span-2">
              <ActionFeedback reply={reply} intent="account" />
            </div>
            <ChoiceField field={account.roles} legend={t("people.edit.roles")} options={ROLES.map((r) => option(r, t(`role.${r}`)))} className="sm:col-span-2" />
            <SelectField
              field={account.collegeId}
              label={t("people.profile.college")}
              placeholder={t("people.profile.noCollege")}
              options={colleges.map((c) => option(c.id, c.name))}
            />
            <SelectField
              field={account.active}
              label={t("people.edit.active")}
              options={[option("yes", t("people.edit.activeYes")), option("no", t("people.edit.activeNo"))]}
            />
            <div className="sm:col-span-2">
              <SubmitButton intent="account" pendingLabel={t("kit.saving")}>
                {t("kit.save")}
              </SubmitButton>
            </div>
          </Form>
        </Card>
      ) : null}

      {password ? <PasswordReset name={person.name} state={password} reply={replyFor(reply, "reset-password")} /> : null}
    </div>
  );
}

/** Resetting a forgotten password (asks first); a temporary one is shown this once. */
function PasswordReset({
  name,
  state,
  reply,
}: {
  name: string;
  state: { mustChange: boolean; changedAt: Date | string | null };
  reply: Extract<ReturnType<typeof useActionData<typeof action>>, { intent: "reset-password" }> | undefined;
}) {
  const { t, i18n } = useTranslation();
  const temporaryPassword = reply?.status === "success" ? reply.data?.temporaryPassword : undefined;
  const modes = [
    { mode: "temporary", label: t("account.reset.temporary"), hint: t("account.reset.temporaryHint"), question: t("account.reset.confirmTemporary", { name }) },
    { mode: "require-change", label: t("account.reset.requireChange"), hint: t("account.reset.requireChangeHint"), question: t("account.reset.confirmRequireChange", { name }) },
  ];
  return (
    <Card title={t("account.reset.title")}>
      <p className="mb-3 text-sm text-slate-600">{t("account.reset.hint")}</p>
      <p className="mb-4 text-sm text-slate-700">
        {state.mustChange
          ? t("account.reset.pending")
          : state.changedAt
            ? t("account.reset.lastChanged", { when: formatDateTime(state.changedAt, i18n.language) })
            : t("account.reset.neverChanged")}
      </p>
      <div className="mb-4 space-y-2 empty:hidden">
        <ActionFeedback reply={reply} />
        {temporaryPassword ? (
          <div>
            <label htmlFor="temporary-password" className="block text-sm font-medium text-slate-700">
              {t("account.reset.temporaryLabel")}
            </label>
            <input
              id="temporary-password"
              readOnly
              value={temporaryPassword}
              onFocus={(event) => event.currentTarget.select()}
              className="mt-1 block w-full rounded-md border border-emerald-300 bg-white px-3 py-2 font-mono text-base tracking-wider"
            />
          </div>
        ) : null}
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        {modes.map(({ mode, label, hint, question }) => (
          <div key={mode} className="space-y-2">
            <ConfirmButton intent="reset-password" fields={{ mode }} label={label} question={question} tone="secondary" size="md" />
            <p className="text-xs text-slate-500">{hint}</p>
          </div>
        ))}
      </div>
    </Card>
  );
}
