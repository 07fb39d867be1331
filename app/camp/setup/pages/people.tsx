import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { Form, Link, useActionData, useFetcher, useLoaderData } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { ActionFeedback } from "~/components/kit/action-feedback.tsx";
import { SubmitButton } from "~/components/kit/buttons.tsx";
import { Card } from "~/components/kit/card.tsx";
import { ConfirmButton } from "~/components/kit/confirm.tsx";
import { DataTable } from "~/components/kit/data-table.tsx";
import { EmptyState, Notice, PageHeader } from "~/components/kit/feedback.tsx";
import { ChoiceField, TextField } from "~/components/kit/fields.tsx";
import type { MessageKey } from "~/i18n/keys.ts";
import { parseWithZod } from "~/lib/zod-form.ts";
import { CAREER_STAGES } from "~/people/career-stage.ts";
import type { loader } from "~/routes/camp.$campId_.people.tsx";
import { PersonPicker } from "~/studios/person-picker.tsx";
import { GROUPS } from "~/training/schemas.ts";
import type { peopleAction } from "../people.actions.server.ts";
import { personSchema, targetsSchema } from "../schemas.ts";

type Reply = { intent?: string; form?: SubmissionResult<string[]> } | undefined;

/** /camp/:campId/people: who takes part (stages, groups, colleges, named people) and who judges, before the camp opens. */
export function CampPeoplePage() {
  const { camp, people } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof peopleAction>();
  const { t } = useTranslation();
  const draft = camp.status === "DRAFT";
  const judgesOpen = camp.status === "DRAFT" || camp.status === "OPEN";
  return (
    <div className="mx-auto max-w-4xl space-y-6">
      <PageHeader title={t("camp.setup.people.title", { title: camp.title })} subtitle={t("camp.setup.people.intro")} actions={<Link to={`/camp/${camp.id}`} className="text-sm text-brand-700 hover:underline">{t("camp.setup.cut.back")}</Link>} />
      <ActionFeedback reply={reply} intent={["saveTargets", "addPerson", "removePerson", "addJudge", "removeJudge"]} />
      {draft ? <Notice tone="info">{t("camp.setup.people.matching", { count: people.matching })}</Notice> : <Notice tone="info">{t("camp.setup.people.fixed", { count: people.participants })}</Notice>}
      <Card title={t("camp.setup.people.targets")}>{draft ? <TargetsForm reply={reply as Reply} /> : <TargetsSummary />}</Card>
      <Card title={t("camp.setup.people.named")}>
        <div className="space-y-4">
          <DataTable
            caption={t("camp.setup.people.named")}
            rows={people.people}
            rowKey={(p) => p.userId}
            empty={<EmptyState>{t("camp.setup.people.namedEmpty")}</EmptyState>}
            columns={[
              { key: "name", header: t("camp.setup.people.name"), primary: true, cell: (p) => `${p.name}${p.active ? "" : t("camp.setup.people.inactive")}` },
              { key: "username", header: t("camp.setup.people.username"), cell: (p) => p.username },
              { key: "college", header: t("camp.setup.people.college"), cell: (p) => p.college ?? t("camp.setup.people.noCollege") },
              ...(draft
                ? [
                    {
                      key: "actions",
                      header: t("camp.setup.people.actions"),
                      cell: (p: (typeof people.people)[number]) => (
                        <ConfirmButton intent="removePerson" fields={{ userId: p.userId }} label={t("camp.setup.people.removePerson", { name: p.name })} question={t("camp.setup.people.removePersonConfirm", { name: p.name })} />
                      ),
                    },
                  ]
                : []),
            ]}
          />
          {draft ? <AddPersonForm intent="addPerson" labelKey="camp.setup.people.addPerson" reply={reply as Reply} /> : null}
        </div>
      </Card>
      <Card title={t("camp.setup.people.judges")}>
        <div className="space-y-4">
          <p className="text-sm text-slate-600">{t("camp.setup.people.judgesHint")}</p>
          <DataTable
            caption={t("camp.setup.people.judges")}
            rows={people.judges}
            rowKey={(j) => j.userId}
            empty={<EmptyState>{t("camp.setup.people.judgesEmpty")}</EmptyState>}
            columns={[
              { key: "name", header: t("camp.setup.people.name"), primary: true, cell: (j) => j.name },
              { key: "username", header: t("camp.setup.people.username"), cell: (j) => j.username },
              { key: "college", header: t("camp.setup.people.college"), cell: (j) => j.college ?? t("camp.setup.people.noCollege") },
              ...(judgesOpen
                ? [
                    {
                      key: "actions",
                      header: t("camp.setup.people.actions"),
                      cell: (j: (typeof people.judges)[number]) =>
                        j.assignments === 0 ? (
                          <ConfirmButton intent="removeJudge" fields={{ userId: j.userId }} label={t("camp.setup.people.removeJudge", { name: j.name })} question={t("camp.setup.people.removeJudgeConfirm", { name: j.name })} />
                        ) : null,
                    },
                  ]
                : []),
            ]}
          />
          {judgesOpen ? <AddPersonForm intent="addJudge" labelKey="camp.setup.people.addJudge" reply={reply as Reply} /> : null}
        </div>
      </Card>
    </div>
  );
}

/** How long the page waits after the last tick before asking for the count. */
const COUNT_DEBOUNCE_MS = 300;

/**
 * The count of people the ticked targets would give, asked of /camp/:campId/people/count while
 * ticking (debounced; a newer answer replaces an older one, as the fetcher keeps only the last).
 * Without JavaScript the form saves as before and the page shows the saved count.
 */
function useLiveCount(campId: string) {
  const fetcher = useFetcher<{ count: number | null }>();
  const timer = useRef<ReturnType<typeof setTimeout>>();
  useEffect(() => () => clearTimeout(timer.current), []);
  const ask = (form: HTMLFormElement) => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      const query = new URLSearchParams();
      for (const [name, value] of new FormData(form)) if (name !== "intent" && typeof value === "string") query.append(name, value);
      fetcher.load(`/camp/${campId}/people/count?${query}`);
    }, COUNT_DEBOUNCE_MS);
  };
  return { ask, count: fetcher.data?.count ?? null, busy: fetcher.state !== "idle" };
}

function TargetsForm({ reply }: { reply: Reply }) {
  const { camp, people } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const live = useLiveCount(camp.id);
  const [form, fields] = useForm<{ stages: string[]; groups: string[]; colleges: string[] }>({
    id: "camp-targets",
    lastResult: reply?.intent === "saveTargets" ? reply.form : undefined,
    defaultValue: { stages: people.stages, groups: people.groups, colleges: people.colleges },
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: targetsSchema }),
  });
  return (
    <Form method="post" {...getFormProps(form)} onChange={(event) => live.ask(event.currentTarget)} className="space-y-4">
      <input type="hidden" name="intent" value="saveTargets" />
      <ChoiceField field={fields.stages} legend={t("camp.setup.people.stages")} options={CAREER_STAGES.map((s) => ({ value: s, label: t(`stage.${s}`) }))} />
      <ChoiceField field={fields.groups} legend={t("camp.setup.people.groups")} options={GROUPS.map((g) => ({ value: g, label: t(`group.${g}`) }))} />
      <ChoiceField field={fields.colleges} legend={t("camp.setup.people.colleges")} options={people.collegeOptions.map((c) => ({ value: c.id, label: c.name }))} />
      <p className="text-sm font-medium text-slate-800" aria-live="polite" data-testid="targets-live-count">
        {live.busy && live.count === null ? t("camp.setup.people.counting") : t("camp.setup.people.liveCount", { count: live.count ?? people.matching })}
      </p>
      <SubmitButton intent="saveTargets" pendingLabel={t("camp.setup.form.saving")}>
        {t("camp.setup.people.saveTargets")}
      </SubmitButton>
    </Form>
  );
}

/** After the opening: what the targets were (read only). */
function TargetsSummary() {
  const { people } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const college = new Map(people.collegeOptions.map((c) => [c.id, c.name]));
  const parts = [...people.stages.map((s) => t(`stage.${s}`)), ...people.groups.map((g) => t(`group.${g}`)), ...people.colleges.map((c) => college.get(c) ?? c)];
  return parts.length ? <p className="text-sm text-slate-700">{parts.join("、")}</p> : <EmptyState>{t("camp.setup.people.targetsEmpty")}</EmptyState>;
}

/** One person by 工号 through the person picker (a plain field without JavaScript). */
function AddPersonForm({ intent, labelKey, reply }: { intent: "addPerson" | "addJudge"; labelKey: MessageKey; reply: Reply }) {
  const { school } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const [form, fields] = useForm({
    id: `camp-${intent}`,
    lastResult: reply?.intent === intent ? reply.form : undefined,
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: personSchema }),
  });
  return (
    <Form method="post" {...getFormProps(form)} className="flex flex-col gap-2 sm:flex-row sm:items-end">
      <input type="hidden" name="intent" value={intent} />
      <div className="flex-1">
        {school["people:browse"] ? (
          <PersonPicker field={fields.username} label={t(labelKey)} hint={t("camp.setup.people.person")} />
        ) : (
          <TextField field={fields.username} label={t(labelKey)} hint={t("camp.setup.people.person")} maxLength={40} />
        )}
      </div>
      <SubmitButton intent={intent} pendingLabel={t("camp.setup.form.saving")}>
        {t(labelKey)}
      </SubmitButton>
    </Form>
  );
}
