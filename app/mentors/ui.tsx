import { useTranslation } from "react-i18next";
import { Badge, type BadgeTone } from "~/components/kit/card.tsx";
import { DataTable } from "~/components/kit/data-table.tsx";
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

/** The parts of a score as a small table: what each part is based on and its points, then the total. */
export function BreakdownTable({ breakdown, caption }: { breakdown: ScoreBreakdown; caption: string }) {
  const { t } = useTranslation();
  const rows: Array<{ part: string; basis: string; points: number; total?: true }> = [
    { part: t("mentors.breakdown.duty"), basis: t(`mentors.breakdown.dutyLevel.${breakdown.duty.level}`), points: breakdown.duty.points },
    {
      part: t("mentors.breakdown.keywords"),
      basis: breakdown.keywords.matched.length
        ? t("mentors.breakdown.keywordsValue", { matched: breakdown.keywords.matched.join("、"), count: breakdown.keywords.matched.length, of: breakdown.keywords.of })
        : t("mentors.breakdown.keywordsNone", { of: breakdown.keywords.of }),
      points: breakdown.keywords.points,
    },
    { part: t("mentors.breakdown.seniority"), basis: t(`mentorRank.${breakdown.seniority.rank}`), points: breakdown.seniority.points },
    {
      part: t("mentors.breakdown.preference"),
      basis: breakdown.preference.rank ? t("mentors.breakdown.preferenceRank", { rank: breakdown.preference.rank }) : t("mentors.breakdown.preferenceNone"),
      points: breakdown.preference.points,
    },
    { part: t("mentors.breakdown.load"), basis: t("mentors.breakdown.loadValue", { position: breakdown.load.position, capacity: breakdown.load.capacity }), points: breakdown.load.points },
    { part: t("mentors.breakdown.total"), basis: "", points: breakdown.total, total: true },
  ];
  const strong = (row: (typeof rows)[number]) => (row.total ? "font-semibold" : "");
  return (
    <div className="mt-2 text-xs [&_table]:text-xs">
      <DataTable
        caption={caption}
        rows={rows}
        rowKey={(row) => row.part}
        columns={[
          { key: "part", header: t("mentors.breakdown.part"), primary: true, cell: (row) => <span className={row.total ? "font-semibold" : "font-normal text-slate-700"}>{row.part}</span> },
          { key: "basis", header: t("mentors.breakdown.basis"), className: "text-slate-600", cell: (row) => row.basis },
          {
            key: "points",
            header: t("mentors.breakdown.points"),
            numeric: true,
            cell: (row) => <span className={`${strong(row)} ${row.points < 0 ? "text-red-700" : ""}`}>{formatPoints(row.points)}</span>,
          },
        ]}
      />
    </div>
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
        <BreakdownTable breakdown={breakdown} caption={label} />
      </div>
    </details>
  );
}
