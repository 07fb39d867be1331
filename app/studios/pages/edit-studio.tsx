import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "~/lib/zod-form.ts";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ActionFeedback } from "~/components/kit/action-feedback.tsx";
import { SubmitButton } from "~/components/kit/buttons.tsx";
import { Card } from "~/components/kit/card.tsx";
import { VersionField } from "~/components/kit/conflict.tsx";
import { SelectField, TextAreaField, TextField } from "~/components/kit/fields.tsx";
import { replyFor } from "~/lib/action-reply.ts";
import type { loader } from "~/routes/studios.$studioId.edit.tsx";
import type { action } from "../edit-studio.actions.server.ts";
import { PersonPicker } from "../person-picker.tsx";
import { adminEditSchema, changeLeaderSchema, DUTIES, leaderEditSchema, STUDIO_LEVELS } from "../schemas.ts";
import { useStudio } from "../studio-context.ts";
import { StudioPageHeading } from "../studio-header.tsx";

/** The studio's settings: what the leader may change, and what 学工部 approved (with the leader). */
export function EditStudioPage() {
  const { studio, version } = useLoaderData<typeof loader>();
  const chrome = useStudio();
  const canAdminister = chrome.abilities["studio:administer"];
  const reply = useActionData<typeof action>();
  const { t } = useTranslation();
  const [detailsForm, details] = useForm({
    id: "details",
    lastResult: replyFor(reply, "details")?.form,
    defaultValue: studio,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: leaderEditSchema }),
  });
  const [officialForm, official] = useForm({
    id: "official",
    lastResult: replyFor(reply, "official")?.form,
    defaultValue: studio,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: adminEditSchema }),
  });
  const [leaderForm, leader] = useForm({
    id: "leader",
    lastResult: replyFor(reply, "leader")?.form,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: changeLeaderSchema }),
  });
  const option = (value: string, label: string) => ({ value, label });
  return (
    <div className="space-y-6">
      <StudioPageHeading>{t("studios.edit.heading")}</StudioPageHeading>
      {canAdminister ? (
        <Card title={t("studios.edit.official")}>
          <Form method="post" className="grid gap-4 sm:grid-cols-2" {...getFormProps(officialForm)}>
            <input type="hidden" name="intent" value="official" />
            <VersionField version={version} reply={replyFor(reply, "official")} />
            <div className="sm:col-span-2"><ActionFeedback reply={reply} intent="official" /></div>
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
            <VersionField version={version} reply={replyFor(reply, "details")} />
            <ActionFeedback reply={reply} intent="details" />
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
            <div className="sm:col-span-2"><ActionFeedback reply={reply} intent="leader" /></div>
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
