import { useTranslation } from "react-i18next";
import type { RoundResultFlag } from "~/generated/prisma/enums.ts";
import { Badge, Card } from "~/components/kit/card.tsx";
import { Content } from "~/components/kit/content-lang.tsx";
import { DataTable } from "~/components/kit/data-table.tsx";
import { EmptyState } from "~/components/kit/feedback.tsx";
import { translateKey } from "~/i18n/keys.ts";
import { RULE_KEY } from "../labels.ts";
import type { JudgedRoundScores } from "../scores.server.ts";

/** A contestant's flags: a disagreement (with the spread) asks for a further judge. */
export function Flags({ flags, spread }: { flags: readonly RoundResultFlag[]; spread: number }) {
  const { t } = useTranslation();
  if (flags.length === 0) return null;
  return (
    <span className="ml-1 inline-flex flex-wrap gap-1">
      {flags.includes("DISAGREEMENT") ? <Badge tone="amber">{t("camp.judged.flag.disagreement", { spread })}</Badge> : null}
      {flags.includes("TOO_FEW_JUDGES") ? <Badge tone="slate">{t("camp.judged.flag.tooFewJudges")}</Badge> : null}
    </span>
  );
}

type Serialized<T> = T extends Date ? string : T extends object ? { [K in keyof T]: Serialized<T[K]> } : T;

/** The round's scores by its rule, and how consistent the judges are (organisers only). */
export function ScoresAndConsistency({ scores }: { scores: Serialized<JudgedRoundScores> }) {
  const { t } = useTranslation();
  const scored = scores.contestants.filter((c) => c.judges > 0);
  return (
    <>
      <Card title={t("camp.judged.round.scores")}>
        <p className="mb-3 text-sm text-slate-600">{t("camp.judged.round.scoresHint", { rule: t(RULE_KEY[scores.rule]), tolerance: scores.tolerance })}</p>
        {scores.unusedJudges.length > 0 ? (
          <p className="mb-3 text-sm text-slate-600">{t("camp.judged.round.unusedJudges", { names: scores.unusedJudges.map((j) => j.name).join("、") })}</p>
        ) : null}
        <DataTable
          caption={t("camp.judged.round.scores")}
          rows={scored}
          rowKey={(c) => c.entryId}
          empty={<EmptyState>{t("camp.judged.board.empty")}</EmptyState>}
          columns={[
            { key: "name", header: t("camp.judged.round.colName"), primary: true, cell: (c) => <Content>{c.name}</Content> },
            {
              key: "score",
              header: t("camp.judged.round.colScore"),
              cell: (c) => (
                <span>
                  {c.score === null ? (c.error ? translateKey(t, c.error.key, c.error.params) : t("camp.judged.round.noScore")) : t("camp.judged.round.scoreOf", { score: c.score, judges: c.judges })}
                  <Flags flags={c.flags} spread={c.spread} />
                </span>
              ),
            },
          ]}
        />
      </Card>
      <Card title={t("camp.judged.round.consistency")}>
        <p className="mb-3 text-sm text-slate-600">{t("camp.judged.round.consistencyHint")}</p>
        <DataTable
          caption={t("camp.judged.round.consistency")}
          rows={scores.consistency.filter((c) => c.compared > 0)}
          rowKey={(c) => c.judgeId}
          empty={<EmptyState>{t("camp.judged.round.consistencyEmpty")}</EmptyState>}
          columns={[
            { key: "judge", header: t("camp.judged.round.colJudge"), primary: true, cell: (c) => <Content>{c.name}</Content> },
            { key: "sheets", header: t("camp.judged.round.colSheets"), numeric: true, cell: (c) => c.sheets },
            { key: "offset", header: t("camp.judged.round.colOffset"), numeric: true, cell: (c) => c.meanOffset ?? t("camp.judged.round.noScore") },
            { key: "abs", header: t("camp.judged.round.colAbsOffset"), numeric: true, cell: (c) => c.meanAbsoluteOffset ?? t("camp.judged.round.noScore") },
            { key: "corr", header: t("camp.judged.round.colCorrelation"), numeric: true, cell: (c) => c.correlation ?? t("camp.judged.round.noScore") },
          ]}
        />
      </Card>
    </>
  );
}
