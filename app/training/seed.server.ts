import crypto from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { addDays, addHours, subDays } from "date-fns";
import type { CareerStage, Duty, SpeakerKind, TrainingLevel, TrainingTargetKind } from "~/generated/prisma/enums.ts";
import { getRuntime } from "~/infra/runtime.server.ts";
import { whoMay } from "~/policy/index.ts";
import type { SeedContext } from "~/seed/steps.server.ts";
import { certificatePdf } from "./certificate-pdf.ts";
import { hoursEntryData, trainingYear } from "./ledger.server.ts";

const PLATFORM_IN_ENGLISH = { ONLINE: "online training", NATIONAL: "national training", PROVINCIAL_EXCHANGE: "provincial exchange", OVERSEAS: "overseas study" } as const;

interface CourseDraft {
  title: string;
  platform: string;
  duties: Duty[];
  speaker: string;
  speakerKind: SpeakerKind;
  capacity: number | null;
  cost: number;
  targets: Array<{ stage?: CareerStage; kind: TrainingTargetKind }>;
  /** Days from now of each session (negative: past). */
  sessions: number[];
  hours: number;
}

/** A year of the school catalogue over the platforms the school organises itself. */
const SCHOOL_COURSES: CourseDraft[] = [
  { title: "新任辅导员岗前培训", platform: "INDUCTION", duties: ["IDEOLOGY", "DAILY_AFFAIRS"], speaker: "学生工作部", speakerKind: "INTERNAL", capacity: 60, cost: 12000, targets: [{ stage: "NOVICE", kind: "REQUIRED" }], sessions: [-150, -149, -148, -147, -146], hours: 8 },
  { title: "素质能力提升主题讲堂：新时代大学生思想特点与引导", platform: "LECTURE", duties: ["IDEOLOGY"], speaker: "省级高校辅导员年度人物", speakerKind: "INVITED", capacity: 120, cost: 3000, targets: [{ kind: "ELECTIVE" }], sessions: [-60], hours: 3 },
  { title: "素质能力提升主题讲堂：朋辈心理互助体系建设", platform: "LECTURE", duties: ["MENTAL_HEALTH"], speaker: "全国高校辅导员年度人物", speakerKind: "INVITED", capacity: 120, cost: 3000, targets: [{ kind: "ELECTIVE" }], sessions: [12], hours: 3 },
  { title: "政治理论专题学习", platform: "LECTURE", duties: ["IDEOLOGY", "RESEARCH"], speaker: "马克思主义学院", speakerKind: "INTERNAL", capacity: null, cost: 0, targets: [{ stage: "NOVICE", kind: "REQUIRED" }, { stage: "GROWING", kind: "ELECTIVE" }], sessions: [-30, 20], hours: 4 },
  { title: "学生心理危机识别与干预专题培训", platform: "SPECIAL", duties: ["MENTAL_HEALTH", "CRISIS"], speaker: "省心理卫生协会专家", speakerKind: "INVITED", capacity: 40, cost: 8000, targets: [{ stage: "GROWING", kind: "REQUIRED" }, { kind: "ELECTIVE" }], sessions: [-20, 25], hours: 6 },
  { title: "网络思想政治教育能力提升专题培训", platform: "SPECIAL", duties: ["ONLINE_EDUCATION"], speaker: "新媒体中心", speakerKind: "INTERNAL", capacity: 50, cost: 2000, targets: [{ kind: "ELECTIVE" }], sessions: [30], hours: 4 },
  { title: "职业规划与就业指导实务培训", platform: "SPECIAL", duties: ["CAREER"], speaker: "就业指导中心", speakerKind: "INTERNAL", capacity: 50, cost: 0, targets: [{ kind: "ELECTIVE" }], sessions: [-90, 40], hours: 4 },
  { title: "辅导员沙龙：谈心谈话的方法", platform: "SALON", duties: ["DAILY_AFFAIRS", "MENTAL_HEALTH"], speaker: "资深辅导员", speakerKind: "INTERNAL", capacity: 30, cost: 0, targets: [{ stage: "NOVICE", kind: "REQUIRED" }, { kind: "ELECTIVE" }], sessions: [-10, 15], hours: 2 },
  { title: "学风建设经验交流沙龙", platform: "SALON", duties: ["STUDY_STYLE"], speaker: "各学院辅导员", speakerKind: "INTERNAL", capacity: 30, cost: 0, targets: [{ kind: "ELECTIVE" }], sessions: [45], hours: 2 },
  { title: "辅导员网络培训专题（线上）", platform: "ONLINE", duties: ["ONLINE_EDUCATION", "IDEOLOGY"], speaker: "全国高校思政网", speakerKind: "OUTGOING", capacity: null, cost: 0, targets: [{ kind: "ELECTIVE" }], sessions: [-40, 10], hours: 6 },
  { title: "省级辅导员骨干培训班（走出去）", platform: "PROVINCIAL_EXCHANGE", duties: ["PARTY_CLASS", "RESEARCH"], speaker: "省教育厅", speakerKind: "OUTGOING", capacity: 6, cost: 18000, targets: [{ stage: "GROWING", kind: "ELECTIVE" }, { stage: "EXPERIENCED", kind: "ELECTIVE" }], sessions: [-75, 35], hours: 16 },
  { title: "国家级辅导员示范培训", platform: "NATIONAL", duties: ["IDEOLOGY", "RESEARCH"], speaker: "教育部高校辅导员培训和研修基地", speakerKind: "OUTGOING", capacity: 3, cost: 24000, targets: [{ stage: "EXPERIENCED", kind: "REQUIRED" }, { stage: "EXPERT", kind: "ELECTIVE" }], sessions: [50], hours: 24 },
  { title: "辅导员素质能力大赛赛前集训", platform: "COMPETITION", duties: ["DAILY_AFFAIRS", "CRISIS"], speaker: "往届大赛获奖辅导员", speakerKind: "INTERNAL", capacity: 20, cost: 5000, targets: [{ kind: "ELECTIVE" }], sessions: [-5, 55], hours: 6 },
  { title: "工作室“再培训”：案例写作工作坊", platform: "STUDIO", duties: ["RESEARCH"], speaker: "工作室负责人", speakerKind: "INTERNAL", capacity: 25, cost: 0, targets: [{ stage: "EXPERT", kind: "REQUIRED" }, { kind: "ELECTIVE" }], sessions: [-25, 18], hours: 3 },
  { title: "月度交流例会：阶段工作总结与案例分享", platform: "MONTHLY_MEETING", duties: ["DAILY_AFFAIRS"], speaker: "学生工作部", speakerKind: "INTERNAL", capacity: null, cost: 0, targets: [{ kind: "ELECTIVE" }], sessions: [-35, -5, 25], hours: 2 },
  { title: "学历提升与科研申报辅导", platform: "DEGREE", duties: ["RESEARCH"], speaker: "研究生院", speakerKind: "INTERNAL", capacity: 40, cost: 0, targets: [{ stage: "EXPERIENCED", kind: "ELECTIVE" }, { stage: "EXPERT", kind: "ELECTIVE" }], sessions: [60], hours: 2 },
  { title: "海外研修项目说明会", platform: "OVERSEAS", duties: ["RESEARCH"], speaker: "国际合作交流处", speakerKind: "INTERNAL", capacity: 40, cost: 0, targets: [{ stage: "EXPERIENCED", kind: "ELECTIVE" }, { stage: "EXPERT", kind: "ELECTIVE" }], sessions: [70], hours: 1 },
];

const COLLEGE_COURSES: Array<Omit<CourseDraft, "platform" | "targets" | "speakerKind">> = [
  { title: "学院学生党建工作研讨会", duties: ["PARTY_CLASS"], speaker: "学院党委", capacity: 20, cost: 1500, sessions: [-15, 22], hours: 2 },
  { title: "学院学业预警与帮扶专题培训", duties: ["STUDY_STYLE"], speaker: "教务处", capacity: 20, cost: 0, sessions: [-45, 28], hours: 2 },
];

/** The school's time of a session: 14:30 on its day, one hour per hour of training (capped for multi-hour days). */
const sessionStart = (now: Date, day: number) => {
  const date = addDays(now, day);
  date.setUTCHours(6, 30, 0, 0);
  return date;
};

/**
 * Demo training (issue 18): a year of catalogue at school and college level over every platform,
 * sessions in the past and the future, enrolments, attendance with its ledger entries, and
 * external training approved or waiting. Colleges under six full-time counselors train together
 * in one joint group; the demo counselor 王小雨 (初任期) has part of her plan done.
 */
export async function seedTraining({ db, now, faker }: SeedContext): Promise<void> {
  const year = trainingYear(now);
  const admin = await db.user.findUniqueOrThrow({ where: { username: "admin" }, select: { id: true } });
  const platforms = new Map((await db.trainingPlatform.findMany({ select: { id: true, code: true, induction: true, nationalOrProvincial: true } })).map((p) => [p.code, p]));
  const counselors = await db.user.findMany({
    where: { AND: [whoMay("training:view-menu"), { active: true }] },
    orderBy: { username: "asc" },
    select: { id: true, username: true, collegeId: true, profile: { select: { fullTime: true } } },
  });

  // ── Two levels: colleges with six or more full-time counselors organise alone, the others in a joint group. ──
  const colleges = await db.college.findMany({ orderBy: { code: "asc" }, select: { id: true, code: true, name: true } });
  const fullTime = (collegeId: string) => counselors.filter((c) => c.collegeId === collegeId && c.profile?.fullTime).length;
  // Colleges under six train together; when every college has six, the two smallest have chosen to (a group needs no minimum).
  const small = colleges.filter((c) => fullTime(c.id) < 6);
  const grouped = small.length >= 2 ? small.slice(0, 4) : [...colleges].sort((a, b) => fullTime(a.id) - fullTime(b.id) || a.code.localeCompare(b.code)).slice(0, 2);
  const large = colleges.filter((c) => fullTime(c.id) >= 6 && !grouped.includes(c));
  const group = await db.jointTrainingGroup.create({ data: { name: "第一联合培训组", members: { create: grouped.map((c) => ({ collegeId: c.id })) } }, select: { id: true } });

  await db.trainingBudget.createMany({
    data: [
      { year, ownerKey: "school", amountYuan: 200_000, updatedById: admin.id },
      ...large.slice(0, 3).map((c) => ({ year, ownerKey: `college:${c.id}`, amountYuan: 20_000, updatedById: admin.id })),
      { year, ownerKey: `group:${group.id}`, amountYuan: 15_000, updatedById: admin.id },
    ],
  });

  type Organiser = { level: TrainingLevel; collegeId: string | null; jointGroupId: string | null };
  const drafts: Array<CourseDraft & Organiser> = [
    ...SCHOOL_COURSES.map((c) => ({ ...c, level: "SCHOOL" as const, collegeId: null, jointGroupId: null })),
    ...large.slice(0, 3).flatMap((college, i) =>
      COLLEGE_COURSES.map((c, j) => ({
        ...c,
        title: `${college.name}：${c.title}`,
        platform: j === 0 ? "SPECIAL" : "SALON",
        speakerKind: "INTERNAL" as const,
        targets: [{ kind: "ELECTIVE" as const }],
        sessions: c.sessions.map((d) => d + i),
        level: "COLLEGE" as const,
        collegeId: college.id,
        jointGroupId: null,
      })),
    ),
    { ...COLLEGE_COURSES[1]!, title: `联合培训组：${COLLEGE_COURSES[1]!.title}`, platform: "SPECIAL", speakerKind: "INTERNAL" as const, targets: [{ kind: "ELECTIVE" as const }], level: "COLLEGE" as const, collegeId: null, jointGroupId: group.id },
  ];

  const demoCounselor = counselors.find((c) => c.username === "counselor");
  for (const [index, draft] of drafts.entries()) {
    const platform = platforms.get(draft.platform)!;
    const firstDay = Math.min(...draft.sessions);
    const course = await db.trainingCourse.create({
      data: {
        title: draft.title,
        description: `${draft.title}。围绕辅导员九项职责，“${draft.speaker}”主讲，结合案例研讨与交流。`,
        platformId: platform.id,
        level: draft.level,
        collegeId: draft.collegeId,
        jointGroupId: draft.jointGroupId,
        duties: draft.duties,
        hours: draft.hours * draft.sessions.length,
        speaker: draft.speaker,
        speakerKind: draft.speakerKind,
        capacity: draft.capacity,
        enrolOpensAt: subDays(sessionStart(now, firstDay), 30),
        enrolClosesAt: subDays(sessionStart(now, Math.max(...draft.sessions)), 1),
        costYuan: draft.cost,
        year,
        status: "PUBLISHED",
        createdById: admin.id,
        createdAt: subDays(sessionStart(now, firstDay), 35),
        targets: { create: draft.targets.map((t) => ({ stage: t.stage ?? null, group: null, kind: t.kind })) },
        sessions: {
          create: draft.sessions.map((day) => ({
            startsAt: sessionStart(now, day),
            endsAt: addHours(sessionStart(now, day), Math.min(draft.hours, 8)),
            place: draft.platform === "ONLINE" ? "" : faker.helpers.arrayElement(["学生活动中心报告厅", "图书馆学术报告厅", "行政楼第三会议室", "学生工作部培训室"]),
            onlineUrl: draft.platform === "ONLINE" ? "https://www.sizhengwang.cn/" : null,
            hours: draft.hours,
            checkInSecret: crypto.randomBytes(32).toString("base64url"),
            ...(day < 0 ? { checkInOpenedAt: sessionStart(now, day), checkInClosedAt: addHours(sessionStart(now, day), 1) } : {}),
          })),
        },
      },
      select: { id: true, sessions: { select: { id: true, startsAt: true }, orderBy: { startsAt: "asc" } } },
    });

    // Enrolments: college courses draw on the organiser's people, school courses on everyone; some wait.
    const organisers = draft.jointGroupId ? grouped.map((c) => c.id) : draft.collegeId ? [draft.collegeId] : null;
    const pool = counselors.filter((c) => (organisers ? organisers.includes(c.collegeId ?? "") : true) && c.username !== "counselor");
    const wanted = Math.min(pool.length, draft.capacity === null ? 25 : draft.capacity + (index % 3 === 0 ? 3 : 0));
    const chosen = faker.helpers.arrayElements(pool, wanted);
    // The demo counselor: the induction and some of the newcomer's plan done, one elective booked.
    if (demoCounselor && ["新任辅导员岗前培训", "政治理论专题学习", "素质能力提升主题讲堂：朋辈心理互助体系建设"].includes(draft.title)) chosen.unshift(demoCounselor);
    const seated = draft.capacity === null ? chosen.length : Math.min(draft.capacity, chosen.length);
    await db.trainingEnrolment.createMany({
      data: chosen.map((person, i) => ({
        courseId: course.id,
        userId: person.id,
        status: i < seated ? ("ENROLLED" as const) : ("WAITLISTED" as const),
        source: i % 4 === 0 ? ("ASSIGNED" as const) : ("SELF" as const),
        assignedById: i % 4 === 0 ? admin.id : null,
        queuedAt: addHours(subDays(sessionStart(now, firstDay), 20), i),
      })),
    });

    // Attendance at past sessions (most of those seated), each with its ledger entry (in bulk: the seed runs in tests too).
    for (const [s, session] of course.sessions.filter((row) => row.startsAt < now).entries()) {
      const present = chosen.slice(0, seated).flatMap((person, i) => (person === demoCounselor || faker.number.int({ min: 0, max: 9 }) >= 2 ? [{ person, i }] : []));
      const attendances = present.map(({ person, i }) => ({
        id: `seed-att-${index}-${s}-${i}`,
        sessionId: session.id,
        userId: person.id,
        method: i % 5 === 0 ? ("MANUAL" as const) : i % 2 ? ("QR" as const) : ("CODE" as const),
        recordedById: i % 5 === 0 ? admin.id : null,
        createdAt: session.startsAt,
      }));
      await db.trainingAttendance.createMany({ data: attendances });
      await db.trainingHoursEntry.createMany({
        data: attendances.map((a) =>
          hoursEntryData({ userId: a.userId, year: trainingYear(session.startsAt), hours: draft.hours, source: "ATTENDANCE", sourceId: a.id, title: draft.title, platform, level: draft.level, createdById: a.recordedById ?? a.userId }),
        ),
      });
    }
  }

  // ── External training recorded by counselors: most approved (in the ledger), a few waiting. ──
  const external = ["ONLINE", "NATIONAL", "PROVINCIAL_EXCHANGE", "OVERSEAS"] as const;
  const recorders = faker.helpers.arrayElements(counselors.filter((c) => c.username !== "counselor"), 24);
  const records = recorders.map((person, i) => {
    const code = external[i % external.length]!;
    const ends = subDays(now, 10 + i * 9);
    const endsOn = new Date(Date.UTC(ends.getUTCFullYear(), ends.getUTCMonth(), ends.getUTCDate()));
    const hours = code === "ONLINE" ? 8 : code === "OVERSEAS" ? 40 : 24;
    const approved = i % 4 !== 3;
    const title = { ONLINE: "全国高校辅导员网络培训", NATIONAL: "全国高校辅导员骨干示范培训班", PROVINCIAL_EXCHANGE: "全省高校辅导员专题研修班", OVERSEAS: "海外高校学生事务管理研修" }[code];
    return {
      id: `seed-ext-${i}`,
      userId: person.id,
      title,
      organiser: code === "OVERSEAS" ? "国家留学基金委" : "教育部思政司",
      platformId: platforms.get(code)!.id,
      startsOn: new Date(endsOn.getTime() - (hours > 8 ? 4 : 1) * 86_400_000),
      endsOn,
      hours,
      status: approved ? ("APPROVED" as const) : ("PENDING" as const),
      decidedById: approved ? admin.id : null,
      decidedAt: approved ? addDays(ends, 2) : null,
      createdAt: addDays(ends, 1),
      code,
    };
  });
  // Each record's certificate: a small real PDF under the data directory, so its evidence link opens a document.
  const evidence = await Promise.all(
    records.map(async (record) => {
      const body = certificatePdf({
        heading: "Certificate of Completion",
        body: [`Record ${record.id}`, `Training: ${PLATFORM_IN_ENGLISH[record.code]}`, `Hours: ${record.hours}`, `Completed on ${record.endsOn.toISOString().slice(0, 10)}`, "Fudao Studio demo certificate"],
      });
      const storagePath = path.join("uploads", "training-evidence", `${record.id}.pdf`);
      const absolute = path.join(getRuntime().dataDir, storagePath);
      await fs.mkdir(path.dirname(absolute), { recursive: true });
      await fs.writeFile(absolute, body);
      return {
        id: `seed-evidence-${record.id}`,
        name: `${record.title}结业证书.pdf`,
        mimeType: "application/pdf",
        size: body.length,
        sha256: crypto.createHash("sha256").update(body).digest("hex"),
        storagePath,
        uploadedById: record.userId,
        createdAt: record.createdAt,
      };
    }),
  );
  await db.uploadedFile.createMany({ data: evidence });
  await db.externalTrainingRecord.createMany({ data: records.map(({ code: _code, ...record }) => ({ ...record, evidenceFileId: `seed-evidence-${record.id}` })) });
  await db.trainingHoursEntry.createMany({
    data: records
      .filter((r) => r.status === "APPROVED")
      .map((r) => hoursEntryData({ userId: r.userId, year: trainingYear(r.endsOn), hours: r.hours, source: "EXTERNAL", sourceId: r.id, title: r.title, platform: platforms.get(r.code)!, level: null, createdById: admin.id })),
  });
}
