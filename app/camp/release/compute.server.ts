import type { Db } from "~/db/client.server.ts";
import { prisma } from "~/db/client.server.ts";
import type { CampRoundKind, Duty, JudgedScoringRule, RoundResultFlag, TargetGroup } from "~/generated/prisma/enums.ts";
import type { CareerStage } from "~/people/career-stage.ts";
import { DEFAULT_IDENTIFICATION_RULE } from "../identification.ts";
import { judgedRoundScores } from "../judged/scores.server.ts";
import { type RubricCriterion, type ScoreSheet } from "../judging.ts";
import {
  campTotal,
  combineRadars,
  DUTIES,
  judgedItems,
  radarOf,
  stageMedians,
  weakAreas,
  type CampRound,
  type MeasuredItem,
  type Radar,
  type RoundResult as RoundPoints,
  type RoundSettings,
  type WeakAreaRule,
} from "../results.ts";

/**
 * The camp's results (issue 20 §6, decision 088): round results, the radar per person and duty,
 * the weighted total and the recommendations, computed from what the other areas stored (attempt
 * scores, identification items, judges' sheets) with the pure modules of decision 082, and
 * written here only. Everything is re-runnable: each run replaces what the last one wrote.
 */

/** Weak: more than 10 points of 100 below the median of one's stage (the reason says "below the median"). */
export const WEAK_AREA_RULE: WeakAreaRule = { mode: "BELOW_MEDIAN", margin: 0.1 };
/** At most this many weak duties get a course each, weakest first: a menu is not a list of everything. */
export const MAX_RECOMMENDED_DUTIES = 3;
export const CAMP_WEAK_DUTY_REASON = "training.reasons.campWeakDuty";

const ROUND_OF_KIND: Record<CampRoundKind, CampRound> = { KNOWLEDGE_TEST: "TEST", IDENTIFICATION: "IDENTIFICATION", CASE_STUDY: "CASE", TALK: "TALK" };
const round2 = (value: number) => Math.round(value * 100) / 100;

/** The points of one photo under the round's rule (the column is { name, className, dorm } in points). */
function photoMax(points: unknown): number {
  const rule = (points && typeof points === "object" ? points : {}) as Record<string, unknown>;
  const value = (key: string, fallback: number) => (typeof rule[key] === "number" && Number.isFinite(rule[key]) ? (rule[key] as number) : fallback);
  return value("name", DEFAULT_IDENTIFICATION_RULE.namePoints) + value("className", DEFAULT_IDENTIFICATION_RULE.classPoints) + value("dorm", DEFAULT_IDENTIFICATION_RULE.dormPoints);
}

interface ComputedRoundResult {
  userId: string;
  score: number | null;
  rule: JudgedScoringRule | null;
  judgeCount: number;
  flags: RoundResultFlag[];
}

/** Who is in a round: its entries (after a cut), or every participant when it has none. */
async function roundPeople(round: { id: string; campId: string }, db: Db): Promise<string[]> {
  const entries = await db.campRoundEntry.findMany({ where: { roundId: round.id }, orderBy: { userId: "asc" }, select: { userId: true } });
  if (entries.length > 0) return entries.map((entry) => entry.userId);
  const participants = await db.campParticipant.findMany({ where: { campId: round.campId }, orderBy: { userId: "asc" }, select: { userId: true } });
  return participants.map((participant) => participant.userId);
}

/** Timed rounds: the attempt's score over its maximum, out of 100; no attempt is ABSENT, an attempt not yet graded has no score. */
async function timedResults(round: { id: string; kind: CampRoundKind; identificationPoints: unknown }, people: string[], db: Db): Promise<ComputedRoundResult[]> {
  const attempts = await db.campAttempt.findMany({
    where: { roundId: round.id },
    select: { userId: true, score: true, _count: { select: { items: true } }, questions: { select: { points: true } } },
  });
  const byUser = new Map(attempts.map((attempt) => [attempt.userId, attempt]));
  const perPhoto = photoMax(round.identificationPoints);
  return people.map((userId) => {
    const attempt = byUser.get(userId);
    if (!attempt) return { userId, score: null, rule: null, judgeCount: 0, flags: ["ABSENT"] };
    const max = round.kind === "KNOWLEDGE_TEST" ? attempt.questions.reduce((sum, question) => sum + Number(question.points), 0) : attempt._count.items * perPhoto;
    const score = attempt.score === null || max <= 0 ? null : round2(Math.min(100, (100 * Number(attempt.score)) / max));
    return { userId, score, rule: null, judgeCount: 0, flags: [] };
  });
}

/**
 * Judged rounds: the round's scores as its board shows them (camp-judged's judgedRoundScores: the
 * submitted sheets by the round's rule and tolerance). No sheet: ABSENT when no topic was drawn (they
 * did not come), otherwise TOO_FEW_JUDGES; fewer sheets than the round asks for, or a rule that
 * cannot score them (a trimmed mean of two), is TOO_FEW_JUDGES too.
 */
async function judgedResults(round: { id: string; judgesPerContestant: number | null }, people: string[], db: Db): Promise<ComputedRoundResult[]> {
  const scores = await judgedRoundScores(round.id, db);
  const byUser = new Map(scores.contestants.map((contestant) => [contestant.userId, contestant]));
  const drawn = new Set(
    (await db.campRoundEntry.findMany({ where: { roundId: round.id, topicId: { not: null } }, select: { userId: true } })).map((entry) => entry.userId),
  );
  return people.map((userId) => {
    const contestant = byUser.get(userId);
    if (!contestant || contestant.judges === 0) return { userId, score: null, rule: scores.rule, judgeCount: 0, flags: [drawn.has(userId) ? "TOO_FEW_JUDGES" : "ABSENT"] };
    const flags: RoundResultFlag[] = [...contestant.flags];
    if ((contestant.score === null || contestant.judges < (round.judgesPerContestant ?? 1)) && !flags.includes("TOO_FEW_JUDGES")) flags.push("TOO_FEW_JUDGES");
    return { userId, score: contestant.score, rule: scores.rule, judgeCount: contestant.judges, flags };
  });
}

async function computeRoundResultsIn(roundId: string, db: Db): Promise<ComputedRoundResult[]> {
  const round = await db.campRound.findUnique({
    where: { id: roundId },
    select: { id: true, campId: true, kind: true, identificationPoints: true, scoringRule: true, judgesPerContestant: true, disagreementTolerance: true },
  });
  if (!round) throw new Response("Not Found", { status: 404 });
  const people = await roundPeople(round, db);
  const results = round.kind === "KNOWLEDGE_TEST" || round.kind === "IDENTIFICATION" ? await timedResults(round, people, db) : await judgedResults(round, people, db);
  await db.roundResult.deleteMany({ where: { roundId } });
  await db.roundResult.createMany({ data: results.map((result) => ({ roundId, campId: round.campId, ...result })) });
  await db.campRound.update({ where: { id: roundId }, data: { resultsComputedAt: new Date() } });
  return results;
}

/**
 * RoundResult per person of one round (out of 100), replacing the last run's; in the caller's
 * transaction when given one (the release), else in its own. camp-setup's cut reads these.
 */
export async function computeRoundResults(roundId: string, { tx }: { tx?: Db } = {}): Promise<ComputedRoundResult[]> {
  return tx ? computeRoundResultsIn(roundId, tx) : prisma.$transaction((db) => computeRoundResultsIn(roundId, db));
}

/** The measured items of one round per person, for the radar: graded test answers or judged criteria (identification tags no duty). */
async function roundItems(round: { id: string; kind: CampRoundKind; rubricId: string | null }, db: Db): Promise<Map<string, MeasuredItem[]>> {
  const items = new Map<string, MeasuredItem[]>();
  if (round.kind === "KNOWLEDGE_TEST") {
    const attempts = await db.campAttempt.findMany({
      where: { roundId: round.id, submittedAt: { not: null } },
      select: { userId: true, questions: { select: { points: true, questionVersion: { select: { duties: true } }, answer: { select: { score: true } } } } },
    });
    for (const attempt of attempts) {
      // An answer not yet graded (a short answer the judges still have) is left out; no answer scores 0.
      const graded = attempt.questions.filter((question) => !question.answer || question.answer.score !== null);
      items.set(
        attempt.userId,
        graded.map((question) => ({ duties: question.questionVersion.duties, earned: Number(question.answer?.score ?? 0), max: Number(question.points) })),
      );
    }
  } else if ((round.kind === "CASE_STUDY" || round.kind === "TALK") && round.rubricId) {
    const criteria = await db.rubricCriterion.findMany({ where: { rubricId: round.rubricId }, orderBy: { position: "asc" } });
    const rubric: RubricCriterion[] = criteria.map((criterion) => ({ key: criterion.id, label: criterion.name, weight: criterion.weight, duties: criterion.duties }));
    const sheets = await db.judgeAssignment.findMany({
      where: { roundId: round.id, submittedAt: { not: null } },
      select: { entry: { select: { userId: true } }, scores: { select: { criterionId: true, score: true } } },
    });
    const byUser = new Map<string, ScoreSheet[]>();
    for (const sheet of sheets) {
      const scoreSheet = Object.fromEntries(sheet.scores.map((score) => [score.criterionId, Number(score.score)]));
      byUser.set(sheet.entry.userId, [...(byUser.get(sheet.entry.userId) ?? []), scoreSheet]);
    }
    for (const [userId, own] of byUser) items.set(userId, judgedItems(rubric, own));
  }
  return items;
}

export interface CampResultsSummary {
  participants: number;
  rounds: number;
  recommendations: number;
}

async function computeCampResultsIn(campId: string, now: Date, db: Db): Promise<CampResultsSummary> {
  const rounds = await db.campRound.findMany({
    where: { campId },
    orderBy: { position: "asc" },
    select: { id: true, kind: true, enabled: true, weight: true, rubricId: true },
  });
  const participants = await db.campParticipant.findMany({
    where: { campId },
    orderBy: { userId: "asc" },
    select: { userId: true, stage: true, collegeId: true, groups: true },
  });
  const enabled = rounds.filter((round) => round.enabled);
  const settings: RoundSettings = {
    TEST: { enabled: false, weight: 0 },
    IDENTIFICATION: { enabled: false, weight: 0 },
    CASE: { enabled: false, weight: 0 },
    TALK: { enabled: false, weight: 0 },
  };
  const points = new Map<string, Partial<Record<CampRound, RoundPoints | null>>>();
  const radars = new Map<string, Radar[]>();
  for (const round of enabled) {
    const key = ROUND_OF_KIND[round.kind];
    settings[key] = { enabled: true, weight: Number(round.weight) };
    for (const result of await computeRoundResultsIn(round.id, db)) {
      points.set(result.userId, { ...points.get(result.userId), [key]: result.score === null ? null : { points: result.score, max: 100 } });
    }
    for (const [userId, items] of await roundItems(round, db)) radars.set(userId, [...(radars.get(userId) ?? []), radarOf(items)]);
  }

  // The radar as shares of 100 (a duty nobody measured has no row), and the total by the weights.
  const people = participants.map((participant) => ({ ...participant, radar: combineRadars(radars.get(participant.userId) ?? []) }));
  await db.campDutyScore.deleteMany({ where: { campId } });
  await db.campDutyScore.createMany({
    data: people.flatMap((person) =>
      DUTIES.flatMap((duty) => (person.radar[duty] === null ? [] : [{ campId, userId: person.userId, duty, earned: round2(person.radar[duty]! * 100), possible: 100 }])),
    ),
  });
  for (const person of people) {
    const { total } = campTotal(points.get(person.userId) ?? {}, settings);
    await db.campParticipant.update({ where: { campId_userId: { campId, userId: person.userId } }, data: { total } });
  }

  // Weak areas against the stage median, and a course of the catalogue for each (the weakest first).
  const medians = stageMedians(people.map((person) => ({ stage: person.stage as CareerStage, radar: person.radar })));
  await db.campRecommendation.deleteMany({ where: { campId, dismissedAt: null } });
  const dismissed = new Set((await db.campRecommendation.findMany({ where: { campId }, select: { userId: true, courseId: true } })).map((row) => `${row.userId}:${row.courseId}`));
  const courses = await recommendableCourses(now, db);
  const recommendations = people.flatMap((person) => {
    const weak = weakAreas(person.radar, medians.get(person.stage as CareerStage)!, WEAK_AREA_RULE).slice(0, MAX_RECOMMENDED_DUTIES);
    const taken = new Set<string>();
    return weak.flatMap(({ duty }) => {
      const course = courses.find(
        (c) => c.duties.includes(duty) && !taken.has(c.id) && !dismissed.has(`${person.userId}:${c.id}`) && opensFor(c, { stage: person.stage as CareerStage, groups: person.groups, collegeId: person.collegeId }),
      );
      if (!course) return [];
      taken.add(course.id);
      return [{ campId, userId: person.userId, courseId: course.id, duty, reasonKey: CAMP_WEAK_DUTY_REASON, reasonParams: { duty } }];
    });
  });
  await db.campRecommendation.createMany({ data: recommendations });
  return { participants: people.length, rounds: enabled.length, recommendations: recommendations.length };
}

interface RecommendableCourse {
  id: string;
  duties: Duty[];
  level: string;
  collegeId: string | null;
  targets: Array<{ stage: CareerStage | null; group: TargetGroup | null }>;
}

/** Published courses with a session still to come, soonest first: what a menu can offer. */
async function recommendableCourses(now: Date, db: Db): Promise<RecommendableCourse[]> {
  const courses = await db.trainingCourse.findMany({
    where: { status: "PUBLISHED", sessions: { some: { startsAt: { gte: now } } } },
    select: {
      id: true,
      duties: true,
      level: true,
      collegeId: true,
      targets: { select: { stage: true, group: true } },
      sessions: { where: { startsAt: { gte: now } }, orderBy: { startsAt: "asc" }, take: 1, select: { startsAt: true } },
    },
  });
  return courses
    .sort((a, b) => a.sessions[0]!.startsAt.getTime() - b.sessions[0]!.startsAt.getTime() || a.id.localeCompare(b.id))
    .map((course) => ({ ...course, targets: course.targets.map((target) => ({ stage: target.stage as CareerStage | null, group: target.group })) }));
}

/** Open to this person as the menu reads it: for everyone or a target of their stage and groups; school-level or their college's. */
function opensFor(course: RecommendableCourse, person: { stage: CareerStage; groups: readonly TargetGroup[]; collegeId: string | null }): boolean {
  const targeted = course.targets.length === 0 || course.targets.some((t) => (t.stage === null || t.stage === person.stage) && (t.group === null || person.groups.includes(t.group)));
  return targeted && (course.level === "SCHOOL" || (course.collegeId !== null && course.collegeId === person.collegeId));
}

/**
 * Every enabled round's results, the radar per person and duty (CampDutyScore, the rounds' radars
 * combined), the total by the round weights (CampParticipant.total) and the recommendations of
 * courses for the weak duties, replacing the last run's (a dismissed recommendation stays
 * dismissed and is not made again). In the caller's transaction when given one.
 */
export async function computeCampResults(campId: string, { tx, now = new Date() }: { tx?: Db; now?: Date } = {}): Promise<CampResultsSummary> {
  return tx ? computeCampResultsIn(campId, now, tx) : prisma.$transaction((db) => computeCampResultsIn(campId, now, db), { timeout: 60_000 });
}
