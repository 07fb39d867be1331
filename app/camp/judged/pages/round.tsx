import { getFormProps, useForm } from "@conform-to/react";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ActionFeedback } from "~/components/kit/action-feedback.tsx";
import { SubmitButton } from "~/components/kit/buttons.tsx";
import { Badge, Card } from "~/components/kit/card.tsx";
import { ConfirmButton } from "~/components/kit/confirm.tsx";
import { Content } from "~/components/kit/content-lang.tsx";
import { DataTable } from "~/components/kit/data-table.tsx";
import { EmptyState, Notice } from "~/components/kit/feedback.tsx";
import { TextAreaField, TextField, inputClass } from "~/components/kit/fields.tsx";
import { Pagination } from "~/components/kit/pagination.tsx";
import { formatDateTime } from "~/lib/format.ts";
import { parseWithZod } from "~/lib/zod-form.ts";
import type { loader } from "~/routes/camp.$campId_.rounds.$roundId._index.tsx";
import { roundKindKey } from "../labels.ts";
import type { roundAction } from "../round.actions.server.ts";
import { TOPIC_TITLE_MAX, topicSchema } from "../schemas.ts";
import { Flags, ScoresAndConsistency } from "./scores.tsx";

type Data = ReturnType<typeof useLoaderData<typeof loader>>;
const INTENTS = ["addTopic", "editTopic", "removeTopic", "order", "draw", "drawAll", "assign", "addJudge"] as const;

/** The organisers' page of a judged round: topics, contestants with draw and judges, scores. */
export default function JudgedRoundPage() {
  const page = useLoaderData<typeof loader>();
  const reply = useActionData<typeof roundAction>();
  const { t } = useTranslation();
  const { round, camp } = page;
  const roundName = t(roundKindKey(round.kind));
  return (
    <div className="mx-auto max-w-5xl space-y-6">
      <div>
        <h1 className="text-2xl font-bold tracking-tight">
          {t("camp.judged.round.title", { round: roundName, camp: camp.title })}
        </h1>
        <div className="mt-2 flex flex-wrap gap-4 text-sm">
          <Link to={`/camp/${camp.id}`} className="text-brand-700 underline">
            {t("camp.judged.round.back")}
          </Link>
          <Link to={`/camp/${camp.id}/rounds/${round.id}/board`} className="text-brand-700 underline">
            {t("camp.judged.round.boardLink")}
          </Link>
        </div>
      </div>
      {round.enabled ? null : <Notice tone="info">{t("camp.judged.round.disabled")}</Notice>}
      <ActionFeedback reply={reply} intent={INTENTS} />
      <Topics data={page} />
      <Entries data={page} />
      <ScoresAndConsistency scores={page.scores} />
    </div>
  );
}

function Topics({ data }: { data: Data }) {
  const { t } = useTranslation();
  const manage = data.abilities["camp:manage"];
  const locked = data.drawnCount > 0;
  return (
    <Card title={t("camp.judged.round.topics")}>
      <p className="text-sm text-slate-600">{data.round.kind === "CASE_STUDY" ? t("camp.judged.round.topicsHintCase") : t("camp.judged.round.topicsHintTalk")}</p>
      {locked ? (
        <p className="mt-2">
          <Badge tone="amber">{t("camp.judged.round.topicsLocked", { count: data.drawnCount })}</Badge>
        </p>
      ) : null}
      {data.topics.length === 0 ? (
        <div className="mt-3">
          <EmptyState>{t("camp.judged.round.topicsEmpty")}</EmptyState>
        </div>
      ) : (
        <ol className="mt-3 space-y-3">
          {data.topics.map((topic) => (
            <li key={topic.id} className="rounded-md border border-slate-200 p-3">
              <div className="flex flex-wrap items-start justify-between gap-2">
                <div className="min-w-0">
                  <p className="font-medium">
                    <Content>{topic.title}</Content>
                  </p>
                  {topic.body ? <p className="mt-1 whitespace-pre-line text-sm text-slate-700"><Content>{topic.body}</Content></p> : null}
                  <p className="mt-1 text-xs text-slate-500">{t("camp.judged.round.drawnTimes", { count: topic.drawn })}</p>
                </div>
                {manage && !locked ? (
                  <ConfirmButton
                    intent="removeTopic"
                    fields={{ topicId: topic.id, title: topic.title }}
                    label={t("camp.judged.round.removeTopic")}
                    ariaLabel={t("camp.judged.round.removeTopicLabel", { title: topic.title })}
                    question={t("camp.judged.round.removeTopicQuestion", { title: topic.title })}
                  />
                ) : null}
              </div>
              {manage && !locked ? (
                <details className="mt-2">
                  <summary className="cursor-pointer text-sm text-brand-700">{t("camp.judged.round.editTopic", { title: topic.title })}</summary>
                  <TopicForm intent="editTopic" topic={topic} />
                </details>
              ) : null}
            </li>
          ))}
        </ol>
      )}
      {manage && !locked ? (
        <div className="mt-4 border-t border-slate-100 pt-3">
          <TopicForm intent="addTopic" />
        </div>
      ) : null}
    </Card>
  );
}

function TopicForm({ intent, topic }: { intent: "addTopic" | "editTopic"; topic?: { id: string; title: string; body: string } }) {
  const reply = useActionData<typeof roundAction>();
  const { t } = useTranslation();
  const [form, fields] = useForm({
    id: topic ? `topic-${topic.id}` : "topic-new",
    lastResult: reply?.intent === intent ? reply.form : undefined,
    defaultValue: topic ? { title: topic.title, body: topic.body } : undefined,
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: topicSchema }),
  });
  return (
    <Form method="post" {...getFormProps(form)} className="mt-2 space-y-3">
      <input type="hidden" name="intent" value={intent} />
      {topic ? <input type="hidden" name="topicId" value={topic.id} /> : null}
      <TextField field={fields.title} label={t("camp.judged.round.topicTitle")} maxLength={TOPIC_TITLE_MAX} />
      <TextAreaField field={fields.body} label={t("camp.judged.round.topicBody")} rows={3} />
      <SubmitButton intent={intent} match={topic ? ["topicId", topic.id] : undefined} pendingLabel={topic ? t("camp.judged.round.saving") : t("camp.judged.round.adding")} tone={topic ? "secondary" : "primary"}>
        {topic ? t("camp.judged.round.saveTopic") : t("camp.judged.round.addTopic")}
      </SubmitButton>
    </Form>
  );
}

function Entries({ data }: { data: Data }) {
  const { t, i18n } = useTranslation();
  const manage = data.abilities["camp:manage"];
  const canDraw = data.canDraw;
  return (
    <Card title={t("camp.judged.round.entries", { drawn: data.drawnCount, count: data.entryCount })}>
      <div className="mb-4 space-y-2 text-sm text-slate-700">
        <h3 className="font-semibold text-slate-900">{t("camp.judged.round.judging")}</h3>
        <p>{data.round.judgesPerContestant ? t("camp.judged.round.judgingHint", { count: data.round.judgesPerContestant }) : t("camp.judged.round.noJudgeCount")}</p>
        <p>{t("camp.judged.round.judgeCount", { count: data.judgeCount })}</p>
        {data.round.rubric ? (
          <p>
            {t("camp.judged.round.rubric", { name: data.round.rubric.name })}{" "}
            {data.round.rubric.criteria.map((c) => t("camp.judged.round.criterion", { name: c.name, weight: c.weight })).join("、")}
          </p>
        ) : (
          <Notice tone="info">{t("camp.judged.round.noRubric")}</Notice>
        )}
        <div className="flex flex-wrap gap-2">
          {canDraw && data.drawnCount < data.entryCount && data.topics.length > 0 ? (
            <ConfirmButton intent="drawAll" label={t("camp.judged.round.drawAll")} question={t("camp.judged.round.drawAllQuestion")} tone="secondary" size="md" />
          ) : null}
          {manage && data.entryCount > 0 && data.round.judgesPerContestant ? (
            <ConfirmButton intent="assign" label={t("camp.judged.round.assign")} question={t("camp.judged.round.assignQuestion")} tone="primary" size="md" />
          ) : null}
        </div>
      </div>
      <DataTable
        caption={t("camp.judged.round.entries", { drawn: data.drawnCount, count: data.entryCount })}
        rows={data.entries}
        rowKey={(entry) => entry.id}
        empty={<EmptyState>{t("camp.judged.round.entriesEmpty")}</EmptyState>}
        columns={[
          { key: "name", header: t("camp.judged.round.colName"), primary: true, cell: (e) => <Content>{e.name}</Content> },
          { key: "college", header: t("camp.judged.round.colCollege"), hideOnPhone: true, cell: (e) => <Content>{e.college ?? ""}</Content> },
          {
            key: "order",
            header: t("camp.judged.round.colOrder"),
            cell: (e) =>
              manage ? (
                <Form method="post" className="flex flex-wrap items-end gap-2">
                  <input type="hidden" name="intent" value="order" />
                  <input type="hidden" name="entryId" value={e.id} />
                  <input name="panel" defaultValue={e.panel ?? ""} maxLength={20} aria-label={t("camp.judged.round.panelOf", { name: e.name })} placeholder={t("camp.judged.round.panel")} className={`${inputClass} !mt-0 w-24`} />
                  <input name="sequence" type="number" min={1} max={9999} defaultValue={e.sequence ?? ""} aria-label={t("camp.judged.round.sequenceOf", { name: e.name })} placeholder={t("camp.judged.round.sequence")} className={`${inputClass} !mt-0 w-20`} />
                  <SubmitButton intent="order" match={["entryId", e.id]} size="sm" tone="secondary" pendingLabel={t("camp.judged.round.saving")} label={t("camp.judged.round.saveOrderLabel", { name: e.name })}>
                    {t("camp.judged.round.saveOrder")}
                  </SubmitButton>
                </Form>
              ) : (
                <span>{[e.panel, e.sequence].filter((v) => v !== null && v !== "").join(" · ")}</span>
              ),
          },
          {
            key: "topic",
            header: t("camp.judged.round.colTopic"),
            cell: (e) =>
              e.topic ? (
                <span>
                  <Content>{e.topic}</Content>
                  {e.drawnAt ? <span className="block text-xs text-slate-500">{formatDateTime(e.drawnAt, i18n.language)}</span> : null}
                </span>
              ) : canDraw && data.topics.length > 0 ? (
                <ConfirmButton
                  intent="draw"
                  fields={{ entryId: e.id, name: e.name }}
                  label={t("camp.judged.round.draw")}
                  ariaLabel={t("camp.judged.round.drawLabel", { name: e.name })}
                  question={t("camp.judged.round.drawQuestion", { name: e.name })}
                  tone="secondary"
                />
              ) : (
                <Badge tone="slate">{t("camp.judged.round.notDrawn")}</Badge>
              ),
          },
          {
            key: "judges",
            header: t("camp.judged.round.colJudges"),
            cell: (e) => (
              <div className="space-y-1">
                <ul className="flex flex-wrap gap-1">
                  {e.judges.map((j) => (
                    <li key={j.id}>
                      <Badge tone={j.submitted ? "emerald" : "slate"}>{j.submitted ? t("camp.judged.round.sheetIn", { name: j.name }) : t("camp.judged.round.sheetOpen", { name: j.name })}</Badge>
                    </li>
                  ))}
                </ul>
                {manage ? <AddJudge entry={e} /> : null}
              </div>
            ),
          },
          {
            key: "score",
            header: t("camp.judged.round.colScore"),
            cell: (e) =>
              e.score ? (
                <span>
                  {e.score.score === null ? t("camp.judged.round.noScore") : t("camp.judged.round.scoreOf", { score: e.score.score, judges: e.score.judges })}
                  <Flags flags={e.score.flags} spread={e.score.spread} />
                </span>
              ) : null,
          },
        ]}
      />
      <div className="mt-3">
        <Pagination page={data.page} pages={data.pages} total={data.entryCount} />
      </div>
    </Card>
  );
}

function AddJudge({ entry }: { entry: Data["entries"][number] }) {
  const { t } = useTranslation();
  if (entry.candidates.length === 0) return <p className="text-xs text-slate-500">{t("camp.judged.round.noCandidates")}</p>;
  const selectId = `add-judge-${entry.id}`;
  return (
    <Form method="post" className="flex flex-wrap items-end gap-2">
      <input type="hidden" name="intent" value="addJudge" />
      <input type="hidden" name="entryId" value={entry.id} />
      <label htmlFor={selectId} className="sr-only">
        {t("camp.judged.round.chooseJudge", { name: entry.name })}
      </label>
      <select id={selectId} name="judgeId" className={`${inputClass} !mt-0 w-40`}>
        {entry.candidates.map((judge) => (
          <option key={judge.id} value={judge.id}>
            {t("camp.judged.round.judgeLoad", { name: judge.name, load: judge.load })}
          </option>
        ))}
      </select>
      <SubmitButton intent="addJudge" match={["entryId", entry.id]} size="sm" tone="secondary" pendingLabel={t("camp.judged.round.saving")} label={t("camp.judged.round.addJudgeLabel", { name: entry.name })}>
        {t("camp.judged.round.addJudge")}
      </SubmitButton>
    </Form>
  );
}
