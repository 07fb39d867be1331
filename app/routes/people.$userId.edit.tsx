import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/auth/session.server.ts";
import { Card } from "~/components/kit/card.tsx";
import { SubmitButton } from "~/components/kit/buttons.tsx";
import { ConfirmPrompt, Notice, PageHeader } from "~/components/kit/feedback.tsx";
import { ChoiceField, SelectField, TextAreaField, TextField } from "~/components/kit/fields.tsx";
import { prisma } from "~/db/client.server.ts";
import { getFixedT } from "~/i18n/i18n.server.ts";
import { needsConfirmation } from "~/lib/confirm.server.ts";
import { translatedReply } from "~/lib/forms.server.ts";
import { isoDay } from "~/lib/calendar-date.ts";
import { addHonour, getPerson, removeHonour, updateAccount, updatePersonalProfile, updateRecord } from "~/people/profile.server.ts";
import {
  accountSchema,
  DUTIES,
  EDUCATIONS,
  GROUPS,
  honourSchema,
  LEVELS,
  personalProfileSchema,
  recordSchema,
  removeHonourSchema,
  ROLES,
  TITLES,
} from "~/people/schemas.ts";
import { abilities as abilitiesOf, authorize } from "~/policy/index.ts";
import { resetPassword } from "~/auth/passwords.server.ts";
import { resetPasswordSchema } from "~/auth/password-schemas.ts";
import { formatDateTime } from "~/lib/format.ts";

export const meta: MetaFunction = () => [{ title: "编辑档案 · 人员信息库" }];

async function load(request: Request, userId: string | undefined) {
  const user = await requireUser(request);
  const person = await getPerson(userId ?? "");
  if (!person) throw new Response("Not Found", { status: 404 });
  const resource = { userId: person.id, collegeId: person.collegeId };
  authorize(user, "person:edit-profile", resource);
  return { user, person, resource };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, person, resource } = await load(request, params.userId);
  const abilities = abilitiesOf(user, "person", { ...resource, roles: person.roles });
  const p = person.profile;
  return data({
    person: {
      id: person.id,
      name: person.name,
      phone: person.phone ?? "",
      email: person.email ?? "",
      roles: person.roles,
      active: person.active,
      collegeId: person.collegeId ?? "",
      education: p?.education ?? "",
      major: p?.major ?? "",
      researchInterests: p?.researchInterests ?? "",
      specialties: p?.specialties ?? [],
      specialtyTags: (p?.specialtyTags ?? []).join("、"),
      gender: p?.gender ?? "",
      birthDate: p?.birthDate ? isoDay(p.birthDate) : "",
      counselorSince: p?.counselorSince ? isoDay(p.counselorSince) : "",
      title: p?.title ?? "NONE",
      position: p?.position ?? "",
      fullTime: p?.fullTime === false ? "no" : "yes",
      groups: p?.groups ?? [],
      honours: (p?.honours ?? []).map((h) => ({ id: h.id, name: h.name, level: h.level, year: h.year })),
    },
    abilities,
    password: abilities["person:reset-password"] ? { mustChange: person.passwordMustChange, changedAt: person.passwordChangedAt } : null,
    colleges: abilities["person:manage-account"] ? await prisma.college.findMany({ orderBy: { code: "asc" }, select: { id: true, name: true } }) : [],
  });
}

const schemas = {
  personal: personalProfileSchema,
  record: recordSchema,
  "add-honour": honourSchema,
  "remove-honour": removeHonourSchema,
  account: accountSchema,
  "reset-password": resetPasswordSchema,
} as const;
type Intent = keyof typeof schemas;

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, person, resource } = await load(request, params.userId);
  const t = await getFixedT(request);
  const form = await request.formData();
  const intent = String(form.get("intent")) as Intent;
  if (!(intent in schemas)) throw new Response("Bad Request", { status: 400 });
  if (intent === "personal") authorize(user, "person:edit-profile", resource);
  else if (intent === "account") authorize(user, "person:manage-account", resource);
  else if (intent === "reset-password") authorize(user, "person:reset-password", { ...resource, roles: person.roles });
  else authorize(user, "person:edit-record", resource);

  const submission = parseWithZod(form, { schema: schemas[intent] });
  if (submission.status !== "success") return data({ intent, result: translatedReply(submission, t), notice: null, confirm: null }, { status: 400 });
  const value = submission.value;
  let notice: string;
  switch (value.intent) {
    case "personal":
      await updatePersonalProfile(person.id, value, user.id);
      notice = t("people.edit.savedPersonal");
      break;
    case "record":
      await updateRecord(person.id, value, user.id);
      notice = t("people.edit.savedRecord");
      break;
    case "add-honour":
      await addHonour(person.id, { name: value.name, level: value.level, year: value.year }, user.id);
      notice = t("people.edit.savedHonour");
      break;
    case "remove-honour": {
      const honour = person.profile?.honours.find((h) => h.id === value.honourId);
      if (!honour) return data({ intent, result: null, notice: null, confirm: null, error: t("people.errors.honourMissing") }, { status: 404 });
      const confirm = needsConfirmation(form, t("people.edit.confirmRemoveHonour", { name: honour.name }), t("people.edit.removeHonour"));
      if (confirm) return data({ intent, result: null, notice: null, confirm });
      await removeHonour(person.id, honour.id, user.id);
      notice = t("people.edit.removedHonour");
      break;
    }
    case "account": {
      const collegeId = value.collegeId || null;
      if (collegeId && !(await prisma.college.findUnique({ where: { id: collegeId } }))) {
        return data(
          { intent, result: submission.reply({ fieldErrors: { collegeId: [t("people.errors.unknownCollege")] } }), notice: null, confirm: null },
          { status: 400 },
        );
      }
      await updateAccount(person.id, { roles: value.roles, collegeId, active: value.active }, user.id);
      notice = t("people.edit.savedAccount");
      break;
    }
    case "reset-password": {
      const temporary = value.mode === "temporary";
      const question = t(temporary ? "account.reset.confirmTemporary" : "account.reset.confirmRequireChange", { name: person.name });
      const confirm = needsConfirmation(form, question, t(temporary ? "account.reset.temporary" : "account.reset.requireChange"));
      if (confirm) return data({ intent, result: null, notice: null, confirm });
      const { temporaryPassword } = await resetPassword({ actorId: user.id, userId: person.id, mode: value.mode });
      // Shown this once: only its hash is kept.
      if (temporaryPassword) {
        notice = t("account.reset.temporaryDone", { name: person.name, username: person.username });
        return data({ intent, result: submission.reply(), notice, confirm: null, temporaryPassword });
      }
      notice = t("account.reset.requireChangeDone", { name: person.name });
      break;
    }
  }
  return data({ intent, result: submission.reply({ resetForm: intent === "add-honour" }), notice, confirm: null });
}

export default function EditPerson() {
  const { person, abilities, password, colleges } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const temporaryPassword = actionData && "temporaryPassword" in actionData && typeof actionData.temporaryPassword === "string" ? actionData.temporaryPassword : null;
  const resultFor = (intent: Intent) => (actionData?.intent === intent ? (actionData.result ?? undefined) : undefined);
  const option = (value: string, label: string) => ({ value, label });

  const [personalForm, personal] = useForm({
    id: "personal",
    lastResult: resultFor("personal"),
    defaultValue: person,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: personalProfileSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const [recordForm, record] = useForm({
    id: "record",
    lastResult: resultFor("record"),
    defaultValue: person,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: recordSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const [honourForm, honour] = useForm({
    id: "honour",
    lastResult: resultFor("add-honour"),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: honourSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const [accountForm, account] = useForm({
    id: "account",
    lastResult: resultFor("account"),
    defaultValue: { roles: person.roles, collegeId: person.collegeId, active: person.active ? "yes" : "no" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: accountSchema }),
  });
  const formAlert = (errors: string[] | undefined) => (errors?.length ? <Notice tone="error">{errors.join(" ")}</Notice> : null);
  const saved = (intent: Intent) => (actionData?.intent === intent && actionData.notice ? <Notice tone="success">{actionData.notice}</Notice> : null);

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
      {actionData?.confirm ? <ConfirmPrompt request={actionData.confirm} cancelLabel={t("kit.cancel")} pendingLabel={t("kit.working")} /> : null}
      {actionData && "error" in actionData && actionData.error ? <Notice tone="error">{actionData.error}</Notice> : null}

      <Card title={t("people.edit.personal")}>
        <p className="mb-4 text-sm text-slate-600">{t("people.edit.personalHint")}</p>
        <Form method="post" className="grid gap-4 sm:grid-cols-2" {...getFormProps(personalForm)}>
          <input type="hidden" name="intent" value="personal" />
          <div className="sm:col-span-2">{saved("personal") ?? formAlert(personalForm.errors)}</div>
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
            <div className="sm:col-span-2">{saved("record") ?? formAlert(recordForm.errors)}</div>
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
          {saved("add-honour") ?? saved("remove-honour")}
          {person.honours.length ? (
            <ul className="mb-4 divide-y divide-slate-100">
              {person.honours.map((h) => (
                <li key={h.id} className="flex items-center justify-between gap-2 py-2 text-sm">
                  <span>{t("people.profile.honourLine", { name: h.name, level: t(`level.${h.level}`), year: h.year })}</span>
                  <Form method="post">
                    <input type="hidden" name="intent" value="remove-honour" />
                    <input type="hidden" name="honourId" value={h.id} />
                    <button type="submit" aria-label={t("people.edit.removeHonourLabel", { name: h.name })} className="text-sm text-red-700 hover:underline">
                      {t("people.edit.removeHonour")}
                    </button>
                  </Form>
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
            <div className="sm:col-span-2">{saved("account") ?? formAlert(accountForm.errors)}</div>
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

      {password ? (
        <Card title={t("account.reset.title")}>
          <p className="mb-3 text-sm text-slate-600">{t("account.reset.hint")}</p>
          <p className="mb-4 text-sm text-slate-700">
            {password.mustChange
              ? t("account.reset.pending")
              : password.changedAt
                ? t("account.reset.lastChanged", { when: formatDateTime(password.changedAt, i18n.language) })
                : t("account.reset.neverChanged")}
          </p>
          {actionData?.intent === "reset-password" && actionData.notice ? (
            <div className="mb-4 space-y-2">
              <Notice tone="success">{actionData.notice}</Notice>
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
          ) : null}
          <div className="grid gap-4 sm:grid-cols-2">
            <Form method="post" className="space-y-2">
              <input type="hidden" name="intent" value="reset-password" />
              <input type="hidden" name="mode" value="temporary" />
              <SubmitButton intent="reset-password" match={["mode", "temporary"]} tone="secondary" pendingLabel={t("account.reset.working")}>
                {t("account.reset.temporary")}
              </SubmitButton>
              <p className="text-xs text-slate-500">{t("account.reset.temporaryHint")}</p>
            </Form>
            <Form method="post" className="space-y-2">
              <input type="hidden" name="intent" value="reset-password" />
              <input type="hidden" name="mode" value="require-change" />
              <SubmitButton intent="reset-password" match={["mode", "require-change"]} tone="secondary" pendingLabel={t("account.reset.working")}>
                {t("account.reset.requireChange")}
              </SubmitButton>
              <p className="text-xs text-slate-500">{t("account.reset.requireChangeHint")}</p>
            </Form>
          </div>
        </Card>
      ) : null}
    </div>
  );
}
