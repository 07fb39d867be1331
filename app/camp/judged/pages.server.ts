import type { Db } from "~/db/client.server.ts";
import { prisma } from "~/db/client.server.ts";
import { can, type Actor } from "~/policy/index.ts";
import { findEntryAccess } from "../access.server.ts";
import { judgedRoundScores } from "./scores.server.ts";

/**
 * Page-ready reads of the judged rounds: the organiser's round page and live board, and a
 * contestant's own entries (for the camp page). Routes authorise first.
 */

export const ENTRY_PAGE_SIZE = 30;

async function roundHeader(roundId: string, db: Db) {
  const round = await db.campRound.findUniqueOrThrow({
    where: { id: roundId },
    select: {
      id: true,
      kind: true,
      enabled: true,
      judgesPerContestant: true,
      camp: { select: { id: true, title: true, status: true } },
      rubric: { select: { name: true, criteria: { orderBy: { position: "asc" }, select: { id: true, name: true, weight: true } } } },
    },
  });
  return round;
}

/** The organiser's round page: topics, entries (a page at a time) with their draw and judges, the scores and judge consistency. */
export async function roundPage(roundId: string, { page = 1 }: { page?: number } = {}, db: Db = prisma) {
  const [round, topics, entryCount, drawnCount, entries, judges, scores] = await Promise.all([
    roundHeader(roundId, db),
    db.campTopic.findMany({ where: { roundId }, orderBy: [{ position: "asc" }, { id: "asc" }], select: { id: true, title: true, body: true, _count: { select: { entries: true } } } }),
    db.campRoundEntry.count({ where: { roundId } }),
    db.campRoundEntry.count({ where: { roundId, topicId: { not: null } } }),
    db.campRoundEntry.findMany({
      where: { roundId },
      orderBy: [{ sequence: { sort: "asc", nulls: "last" } }, { participant: { user: { nameSortKey: "asc" } } }, { id: "asc" }],
      skip: (page - 1) * ENTRY_PAGE_SIZE,
      take: ENTRY_PAGE_SIZE,
      select: {
        id: true,
        panel: true,
        sequence: true,
        drawnAt: true,
        topic: { select: { title: true } },
        participant: { select: { collegeId: true, college: { select: { name: true } }, user: { select: { name: true } } } },
        assignments: { orderBy: { id: "asc" }, select: { id: true, judgeId: true, submittedAt: true, judge: { select: { user: { select: { name: true } } } } } },
      },
    }),
    db.campJudge.findMany({
      where: { camp: { rounds: { some: { id: roundId } } } },
      select: { id: true, collegeId: true, user: { select: { name: true, nameSortKey: true } }, _count: { select: { assignments: { where: { roundId } } } } },
    }),
    judgedRoundScores(roundId, db),
  ]);
  const judgesByLoad = [...judges].sort((a, b) => a._count.assignments - b._count.assignments || (a.user.nameSortKey ?? "").localeCompare(b.user.nameSortKey ?? "") || a.id.localeCompare(b.id));
  const scoreOf = new Map(scores.contestants.map((c) => [c.entryId, c]));
  return {
    round: {
      id: round.id,
      kind: round.kind,
      enabled: round.enabled,
      judgesPerContestant: round.judgesPerContestant,
      rubric: round.rubric ? { name: round.rubric.name, criteria: round.rubric.criteria } : null,
    },
    camp: round.camp,
    topics: topics.map((t) => ({ id: t.id, title: t.title, body: t.body, drawn: t._count.entries })),
    drawnCount,
    entryCount,
    judgeCount: judges.length,
    page,
    pages: Math.max(1, Math.ceil(entryCount / ENTRY_PAGE_SIZE)),
    entries: entries.map((entry) => {
      const on = new Set(entry.assignments.map((a) => a.judgeId));
      const collegeId = entry.participant.collegeId;
      return {
        id: entry.id,
        name: entry.participant.user.name,
        college: entry.participant.college?.name ?? null,
        panel: entry.panel,
        sequence: entry.sequence,
        topic: entry.topic?.title ?? null,
        drawnAt: entry.drawnAt,
        judges: entry.assignments.map((a) => ({ id: a.id, name: a.judge.user.name, submitted: a.submittedAt !== null })),
        // Who could be added as a further judge: not on it, not of the contestant's college, least busy first.
        candidates: judgesByLoad
          .filter((judge) => !on.has(judge.id) && (judge.collegeId === null || collegeId === null || judge.collegeId !== collegeId))
          .map((judge) => ({ id: judge.id, name: judge.user.name, load: judge._count.assignments })),
        score: scoreOf.get(entry.id) ?? null,
      };
    }),
    scores,
  };
}

export const BOARD_PAGE_SIZE = 40;
export const BOARD_SHOW = ["all", "missing", "flagged"] as const;
export type BoardShow = (typeof BOARD_SHOW)[number];
export interface BoardQuery {
  page: number;
  /** One panel (评审组) only; "" for every panel. */
  panel: string;
  /** Everyone, those with a sheet still missing, or those flagged. */
  show: BoardShow;
}

/** ?page=&panel=&show= of the board; anything unknown falls back to the whole round, page 1. */
export function parseBoardQuery(url: string): BoardQuery {
  const params = new URL(url).searchParams;
  const show = params.get("show");
  return {
    page: Math.max(1, Math.min(10_000, Math.floor(Number(params.get("page"))) || 1)),
    panel: (params.get("panel") ?? "").slice(0, 40),
    show: BOARD_SHOW.includes(show as BoardShow) ? (show as BoardShow) : "all",
  };
}

/**
 * The live board: per contestant, which judges' sheets are in and which are missing, with the flags.
 * The counts are the round's; the rows are one page of those the filter keeps (a panel, only those
 * with a sheet missing, only the flagged), in order of appearance. The scores are computed for the
 * whole round (standardisation needs every sheet); the sheets are read for the page's rows only.
 */
export async function boardPage(roundId: string, query: BoardQuery = { page: 1, panel: "", show: "all" }, db: Db = prisma) {
  const [round, sheetCount, submittedCount, scores] = await Promise.all([
    roundHeader(roundId, db),
    db.judgeAssignment.count({ where: { roundId } }),
    db.judgeAssignment.count({ where: { roundId, submittedAt: { not: null } } }),
    judgedRoundScores(roundId, db),
  ]);
  const panels = [...new Set(scores.contestants.flatMap((c) => (c.panel ? [c.panel] : [])))].sort((a, b) => a.localeCompare(b, "zh-CN"));
  const kept = scores.contestants.filter(
    (c) => (query.panel === "" || c.panel === query.panel) && (query.show === "all" || (query.show === "missing" ? c.pending > 0 : c.flags.length > 0)),
  );
  const pages = Math.max(1, Math.ceil(kept.length / BOARD_PAGE_SIZE));
  const page = Math.min(query.page, pages);
  const shown = kept.slice((page - 1) * BOARD_PAGE_SIZE, page * BOARD_PAGE_SIZE);
  const sheets = await db.judgeAssignment.findMany({
    where: { roundId, entryId: { in: shown.map((c) => c.entryId) } },
    orderBy: { id: "asc" },
    select: { id: true, entryId: true, submittedAt: true, total: true, judge: { select: { user: { select: { name: true } } } } },
  });
  const sheetsOf = new Map<string, typeof sheets>();
  for (const sheet of sheets) sheetsOf.set(sheet.entryId, [...(sheetsOf.get(sheet.entryId) ?? []), sheet]);
  return {
    round: { id: round.id, kind: round.kind },
    camp: round.camp,
    counts: { sheets: sheetCount, submitted: submittedCount, missing: sheetCount - submittedCount, flagged: scores.contestants.filter((c) => c.flags.length > 0).length },
    rule: scores.rule,
    query: { ...query, page },
    panels,
    page,
    pages,
    matching: kept.length,
    contestants: scores.contestants.length,
    rows: shown.map((c) => ({
      entryId: c.entryId,
      name: c.name,
      panel: c.panel,
      sequence: c.sequence,
      score: c.score,
      flags: c.flags,
      spread: c.spread,
      sheets: (sheetsOf.get(c.entryId) ?? []).map((s) => ({ id: s.id, judge: s.judge.user.name, submittedAt: s.submittedAt, total: s.total === null ? null : Number(s.total) })),
    })),
  };
}

/**
 * A contestant's own judged rounds in a camp (for the camp page's MyJudgedRounds): the round, their
 * order and panel, and the topic once drawn. Only the person's own entries (authorised by
 * "camp-entry:view" as the contestant; `canDraw` from "camp-entry:draw" by the caller).
 */
export async function myEntries(campId: string, userId: string, db: Db = prisma) {
  const entries = await db.campRoundEntry.findMany({
    where: { campId, userId, round: { kind: { in: ["CASE_STUDY", "TALK"] }, enabled: true } },
    orderBy: [{ round: { position: "asc" } }, { id: "asc" }],
    select: { id: true, roundId: true, sequence: true, panel: true, drawnAt: true, round: { select: { kind: true, opensAt: true } }, topic: { select: { title: true, body: true } } },
  });
  return entries.map((entry) => ({
    entryId: entry.id,
    roundId: entry.roundId,
    kind: entry.round.kind,
    opensAt: entry.round.opensAt,
    sequence: entry.sequence,
    panel: entry.panel,
    drawnAt: entry.drawnAt,
    topic: entry.topic,
  }));
}

/**
 * What MyJudgedRounds shows on the camp page: the viewer's own entries, each with whether the
 * policy lets them draw now ("camp-entry:draw"). The camp page's loader calls this for its viewer.
 */
export async function myJudgedRounds(user: Actor, campId: string, db: Db = prisma) {
  const entries = await myEntries(campId, user.id, db);
  return Promise.all(
    entries.map(async (entry) => {
      const access = await findEntryAccess(user, entry.entryId, db);
      return { ...entry, canDraw: access !== null && can(user, "camp-entry:draw", access) };
    }),
  );
}
