import { useTranslation } from "react-i18next";
import { Badge, type BadgeTone } from "~/components/kit/card.tsx";
import { explainText } from "./explain-text.ts";
import { formatPoints, type ScoreBreakdown } from "./matching/scoring.ts";
import type { Explained } from "./matching/types.ts";

/** The mentor pages' own pieces (badges, score breakdowns, explanations); buttons, fields and feedback are the kit's. */

export function useExplain() {
  const { t } = useTranslation();
  return (explained: Explained) => explainText(t, explained);
}

export function KindBadge({ kind }: { kind: "INTERNAL" | "EXTERNAL" }) {
  const { t } = useTranslation();
  return <Badge tone={kind === "INTERNAL" ? "sky" : "violet"}>{t(`mentorKind.${kind}`)}</Badge>;
}

const STATUS_TONE = {
  PROPOSED: "amber",
  INVITED: "sky",
  ACCEPTED: "emerald",
  DECLINED: "slate",
  EXCLUDED: "slate",
} as const satisfies Record<string, BadgeTone>;

export function StatusBadge({ status }: { status: keyof typeof STATUS_TONE }) {
  const { t } = useTranslation();
  return <Badge tone={STATUS_TONE[status]}>{t(`mentorAssignmentStatus.${status}`)}</Badge>;
}

/** A refusal's structured details (UserError.details): the explanations behind it, as a list. */
export function ExplainedList({ details }: { details: unknown }) {
  const explain = useExplain();
  const problems = (details as { problems?: Explained[] } | undefined)?.problems;
  if (!problems?.length) return null;
  return (
    <ul className="list-disc space-y-1 rounded-md bg-red-50 py-2 pl-9 pr-4 text-sm text-red-800">
      {problems.map((problem) => {
        const text = explain(problem);
        return <li key={text}>{text}</li>;
      })}
    </ul>
  );
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
