import { Form, Link, useNavigation } from "@remix-run/react";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { explainText } from "./explain-text.ts";
import { formatPoints, type ScoreBreakdown } from "./matching/scoring.ts";
import type { Explained } from "./matching/types.ts";

/** Small building blocks shared by the mentor pages. */

export function useExplain() {
  const { t } = useTranslation();
  return (explained: Explained) => explainText(t, explained);
}

export const buttonClass = {
  primary: "inline-flex items-center rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60",
  secondary: "inline-flex items-center rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm text-slate-700 hover:bg-slate-100 disabled:opacity-60",
  danger: "inline-flex items-center rounded-md bg-red-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-red-700 disabled:opacity-60",
  small: "inline-flex items-center rounded px-2 py-0.5 text-xs font-medium text-brand-700 ring-1 ring-inset ring-brand-100 hover:bg-brand-50 disabled:opacity-60",
  smallDanger: "inline-flex items-center rounded px-2 py-0.5 text-xs font-medium text-red-700 ring-1 ring-inset ring-red-200 hover:bg-red-50 disabled:opacity-60",
};

export const fieldClass =
  "mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm shadow-sm focus:border-brand-600 aria-[invalid]:border-red-500";

/** Is a form with these fields being submitted right now? (progress on the button that was pressed) */
export function useSubmitting(match: Record<string, string>): boolean {
  const navigation = useNavigation();
  if (navigation.state === "idle" || !navigation.formData) return false;
  return Object.entries(match).every(([name, value]) => navigation.formData!.get(name) === value);
}

/** The result of the last action: a confirmation (status) or a refusal (alert). */
export function ActionNotice({ result }: { result: { ok: boolean; message?: string; error?: string; problems?: string[] } | undefined | null }) {
  if (!result) return null;
  if (result.ok) {
    return (
      <p role="status" className="rounded-md bg-emerald-50 px-4 py-2 text-sm text-emerald-800">
        {result.message}
      </p>
    );
  }
  return (
    <div role="alert" className="rounded-md bg-red-50 px-4 py-3 text-sm text-red-800">
      <p>{result.error}</p>
      {result.problems?.length ? (
        <ul className="mt-2 list-disc space-y-1 pl-5">
          {result.problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

export function KindBadge({ kind }: { kind: "INTERNAL" | "EXTERNAL" }) {
  const { t } = useTranslation();
  return (
    <span className={`inline-flex rounded px-1.5 py-0.5 text-xs font-medium ${kind === "INTERNAL" ? "bg-sky-50 text-sky-800" : "bg-violet-50 text-violet-800"}`}>
      {t(`mentorKind.${kind}`)}
    </span>
  );
}

const STATUS_TONE: Record<string, string> = {
  PROPOSED: "bg-amber-50 text-amber-800",
  INVITED: "bg-sky-50 text-sky-800",
  ACCEPTED: "bg-emerald-50 text-emerald-800",
  DECLINED: "bg-slate-100 text-slate-600",
  EXCLUDED: "bg-slate-100 text-slate-600",
};

export function StatusBadge({ status }: { status: "PROPOSED" | "INVITED" | "ACCEPTED" | "DECLINED" | "EXCLUDED" }) {
  const { t } = useTranslation();
  return <span className={`inline-flex rounded px-1.5 py-0.5 text-xs font-medium ${STATUS_TONE[status]}`}>{t(`mentorAssignmentStatus.${status}`)}</span>;
}

/** The parts of a score as a small table: what each part is based on and its points. */
export function BreakdownTable({ breakdown }: { breakdown: ScoreBreakdown }) {
  const { t } = useTranslation();
  const rows: Array<[string, string, number]> = [
    [t("mentors.breakdown.duty"), t(`mentors.breakdown.dutyLevel.${breakdown.duty.level}`), breakdown.duty.points],
    [
      t("mentors.breakdown.keywords"),
      breakdown.keywords.matched.length
        ? t("mentors.breakdown.keywordsValue", { matched: breakdown.keywords.matched.join("、"), count: breakdown.keywords.matched.length, of: breakdown.keywords.of })
        : t("mentors.breakdown.keywordsNone", { of: breakdown.keywords.of }),
      breakdown.keywords.points,
    ],
    [t("mentors.breakdown.seniority"), t(`mentorRank.${breakdown.seniority.rank}`), breakdown.seniority.points],
    [
      t("mentors.breakdown.preference"),
      breakdown.preference.rank ? t("mentors.breakdown.preferenceRank", { rank: breakdown.preference.rank }) : t("mentors.breakdown.preferenceNone"),
      breakdown.preference.points,
    ],
    [t("mentors.breakdown.load"), t("mentors.breakdown.loadValue", { position: breakdown.load.position, capacity: breakdown.load.capacity }), breakdown.load.points],
  ];
  return (
    <table className="mt-2 w-full text-left text-xs">
      <thead className="text-slate-500">
        <tr>
          <th scope="col" className="py-1 pr-2 font-medium">{t("mentors.breakdown.part")}</th>
          <th scope="col" className="py-1 pr-2 font-medium">{t("mentors.breakdown.basis")}</th>
          <th scope="col" className="py-1 text-right font-medium">{t("mentors.breakdown.points")}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(([part, basis, value]) => (
          <tr key={part} className="border-t border-slate-100">
            <th scope="row" className="py-1 pr-2 font-normal text-slate-700">{part}</th>
            <td className="py-1 pr-2 text-slate-600">{basis}</td>
            <td className={`py-1 text-right tabular-nums ${value < 0 ? "text-red-700" : ""}`}>{formatPoints(value)}</td>
          </tr>
        ))}
        <tr className="border-t border-slate-300 font-semibold">
          <th scope="row" className="py-1 pr-2 text-left">{t("mentors.breakdown.total")}</th>
          <td />
          <td className="py-1 text-right tabular-nums">{formatPoints(breakdown.total)}</td>
        </tr>
      </tbody>
    </table>
  );
}

/** A disclosure with the score; opens to the breakdown (keyboard and no-JS friendly). */
export function BreakdownDisclosure({ breakdown, label }: { breakdown: ScoreBreakdown; label: string }) {
  const { t } = useTranslation();
  return (
    <details className="group text-xs">
      <summary aria-label={label} className="cursor-pointer select-none text-slate-600 hover:text-brand-700">
        {t("mentors.common.score", { score: formatPoints(breakdown.total) })}
      </summary>
      <div className="mt-1 min-w-64 rounded-md border border-slate-200 bg-white p-2 shadow-sm">
        <BreakdownTable breakdown={breakdown} />
      </div>
    </details>
  );
}

/**
 * A destructive action behind a confirmation: the first button opens the question, the second
 * (inside the form) does it. Works without JavaScript and from the keyboard.
 */
export function ConfirmAction({
  label,
  question,
  confirmLabel,
  fields,
  small = true,
  action,
  ariaLabel,
}: {
  label: string;
  /** A name that tells this control from its neighbours (e.g. "排除 赵立群"). */
  ariaLabel?: string;
  question: string;
  confirmLabel: string;
  fields: Record<string, string>;
  small?: boolean;
  action?: string;
}) {
  const id = useId();
  const { t } = useTranslation();
  const busy = useSubmitting(fields);
  return (
    <details className="relative inline-block">
      <summary aria-label={ariaLabel} className={`${small ? buttonClass.smallDanger : buttonClass.secondary} cursor-pointer list-none`}>
        {label}
      </summary>
      <div role="dialog" aria-labelledby={id} className="absolute right-0 z-10 mt-1 w-72 rounded-md border border-slate-200 bg-white p-3 text-left shadow-lg">
        <p id={id} className="text-sm text-slate-700">
          {question}
        </p>
        <Form method="post" action={action} preventScrollReset className="mt-3 flex justify-end gap-2">
          {Object.entries(fields).map(([name, value]) => (
            <input key={name} type="hidden" name={name} value={value} />
          ))}
          <button type="submit" disabled={busy} className={buttonClass.danger}>
            {busy ? t("mentors.common.saving") : confirmLabel}
          </button>
        </Form>
      </div>
    </details>
  );
}

/** A one-button form (lock, unlock…) that shows progress while it is submitted. */
export function ActionButton({ label, fields, busyLabel, tone = "small", ariaLabel }: { label: string; fields: Record<string, string>; busyLabel?: string; tone?: keyof typeof buttonClass; ariaLabel?: string }) {
  const { t } = useTranslation();
  const busy = useSubmitting(fields);
  return (
    <Form method="post" preventScrollReset className="inline">
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <button type="submit" disabled={busy} aria-label={ariaLabel} className={buttonClass[tone]}>
        {busy ? (busyLabel ?? t("mentors.common.saving")) : label}
      </button>
    </Form>
  );
}
