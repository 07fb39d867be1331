import type { Db } from "~/db/client.server.ts";
import { prisma } from "~/db/client.server.ts";
import type { CampRoundKind, Duty, RoundResultFlag, TargetGroup } from "~/generated/prisma/enums.ts";
import type { CareerStage } from "~/people/career-stage.ts";
import { judgeConsistency, type JudgeScore } from "../judging.ts";
import { DUTIES, median, weakAreas, type Radar, type WeakArea } from "../results.ts";
import { WEAK_AREA_RULE } from "./compute.server.ts";
import { bandOf, DISTRIBUTION_BANDS } from "./labels.ts";

/** What the results pages and reports read (the routes authorise "camp-result:view" / "camp:view-all" first). */

const emptyRadar = (): Radar => Object.fromEntries(DUTIES.map((duty) => [duty, null])) as Radar;

/** Per person, the radar stored at the last computation (earned of possible per duty). */
async function storedRadars(campId: string, userIds: string[] | null, db: Db): Promise<Map<string, Radar>> {
  const rows = await db.campDutyScore.findMany({
    where: { campId, ...(userIds ? { userId: { in: userIds } } : {}) },
    select: { userId: true, duty: true, earned: true, possible: true },
  });
  const radars = new Map<string, Radar>();
  for (const row of rows) {
    const radar = radars.get(row.userId) ?? emptyRadar();
    radar[row.duty] = Number(row.possible) > 0 ? Number(row.earned) / Number(row.possible) : null;
    radars.set(row.userId, radar);
  }
  return radars;
}

/** The median per duty of the people of one stage in the camp (their stage when they took part). */
async function stageMedianOf(campId: string, stage: CareerStage, db: Db): Promise<Radar> {
  const people = await db.campParticipant.findMany({ where: { campId, stage }, select: { userId: true } });
  const radars = [...(await storedRadars(campId, people.map((person) => person.userId), db)).values()];
  return Object.fromEntries(DUTIES.map((duty) => [duty, median(radars.map((radar) => radar[duty]))])) as Radar;
}

export interface PersonalResults {
  camp: { id: string; title: string; year: number; status: string };
  person: { id: string; name: string; college: string | null; stage: CareerStage };
  total: number | null;
  rounds: Array<{ kind: CampRoundKind; weight: number; score: number | null; flags: RoundResultFlag[] }>;
  radar: Radar;
  stageMedian: Radar;
  weakAreas: WeakArea[];
  recommendations: Array<{ courseId: string; title: string; duty: Duty; nextSession: Date | null }>;
}

/** One participant's results: scores per round, radar against the stage median, weak areas, recommended courses. */
export async function personalResults(campId: string, userId: string, db: Db = prisma): Promise<PersonalResults> {
  const participant = await db.campParticipant.findUnique({
    where: { campId_userId: { campId, userId } },
    select: {
      stage: true,
      total: true,
      camp: { select: { id: true, title: true, year: true, status: true, rounds: { where: { enabled: true }, orderBy: { position: "asc" }, select: { id: true, kind: true, weight: true } } } },
      user: { select: { id: true, name: true } },
      college: { select: { name: true } },
      results: { select: { roundId: true, score: true, flags: true } },
      recommendations: {
        where: { dismissedAt: null },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        select: { courseId: true, duty: true, course: { select: { title: true, sessions: { where: { startsAt: { gte: new Date() } }, orderBy: { startsAt: "asc" }, take: 1, select: { startsAt: true } } } } },
      },
    },
  });
  if (!participant) throw new Response("Not Found", { status: 404 });
  const stage = participant.stage as CareerStage;
  const [radars, stageMedian] = await Promise.all([storedRadars(campId, [userId], db), stageMedianOf(campId, stage, db)]);
  const radar = radars.get(userId) ?? emptyRadar();
  const resultOf = new Map(participant.results.map((result) => [result.roundId, result]));
  return {
    camp: { id: participant.camp.id, title: participant.camp.title, year: participant.camp.year, status: participant.camp.status },
    person: { id: participant.user.id, name: participant.user.name, college: participant.college?.name ?? null, stage },
    total: participant.total === null ? null : Number(participant.total),
    rounds: participant.camp.rounds.map((round) => {
      const result = resultOf.get(round.id);
      return { kind: round.kind, weight: Number(round.weight), score: result?.score == null ? null : Number(result.score), flags: result?.flags ?? [] };
    }),
    radar,
    stageMedian,
    weakAreas: weakAreas(radar, stageMedian, WEAK_AREA_RULE),
    recommendations: participant.recommendations.map((r) => ({ courseId: r.courseId, title: r.course.title, duty: r.duty, nextSession: r.course.sessions[0]?.startsAt ?? null })),
  };
}

export interface RankingRow {
  rank: number;
  userId: string;
  name: string;
  college: string | null;
  stage: CareerStage;
  groups: TargetGroup[];
  total: number;
}


/**
 * The organisers' view of a camp: the ranking by total (within a stage or a group when asked),
 * score distributions per round, the school's weakest duties and the judges' consistency.
 */
export async function campOverview(campId: string, filter: { stage?: CareerStage; group?: TargetGroup } = {}, db: Db = prisma) {
  const camp = await db.camp.findUnique({
    where: { id: campId },
    select: {
      id: true,
      title: true,
      year: true,
      status: true,
      releasedAt: true,
      rounds: { where: { enabled: true }, orderBy: { position: "asc" }, select: { id: true, kind: true, weight: true, results: { select: { score: true } } } },
    },
  });
  if (!camp) throw new Response("Not Found", { status: 404 });
  const participants = await db.campParticipant.findMany({
    where: { campId, total: { not: null }, ...(filter.stage ? { stage: filter.stage } : {}), ...(filter.group ? { groups: { has: filter.group } } : {}) },
    orderBy: [{ total: "desc" }, { user: { nameSortKey: "asc" } }, { userId: "asc" }],
    select: { userId: true, stage: true, groups: true, total: true, user: { select: { name: true } }, college: { select: { name: true } } },
  });
  // Equal totals share a rank (1, 2, 2, 4).
  const ranking: RankingRow[] = [];
  participants.forEach((p, index) => {
    const total = Number(p.total);
    const rank = index > 0 && ranking[index - 1]!.total === total ? ranking[index - 1]!.rank : index + 1;
    ranking.push({ rank, userId: p.userId, name: p.user.name, college: p.college?.name ?? null, stage: p.stage as CareerStage, groups: p.groups, total });
  });

  const distributions = camp.rounds.map((round) => {
    const counts = DISTRIBUTION_BANDS.map(() => 0);
    for (const result of round.results) if (result.score !== null) counts[bandOf(Number(result.score))]! += 1;
    return { kind: round.kind, counts };
  });

  const dutyRows = await db.campDutyScore.groupBy({ by: ["duty"], where: { campId }, _avg: { earned: true }, _count: { _all: true } });
  const weakestDuties = dutyRows
    .map((row) => ({ duty: row.duty, meanShare: Number(row._avg.earned ?? 0) / 100, measured: row._count._all }))
    .sort((a, b) => a.meanShare - b.meanShare || DUTIES.indexOf(a.duty) - DUTIES.indexOf(b.duty));

  const judged = camp.rounds.filter((round) => round.kind === "CASE_STUDY" || round.kind === "TALK");
  const consistency = await Promise.all(
    judged.map(async (round) => {
      const sheets = await db.judgeAssignment.findMany({
        where: { roundId: round.id, submittedAt: { not: null }, total: { not: null } },
        select: { judgeId: true, total: true, entry: { select: { userId: true } }, judge: { select: { user: { select: { name: true } } } } },
      });
      const names = new Map(sheets.map((sheet) => [sheet.judgeId, sheet.judge.user.name]));
      const scores: JudgeScore[] = sheets.map((sheet) => ({ judgeId: sheet.judgeId, contestantId: sheet.entry.userId, total: Number(sheet.total) }));
      return { kind: round.kind, judges: judgeConsistency(scores).map((row) => ({ ...row, name: names.get(row.judgeId) ?? "" })) };
    }),
  );

  return {
    camp: { id: camp.id, title: camp.title, year: camp.year, status: camp.status, releasedAt: camp.releasedAt },
    rounds: camp.rounds.map((round) => ({ kind: round.kind, weight: Number(round.weight) })),
    ranking,
    distributions,
    weakestDuties,
    consistency,
  };
}
export type CampOverview = Awaited<ReturnType<typeof campOverview>>;

/** Every participant's round scores, for the .xlsx (one row per person, a column per round). */
export async function resultsTable(campId: string, db: Db = prisma) {
  const rows = await db.campParticipant.findMany({
    where: { campId },
    orderBy: [{ total: { sort: "desc", nulls: "last" } }, { user: { nameSortKey: "asc" } }, { userId: "asc" }],
    select: { userId: true, stage: true, total: true, user: { select: { name: true } }, college: { select: { name: true } }, results: { select: { roundId: true, score: true, flags: true } } },
  });
  return rows.map((row) => ({
    userId: row.userId,
    name: row.user.name,
    college: row.college?.name ?? "",
    stage: row.stage as CareerStage,
    total: row.total === null ? null : Number(row.total),
    results: new Map(row.results.map((result) => [result.roundId, { score: result.score === null ? null : Number(result.score), flags: result.flags }])),
  }));
}
