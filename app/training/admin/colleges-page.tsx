import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ActionFeedback } from "~/components/kit/action-feedback.tsx";
import { SubmitButton } from "~/components/kit/buttons.tsx";
import { Badge, Card } from "~/components/kit/card.tsx";
import { ConfirmButton } from "~/components/kit/confirm.tsx";
import { Content } from "~/components/kit/content-lang.tsx";
import { DataTable } from "~/components/kit/data-table.tsx";
import { EmptyState } from "~/components/kit/feedback.tsx";
import { ChoiceField, TextAreaField, TextField } from "~/components/kit/fields.tsx";
import { replyFor } from "~/lib/action-reply.ts";
import { parseWithZod } from "~/lib/zod-form.ts";
import type { loader } from "~/routes/training.settings.colleges.tsx";
import type { collegesAction } from "./colleges.actions.server.ts";
import { SettingsHeader } from "./settings-nav.tsx";
import { editGroupSchema, grantSchema, groupFormSchema } from "./schemas.ts";

type Data = ReturnType<typeof useLoaderData<typeof loader>>;
type Reply = ReturnType<typeof useActionData<typeof collegesAction>>;
type College = Data["colleges"][number];
type Group = Data["groups"][number];

/** 校院两级 (issue 18 point 7): who organises alone (≥ 6 or by written permission), and the joint training groups. */
export function CollegesPage() {
  const { colleges, groups, min } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof collegesAction>();
  const { t } = useTranslation();
  return (
    <div className="mx-auto max-w-5xl space-y-8">
      <SettingsHeader title={t("training.admin.colleges.title")} subtitle={t("training.admin.colleges.intro", { min })} />
      <section aria-label={t("training.admin.colleges.title")} className="space-y-3">
        <ActionFeedback reply={reply} intent={["grant", "revoke"]} />
        <DataTable
          caption={t("training.admin.colleges.title")}
          rows={colleges}
          rowKey={(c) => c.id}
          columns={[
            { key: "college", header: t("training.admin.colleges.colCollege"), primary: true, cell: (c) => <Content>{c.name}</Content> },
            { key: "count", header: t("training.admin.colleges.colCount"), numeric: true, cell: (c) => c.fullTimeCounselors },
            {
              key: "may",
              header: t("training.admin.colleges.colMay"),
              cell: (c) =>
                c.fullTimeCounselors >= c.min ? (
                  <Badge tone="emerald">{t("training.admin.colleges.mayByCount")}</Badge>
                ) : c.override ? (
                  <Badge tone="amber">{t("training.admin.colleges.mayByOverride")}</Badge>
                ) : (
                  <Badge>{t("training.admin.colleges.mayNot")}</Badge>
                ),
            },
            { key: "group", header: t("training.admin.colleges.colGroup"), cell: (c) => (c.group ? <Content>{c.group.name}</Content> : t("training.admin.colleges.noGroup")) },
            { key: "override", header: t("training.admin.colleges.colOverride"), cell: (c) => <Override college={c} reply={reply} /> },
          ]}
        />
      </section>

      <section aria-labelledby="groups-heading" className="space-y-4">
        <div>
          <h2 id="groups-heading" className="text-lg font-semibold">
            {t("training.admin.colleges.groupsHeading")}
          </h2>
          <p className="text-sm text-slate-600">{t("training.admin.colleges.groupsIntro", { min })}</p>
        </div>
        <ActionFeedback reply={reply} intent="dissolveGroup" />
        {groups.length ? (
          groups.map((group) => <GroupForm key={JSON.stringify(group)} group={group} colleges={colleges} min={min} reply={reply} />)
        ) : (
          <EmptyState>{t("training.admin.colleges.groupsEmpty")}</EmptyState>
        )}
        <GroupForm colleges={colleges} min={min} reply={reply} />
      </section>
    </div>
  );
}

/** The written permission: its reason and a revoke (asked first), or a form to grant one to a college under the threshold. */
function Override({ college, reply }: { college: College; reply: Reply }) {
  const { t } = useTranslation();
  const mine = replyFor(reply, "grant");
  const [form, fields] = useForm({
    id: `grant-${college.id}`,
    lastResult: mine?.form?.initialValue?.collegeId === college.id ? mine.form : undefined,
    defaultValue: { collegeId: college.id },
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: grantSchema }),
  });
  if (college.override) {
    return (
      <div className="space-y-2">
        <p className="text-sm">
          {t("training.admin.colleges.granted")}
          <Content>{college.override.reason}</Content>
        </p>
        <ConfirmButton
          intent="revoke"
          fields={{ collegeId: college.id }}
          label={t("training.admin.colleges.revoke")}
          ariaLabel={t("training.admin.colleges.revokeLabel", { college: college.name })}
          question={t("training.admin.colleges.revokeQuestion", { college: college.name })}
        />
      </div>
    );
  }
  if (college.fullTimeCounselors >= college.min) return <span className="text-sm text-slate-500">{t("training.admin.colleges.notNeeded")}</span>;
  return (
    <Form method="post" {...getFormProps(form)} className="space-y-2">
      <input type="hidden" name="intent" value="grant" />
      <input {...getInputProps(fields.collegeId, { type: "hidden" })} />
      <TextAreaField field={fields.reason} label={t("training.admin.colleges.reasonFor", { college: college.name })} rows={2} />
      <SubmitButton
        intent="grant"
        match={["collegeId", college.id]}
        size="sm"
        tone="secondary"
        label={t("training.admin.colleges.grantLabel", { college: college.name })}
        pendingLabel={t("training.admin.saving")}
      >
        {t("training.admin.colleges.grant")}
      </SubmitButton>
    </Form>
  );
}

/** Edits a joint group (with a dissolve, asked first), or creates one when no group is given. */
function GroupForm({ group, colleges, min, reply }: { group?: Group; colleges: College[]; min: number; reply: Reply }) {
  const { t } = useTranslation();
  const intent = group ? "updateGroup" : "createGroup";
  const mine = group ? replyFor(reply, "updateGroup") : replyFor(reply, "createGroup");
  const ours = group ? mine?.form?.initialValue?.groupId === group.id : mine !== undefined;
  const [form, fields] = useForm<{ groupId?: string; name: string; collegeIds: string[] }>({
    id: group ? `group-${group.id}` : "group-new",
    lastResult: ours ? mine?.form : undefined,
    defaultValue: group ? { groupId: group.id, name: group.name, collegeIds: group.members.map((m) => m.college.id) } : undefined,
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: group ? editGroupSchema : groupFormSchema }),
  });
  // Colleges under the threshold that are in no other group (members stay listed, whatever their count now).
  const members = new Set(group?.members.map((m) => m.college.id));
  const candidates = colleges.filter((c) => members.has(c.id) || (c.fullTimeCounselors < min && !c.group));
  return (
    <Card title={group ? group.name : t("training.admin.colleges.createHeading")}>
      <Form method="post" {...getFormProps(form)} className="space-y-4">
        <input type="hidden" name="intent" value={intent} />
        {group ? <input {...getInputProps(fields.groupId, { type: "hidden" })} /> : null}
        {ours ? <ActionFeedback reply={reply} intent={intent} /> : null}
        <TextField field={fields.name} label={t("training.admin.colleges.groupName")} />
        {candidates.length ? (
          <ChoiceField
            field={fields.collegeIds}
            legend={t("training.admin.colleges.members")}
            options={candidates.map((c) => ({ value: c.id, label: t("training.admin.colleges.memberOption", { college: c.name, count: c.fullTimeCounselors }) }))}
          />
        ) : (
          <p className="text-sm text-slate-600">{t("training.admin.colleges.noCandidates")}</p>
        )}
        <div className="flex flex-wrap gap-2">
          <SubmitButton intent={intent} match={group ? ["groupId", group.id] : undefined} pendingLabel={t("training.admin.saving")}>
            {group ? t("training.admin.colleges.save") : t("training.admin.colleges.create")}
          </SubmitButton>
        </div>
      </Form>
      {group ? (
        <div className="mt-3">
          <ConfirmButton
            intent="dissolveGroup"
            fields={{ groupId: group.id }}
            label={t("training.admin.colleges.dissolve")}
            ariaLabel={t("training.admin.colleges.dissolveLabel", { name: group.name })}
            question={t("training.admin.colleges.dissolveQuestion", { name: group.name })}
          />
        </div>
      ) : null}
    </Card>
  );
}
