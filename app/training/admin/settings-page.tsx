import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import { ActionFeedback } from "~/components/kit/action-feedback.tsx";
import { SubmitButton } from "~/components/kit/buttons.tsx";
import { Badge, Card } from "~/components/kit/card.tsx";
import { ConfirmButton } from "~/components/kit/confirm.tsx";
import { Content } from "~/components/kit/content-lang.tsx";
import { DataTable } from "~/components/kit/data-table.tsx";
import { CheckboxField, SelectField, TextAreaField, TextField } from "~/components/kit/fields.tsx";
import { replyFor } from "~/lib/action-reply.ts";
import { parseWithZod } from "~/lib/zod-form.ts";
import type { loader } from "~/routes/training.settings._index.tsx";
import { platformName } from "../labels.ts";
import type { settingsAction } from "./settings.actions.server.ts";
import { SettingsHeader } from "./settings-nav.tsx";
import { addPlatformSchema, planFormSchema, renamePlatformSchema, rulesFormSchema } from "./schemas.ts";

type Data = ReturnType<typeof useLoaderData<typeof loader>>;
type Reply = ReturnType<typeof useActionData<typeof settingsAction>>;
type Plan = Data["plans"][number];
type Platform = Data["platforms"][number];
/** The plan form's fields as the page writes them (text; the schema reads them into a plan). */
type PlanFields = {
  stage: string;
  name: string;
  phaseGoal: string;
  focusAreas: string;
  yearlyHours: string;
  items: Array<{ label: string; platformId: string; courseId: string; minHours: string; perYear: string }>;
};

/** 培训设置 (issue 18 point 1): the four stage plans, the national rules and the platforms. */
export function SettingsPage() {
  const { plans, settings, platforms } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof settingsAction>();
  const { t } = useTranslation();
  return (
    <div className="mx-auto max-w-5xl space-y-8">
      <SettingsHeader title={t("training.admin.title")} subtitle={t("training.admin.intro")} />

      <section id="plans" aria-labelledby="plans-heading" className="space-y-4">
        <div>
          <h2 id="plans-heading" className="text-lg font-semibold">
            {t("training.admin.plans.heading")}
          </h2>
          <p className="text-sm text-slate-600">{t("training.admin.plans.intro")}</p>
        </div>
        {plans.map((plan) => (
          // Remounted when the saved plan changes, so a new blank row follows the items.
          <PlanForm key={JSON.stringify(plan)} plan={plan} platforms={platforms} reply={reply} />
        ))}
      </section>

      <section id="rules" aria-labelledby="rules-heading" className="space-y-4">
        <div>
          <h2 id="rules-heading" className="text-lg font-semibold">
            {t("training.admin.rules.heading")}
          </h2>
          <p className="text-sm text-slate-600">{t("training.admin.rules.intro")}</p>
        </div>
        <RulesForm settings={settings} reply={reply} />
      </section>

      <section id="platforms" aria-labelledby="platforms-heading" className="space-y-4">
        <div>
          <h2 id="platforms-heading" className="text-lg font-semibold">
            {t("training.admin.platforms.heading")}
          </h2>
          <p className="text-sm text-slate-600">{t("training.admin.platforms.intro")}</p>
        </div>
        <ActionFeedback reply={reply} intent={["renamePlatform", "removePlatform"]} />
        <Platforms platforms={platforms} reply={reply} />
        <AddPlatform reply={reply} />
      </section>
    </div>
  );
}

function PlanForm({ plan, platforms, reply }: { plan: Plan; platforms: Platform[]; reply: Reply }) {
  const { t, i18n } = useTranslation();
  const mine = replyFor(reply, "savePlan");
  const [form, fields] = useForm<PlanFields, z.output<typeof planFormSchema>>({
    id: `plan-${plan.stage}`,
    lastResult: mine?.form?.initialValue?.stage === plan.stage ? mine.form : undefined,
    defaultValue: {
      stage: plan.stage,
      name: plan.name,
      phaseGoal: plan.phaseGoal,
      focusAreas: plan.focusAreas.join("\n"),
      yearlyHours: String(plan.yearlyHours),
      items: [
        ...plan.items.map((i) => ({ label: i.label, platformId: i.platformId ?? "", courseId: i.courseId ?? "", minHours: i.minHours === null ? "" : String(i.minHours), perYear: i.perYear ? "yes" : "no" })),
        { label: "", platformId: "", courseId: "", minHours: "", perYear: "yes" },
      ],
    },
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: planFormSchema }),
  });
  const stage = t(`stage.${plan.stage}`);
  const courseTitles = new Map(plan.items.filter((i) => i.courseId).map((i) => [i.courseId, i.course?.title ?? ""]));
  return (
    <Card title={stage}>
      <Form method="post" {...getFormProps(form)} className="space-y-4" aria-label={stage}>
        <input type="hidden" name="intent" value="savePlan" />
        <input {...getInputProps(fields.stage, { type: "hidden" })} />
        {mine?.form?.initialValue?.stage === plan.stage ? <ActionFeedback reply={reply} intent="savePlan" /> : null}
        <div className="grid gap-4 sm:grid-cols-3">
          <TextField field={fields.name} label={t("training.admin.plans.name")} className="sm:col-span-2" />
          <TextField field={fields.phaseGoal} label={t("training.admin.plans.phaseGoal")} />
          <TextAreaField field={fields.focusAreas} label={t("training.admin.plans.focusAreas")} rows={4} className="sm:col-span-2" />
          <TextField field={fields.yearlyHours} type="number" min="0" max="400" step="0.5" inputMode="decimal" label={t("training.admin.plans.yearlyHours")} />
        </div>
        <fieldset className="space-y-3">
          <legend className="text-sm font-medium text-slate-700">{t("training.admin.plans.items")}</legend>
          <p className="text-xs text-slate-500">{t("training.admin.plans.itemsHint")}</p>
          {fields.items.getFieldList().map((item) => {
            const row = item.getFieldset();
            const courseId = row.courseId.initialValue;
            return (
              <div key={item.key} className="grid gap-3 rounded-md border border-slate-200 p-3 sm:grid-cols-4">
                <TextField field={row.label} label={t("training.admin.plans.itemLabel")} />
                {courseId ? (
                  <div>
                    <input {...getInputProps(row.courseId, { type: "hidden" })} />
                    <p className="text-sm font-medium text-slate-700">{t("training.admin.plans.itemCourse")}</p>
                    <p className="mt-2 text-sm">
                      <Content>{courseTitles.get(courseId)}</Content>
                    </p>
                  </div>
                ) : (
                  <SelectField
                    field={row.platformId}
                    label={t("training.admin.plans.itemPlatform")}
                    placeholder="—"
                    options={platforms.map((p) => ({ value: p.id, label: platformName(p, i18n.language) }))}
                  />
                )}
                <TextField field={row.minHours} type="number" min="0.5" max="200" step="0.5" inputMode="decimal" label={t("training.admin.plans.itemMinHours")} />
                <SelectField
                  field={row.perYear}
                  label={t("training.admin.plans.itemPerYear")}
                  options={[
                    { value: "yes", label: t("training.admin.plans.itemPerYear") },
                    { value: "no", label: t("training.menu.itemOnce") },
                  ]}
                />
              </div>
            );
          })}
        </fieldset>
        <SubmitButton intent="savePlan" match={["stage", plan.stage]} pendingLabel={t("training.admin.saving")}>
          {t("training.admin.plans.save")}
        </SubmitButton>
      </Form>
    </Card>
  );
}

function RulesForm({ settings, reply }: { settings: Data["settings"]; reply: Reply }) {
  const { t } = useTranslation();
  const [form, fields] = useForm({
    id: "rules",
    lastResult: replyFor(reply, "saveRules")?.form,
    defaultValue: {
      inductionHours: String(settings.inductionHours),
      schoolLevelHoursPerYear: String(settings.schoolLevelHoursPerYear),
      nationalOrProvincialEveryYears: String(settings.nationalOrProvincialEveryYears),
      collegeLevelMinCounselors: String(settings.collegeLevelMinCounselors),
    },
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: rulesFormSchema }),
  });
  return (
    <Form method="post" {...getFormProps(form)} className="space-y-4 rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:p-6">
      <input type="hidden" name="intent" value="saveRules" />
      <ActionFeedback reply={reply} intent="saveRules" />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField field={fields.inductionHours} type="number" min="0" max="400" inputMode="decimal" label={t("training.admin.rules.inductionHours")} />
        <TextField field={fields.schoolLevelHoursPerYear} type="number" min="0" max="400" inputMode="decimal" label={t("training.admin.rules.schoolLevelHoursPerYear")} />
        <TextField field={fields.nationalOrProvincialEveryYears} type="number" min="1" max="20" label={t("training.admin.rules.nationalOrProvincialEveryYears")} />
        <TextField field={fields.collegeLevelMinCounselors} type="number" min="1" max="200" label={t("training.admin.rules.collegeLevelMinCounselors")} />
      </div>
      <SubmitButton intent="saveRules" pendingLabel={t("training.admin.saving")}>
        {t("training.admin.rules.save")}
      </SubmitButton>
    </Form>
  );
}

function Platforms({ platforms, reply }: { platforms: Platform[]; reply: Reply }) {
  const { t, i18n } = useTranslation();
  return (
    <DataTable
      caption={t("training.admin.platforms.heading")}
      rows={platforms}
      rowKey={(p) => p.id}
      columns={[
        {
          key: "name",
          header: t("training.admin.platforms.colName"),
          primary: true,
          cell: (p) => (
            <span>
              {platformName(p, i18n.language)} <span className="text-xs font-normal text-slate-500">{p.code}</span>
            </span>
          ),
        },
        {
          key: "kind",
          header: t("training.admin.platforms.colKind"),
          cell: (p) => (
            <span className="flex flex-wrap gap-1">
              {p.builtIn ? <Badge>{t("training.admin.platforms.builtIn")}</Badge> : null}
              {p.external ? <Badge tone="amber">{t("training.admin.platforms.external")}</Badge> : null}
              {p.nationalOrProvincial ? <Badge tone="emerald">{t("training.admin.platforms.nationalOrProvincial")}</Badge> : null}
              {p.induction ? <Badge tone="emerald">{t("training.admin.platforms.induction")}</Badge> : null}
            </span>
          ),
        },
        { key: "courses", header: t("training.admin.platforms.colCourses"), numeric: true, cell: (p) => p.courses },
        {
          key: "actions",
          header: t("training.admin.platforms.colActions"),
          cell: (p) => (
            <div className="space-y-2">
              <RenamePlatform platform={p} reply={reply} />
              {p.builtIn ? null : (
                <ConfirmButton
                  intent="removePlatform"
                  fields={{ platformId: p.id }}
                  label={t("training.admin.platforms.remove")}
                  ariaLabel={t("training.admin.platforms.removeLabel", { name: platformName(p, i18n.language) })}
                  question={t("training.admin.platforms.removeQuestion", { name: platformName(p, i18n.language) })}
                />
              )}
            </div>
          ),
        },
      ]}
    />
  );
}

function RenamePlatform({ platform, reply }: { platform: Platform; reply: Reply }) {
  const { t, i18n } = useTranslation();
  const mine = replyFor(reply, "renamePlatform");
  const [form, fields] = useForm({
    id: `rename-${platform.id}`,
    lastResult: mine?.form?.initialValue?.platformId === platform.id ? mine.form : undefined,
    defaultValue: { platformId: platform.id, nameZh: platform.nameZh, nameEn: platform.nameEn },
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: renamePlatformSchema }),
  });
  const name = platformName(platform, i18n.language);
  return (
    <Form method="post" {...getFormProps(form)} className="flex flex-wrap items-end gap-2">
      <input type="hidden" name="intent" value="renamePlatform" />
      <input {...getInputProps(fields.platformId, { type: "hidden" })} />
      <TextField field={fields.nameZh} label={t("training.admin.platforms.nameZh")} aria-label={t("training.admin.platforms.nameZhOf", { name })} className="min-w-0 flex-1" />
      <TextField field={fields.nameEn} label={t("training.admin.platforms.nameEn")} aria-label={t("training.admin.platforms.nameEnOf", { name })} className="min-w-0 flex-1" />
      <SubmitButton
        intent="renamePlatform"
        match={["platformId", platform.id]}
        size="sm"
        tone="secondary"
        label={t("training.admin.platforms.renameLabel", { name })}
        pendingLabel={t("training.admin.saving")}
      >
        {t("training.admin.platforms.rename")}
      </SubmitButton>
    </Form>
  );
}

function AddPlatform({ reply }: { reply: Reply }) {
  const { t } = useTranslation();
  const [form, fields] = useForm({
    id: "add-platform",
    lastResult: replyFor(reply, "addPlatform")?.form,
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: addPlatformSchema }),
  });
  return (
    <Card title={t("training.admin.platforms.addHeading")}>
      <Form method="post" {...getFormProps(form)} className="space-y-4">
        <input type="hidden" name="intent" value="addPlatform" />
        <ActionFeedback reply={reply} intent="addPlatform" />
        <div className="grid gap-4 sm:grid-cols-3">
          <TextField field={fields.nameZh} label={t("training.admin.platforms.nameZh")} />
          <TextField field={fields.nameEn} label={t("training.admin.platforms.nameEn")} />
          <TextField field={fields.code} label={t("training.admin.platforms.code")} autoCapitalize="characters" />
        </div>
        <div className="flex flex-wrap gap-4">
          <CheckboxField field={fields.external} label={t("training.admin.platforms.external")} />
          <CheckboxField field={fields.nationalOrProvincial} label={t("training.admin.platforms.nationalOrProvincial")} />
          <CheckboxField field={fields.induction} label={t("training.admin.platforms.induction")} />
        </div>
        <SubmitButton intent="addPlatform" pendingLabel={t("training.admin.saving")}>
          {t("training.admin.platforms.add")}
        </SubmitButton>
      </Form>
    </Card>
  );
}
