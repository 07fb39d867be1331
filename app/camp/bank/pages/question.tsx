import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ActionFeedback } from "~/components/kit/action-feedback.tsx";
import { ActionButton, buttonClass } from "~/components/kit/buttons.tsx";
import { Badge, Card } from "~/components/kit/card.tsx";
import { ConfirmButton } from "~/components/kit/confirm.tsx";
import { Content } from "~/components/kit/content-lang.tsx";
import { Notice, PageHeader } from "~/components/kit/feedback.tsx";
import { formatDate, formatDateTime } from "~/lib/format.ts";
import type { loader } from "~/routes/camp.bank.$questionId.tsx";
import type { questionPageAction } from "../question.actions.server.ts";
import { partsOf, versionChanges, type ChangedPart, type QuestionFormValues } from "../version.ts";
import { useBankLabels } from "./labels.ts";

const PART_KEYS = {
  kind: "camp.bank.question.parts.kind",
  stem: "camp.bank.question.parts.stem",
  options: "camp.bank.question.parts.options",
  answer: "camp.bank.question.parts.answer",
  duties: "camp.bank.question.parts.duties",
  difficulty: "camp.bank.question.parts.difficulty",
  explanation: "camp.bank.question.parts.explanation",
} as const satisfies Record<ChangedPart, string>;

const letter = (index: number) => String.fromCharCode(65 + index);

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="grid gap-1 sm:grid-cols-[8rem_1fr]">
      <dt className="text-sm font-medium text-slate-600">{label}</dt>
      <dd className="min-w-0 whitespace-pre-wrap break-words text-sm text-slate-900">{children}</dd>
    </div>
  );
}

/** The current version as 学工部 reads it: with the answer. */
function CurrentVersion({ values, category, source }: { values: QuestionFormValues; category: string; source: Parameters<ReturnType<typeof useBankLabels>["sourceLabel"]>[0] }) {
  const { t } = useTranslation();
  const { kindLabel, sourceLabel, difficultyLabel } = useBankLabels();
  const none = t("camp.bank.question.none");
  return (
    <dl className="space-y-3">
      <Field label={t("camp.bank.question.kind")}>{kindLabel(values.kind)}</Field>
      <Field label={t("camp.bank.form.stem")}>
        <Content>{values.stem}</Content>
      </Field>
      {values.kind === "SINGLE" || values.kind === "MULTIPLE" ? (
        <Field label={t("camp.bank.form.options")}>
          <ol className="space-y-1">
            {values.options.map((option, index) => (
              <li key={index} className={option.correct ? "font-medium text-emerald-800" : undefined}>
                {letter(index)}. <Content>{option.text}</Content>
                {option.correct ? (
                  <span className="ml-2">
                    <Badge tone="emerald">{t("camp.bank.question.answer")}</Badge>
                  </span>
                ) : null}
              </li>
            ))}
          </ol>
        </Field>
      ) : null}
      {values.kind === "TRUE_FALSE" ? <Field label={t("camp.bank.question.answer")}>{values.answer === "true" ? t("camp.bank.form.true") : t("camp.bank.form.false")}</Field> : null}
      {values.kind === "FILL_IN" ? <Field label={t("camp.bank.question.accepted")}>{values.accepted.join(" | ")}</Field> : null}
      {values.kind === "SHORT_ANSWER" ? (
        <>
          <Field label={t("camp.bank.question.referenceAnswer")}>{values.referenceAnswer ? <Content>{values.referenceAnswer}</Content> : none}</Field>
          <Field label={t("camp.bank.question.gradingNotes")}>{values.gradingNotes ? <Content>{values.gradingNotes}</Content> : none}</Field>
        </>
      ) : null}
      <Field label={t("camp.bank.question.duties")}>{values.duties.map((duty) => t(`duty.${duty}`)).join("、")}</Field>
      <Field label={t("camp.bank.question.difficulty")}>{difficultyLabel(values.difficulty)}</Field>
      <Field label={t("camp.bank.question.explanation")}>{values.explanation ? <Content>{values.explanation}</Content> : none}</Field>
      <Field label={t("camp.bank.question.category")}>{category ? <Content>{category}</Content> : t("camp.bank.list.noCategory")}</Field>
      <Field label={t("camp.bank.question.source")}>{sourceLabel(source)}</Field>
    </dl>
  );
}

/** /camp/bank/:questionId: the current version with its answer, retire/restore, and every version with what it changed. */
export default function QuestionPage() {
  const { question, versions, saved } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof questionPageAction>();
  const { t, i18n } = useTranslation();
  const { kindLabel } = useBankLabels();
  const yesNo = (value: boolean) => (value ? t("camp.bank.form.true") : t("camp.bank.form.false"));
  const partsOfVersion = (values: QuestionFormValues) => partsOf(values, (duty) => t(`duty.${duty}`), kindLabel, yesNo);
  const current = versions.find((v) => v.number === question.currentNumber) ?? versions[0]!;
  const savedNotice = saved === "new" ? t("camp.bank.question.created") : saved === "category" ? t("camp.bank.question.categorySaved") : saved ? t("camp.bank.question.savedVersion", { number: saved }) : null;

  return (
    <div className="mx-auto max-w-4xl space-y-6">
      <PageHeader
        title={t("camp.bank.question.heading")}
        subtitle={
          <span className="flex flex-wrap items-center gap-2">
            <Link to="/camp/bank" className="text-brand-700 hover:underline">
              {t("camp.bank.title")}
            </Link>
            <span aria-hidden="true">·</span>
            {t("camp.bank.question.versionTitle", { number: question.currentNumber })}
            {question.retiredAt ? <Badge tone="amber">{t("camp.bank.question.retired")}</Badge> : null}
          </span>
        }
        actions={
          <>
            <Link to={`/camp/bank/${question.id}/edit`} className={buttonClass("primary", "sm")}>
              {t("camp.bank.question.edit")}
            </Link>
            {question.retiredAt ? (
              <ActionButton intent="restore" pendingLabel={t("camp.bank.question.restoring")}>
                {t("camp.bank.question.restore")}
              </ActionButton>
            ) : (
              <ConfirmButton intent="retire" label={t("camp.bank.question.retire")} question={t("camp.bank.question.retireQuestion")} />
            )}
          </>
        }
      />
      {reply ? <ActionFeedback reply={reply} /> : savedNotice ? <Notice tone="success">{savedNotice}</Notice> : null}
      {question.retiredAt ? <Notice tone="info">{t("camp.bank.question.retiredSince", { date: formatDate(question.retiredAt, i18n.language) })}</Notice> : null}

      <Card title={t("camp.bank.question.current")}>
        <CurrentVersion values={current.values} category={question.category} source={question.source} />
      </Card>

      <section aria-labelledby="versions-heading" className="space-y-3">
        <h2 id="versions-heading" className="text-lg font-semibold">
          {t("camp.bank.question.versions")}
        </h2>
        <ol className="space-y-3">
          {versions.map((version, index) => {
            const previous = versions[index + 1];
            const changes = previous ? versionChanges(partsOfVersion(previous.values), partsOfVersion(version.values)) : [];
            return (
              <li key={version.id} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
                <div className="flex flex-wrap items-center gap-2">
                  <h3 className="font-medium">{t("camp.bank.question.versionTitle", { number: version.number })}</h3>
                  {version.number === question.currentNumber ? <Badge tone="brand">{t("camp.bank.question.current")}</Badge> : null}
                  <span className="text-sm text-slate-600">
                    {t("camp.bank.question.versionMeta", { date: formatDateTime(version.createdAt, i18n.language), author: version.author ?? t("camp.bank.question.unknownAuthor") })}
                  </span>
                  {version.drawn ? <Badge tone="slate">{t("camp.bank.question.drawn", { count: version.drawn })}</Badge> : null}
                </div>
                {previous ? (
                  <table className="mt-3 w-full table-fixed text-sm max-sm:block">
                    <caption className="mb-1 text-left text-slate-600 max-sm:block">{t("camp.bank.question.changes")}</caption>
                    <thead className="text-left text-xs text-slate-500 max-sm:sr-only">
                      <tr>
                        <th scope="col" className="w-24 py-1 pr-2 font-medium">
                          {t("camp.bank.question.part")}
                        </th>
                        <th scope="col" className="py-1 pr-2 font-medium">
                          {t("camp.bank.question.before")}
                        </th>
                        <th scope="col" className="py-1 font-medium">
                          {t("camp.bank.question.after")}
                        </th>
                      </tr>
                    </thead>
                    <tbody className="max-sm:block">
                      {changes.map((change) => (
                        <tr key={change.part} className="border-t border-slate-100 align-top max-sm:block max-sm:py-2">
                          <th scope="row" className="py-1 pr-2 text-left font-medium text-slate-700 max-sm:block">
                            {t(PART_KEYS[change.part])}
                          </th>
                          <td className="whitespace-pre-wrap break-words py-1 pr-2 text-red-800 max-sm:block">
                            <del aria-label={t("camp.bank.question.before")}>{change.before || t("camp.bank.question.empty")}</del>
                          </td>
                          <td className="whitespace-pre-wrap break-words py-1 text-emerald-800 max-sm:block">
                            <ins aria-label={t("camp.bank.question.after")}>{change.after || t("camp.bank.question.empty")}</ins>
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                ) : (
                  <p className="mt-2 text-sm text-slate-600">{t("camp.bank.question.firstVersion")}</p>
                )}
              </li>
            );
          })}
        </ol>
      </section>
    </div>
  );
}
