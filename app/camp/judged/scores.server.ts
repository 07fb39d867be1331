import type { Db } from "~/db/client.server.ts";
import { prisma } from "~/db/client.server.ts";
import type { JudgedScoringRule, RoundResultFlag } from "~/generated/prisma/enums.ts";
import { judgeConsistency, roundScores, type JudgingError } from "../judging.ts";

/**
 * A judged round's scores as they stand, from the submitted sheets, by the round's rule (judging.ts
 * roundScores: MEAN, TRIMMED_MEAN, Z_SCORE) with its disagreement tolerance. Computed for display
 * and for camp-release, which persists them as RoundResult; nothing is written here.
 */

export interface JudgedContestantScore {
  entryId: string;
  userId: string;
  name: string;
  panel: string | null;
  sequence: number | null;
  /** 0..100 in hundredths; null with the reason in `error` (or no sheet in yet). */
  score: number | null;
  error: JudgingError | null;
  /** Submitted sheets counted. */
  judges: number;
  /** Sheets assigned and not yet submitted. */
  pending: number;
  /** Highest minus lowest total (0 with fewer than two sheets). */
  spread: number;
  /** DISAGREEMENT: the spread exceeds the tolerance (ask a further judge); TOO_FEW_JUDGES: the rule cannot score the sheets there are. */
  flags: RoundResultFlag[];
}

export interface JudgedRoundScores {
  roundId: string;
  rule: JudgedScoringRule;
  tolerance: number;
  contestants: JudgedContestantScore[];
  /** Judges whose sheets the z-score could not use (one contestant only), by CampJudge id with their name. */
  unusedJudges: Array<{ judgeId: string; name: string }>;
  /** How each judge stands against the others (leave-one-out), for the organiser. */
  consistency: Array<{ judgeId: string; name: string; sheets: number; compared: number; meanOffset: number | null; meanAbsoluteOffset: number | null; correlation: number | null }>;
}

/** The rule when the organiser has not chosen one (the 去掉一个最高分和一个最低分). */
export const DEFAULT_RULE: JudgedScoringRule = "TRIMMED_MEAN";
/** The tolerance when none is set: a spread of more than 10 points out of 100 is flagged. */
export const DEFAULT_TOLERANCE = 10;

export async function judgedRoundScores(roundId: string, db: Db = prisma): Promise<JudgedRoundScores> {
  const round = await db.campRound.findUniqueOrThrow({ where: { id: roundId }, select: { scoringRule: true, disagreementTolerance: true } });
  const rule = round.scoringRule ?? DEFAULT_RULE;
  const tolerance = round.disagreementTolerance === null ? DEFAULT_TOLERANCE : Number(round.disagreementTolerance);
  const [entries, sheets] = await Promise.all([
    db.campRoundEntry.findMany({
      where: { roundId },
      orderBy: [{ sequence: { sort: "asc", nulls: "last" } }, { participant: { user: { nameSortKey: "asc" } } }, { id: "asc" }],
      select: { id: true, userId: true, panel: true, sequence: true, participant: { select: { user: { select: { name: true } } } } },
    }),
    db.judgeAssignment.findMany({
      where: { roundId },
      orderBy: { id: "asc" },
      select: { entryId: true, judgeId: true, total: true, submittedAt: true, judge: { select: { user: { select: { name: true } } } } },
    }),
  ]);
  const submitted = sheets.filter((sheet) => sheet.submittedAt !== null && sheet.total !== null);
  const input = submitted.map((sheet) => ({ judgeId: sheet.judgeId, contestantId: sheet.entryId, total: Number(sheet.total) }));
  const computed = roundScores(input, rule, tolerance);
  const byEntry = new Map(computed.contestants.map((c) => [c.contestantId, c]));
  const judgeName = new Map(sheets.map((sheet) => [sheet.judgeId, sheet.judge.user.name]));
  const sheetsOf = (judgeId: string) => submitted.filter((sheet) => sheet.judgeId === judgeId).length;
  // Counted once: a round of hundreds of contestants would otherwise scan every sheet per contestant.
  const pendingOf = new Map<string, number>();
  for (const sheet of sheets) if (sheet.submittedAt === null) pendingOf.set(sheet.entryId, (pendingOf.get(sheet.entryId) ?? 0) + 1);

  return {
    roundId,
    rule,
    tolerance,
    contestants: entries.map((entry) => {
      const own = byEntry.get(entry.id);
      const pending = pendingOf.get(entry.id) ?? 0;
      const flags: RoundResultFlag[] = [];
      if (own?.disagreement) flags.push("DISAGREEMENT");
      if (own?.error) flags.push("TOO_FEW_JUDGES");
      return {
        entryId: entry.id,
        userId: entry.userId,
        name: entry.participant.user.name,
        panel: entry.panel,
        sequence: entry.sequence,
        score: own?.score ?? null,
        error: own?.error ?? null,
        judges: own?.judges ?? 0,
        pending,
        spread: own?.spread ?? 0,
        flags,
      };
    }),
    unusedJudges: computed.unusedJudges.map((judgeId) => ({ judgeId, name: judgeName.get(judgeId) ?? "" })),
    consistency: judgeConsistency(input).map((c) => ({ ...c, name: judgeName.get(c.judgeId) ?? "", sheets: sheetsOf(c.judgeId) })),
  };
}
