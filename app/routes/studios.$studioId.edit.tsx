import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/auth/session.server.ts";
import { Card } from "~/components/kit/card.tsx";
import { SubmitButton } from "~/components/kit/buttons.tsx";
import { Notice } from "~/components/kit/feedback.tsx";
import { SelectField, TextAreaField, TextField } from "~/components/kit/fields.tsx";
import { prisma } from "~/db/client.server.ts";
import { getFixedT, getLocale } from "~/i18n/i18n.server.ts";
import { isoDay } from "~/lib/calendar-date.ts";
import { translatedReply } from "~/lib/forms.server.ts";
import { authorize } from "~/policy/index.ts";
import { getSchoolSettings } from "~/settings/school-settings.server.ts";
import { loadStudioAccess } from "~/studios/access.server.ts";
import { ruleMessage, studioChrome } from "~/studios/chrome.server.ts";
import { isRuleError } from "~/studios/errors.ts";
import { PersonPicker } from "~/studios/person-picker.tsx";
import { adminEditSchema, changeLeaderSchema, DUTIES, leaderEditSchema, STUDIO_LEVELS } from "~/studios/schemas.ts";
import { studioPageTitle, useStudio } from "~/studios/studio-context.ts";
import { StudioPageHeading } from "~/studios/studio-header.tsx";
import { changeLeader, updateStudioDetails, updateStudioOfficial } from "~/studios/studios.server.ts";

export const meta: MetaFunction = ({ matches }) => studioPageTitle(matches, (t) => [t("studios.edit.heading")]);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const access = await loadStudioAccess(user, params.studioId);
  authorize(user, "studio:manage", access.resource);
  const studio = await prisma.studio.findUniqueOrThrow({
    where: { id: access.studio.id },
    select: {
      name: true,
      duty: true,
      level: true,
      description: true,
      platform: true,
      budgetYuan: true,
      foundedOn: true,
      memberships: { where: { role: "LEADER" }, select: { user: { select: { name: true, username: true } } } },
    },
  });
  return data({
    chrome: studioChrome(user, access),
    studio: { ...studio, budgetYuan: studio.budgetYuan.toString(), foundedOn: isoDay(studio.foundedOn), leader: studio.memberships[0]?.user ?? null },
  });
}

const schemas = { details: leaderEditSchema, official: adminEditSchema, leader: changeLeaderSchema } as const;

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const access = await loadStudioAccess(user, params.studioId);
  const [t, locale] = await Promise.all([getFixedT(request), getLocale(request)]);
  const form = await request.formData();
  const intent = String(form.get("intent")) as keyof typeof schemas;
  if (!(intent in schemas)) throw new Response("Bad Request", { status: 400 });
  authorize(user, intent === "details" ? "studio:manage" : "studio:administer", access.resource);
  const submission = parseWithZod(form, { schema: schemas[intent] });
  if (submission.status !== "success") return data({ intent, result: translatedReply(submission, t), notice: null }, { status: 400 });
  const value = submission.value;
  try {
    if (value.intent === "details") {
      await updateStudioDetails(access.studio.id, value, user.id);
      return data({ intent, result: submission.reply(), notice: t("studios.edit.savedDetails") });
    }
    if (value.intent === "official") {
      await updateStudioOfficial(access.studio.id, value, user.id);
      return data({ intent, result: submission.reply(), notice: t("studios.edit.savedOfficial") });
    }
    await changeLeader(access.studio.id, value, user.id, await getSchoolSettings());
    return data({ intent, result: submission.reply({ resetForm: true }), notice: t("studios.edit.leaderChanged") });
  } catch (error) {
    const message = ruleMessage(error, t, locale);
    const field = isRuleError(error) && error.code === "nameTaken" ? "name" : isRuleError(error) && error.code === "leaderNotEligible" ? "overrideReason" : null;
    return data(
      { intent, result: submission.reply(field ? { fieldErrors: { [field]: [message] } } : { formErrors: [message] }), notice: null },
      { status: 409 },
    );
  }
}

export default function EditStudio() {
  const { studio } = useLoaderData<typeof loader>();
  const chrome = useStudio();
  const canAdminister = chrome.abilities["studio:administer"];
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const resultFor = (intent: string) => (actionData?.intent === intent ? actionData.result : undefined);
  const noticeFor = (intent: string) => (actionData?.intent === intent && actionData.notice ? <Notice tone="success">{actionData.notice}</Notice> : null);
  const [detailsForm, details] = useForm({
    id: "details",
    lastResult: resultFor("details"),
    defaultValue: studio,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: leaderEditSchema }),
  });
  const [officialForm, official] = useForm({
    id: "official",
    lastResult: resultFor("official"),
    defaultValue: studio,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: adminEditSchema }),
  });
  const [leaderForm, leader] = useForm({
    id: "leader",
    lastResult: resultFor("leader"),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: changeLeaderSchema }),
  });
  const option = (value: string, label: string) => ({ value, label });
  const errors = (list: string[] | undefined) => (list?.length ? <Notice tone="error">{list.join(" ")}</Notice> : null);
  return (
    <div className="space-y-6">
      <StudioPageHeading>{t("studios.edit.heading")}</StudioPageHeading>
      {canAdminister ? (
        <Card title={t("studios.edit.official")}>
          <Form method="post" className="grid gap-4 sm:grid-cols-2" {...getFormProps(officialForm)}>
            <input type="hidden" name="intent" value="official" />
            <div className="sm:col-span-2">{noticeFor("official") ?? errors(officialForm.errors)}</div>
            <TextField field={official.name} label={t("studios.create.name")} className="sm:col-span-2" />
            <SelectField field={official.duty} label={t("studios.create.duty")} options={DUTIES.map((d) => option(d, t(`duty.${d}`)))} />
            <SelectField field={official.level} label={t("studios.create.level")} options={STUDIO_LEVELS.map((l) => option(l, t(`level.${l}`)))} />
            <TextField field={official.budgetYuan} type="number" step="0.01" min="0" label={t("studios.create.budget")} />
            <TextField field={official.foundedOn} type="date" label={t("studios.create.foundedOn")} />
            <TextField field={official.platform} label={t("studios.create.platform")} className="sm:col-span-2" />
            <TextAreaField field={official.description} label={t("studios.create.description")} className="sm:col-span-2" />
            <div className="sm:col-span-2">
              <SubmitButton intent="official" pendingLabel={t("kit.saving")}>
                {t("kit.save")}
              </SubmitButton>
            </div>
          </Form>
        </Card>
      ) : (
        <Card title={t("studios.edit.details")}>
          <Form method="post" className="space-y-4" {...getFormProps(detailsForm)}>
            <input type="hidden" name="intent" value="details" />
            {noticeFor("details") ?? errors(detailsForm.errors)}
            <TextField field={details.platform} label={t("studios.create.platform")} />
            <TextAreaField field={details.description} label={t("studios.create.description")} rows={6} />
            <SubmitButton intent="details" pendingLabel={t("kit.saving")}>
              {t("kit.save")}
            </SubmitButton>
          </Form>
        </Card>
      )}
      {canAdminister ? (
        <Card title={t("studios.edit.leader")}>
          <p className="mb-3 text-sm text-slate-600">
            {studio.leader ? t("studios.edit.currentLeader", { name: `${studio.leader.name}（${studio.leader.username}）` }) : t("studios.list.noLeader")} ·{" "}
            {t("studios.edit.leaderHint")}
          </p>
          <Form method="post" className="grid gap-4 sm:grid-cols-2" {...getFormProps(leaderForm)}>
            <input type="hidden" name="intent" value="leader" />
            <div className="sm:col-span-2">{noticeFor("leader") ?? errors(leaderForm.errors)}</div>
            <PersonPicker field={leader.leaderUsername} label={t("studios.edit.newLeader")} hint={t("studios.create.leaderHint")} />
            <TextAreaField field={leader.overrideReason} label={t("studios.create.override")} hint={t("studios.create.overrideHint")} rows={2} />
            <div className="sm:col-span-2">
              <SubmitButton intent="leader" pendingLabel={t("studios.edit.changingLeader")}>
                {t("studios.edit.changeLeader")}
              </SubmitButton>
            </div>
          </Form>
        </Card>
      ) : null}
    </div>
  );
}
