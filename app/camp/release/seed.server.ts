import { addDays, subDays } from "date-fns";
import type { Duty } from "~/generated/prisma/enums.ts";
import { CAREER_STAGES, deriveCareerStage } from "~/people/career-stage.ts";
import { whoMay } from "~/policy/index.ts";
import type { SeedContext } from "~/seed/steps.server.ts";
import { DEFAULT_IDENTIFICATION_RULE, scorePhoto } from "../identification.ts";
import { assignJudges, CASE_TEMPLATE, rubricFromTemplate, sheetTotal, TALK_TEMPLATE, type RubricTemplate } from "../judging.ts";
import { DUTIES } from "../results.ts";
import { campScoringMessages } from "../scoring-messages.ts";
import { computeCampResults } from "./compute.server.ts";

/**
 * Demo camps (issue 20 §8): last year's camp, finished and released, with all four rounds scored
 * for the demo counselors — a small question bank, graded papers, 人物辨识 items, judges' sheets —
 * and its results computed by computeCampResults, so the radar, weak areas and recommendations
 * show on a fresh start; and this year's camp in preparation. Rows carry ids derived from the camp
 * and the person, so the step is the same for the same day; it does nothing when its camp exists.
 */

export const SEED_CAMP_ID = "seed-camp-last-year";
export const SEED_DRAFT_CAMP_ID = "seed-camp-this-year";
const PARTICIPANTS = 24;
const JUDGES = 6;
const PHOTOS = 3;

/** Two true/false statements per duty: [statement, true or false]. */
const BANK: Record<Duty, Array<[string, boolean]>> = {
  IDEOLOGY: [
    ["辅导员是开展大学生思想政治教育的骨干力量。", true],
    ["理想信念教育只需在新生入学时开展一次。", false],
  ],
  PARTY_CLASS: [
    ["班级建设中，班委会应在辅导员指导下开展工作。", true],
    ["入党积极分子的培养考察期一般不少于一年。", true],
  ],
  STUDY_STYLE: [
    ["学业预警只需通知学生本人，不必跟进帮扶。", false],
    ["学风建设应发挥优秀学生的示范引领作用。", true],
  ],
  DAILY_AFFAIRS: [
    ["家庭经济困难学生认定应坚持公开、公平、公正。", true],
    ["宿舍矛盾只要学生不投诉，辅导员就无需了解。", false],
  ],
  MENTAL_HEALTH: [
    ["发现学生有自伤倾向时，应立即按学校危机干预流程上报。", true],
    ["心理健康普查结果可以在班级群中公开。", false],
  ],
  ONLINE_EDUCATION: [
    ["网络思想政治教育应主动设置议题、正面引导。", true],
    ["对网络谣言，辅导员应一律保持沉默。", false],
  ],
  CRISIS: [
    ["突发事件处置中，第一时间应确保学生人身安全。", true],
    ["危机事件处理完毕后无需进行复盘总结。", false],
  ],
  CAREER: [
    ["职业生涯规划教育应贯穿大学全过程。", true],
    ["就业指导只面向毕业年级学生。", false],
  ],
  RESEARCH: [
    ["辅导员可以结合工作实际开展理论和实践研究。", true],
    ["工作案例写作不需要遵守学生隐私保护要求。", false],
  ],
};

const CASE_TOPICS = ["学生深夜发布轻生言论的应对", "宿舍失窃引发同学矛盾的处置", "新生军训期间突发疾病的处理"];
const TALK_TOPICS = ["学业预警学生的第一次谈话", "家庭经济困难学生的心理疏导", "沉迷网络游戏学生的谈心谈话"];
const STUDENT_CLASSES = ["2023级1班", "2023级2班", "2024级1班", "2024级3班"];

const round1 = (value: number) => Math.round(value * 10) / 10;
const clamp = (value: number) => Math.min(0.98, Math.max(0.05, value));

export async function seedCamp({ db, now, faker }: SeedContext): Promise<void> {
  if (await db.camp.findUnique({ where: { id: SEED_CAMP_ID }, select: { id: true } })) return;
  const admin = await db.user.findUnique({ where: { username: "admin" }, select: { id: true } });
  if (!admin) return;
  const lastYear = now.getUTCFullYear() - 1;
  // Held on a morning about eleven months ago, 09:00 Beijing time (01:00 UTC).
  const day = subDays(now, 330);
  const heldOn = new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), 1));
  const at = (days: number, hours: number) => new Date(heldOn.getTime() + days * 86_400_000 + hours * 3_600_000);
  const releasedAt = addDays(heldOn, 20);

  // The demo counselors first (so their pages show results), then others in staff-number order.
  const demo = ["counselor", "backbone", "leader"];
  const counselors = await db.user.findMany({
    where: { AND: [whoMay("training:view-menu"), { active: true, profile: { isNot: null } }] },
    orderBy: { username: "asc" },
    select: { id: true, username: true, collegeId: true, profile: { select: { counselorSince: true, title: true, groups: true } } },
  });
  // Every stage is represented (the radar compares with one's stage's median): the demo accounts, then up to a quarter per stage.
  const staged = counselors.map((c) => ({ ...c, stage: deriveCareerStage({ counselorSince: c.profile!.counselorSince, title: c.profile!.title }, heldOn).stage }));
  const people = [
    ...staged.filter((c) => demo.includes(c.username)),
    ...CAREER_STAGES.flatMap((stage) => staged.filter((c) => c.stage === stage && !demo.includes(c.username)).slice(0, PARTICIPANTS / CAREER_STAGES.length)),
  ];
  // Judges from the mentor pool (校内 and 校外 导师), none of them a participant.
  const judges = (
    await db.user.findMany({ where: { active: true, mentor: { isNot: null }, id: { notIn: people.map((p) => p.id) } }, orderBy: { username: "asc" }, select: { id: true, collegeId: true } })
  ).slice(0, JUDGES);
  if (people.length < 3 || judges.length < 3) return;

  const zh = (key: string) => {
    const [group, name] = key.replace("camp.scoring.templates.", "").split(".") as ["talk" | "caseStudy", string];
    return (campScoringMessages.templates[group] as Record<string, readonly [string, string]>)[name]![0];
  };
  const rubric = async (template: RubricTemplate, id: string, name: string) => {
    await db.rubric.create({
      data: {
        id,
        name,
        kind: template.round === "TALK" ? "TALK" : "CASE_STUDY",
        criteria: { create: rubricFromTemplate(template, zh).map((c, position) => ({ position: position + 1, name: c.label, weight: c.weight, duties: [...c.duties] })) },
      },
    });
    return db.rubricCriterion.findMany({ where: { rubricId: id }, orderBy: { position: "asc" }, select: { id: true, weight: true, duties: true } });
  };
  const caseCriteria = await rubric(CASE_TEMPLATE, `${SEED_CAMP_ID}-case-rubric`, `${lastYear}年案例研讨评分细则`);
  const talkCriteria = await rubric(TALK_TEMPLATE, `${SEED_CAMP_ID}-talk-rubric`, `${lastYear}年谈心谈话评分细则`);

  const camp = await db.camp.create({
    data: {
      id: SEED_CAMP_ID,
      title: `${lastYear}年辅导员素质能力提升训练营`,
      description: "基础知识测试、人物辨识、案例研讨、谈心谈话四个环节，检验培训成效，找准每位辅导员的薄弱环节。",
      year: lastYear,
      status: "RELEASED",
      startsOn: new Date(Date.UTC(heldOn.getUTCFullYear(), heldOn.getUTCMonth(), heldOn.getUTCDate())),
      endsOn: new Date(Date.UTC(heldOn.getUTCFullYear(), heldOn.getUTCMonth(), heldOn.getUTCDate() + 2)),
      openedAt: subDays(heldOn, 14),
      releasedAt,
      createdById: admin.id,
      createdAt: subDays(heldOn, 30),
      organisers: { create: { userId: admin.id } },
      targets: { create: { kind: "GROUP", group: "ALL_COUNSELORS" } },
      participants: {
        create: people.map((p) => ({
          userId: p.id,
          collegeId: p.collegeId,
          stage: p.stage,
          groups: p.profile!.groups,
        })),
      },
      judges: { create: judges.map((j) => ({ id: `${SEED_CAMP_ID}-judge-${j.id}`, userId: j.id, collegeId: j.collegeId })) },
      rounds: {
        create: [
          { id: `${SEED_CAMP_ID}-test`, kind: "KNOWLEDGE_TEST", weight: 30, position: 1, durationMinutes: 30, opensAt: heldOn, closesAt: at(0, 3) },
          { id: `${SEED_CAMP_ID}-identification`, kind: "IDENTIFICATION", weight: 20, position: 2, durationMinutes: 10, opensAt: heldOn, closesAt: at(0, 3), photosPerPerson: PHOTOS, decoysPerPerson: 0, identificationPoints: { name: 3, className: 1, dorm: 1 } },
          { id: `${SEED_CAMP_ID}-case`, kind: "CASE_STUDY", weight: 25, position: 3, opensAt: at(1, 0), closesAt: at(1, 3), rubricId: `${SEED_CAMP_ID}-case-rubric`, scoringRule: "TRIMMED_MEAN", judgesPerContestant: 3, disagreementTolerance: 15 },
          { id: `${SEED_CAMP_ID}-talk`, kind: "TALK", weight: 25, position: 4, opensAt: at(1, 5), closesAt: at(1, 8), rubricId: `${SEED_CAMP_ID}-talk-rubric`, scoringRule: "TRIMMED_MEAN", judgesPerContestant: 3, disagreementTolerance: 15 },
        ],
      },
    },
    select: { id: true },
  });

  // Each person's ability per duty: the demo counselor is good at everything but 校园危机事件应对, so her radar and menu show that one.
  const ability = new Map(
    people.map((p) => {
      const base = faker.number.float({ min: 0.55, max: 0.85 });
      const demoCounselor = p.username === "counselor";
      const share = (duty: Duty) => (demoCounselor ? (duty === "CRISIS" ? 0.15 : 0.85) : base) + faker.number.float({ min: demoCounselor ? -0.05 : -0.25, max: demoCounselor ? 0.1 : 0.2 });
      return [p.id, Object.fromEntries(DUTIES.map((duty) => [duty, clamp(share(duty))])) as Record<Duty, number>];
    }),
  );

  // The bank: one question per statement, one version each.
  const questions = DUTIES.flatMap((duty) => BANK[duty].map(([stem, correct], index) => ({ id: `${SEED_CAMP_ID}-q-${duty}-${index}`, duty, stem, correct })));
  await db.question.createMany({ data: questions.map((q) => ({ id: q.id, category: "训练营示例题库", createdById: admin.id })) });
  await db.questionVersion.createMany({
    data: questions.map((q) => ({ id: `${q.id}-v1`, questionId: q.id, number: 1, kind: "TRUE_FALSE", stem: q.stem, answerKey: { kind: "TRUE_FALSE", correct: q.correct }, duties: [q.duty], difficulty: 2, createdById: admin.id })),
  });
  for (const q of questions) await db.question.update({ where: { id: q.id }, data: { currentVersionId: `${q.id}-v1` } });
  await db.paperRule.create({ data: { roundId: `${SEED_CAMP_ID}-test`, position: 1, count: questions.length, pointsEach: 1 } });

  // The test: everyone but the last person sat it (one absence shows on the organisers' check).
  const takers = people.slice(0, -1);
  await db.campAttempt.createMany({
    data: takers.map((p, index) => ({ id: `${SEED_CAMP_ID}-test-${p.id}`, roundId: `${SEED_CAMP_ID}-test`, campId: camp.id, userId: p.id, startedAt: heldOn, deadline: new Date(heldOn.getTime() + 1_800_000), submittedAt: new Date(heldOn.getTime() + 1_500_000), blindCode: `T${String(index + 1).padStart(3, "0")}`, gradedAt: new Date(heldOn.getTime() + 1_500_000) })),
  });
  const answers = takers.flatMap((p) =>
    questions.map((q, position) => {
      const right = faker.number.float({ min: 0, max: 1 }) < ability.get(p.id)![q.duty];
      return { attemptId: `${SEED_CAMP_ID}-test-${p.id}`, position, version: `${q.id}-v1`, value: right ? q.correct : !q.correct, score: right ? 1 : 0, savedAt: heldOn };
    }),
  );
  await db.attemptQuestion.createMany({ data: answers.map((a) => ({ attemptId: a.attemptId, position: a.position, questionVersionId: a.version, points: 1, optionOrder: [] })) });
  await db.attemptAnswer.createMany({ data: answers.map((a) => ({ attemptId: a.attemptId, position: a.position, response: { kind: "TRUE_FALSE", value: a.value }, score: a.score, savedAt: a.savedAt })) });
  for (const p of takers) {
    const score = answers.filter((a) => a.attemptId === `${SEED_CAMP_ID}-test-${p.id}`).reduce((sum, a) => sum + a.score, 0);
    await db.campAttempt.update({ where: { id: `${SEED_CAMP_ID}-test-${p.id}` }, data: { score } });
  }

  // 人物辨识: five students each, typed from memory (a person who knows their students well gets more right).
  for (const [index, p] of people.entries()) {
    const attemptId = `${SEED_CAMP_ID}-identification-${p.id}`;
    const know = ability.get(p.id)!.DAILY_AFFAIRS;
    const photos = Array.from({ length: PHOTOS }, (_, position) => {
      const truth = { name: faker.person.lastName() + faker.person.firstName(), className: faker.helpers.arrayElement(STUDENT_CLASSES), dorm: `${faker.number.int({ min: 1, max: 12 })}-${faker.number.int({ min: 101, max: 630 })}` };
      const typed = {
        name: faker.number.float({ min: 0, max: 1 }) < know + 0.1 ? truth.name : faker.person.lastName() + faker.person.firstName(),
        className: faker.number.float({ min: 0, max: 1 }) < know ? truth.className : "",
        dorm: faker.number.float({ min: 0, max: 1 }) < know - 0.2 ? truth.dorm : "",
      };
      return { position, truth, typed, score: scorePhoto(truth, typed, DEFAULT_IDENTIFICATION_RULE).points };
    });
    await db.campAttempt.create({
      data: { id: attemptId, roundId: `${SEED_CAMP_ID}-identification`, campId: camp.id, userId: p.id, startedAt: heldOn, deadline: new Date(heldOn.getTime() + 600_000), submittedAt: new Date(heldOn.getTime() + 540_000), blindCode: `I${String(index + 1).padStart(3, "0")}`, score: round1(photos.reduce((sum, photo) => sum + photo.score, 0)), gradedAt: new Date(heldOn.getTime() + 540_000) },
    });
    for (const photo of photos) {
      const studentId = `${attemptId}-student-${photo.position}`;
      await db.identificationStudent.create({ data: { id: studentId, campId: camp.id, counselorId: p.id, name: photo.truth.name, className: photo.truth.className, dorm: photo.truth.dorm, uploadedById: admin.id } });
      await db.identificationItem.create({
        data: { attemptId, position: photo.position, studentId, typedName: photo.typed.name, typedClass: photo.typed.className, typedDorm: photo.typed.dorm, savedAt: heldOn, score: photo.score },
      });
    }
  }

  // 案例研讨 and 谈心谈话: a drawn topic each, three judges not of one's college, their sheets submitted.
  for (const [kind, topics, criteria] of [
    ["case", CASE_TOPICS, caseCriteria],
    ["talk", TALK_TOPICS, talkCriteria],
  ] as const) {
    const roundId = `${SEED_CAMP_ID}-${kind}`;
    const roundOpens = kind === "case" ? at(1, 0) : at(1, 5);
    await db.campTopic.createMany({ data: topics.map((title, position) => ({ id: `${roundId}-topic-${position}`, roundId, title, position: position + 1 })) });
    const assignment = assignJudges(
      judges.map((j) => ({ id: `${SEED_CAMP_ID}-judge-${j.id}`, collegeId: j.collegeId })),
      people.map((p) => ({ id: p.id, collegeId: p.collegeId })),
      3,
    );
    if (!assignment.ok) continue;
    for (const [sequence, p] of people.entries()) {
      const entryId = `${roundId}-entry-${p.id}`;
      await db.campRoundEntry.create({
        data: { id: entryId, roundId, campId: camp.id, userId: p.id, sequence: sequence + 1, topicId: `${roundId}-topic-${sequence % topics.length}`, drawnAt: roundOpens, drawnById: p.id },
      });
      const leniency = new Map<string, number>();
      for (const judgeId of assignment.judgesOf.get(p.id)!) {
        if (!leniency.has(judgeId)) leniency.set(judgeId, faker.number.float({ min: -0.06, max: 0.06 }));
        const sheet = Object.fromEntries(
          criteria.map((c) => {
            const share = clamp(c.duties.reduce((sum, duty) => sum + ability.get(p.id)![duty], 0) / c.duties.length + leniency.get(judgeId)! + faker.number.float({ min: -0.05, max: 0.05 }));
            return [c.id, Math.round(share * c.weight * 2) / 2];
          }),
        );
        await db.judgeAssignment.create({
          data: {
            id: `${entryId}-${judgeId}`,
            roundId,
            entryId,
            judgeId,
            comment: "表达清楚，处置思路基本完整。",
            total: sheetTotal(sheet),
            submittedAt: at(1, kind === "case" ? 2.5 : 7.5),
            scores: { create: Object.entries(sheet).map(([criterionId, score]) => ({ criterionId, score })) },
          },
        });
      }
    }
  }

  // This year's camp, in preparation: the four rounds equally weighted.
  const year = now.getUTCFullYear();
  const startsOn = addDays(now, 45);
  await db.camp.create({
    data: {
      id: SEED_DRAFT_CAMP_ID,
      title: `${year}年辅导员素质能力提升训练营`,
      description: "面向全体辅导员，检验本年度培训成效。",
      year,
      status: "DRAFT",
      startsOn: new Date(Date.UTC(startsOn.getUTCFullYear(), startsOn.getUTCMonth(), startsOn.getUTCDate())),
      endsOn: new Date(Date.UTC(startsOn.getUTCFullYear(), startsOn.getUTCMonth(), startsOn.getUTCDate() + 2)),
      createdById: admin.id,
      createdAt: subDays(now, 7),
      organisers: { create: { userId: admin.id } },
      targets: { create: { kind: "GROUP", group: "ALL_COUNSELORS" } },
      rounds: {
        create: [
          { id: `${SEED_DRAFT_CAMP_ID}-test`, kind: "KNOWLEDGE_TEST", weight: 25, position: 1, durationMinutes: 30 },
          { id: `${SEED_DRAFT_CAMP_ID}-identification`, kind: "IDENTIFICATION", weight: 25, position: 2, durationMinutes: 10, photosPerPerson: PHOTOS, decoysPerPerson: 1, identificationPoints: { name: 3, className: 1, dorm: 1 } },
          { id: `${SEED_DRAFT_CAMP_ID}-case`, kind: "CASE_STUDY", weight: 25, position: 3, scoringRule: "TRIMMED_MEAN", judgesPerContestant: 3, disagreementTolerance: 15 },
          { id: `${SEED_DRAFT_CAMP_ID}-talk`, kind: "TALK", weight: 25, position: 4, scoringRule: "TRIMMED_MEAN", judgesPerContestant: 3, disagreementTolerance: 15 },
        ],
      },
    },
  });

  // The results, by the same functions as a release; recommendations are of courses still to come.
  await computeCampResults(camp.id, { tx: db, now });
  await db.campRecommendation.updateMany({ where: { campId: camp.id }, data: { createdAt: releasedAt } });
}
