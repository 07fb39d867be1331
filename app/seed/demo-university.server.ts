import crypto from "node:crypto";
import { fakerZH_CN as faker } from "@faker-js/faker";
import { subDays } from "date-fns";
import { hashPassword } from "~/auth/password.server.ts";
import { prisma } from "~/db/client.server.ts";
import type { Prisma, PrismaClient } from "~/generated/prisma/client.ts";
import type { Duty, Education, Level, OutputType, ProfessionalTitle, Role, TargetGroup } from "~/generated/prisma/enums.ts";
import { nameKeys } from "~/people/name-keys.ts";
import { can } from "~/policy/index.ts";
import { SEED_STEPS } from "./steps.server.ts";
import { COLLEGES, DEMO_PASSWORD, DUTY_TAGS, EXTERNAL_ORGANISATIONS, HONOURS, NAMED_MENTORS, OUTPUT_TITLES, STUDIOS, TITLES_BY_STAGE } from "./demo-data.ts";

/**
 * The demo university: 14 colleges, 150 counselors over all four career stages and five groups,
 * 40 mentors, 12 studios covering all nine duties with eligible leaders, plus projects, outputs
 * and mentor assignments. Deterministic: a fixed Faker seed, dates relative to `now`.
 */
const SEED = 20261121;
const DUTIES: Duty[] = ["IDEOLOGY", "PARTY_CLASS", "STUDY_STYLE", "DAILY_AFFAIRS", "MENTAL_HEALTH", "ONLINE_EDUCATION", "CRISIS", "CAREER", "RESEARCH"];

interface PersonDraft {
  user: Omit<Prisma.UserCreateManyInput, "roles"> & { id: string; roles: Role[] };
  profile?: Omit<Prisma.CounselorProfileCreateManyInput, "userId" | "specialties" | "groups"> & {
    specialties: Duty[];
    groups: TargetGroup[];
  };
  honours: Array<{ name: string; level: Level; year: number }>;
  stage?: "novice" | "growing" | "experienced" | "expert";
  daysOfService?: number;
}

const id = () => crypto.randomUUID();
const pick = <T>(items: readonly T[]): T => faker.helpers.arrayElement(items);

export async function seedDemoUniversity({ db = prisma, now = new Date() }: { db?: PrismaClient; now?: Date } = {}): Promise<string> {
  faker.seed(SEED);
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const ago = (days: number) => subDays(now, days);
  const year = now.getFullYear();
  let serial = 0;
  const staffNumber = (hiredDaysAgo: number) => `${ago(hiredDaysAgo).getFullYear()}${String(++serial).padStart(4, "0")}`;

  const colleges = COLLEGES.map((c) => ({ id: id(), ...c }));
  const collegeByCode = new Map(colleges.map((c) => [c.code, c.id]));
  const people: PersonDraft[] = [];

  const person = (
    options: {
      username?: string;
      name?: string;
      roles: Role[];
      collegeId: string | null;
      daysOfService?: number;
      title?: ProfessionalTitle;
      position?: string;
      groups?: TargetGroup[];
      specialties?: Duty[];
      honours?: number;
      stage?: PersonDraft["stage"];
      education?: Education;
    },
  ): PersonDraft => {
    const sex = faker.person.sexType();
    const name = options.name ?? `${faker.person.lastName()}${faker.person.firstName(sex)}`;
    const daysOfService = options.daysOfService;
    const specialties = options.specialties ?? faker.helpers.arrayElements(DUTIES, { min: 1, max: 2 });
    const tags = faker.helpers.arrayElements(specialties.flatMap((d) => DUTY_TAGS[d]), { min: 1, max: 3 });
    const draft: PersonDraft = {
      user: {
        id: id(),
        username: options.username ?? staffNumber(daysOfService ?? faker.number.int({ min: 400, max: 6000 })),
        passwordHash,
        name,
        email: null,
        phone: `1${faker.helpers.arrayElement(["35", "38", "39", "58", "86", "89"])}${faker.string.numeric(8)}`,
        roles: options.roles,
        collegeId: options.collegeId,
      },
      honours: [],
      stage: options.stage,
      daysOfService,
    };
    if (options.position) {
      draft.profile = {
        gender: sex === "female" ? "女" : "男",
        birthDate: ago((daysOfService ?? 3000) + faker.number.int({ min: 24 * 365, max: 28 * 365 })),
        counselorSince: daysOfService !== undefined ? ago(daysOfService) : null,
        title: options.title ?? "NONE",
        position: options.position,
        fullTime: true,
        education: options.education ?? pick<Education>(["MASTER", "MASTER", "MASTER", "DOCTOR", "BACHELOR"]),
        major: pick(["思想政治教育", "心理学", "教育学", "马克思主义理论", "社会学", "汉语言文学", "管理学", "法学"]),
        researchInterests: tags.join("、"),
        specialties,
        specialtyTags: tags,
        groups: options.groups ?? [],
      };
      for (let i = 0; i < (options.honours ?? 0); i++) {
        const honour = pick(HONOURS);
        draft.honours.push({ ...honour, year: year - faker.number.int({ min: 1, max: 8 }) });
      }
    }
    people.push(draft);
    return draft;
  };

  // ── Counselors (150) across the four stages ──
  const randomCollege = () => pick(colleges).id;
  const counselor = (stage: NonNullable<PersonDraft["stage"]>, days: number, extra: Partial<Parameters<typeof person>[0]> = {}) =>
    person({
      roles: ["COUNSELOR"],
      collegeId: randomCollege(),
      daysOfService: days,
      title: pick(TITLES_BY_STAGE[stage]),
      position: "专职辅导员",
      groups: ["ALL_COUNSELORS", ...(days < 365 ? (["NEW_HIRES"] as TargetGroup[]) : [])],
      stage,
      ...extra,
    });

  const demoLeader = counselor("expert", 12 * 365 + 40, {
    username: "leader", name: "张明华", collegeId: collegeByCode.get("YX")!, title: "ASSOCIATE_PROFESSOR",
    specialties: ["MENTAL_HEALTH", "CRISIS"], honours: 2, education: "DOCTOR",
  });
  const demoBackbone = counselor("experienced", 5 * 365 + 100, {
    username: "backbone", name: "李雪", collegeId: collegeByCode.get("WX")!, title: "LECTURER", specialties: ["MENTAL_HEALTH"],
  });
  const demoCounselor = counselor("novice", 300, {
    username: "counselor", name: "王小雨", collegeId: collegeByCode.get("XX")!, title: "TEACHING_ASSISTANT",
    specialties: ["MENTAL_HEALTH", "ONLINE_EDUCATION"],
  });
  demoCounselor.profile!.specialtyTags = ["朋辈心理互助", "新生适应", "新媒体运营"];
  demoCounselor.profile!.researchInterests = "大学新生心理适应、朋辈互助";

  const leaderCandidates: PersonDraft[] = [demoLeader];
  for (let i = 0; i < 11; i++) {
    leaderCandidates.push(counselor("expert", faker.number.int({ min: 3800, max: 7300 }), { title: pick(TITLES_BY_STAGE.expert), honours: faker.number.int({ min: 1, max: 3 }), education: "DOCTOR" }));
  }
  for (let i = 0; i < 13; i++) counselor("expert", faker.number.int({ min: 2500, max: 6000 }), { honours: faker.number.int({ min: 0, max: 2 }) });
  for (let i = 0; i < 46; i++) counselor("experienced", faker.number.int({ min: 1480, max: 5400 }), { honours: faker.number.int({ min: 0, max: 1 }) });
  for (let i = 0; i < 38; i++) counselor("growing", faker.number.int({ min: 740, max: 1430 }));
  for (let i = 0; i < 39; i++) counselor("novice", faker.number.int({ min: 20, max: 700 }));

  // ── College and school staff ──
  for (const college of colleges) {
    person({
      roles: ["COLLEGE_ADMIN"],
      collegeId: college.id,
      ...(college.code === "MKS" ? { username: "college", name: "刘海涛" } : {}),
      daysOfService: faker.number.int({ min: 3000, max: 7000 }),
      title: pick<ProfessionalTitle>(["LECTURER", "ASSOCIATE_PROFESSOR"]),
      position: "分管学生工作副书记",
      groups: ["DEPUTY_SECRETARIES"],
    });
  }
  person({ username: "admin", name: "陈静", roles: ["ADMIN"], collegeId: null, daysOfService: 4200, title: "LECTURER", position: "学生工作部辅导员管理科科长", groups: ["AFFAIRS_CADRES"] });
  for (let i = 0; i < 2; i++) {
    person({ roles: ["ADMIN"], collegeId: null, daysOfService: faker.number.int({ min: 900, max: 4000 }), title: "LECTURER", position: "学生工作部干部", groups: ["AFFAIRS_CADRES"] });
  }
  for (let i = 0; i < 5; i++) {
    person({ roles: ["COLLEGE_ADMIN"], collegeId: randomCollege(), daysOfService: faker.number.int({ min: 900, max: 4000 }), title: "LECTURER", position: "学院学工办主任", groups: ["AFFAIRS_CADRES"] });
  }

  // ── Mentor pool (20 internal, 20 external); every duty has experts of both kinds ──
  const mentors: Array<{ draft: PersonDraft; row: Prisma.MentorCreateManyInput & { id: string } }> = [];
  const mentorDuties = (index: number) => {
    const primary = DUTIES[index % DUTIES.length]!;
    return [...new Set([primary, ...faker.helpers.arrayElements(DUTIES, { min: 0, max: 2 })])];
  };
  for (const kind of ["INTERNAL", "EXTERNAL"] as const) {
    for (let i = 0; i < 20; i++) {
      const named = NAMED_MENTORS.find((m) => m.kind === kind && i === 0);
      const duties = named?.duties ?? mentorDuties(i);
      const draft = person({
        ...(named ? { username: kind === "INTERNAL" ? "mentor" : "external", name: named.name } : {}),
        roles: ["MENTOR"],
        collegeId: kind === "INTERNAL" ? randomCollege() : null,
      });
      mentors.push({
        draft,
        row: {
          id: id(),
          userId: draft.user.id,
          kind,
          organisation: named?.organisation ?? (kind === "INTERNAL" ? colleges.find((c) => c.id === draft.user.collegeId)!.name : pick(EXTERNAL_ORGANISATIONS)),
          title: named?.title ?? pick(kind === "INTERNAL" ? ["教授", "副教授", "研究员"] : ["处长", "副主任", "高级咨询师", "研究员", "副教授"]),
          contact: kind === "EXTERNAL" ? `${draft.user.phone}` : "",
          bio: named?.bio ?? `研究专长：${duties.map((d) => DUTY_TAGS[d][0]).join("、")}。`,
          expertiseDuties: duties,
          keywords: faker.helpers.arrayElements(duties.flatMap((d) => DUTY_TAGS[d]), { min: 2, max: 4 }),
          capacity: named?.capacity ?? faker.number.int({ min: 1, max: 3 }),
          available: i % 10 !== 9,
        },
      });
    }
  }

  // ── Studios with eligible leaders, cross-college teams ──
  const studioCount = new Map<string, number>();
  const join = (draft: PersonDraft) => studioCount.set(draft.user.id, (studioCount.get(draft.user.id) ?? 0) + 1);
  const counselors = people.filter((p) => can({ ...p.user, collegeId: p.user.collegeId ?? null }, "studio:join", null));
  const available = (filter: (p: PersonDraft) => boolean) =>
    counselors.filter((p) => filter(p) && (studioCount.get(p.user.id) ?? 0) < 2 && p !== demoCounselor && !leaderCandidates.includes(p));

  const studios: Prisma.StudioCreateManyInput[] = [];
  const memberships: Prisma.StudioMembershipCreateManyInput[] = [];
  const directions: Array<Prisma.DirectionCreateManyInput & { id: string; duty: Duty }> = [];
  const studioMembers = new Map<string, PersonDraft[]>();
  STUDIOS.forEach((def, index) => {
    const studioId = id();
    const leader = leaderCandidates[index]!;
    if (!leader.profile!.specialties.includes(def.duty)) leader.profile!.specialties = [def.duty, ...leader.profile!.specialties].slice(0, 3);
    join(leader);
    studios.push({
      id: studioId, name: def.name, duty: def.duty, level: def.level, description: def.description,
      budgetYuan: def.budgetYuan, platform: def.platform, foundedOn: ago(faker.number.int({ min: 200, max: 1500 })),
    });
    const backbone = index === 0 ? [demoBackbone] : [];
    backbone.push(...faker.helpers.arrayElements(available((p) => (p.daysOfService ?? 0) >= 3 * 365 && !backbone.includes(p)), 3 - backbone.length));
    backbone.forEach(join);
    const newcomers = faker.helpers.arrayElements(available((p) => p.stage === "novice"), 2);
    newcomers.forEach(join);
    const members = [leader, ...backbone, ...newcomers];
    studioMembers.set(studioId, members);
    memberships.push(
      { studioId, userId: leader.user.id, role: "LEADER", joinedAt: ago(800) },
      ...backbone.map((p) => ({ studioId, userId: p.user.id, role: "BACKBONE" as const, joinedAt: ago(faker.number.int({ min: 100, max: 700 })) })),
      ...newcomers.map((p) => ({ studioId, userId: p.user.id, role: "NEWCOMER" as const, joinedAt: ago(faker.number.int({ min: 10, max: 200 })) })),
    );
    for (const p of backbone) if (!p.profile!.groups.includes("BACKBONE")) p.profile!.groups.push("BACKBONE");
    for (const d of def.directions) {
      directions.push({ id: id(), studioId, name: d.name, description: d.description, keywords: d.keywords, duty: def.duty, internalMentorTarget: 1, externalMentorTarget: 1 });
    }
  });

  // ── Mentor assignments: two thirds of the directions already have mentors; the rest await matching ──
  const load = new Map<string, number>();
  const assignments: Prisma.MentorAssignmentCreateManyInput[] = [];
  directions.slice(0, 16).forEach((direction, index) => {
    for (const kind of ["INTERNAL", "EXTERNAL"] as const) {
      const named = index === 0 ? mentors.find((m) => m.row.kind === kind && NAMED_MENTORS.some((n) => n.name === m.draft.user.name)) : undefined;
      const candidate =
        named ??
        mentors.find(
          (m) => m.row.kind === kind && m.row.available !== false && (m.row.expertiseDuties as Duty[]).includes(direction.duty) && (load.get(m.row.id) ?? 0) < (m.row.capacity ?? 2),
        );
      if (!candidate) continue;
      load.set(candidate.row.id, (load.get(candidate.row.id) ?? 0) + 1);
      assignments.push({ directionId: direction.id, mentorId: candidate.row.id, status: "ACCEPTED", manual: true, respondedAt: ago(60) });
    }
  });

  // ── Projects, tasks, milestones, outputs, evaluations ──
  const projects: Prisma.ProjectCreateManyInput[] = [];
  const projectMembers: Prisma.ProjectMemberCreateManyInput[] = [];
  const milestones: Prisma.MilestoneCreateManyInput[] = [];
  const tasks: Prisma.TaskCreateManyInput[] = [];
  const outputs: Prisma.OutputCreateManyInput[] = [];
  const outputAuthors: Prisma.OutputAuthorCreateManyInput[] = [];
  const evaluations: Prisma.StudioEvaluationCreateManyInput[] = [];
  const taskVerbs = ["完成文献综述", "设计调查问卷", "开展访谈", "整理案例材料", "撰写中期报告", "组织专题研讨", "修改论文初稿"];
  studios.forEach((studio, index) => {
    const members = studioMembers.get(studio.id!)!;
    const studioDirections = directions.filter((d) => d.studioId === studio.id);
    studioDirections.slice(0, index % 3 === 0 ? 2 : 1).forEach((direction) => {
      const projectId = id();
      projects.push({
        id: projectId, studioId: studio.id!, directionId: direction.id, title: `${direction.name}研究`,
        level: pick<Level>(["SCHOOL", "SCHOOL", "PROVINCIAL"]), status: "IN_PROGRESS",
        description: direction.description, startDate: ago(faker.number.int({ min: 120, max: 400 })), endDate: subDays(now, -faker.number.int({ min: 120, max: 500 })),
      });
      const team = faker.helpers.arrayElements(members, { min: 3, max: Math.min(5, members.length) });
      if (!team.includes(members[0]!)) team[0] = members[0]!;
      team.forEach((m, i) => projectMembers.push({ projectId, userId: m.user.id, role: i === 0 ? "PRINCIPAL" : "MEMBER" }));
      const milestoneIds = [id(), id()];
      milestones.push(
        { id: milestoneIds[0]!, projectId, title: "开题论证", dueDate: ago(60), completedAt: ago(65) },
        { id: milestoneIds[1]!, projectId, title: "中期检查", dueDate: subDays(now, -45) },
      );
      for (let t = 0; t < 4; t++) {
        const due = subDays(now, faker.number.int({ min: -40, max: 30 }));
        const done = t === 0;
        tasks.push({
          projectId, milestoneId: milestoneIds[t === 0 ? 0 : 1], title: taskVerbs[(index + t) % taskVerbs.length]!,
          assigneeId: pick(team).user.id, dueDate: due, status: done ? "DONE" : pick(["TODO", "IN_PROGRESS"] as const), completedAt: done ? ago(50) : null,
        });
      }
    });
    const topic = studioDirections[0]!.name;
    const outputCount = 2 + (index % 3);
    for (let o = 0; o < outputCount; o++) {
      const type = pick<OutputType>(["PAPER", "PAPER", "CASE", "CULTURE_PRODUCT", "AWARD", "COURSE", "RESEARCH_PROJECT", "BOOK"]);
      const outputId = id();
      outputs.push({
        id: outputId, studioId: studio.id!, type, title: pick(OUTPUT_TITLES[type]).replace("{topic}", topic),
        level: pick<Level>(["SCHOOL", "PROVINCIAL", "SCHOOL", "NATIONAL"]), date: ago(faker.number.int({ min: 10, max: 700 })),
        description: "",
      });
      faker.helpers.arrayElements(members, { min: 1, max: 3 }).forEach((m, position) =>
        outputAuthors.push({ outputId, userId: m.user.id, name: m.user.name, position }),
      );
    }
    if (index % 2 === 0) {
      evaluations.push({
        studioId: studio.id!, cycle: `${year - 2}-${year - 1}`, report: `${studio.name}${year - 2}—${year - 1} 年度建设情况总结：围绕研究方向开展专题研讨与课题研究，形成阶段性成果。`,
        submittedById: members[0]!.user.id, submittedAt: ago(300), grade: index % 4 === 0 ? "EXCELLENT" : "QUALIFIED",
        comments: index % 4 === 0 ? "成果突出，示范带动作用明显。" : "完成年度建设任务，建议加强成果凝练。", gradedAt: ago(280),
      });
    }
  });

  const admin = people.find((p) => p.user.username === "admin")!;
  evaluations.forEach((e) => (e.gradedById = admin.user.id));

  await db.$transaction(
    async (tx) => {
      await tx.setting.create({ data: { key: "school", value: { schoolName: "示范大学" } } });
      await tx.college.createMany({ data: colleges });
      await tx.user.createMany({ data: people.map((p) => ({ ...p.user, ...nameKeys(p.user.name) })) });
      await tx.counselorProfile.createMany({ data: people.filter((p) => p.profile).map((p) => ({ userId: p.user.id, ...p.profile! })) });
      await tx.honour.createMany({ data: people.flatMap((p) => p.honours.map((h) => ({ profileId: p.user.id, ...h }))) });
      await tx.mentor.createMany({ data: mentors.map((m) => m.row) });
      await tx.studio.createMany({ data: studios });
      await tx.studioMembership.createMany({ data: memberships });
      await tx.direction.createMany({ data: directions.map(({ duty: _duty, ...d }) => d) });
      await tx.mentorAssignment.createMany({ data: assignments });
      await tx.project.createMany({ data: projects });
      await tx.projectMember.createMany({ data: projectMembers });
      await tx.milestone.createMany({ data: milestones });
      await tx.task.createMany({ data: tasks });
      await tx.output.createMany({ data: outputs });
      await tx.outputAuthor.createMany({ data: outputAuthors });
      await tx.studioEvaluation.createMany({ data: evaluations });
      for (const step of SEED_STEPS) await step({ db: tx, now, faker });
      await tx.auditLog.create({ data: { action: "seed.demo", entityType: "School", entityId: "school", data: { seed: SEED } } });
    },
    { timeout: 60_000 },
  );
  return `${colleges.length} 个学院、${counselors.length} 名辅导员、${mentors.length} 名导师、${studios.length} 个工作室`;
}
