import crypto from "node:crypto";
import type { JSONContent } from "@tiptap/core";
import { hashPassword } from "~/auth/password.server.ts";
import type { SessionUser } from "~/auth/session.server.ts";
import { prisma } from "~/db/client.server.ts";
import { jsonStats, jsonToState } from "~/documents/content.server.ts";
import type {
  CampStatus,
  DocumentStatus,
  DocumentType,
  Duty,
  Level,
  MentorAssignmentStatus,
  MentorKind,
  MentorRank,
  ProfessionalTitle,
  ProjectStatus,
  ReviewStatus,
  Role,
  StudioRole,
  TargetGroup,
  TaskStatus,
} from "~/generated/prisma/enums.ts";
import type { CareerStage } from "~/people/career-stage.ts";
import { nameKeys } from "~/people/name-keys.ts";
import { anniversary, schoolToday } from "~/lib/calendar-date.ts";

/**
 * Test data factories: each test builds the people, studios, documents … it talks about, instead
 * of looking up the demo university by name. Everything is written through Prisma (no
 * notifications, no audit records: those are what the code under test writes), with names that
 * are unique within the run, so tests never meet each other's data or depend on what the seed
 * happens to contain. Each `build…` returns the ids and names a test asserts on; sign in with
 * `cookieFor(user.username)` / `sessionUser(user.username)` / `asUser(user.username, …)`
 * (tests/support/signed-in.ts). A built user is also a ready `SessionUser` and `Actor` for
 * services that take one.
 */

/** The password of every built account (sign in over HTTP with it). */
export const TEST_PASSWORD = "Ceshi@2026-mima";

const RUN = crypto.randomBytes(3).toString("hex");
let serial = 0;
const next = () => ++serial;
/** `prefix` + a number unique in this file + the run's tag: never collides with the seed or another file. */
export const unique = (prefix: string) => `${prefix}${next()}-${RUN}`;

/** Compound surnames the seed's Faker never produces, so a built person's name finds only them. */
const SURNAMES = ["闻人", "东郭", "南宫", "西门", "公冶", "宰父", "谷梁", "拓跋", "夹谷", "轩辕", "令狐", "段干", "百里", "呼延", "羊舌", "微生", "梁丘", "左丘"];
const GIVEN = ["嘉", "明", "思", "雨", "宁", "远", "舟", "岚", "澄", "朗", "若", "溪", "柏", "楠", "知", "行", "清", "和", "安", "然"];
const personName = () => {
  const n = next() + Number.parseInt(RUN, 16);
  return `${SURNAMES[n % SURNAMES.length]}${GIVEN[Math.floor(n / SURNAMES.length) % GIVEN.length]}${GIVEN[Math.floor(n / (SURNAMES.length * GIVEN.length)) % GIVEN.length]}`;
};

const passwordHashes = new Map<string, Promise<string>>();
/** scrypt is slow on purpose: hash each password once per file. */
function passwordHash(password: string): Promise<string> {
  if (!passwordHashes.has(password)) passwordHashes.set(password, hashPassword(password));
  return passwordHashes.get(password)!;
}
type Ref = { id: string };

// ───────────────────────────── Colleges ─────────────────────────────

export interface BuiltCollege {
  id: string;
  code: string;
  name: string;
}

export async function buildCollege(options: { code?: string; name?: string } = {}): Promise<BuiltCollege> {
  const n = next();
  return prisma.college.create({
    data: { code: options.code ?? `T${RUN}${n}`.toUpperCase(), name: options.name ?? `测试学院${n}-${RUN}` },
    select: { id: true, code: true, name: true },
  });
}

// ───────────────────────────── People ─────────────────────────────

/** Start date and title that give each career stage under the default thresholds (2 and 4 years, 副高). */
const STAGE_PRESETS: Record<CareerStage, { years: number; title: ProfessionalTitle }> = {
  NOVICE: { years: 1, title: "TEACHING_ASSISTANT" },
  GROWING: { years: 3, title: "LECTURER" },
  EXPERIENCED: { years: 6, title: "LECTURER" },
  EXPERT: { years: 12, title: "ASSOCIATE_PROFESSOR" },
};

/** The day someone started as a counselor to have served exactly `years` full years today (plus a month). */
function startedYearsAgo(years: number, now = new Date()): Date {
  const day = anniversary(schoolToday(now), -years);
  return new Date(day.getTime() - 30 * 86_400_000);
}

export interface UserOptions {
  /** Default ["COUNSELOR"]. */
  roles?: Role[];
  username?: string;
  name?: string;
  /** Default: a college of their own for counselors and college admins, none otherwise. `null`: no college. */
  college?: Ref | null;
  /** Default TEST_PASSWORD. */
  password?: string;
  active?: boolean;
  passwordMustChange?: boolean;
  phone?: string | null;
  locale?: string | null;
  /** A counselor profile: by default for counselors and college admins. */
  profile?: boolean;
  /** The career stage under the default thresholds (sets start date and title unless given). Default NOVICE. */
  stage?: CareerStage;
  /** Full years as a counselor (instead of the stage's). */
  years?: number;
  /** The start day itself; `null` for unknown. */
  counselorSince?: Date | null;
  title?: ProfessionalTitle;
  /** Number of honours (school level); default none. */
  honours?: number;
  specialties?: Duty[];
  specialtyTags?: string[];
  researchInterests?: string;
  groups?: TargetGroup[];
  position?: string;
}

/** A person as tests use them: a `SessionUser` (and so an `Actor`) for services that take one. */
export interface BuiltUser extends SessionUser {
  collegeId: string | null;
}

export async function buildUser(options: UserOptions = {}): Promise<BuiltUser> {
  const roles = options.roles ?? ["COUNSELOR"];
  const staff = roles.includes("COUNSELOR") || roles.includes("COLLEGE_ADMIN");
  const college = options.college === undefined ? (staff ? await buildCollege() : null) : options.college;
  const preset = STAGE_PRESETS[options.stage ?? "NOVICE"];
  const years = options.years ?? preset.years;
  const withProfile = options.profile ?? staff;
  const name = options.name ?? personName();
  const user = await prisma.user.create({
    data: {
      username: options.username ?? unique("t"),
      // As the app writes a name: with its surname-aware pinyin keys (decision 015).
      name,
      ...nameKeys(name),
      passwordHash: await passwordHash(options.password ?? TEST_PASSWORD),
      roles,
      collegeId: college?.id ?? null,
      active: options.active ?? true,
      passwordMustChange: options.passwordMustChange ?? false,
      phone: options.phone === undefined ? `139${String(crypto.randomInt(1e8)).padStart(8, "0")}` : options.phone,
      locale: options.locale ?? null,
      ...(withProfile
        ? {
            profile: {
              create: {
                counselorSince: options.counselorSince === undefined ? startedYearsAgo(years) : options.counselorSince,
                title: options.title ?? preset.title,
                position: options.position ?? (roles.includes("COUNSELOR") ? "专职辅导员" : "学工管理干部"),
                specialties: options.specialties ?? [],
                specialtyTags: options.specialtyTags ?? [],
                researchInterests: options.researchInterests ?? null,
                groups: options.groups ?? [],
                honours: { create: Array.from({ length: options.honours ?? 0 }, (_, i) => ({ name: `测试荣誉${i + 1}`, level: "SCHOOL" as const, year: 2020 + i })) },
              },
            },
          }
        : {}),
    },
    select: { id: true, username: true, name: true, roles: true, collegeId: true, locale: true },
  });
  return user;
}

// ───────────────────────────── Mentors ─────────────────────────────

export interface MentorOptions {
  kind?: MentorKind;
  /** An existing person who becomes a mentor (gets the MENTOR role); default a new account. */
  user?: BuiltUser;
  name?: string;
  username?: string;
  /** Default: a college of their own for internal mentors, none for external ones. */
  college?: Ref | null;
  duties?: Duty[];
  keywords?: string[];
  capacity?: number;
  available?: boolean;
  rank?: MentorRank;
  organisation?: string;
  title?: string;
  contact?: string;
  bio?: string;
}

export interface BuiltMentor {
  /** The Mentor row's id (the pool's), not the person's. */
  id: string;
  kind: MentorKind;
  user: BuiltUser;
}

export async function buildMentor(options: MentorOptions = {}): Promise<BuiltMentor> {
  const kind = options.kind ?? "INTERNAL";
  let user = options.user;
  if (user) {
    if (!user.roles.includes("MENTOR")) {
      const roles: Role[] = [...user.roles, "MENTOR"];
      await prisma.user.update({ where: { id: user.id }, data: { roles } });
      user = { ...user, roles };
    }
  } else {
    const college = options.college === undefined ? (kind === "INTERNAL" ? await buildCollege() : null) : options.college;
    user = await buildUser({ roles: ["MENTOR"], college, name: options.name, username: options.username });
  }
  const duties = options.duties ?? ["MENTAL_HEALTH"];
  const mentor = await prisma.mentor.create({
    data: {
      userId: user.id,
      kind,
      organisation: options.organisation ?? (kind === "INTERNAL" ? "测试学院" : "测试单位"),
      title: options.title ?? (kind === "INTERNAL" ? "教授" : "研究员"),
      contact: options.contact ?? (kind === "EXTERNAL" ? "13800000000" : ""),
      bio: options.bio ?? "",
      expertiseDuties: duties,
      keywords: options.keywords ?? [],
      capacity: options.capacity ?? 2,
      available: options.available ?? true,
      rank: options.rank ?? "SENIOR",
    },
    select: { id: true },
  });
  return { id: mentor.id, kind, user };
}

// ───────────────────────────── Studios ─────────────────────────────

export interface DirectionOptions {
  name?: string;
  description?: string;
  keywords?: string[];
  internalMentorTarget?: number;
  externalMentorTarget?: number;
}

/** A mentor on one of the studio's directions (the first unless `direction` says which, by index). */
export type StudioMentor = BuiltMentor | { mentor: BuiltMentor; status?: MentorAssignmentStatus; direction?: number };

export interface StudioOptions {
  name?: string;
  duty?: Duty;
  level?: Level;
  description?: string;
  budgetYuan?: number;
  platform?: string;
  archived?: boolean;
  /** Default: a new counselor in 成熟期 with an honour, who meets the default leader conditions. */
  leader?: BuiltUser | UserOptions;
  /** People or how many new ones (default 1, each 经验期). */
  backbone?: number | Array<BuiltUser | UserOptions>;
  /** People or how many new ones (default 1, each 初任期). */
  newcomers?: number | Array<BuiltUser | UserOptions>;
  /** Directions or how many (default 1). */
  directions?: number | DirectionOptions[];
  /** Mentors with ACCEPTED assignments, each on the first direction (or as given). */
  mentors?: StudioMentor[];
}

export interface BuiltStudio {
  id: string;
  name: string;
  duty: Duty;
  leader: BuiltUser;
  backbone: BuiltUser[];
  newcomers: BuiltUser[];
  /** Leader, backbone, newcomers. */
  members: BuiltUser[];
  directions: Array<{ id: string; name: string }>;
  /** Each mentor with the id of their assignment and its status. */
  mentors: Array<BuiltMentor & { assignmentId: string; directionId: string; status: MentorAssignmentStatus }>;
}

const personFrom = (person: BuiltUser | UserOptions, defaults: UserOptions) =>
  "id" in person ? Promise.resolve(person as BuiltUser) : buildUser({ ...defaults, ...person });

export async function buildStudio(options: StudioOptions = {}): Promise<BuiltStudio> {
  const duty = options.duty ?? "MENTAL_HEALTH";
  const leader = await personFrom(options.leader ?? {}, { stage: "EXPERT", honours: 1, specialties: [duty] });
  const people = async (spec: number | Array<BuiltUser | UserOptions> | undefined, defaults: UserOptions) => {
    const list = typeof spec === "number" || spec === undefined ? Array.from({ length: spec ?? 1 }, () => ({})) : spec;
    const built: BuiltUser[] = [];
    for (const person of list) built.push(await personFrom(person, defaults));
    return built;
  };
  const backbone = await people(options.backbone, { stage: "EXPERIENCED", specialties: [duty] });
  const newcomers = await people(options.newcomers, { stage: "NOVICE", specialties: [duty] });
  const directionSpecs: DirectionOptions[] =
    typeof options.directions === "number" || options.directions === undefined ? Array.from({ length: options.directions ?? 1 }, () => ({})) : options.directions;
  const name = options.name ?? unique("测试工作室");
  const studio = await prisma.studio.create({
    data: {
      name,
      duty,
      level: options.level ?? "SCHOOL",
      description: options.description ?? "",
      budgetYuan: options.budgetYuan ?? 10000,
      platform: options.platform ?? "",
      archivedAt: options.archived ? new Date() : null,
      memberships: {
        create: [
          { userId: leader.id, role: "LEADER" as StudioRole, joinedAt: new Date(Date.now() - 800 * 86_400_000) },
          ...backbone.map((u) => ({ userId: u.id, role: "BACKBONE" as StudioRole, joinedAt: new Date(Date.now() - 300 * 86_400_000) })),
          ...newcomers.map((u, i) => ({ userId: u.id, role: "NEWCOMER" as StudioRole, joinedAt: new Date(Date.now() - (100 - i) * 86_400_000) })),
        ],
      },
    },
    select: { id: true },
  });
  const directions: BuiltStudio["directions"] = [];
  for (const spec of directionSpecs) {
    const direction = await prisma.direction.create({
      data: {
        studioId: studio.id,
        name: spec.name ?? unique("测试方向"),
        description: spec.description ?? "",
        keywords: spec.keywords ?? [],
        internalMentorTarget: spec.internalMentorTarget ?? 1,
        externalMentorTarget: spec.externalMentorTarget ?? 1,
      },
      select: { id: true, name: true },
    });
    directions.push(direction);
  }
  const mentors: BuiltStudio["mentors"] = [];
  for (const entry of options.mentors ?? []) {
    const { mentor, status = "ACCEPTED", direction = 0 } = "mentor" in entry ? entry : { mentor: entry };
    const directionId = directions[direction]!.id;
    const assignment = await assignMentor(mentor, directionId, status);
    mentors.push({ ...mentor, assignmentId: assignment.id, directionId, status });
  }
  return { id: studio.id, name, duty, leader, backbone, newcomers, members: [leader, ...backbone, ...newcomers], directions, mentors };
}

/** A mentor on a direction: ACCEPTED (guiding it), INVITED, PROPOSED … */
export async function assignMentor(mentor: Ref, directionId: string, status: MentorAssignmentStatus = "ACCEPTED") {
  return prisma.mentorAssignment.create({
    data: {
      directionId,
      mentorId: mentor.id,
      status,
      manual: true,
      ...(status === "ACCEPTED" || status === "DECLINED" ? { respondedAt: new Date() } : {}),
      ...(status === "INVITED" ? { invitedAt: new Date() } : {}),
    },
    select: { id: true },
  });
}

/**
 * The seven kinds of people the policy tells apart, around one studio: 学工部, a college admin (of
 * no member's college), the leader, a backbone member, a newcomer, an accepted mentor of the
 * studio, and an outsider (a counselor in no studio).
 */
export async function buildCast(options: { studio?: StudioOptions; mentorKind?: MentorKind } = {}) {
  const mentor = await buildMentor({ kind: options.mentorKind ?? "INTERNAL", duties: [options.studio?.duty ?? "MENTAL_HEALTH"] });
  const studio = await buildStudio({ ...options.studio, mentors: [mentor, ...(options.studio?.mentors ?? [])] });
  const [admin, collegeAdmin, outsider] = [await buildUser({ roles: ["ADMIN"] }), await buildUser({ roles: ["COLLEGE_ADMIN"] }), await buildUser()];
  return {
    studio,
    admin,
    collegeAdmin,
    leader: studio.leader,
    backbone: studio.backbone[0]!,
    newcomer: studio.newcomers[0]!,
    mentor: mentor.user,
    outsider,
  };
}
export type Cast = Awaited<ReturnType<typeof buildCast>>;

/**
 * One of each kind of account the demo school prints at start-up, built afresh and keyed like
 * those accounts: 学工部 (admin), a college admin (college), a studio's leader and backbone member,
 * a counselor in no studio (of another college than the college admin), an internal mentor of the
 * studio and an external mentor of none.
 */
export async function buildAccounts() {
  const cast = await buildCast();
  const external = await buildMentor({ kind: "EXTERNAL" });
  return {
    admin: cast.admin,
    college: cast.collegeAdmin,
    leader: cast.leader,
    backbone: cast.backbone,
    counselor: cast.outsider,
    mentor: cast.mentor,
    external: external.user,
    studio: cast.studio,
  };
}
export type AccountKind = "admin" | "college" | "leader" | "backbone" | "counselor" | "mentor" | "external";
export type Accounts = Awaited<ReturnType<typeof buildAccounts>>;

// ───────────────────────────── Documents ─────────────────────────────

/** A document body of plain paragraphs. */
const paragraphsDoc = (...texts: string[]): JSONContent => ({
  type: "doc",
  content: texts.map((text) => (text ? { type: "paragraph", content: [{ type: "text", text }] } : { type: "paragraph" })),
});

export interface DocumentOptions {
  studio: Ref;
  createdBy: Ref;
  title?: string;
  type?: DocumentType;
  status?: DocumentStatus;
  /** Default: the creator. */
  authors?: Ref[];
  direction?: Ref | null;
  project?: Ref | null;
  duty?: Duty | null;
  tags?: string[];
  /** The body (stored as Yjs state with its plain text and word count); default one paragraph. */
  content?: JSONContent;
  reviews?: Array<{ reviewer: Ref; status?: ReviewStatus; requestedBy?: Ref; summary?: string }>;
  createdAt?: Date;
  updatedAt?: Date;
}

export interface BuiltDocument {
  id: string;
  title: string;
  reviewIds: string[];
}

/** A document as the editor leaves it (state, plain text, word count, version 1), written directly. */
export async function buildDocument(options: DocumentOptions): Promise<BuiltDocument> {
  const title = options.title ?? unique("测试文档");
  const content = options.content ?? paragraphsDoc(`${title}的正文。`);
  const state = jsonToState(content);
  const stats = jsonStats(content);
  const status = options.status ?? "DRAFT";
  const authors = options.authors ?? [options.createdBy];
  const document = await prisma.document.create({
    data: {
      studioId: options.studio.id,
      type: options.type ?? "RESEARCH_NOTE",
      title,
      status,
      duty: options.duty ?? null,
      tags: options.tags ?? [],
      directionId: options.direction?.id ?? null,
      projectId: options.project?.id ?? null,
      yState: state,
      plainText: stats.plainText,
      wordCount: stats.wordCount,
      createdById: options.createdBy.id,
      ...(options.createdAt ? { createdAt: options.createdAt } : {}),
      ...(options.updatedAt ? { updatedAt: options.updatedAt } : {}),
      authors: { create: [...new Set(authors.map((a) => a.id))].map((userId) => ({ userId })) },
      versions: { create: { number: 1, reason: status === "DRAFT" ? "AUTO" : "STATUS_CHANGE", status, yState: state, createdById: options.createdBy.id } },
    },
    select: { id: true },
  });
  const reviewIds: string[] = [];
  for (const review of options.reviews ?? []) {
    const row = await prisma.review.create({
      data: {
        documentId: document.id,
        requestedById: (review.requestedBy ?? options.createdBy).id,
        reviewerId: review.reviewer.id,
        status: review.status ?? "PENDING",
        summary: review.summary ?? null,
        decidedAt: review.status && review.status !== "PENDING" ? new Date() : null,
      },
      select: { id: true },
    });
    reviewIds.push(row.id);
  }
  return { id: document.id, title, reviewIds };
}

// ───────────────────────────── Projects ─────────────────────────────

export interface ProjectOptions {
  studio: Ref;
  principal: Ref;
  members?: Ref[];
  title?: string;
  status?: ProjectStatus;
  level?: Level;
  direction?: Ref | null;
  tasks?: Array<{ title?: string; assignee?: Ref | null; status?: TaskStatus; dueDate?: Date | null }>;
}

export async function buildProject(options: ProjectOptions): Promise<{ id: string; title: string; taskIds: string[] }> {
  const title = options.title ?? unique("测试课题");
  const project = await prisma.project.create({
    data: {
      studioId: options.studio.id,
      title,
      status: options.status ?? "IN_PROGRESS",
      level: options.level ?? "SCHOOL",
      directionId: options.direction?.id ?? null,
      members: {
        create: [
          { userId: options.principal.id, role: "PRINCIPAL" as const },
          ...(options.members ?? []).filter((m) => m.id !== options.principal.id).map((m) => ({ userId: m.id, role: "MEMBER" as const })),
        ],
      },
    },
    select: { id: true },
  });
  const taskIds: string[] = [];
  for (const task of options.tasks ?? []) {
    const status = task.status ?? "TODO";
    const row = await prisma.task.create({
      data: {
        projectId: project.id,
        title: task.title ?? unique("测试任务"),
        assigneeId: task.assignee?.id ?? null,
        status,
        dueDate: task.dueDate ?? null,
        completedAt: status === "DONE" ? new Date() : null,
      },
      select: { id: true },
    });
    taskIds.push(row.id);
  }
  return { id: project.id, title, taskIds };
}

// ───────────────────────────── Meetings ─────────────────────────────

export interface MeetingSeriesOptions {
  organiser: Ref;
  organiserKind?: "SCHOOL" | "COLLEGE" | "JOINT_GROUP" | "STUDIO";
  collegeId?: string;
  jointGroupId?: string;
  studioId?: string;
  /** People invited by name (PERSON targets). */
  invitees?: Ref[];
  title?: string;
  weekOfMonth?: number;
  weekday?: number;
  startTime?: string;
  durationMinutes?: number;
}

/**
 * A series written through Prisma with one meeting per given start (school time), each with the
 * seed's four segments, and its invitees invited (as publishing would).
 */
export async function buildMeetingSeries(options: MeetingSeriesOptions, starts: Date[] = [new Date()]) {
  const durationMinutes = options.durationMinutes ?? 120;
  const series = await prisma.meetingSeries.create({
    data: {
      title: options.title ?? unique("测试例会"),
      organiserKind: options.organiserKind ?? "SCHOOL",
      collegeId: options.collegeId ?? null,
      jointGroupId: options.jointGroupId ?? null,
      studioId: options.studioId ?? null,
      weekOfMonth: options.weekOfMonth ?? 2,
      weekday: options.weekday ?? 3,
      startTime: options.startTime ?? "14:30",
      durationMinutes,
      segmentTemplate: [
        { name: "理论学习", minutes: 30 },
        { name: "阶段工作总结", minutes: 30 },
        { name: "工作案例交流分享", minutes: 30 },
        { name: "分组研讨", minutes: 30 },
      ],
      createdById: options.organiser.id,
      organisers: { create: { userId: options.organiser.id } },
      targets: { create: (options.invitees ?? []).map((person) => ({ kind: "PERSON" as const, userId: person.id })) },
    },
    select: { id: true, title: true },
  });
  const meetings: Array<{ id: string; startsAt: Date; segmentIds: string[] }> = [];
  for (const startsAt of starts) {
    const meeting = await prisma.meeting.create({
      data: {
        seriesId: series.id,
        scheduledOn: new Date(Date.UTC(startsAt.getUTCFullYear(), startsAt.getUTCMonth(), startsAt.getUTCDate())),
        startsAt,
        endsAt: new Date(startsAt.getTime() + durationMinutes * 60_000),
        checkInSecret: crypto.randomBytes(32).toString("base64url"),
        segments: { create: ["理论学习", "阶段工作总结", "工作案例交流分享", "分组研讨"].map((name, position) => ({ name, plannedMinutes: 30, position })) },
        invitations: { create: (options.invitees ?? []).map((person) => ({ userId: person.id })) },
      },
      select: { id: true, startsAt: true, segments: { orderBy: { position: "asc" }, select: { id: true } } },
    });
    meetings.push({ id: meeting.id, startsAt: meeting.startsAt, segmentIds: meeting.segments.map((s) => s.id) });
  }
  return { ...series, meetings };
}

// ───────────────────────────── Ability camp ─────────────────────────────

export interface CampOptions {
  status?: CampStatus;
  /** Organisers named by the camp (学工部 organises every camp anyway). */
  organisers?: Ref[];
  /** Participants with their college at the time (as opening the camp would write them). */
  participants?: Array<{ id: string; collegeId: string | null }>;
  judges?: Array<{ id: string; collegeId: string | null }>;
}

/**
 * A camp written through Prisma: its participants and judges, a 谈心谈话 round with an entry for
 * every participant, each judge assigned to every entry not of their own college (as the services
 * assign), and one student for 人物辨识 in each participant's charge.
 */
export async function buildCamp(options: CampOptions = {}) {
  const participants = options.participants ?? [];
  const camp = await prisma.camp.create({
    data: {
      title: unique("测试训练营"),
      year: 2026,
      status: options.status ?? "OPEN",
      organisers: { create: (options.organisers ?? []).map((person) => ({ userId: person.id })) },
      participants: { create: participants.map((person) => ({ userId: person.id, collegeId: person.collegeId, stage: "NOVICE" as const })) },
      judges: { create: (options.judges ?? []).map((person) => ({ userId: person.id, collegeId: person.collegeId })) },
      rounds: { create: { kind: "TALK", weight: 25, position: 4, scoringRule: "TRIMMED_MEAN", judgesPerContestant: 3 } },
    },
    select: { id: true, rounds: { select: { id: true } }, judges: { select: { id: true, collegeId: true } } },
  });
  const roundId = camp.rounds[0]!.id;
  const entryIds: string[] = [];
  const studentIds: string[] = [];
  for (const person of participants) {
    const judges = camp.judges.filter((judge) => judge.collegeId === null || judge.collegeId !== person.collegeId);
    const entry = await prisma.campRoundEntry.create({
      data: { roundId, campId: camp.id, userId: person.id, assignments: { create: judges.map((judge) => ({ roundId, judgeId: judge.id })) } },
      select: { id: true },
    });
    entryIds.push(entry.id);
    const student = await prisma.identificationStudent.create({
      data: { campId: camp.id, counselorId: person.id, name: unique("学生"), className: "测试班", dorm: "1-101" },
      select: { id: true },
    });
    studentIds.push(student.id);
  }
  return { id: camp.id, roundId, entryIds, studentIds };
}

export interface JudgedRoundOptions {
  status?: CampStatus;
  kind?: "TALK" | "CASE_STUDY";
  organisers?: Ref[];
  contestants: Array<{ id: string; collegeId: string | null }>;
  judges?: Array<{ id: string; collegeId: string | null }>;
  judgesPerContestant?: number | null;
  scoringRule?: "MEAN" | "TRIMMED_MEAN" | "Z_SCORE";
  tolerance?: number;
  /** Topic titles (none by default). */
  topics?: string[];
  /** A rubric copy for the round (the 谈心谈话 template's weights: 25, 25, 20, 20, 10); default true. */
  rubric?: boolean;
}

/**
 * A judged round (谈心谈话 by default) of a camp of its own, as the camp's opening would leave it:
 * participants with their college, an entry each (in the order given), the camp's judges, the
 * round's rubric and topics, and no judge assigned yet.
 */
export async function buildJudgedRound(options: JudgedRoundOptions) {
  const kind = options.kind ?? "TALK";
  const rubric = options.rubric === false
    ? null
    : await prisma.rubric.create({
        data: {
          name: unique("谈心谈话评分细则"),
          kind,
          criteria: {
            create: [
              { position: 1, name: "抓住主题", weight: 25, duties: ["DAILY_AFFAIRS"] },
              { position: 2, name: "以理服人", weight: 25, duties: ["IDEOLOGY"] },
              { position: 3, name: "语言与态度", weight: 20, duties: ["MENTAL_HEALTH"] },
              { position: 4, name: "消除顾虑", weight: 20, duties: ["MENTAL_HEALTH"] },
              { position: 5, name: "效果", weight: 10, duties: ["IDEOLOGY"] },
            ],
          },
        },
        select: { id: true, criteria: { orderBy: { position: "asc" }, select: { id: true, weight: true } } },
      });
  const camp = await prisma.camp.create({
    data: {
      title: unique("评审训练营"),
      year: 2026,
      status: options.status ?? "OPEN",
      organisers: { create: (options.organisers ?? []).map((person) => ({ userId: person.id })) },
      participants: { create: options.contestants.map((person) => ({ userId: person.id, collegeId: person.collegeId, stage: "NOVICE" as const })) },
      rounds: {
        create: {
          kind,
          weight: 25,
          position: kind === "TALK" ? 4 : 3,
          scoringRule: options.scoringRule ?? "TRIMMED_MEAN",
          judgesPerContestant: options.judgesPerContestant === undefined ? 3 : options.judgesPerContestant,
          disagreementTolerance: options.tolerance ?? 10,
          rubricId: rubric?.id ?? null,
          topics: { create: (options.topics ?? []).map((title, index) => ({ title, position: index + 1 })) },
        },
      },
    },
    select: { id: true, rounds: { select: { id: true, topics: { orderBy: { position: "asc" }, select: { id: true } } } } },
  });
  const round = camp.rounds[0]!;
  const judgeIds: string[] = [];
  for (const person of options.judges ?? []) {
    judgeIds.push((await prisma.campJudge.create({ data: { campId: camp.id, userId: person.id, collegeId: person.collegeId }, select: { id: true } })).id);
  }
  const entryIds: string[] = [];
  for (const person of options.contestants) {
    entryIds.push((await prisma.campRoundEntry.create({ data: { roundId: round.id, campId: camp.id, userId: person.id }, select: { id: true } })).id);
  }
  return { campId: camp.id, roundId: round.id, entryIds, judgeIds, topicIds: round.topics.map((t) => t.id), criteria: rubric?.criteria ?? [] };
}

/**
 * A camp as the camp's other areas leave it for the results (camp-release): attempts graded,
 * identification scored, judges' sheets submitted, written row by row. Figures worked out by hand:
 *
 * - 基础知识测试 (weight 40): two questions of 2 points, CRISIS and CAREER. A scores 2 of 4 (50),
 *   B 4 of 4 (100), C has no attempt (ABSENT).
 * - 人物辨识 (weight 20, 3+1+1 points a photo): A 8 of 2 photos × 5 (80), B 5 of 10 (50), C absent.
 * - 谈心谈话 (weight 40, trimmed mean, 3 judges, tolerance 5): rubric 60 CRISIS + 40 MENTAL_HEALTH.
 *   A: 80, 85, 90 → 85, spread 10 → DISAGREEMENT. B: 50, 60 (two judges) → no trimmed mean,
 *   TOO_FEW_JUDGES, and a spread of 10 → DISAGREEMENT. C drew no topic and has no sheet → ABSENT.
 * - 案例研讨: switched off (weight 20, not counted).
 *
 * Totals: A = .4·50 + .2·80 + .4·85 = 70; B = .4·100 + .2·50 = 50 (talk missing); C = 0.
 * Radar (round radars combined by their mean): A CRISIS (1 + .85)/2 = .925, CAREER 0, MENTAL .85;
 * B CRISIS (1 + .55)/2 = .775, CAREER 1, MENTAL .55. Stage medians (A and B): CRISIS .85,
 * CAREER .5, MENTAL .7 → A is weak in CAREER (0.5 below), B in MENTAL_HEALTH (0.15 below).
 */
export async function buildScoredCamp(options: { status?: CampStatus; organiser?: BuiltUser } = {}) {
  const organiser = options.organiser ?? (await buildUser());
  const [a, b, c] = [await buildUser(), await buildUser(), await buildUser()];
  const judges = [await buildUser({ college: null }), await buildUser({ college: null }), await buildUser({ college: null })];
  const rubric = await prisma.rubric.create({
    data: {
      name: unique("谈心谈话评分细则"),
      kind: "TALK",
      criteria: { create: [{ position: 1, name: "把握主题", weight: 60, duties: ["CRISIS"] }, { position: 2, name: "消除顾虑", weight: 40, duties: ["MENTAL_HEALTH"] }] },
    },
    select: { id: true, criteria: { orderBy: { position: "asc" }, select: { id: true } } },
  });
  const camp = await prisma.camp.create({
    data: {
      title: unique("成绩测试训练营"),
      year: 2026,
      status: options.status ?? "SCORING",
      organisers: { create: [{ userId: organiser.id }] },
      participants: { create: [a, b, c].map((person) => ({ userId: person.id, collegeId: person.collegeId, stage: "NOVICE" as const })) },
      judges: { create: judges.map((judge) => ({ userId: judge.id, collegeId: null })) },
      rounds: {
        create: [
          { kind: "KNOWLEDGE_TEST", weight: 40, position: 1 },
          { kind: "IDENTIFICATION", weight: 20, position: 2, identificationPoints: { name: 3, className: 1, dorm: 1 } },
          { kind: "CASE_STUDY", weight: 20, position: 3, enabled: false },
          { kind: "TALK", weight: 40, position: 4, rubricId: rubric.id, scoringRule: "TRIMMED_MEAN", judgesPerContestant: 3, disagreementTolerance: 5 },
        ],
      },
    },
    select: { id: true, title: true, rounds: { select: { id: true, kind: true } }, judges: { orderBy: { id: "asc" }, select: { id: true } } },
  });
  const round = Object.fromEntries(camp.rounds.map((r) => [r.kind, r.id])) as Record<"KNOWLEDGE_TEST" | "IDENTIFICATION" | "CASE_STUDY" | "TALK", string>;

  const version = async (duty: Duty) => {
    const question = await prisma.question.create({ data: { category: unique("测试") } });
    const v = await prisma.questionVersion.create({
      data: { questionId: question.id, number: 1, kind: "TRUE_FALSE", stem: unique("判断题"), answerKey: { correct: true }, duties: [duty], difficulty: 2 },
    });
    await prisma.question.update({ where: { id: question.id }, data: { currentVersionId: v.id } });
    return v.id;
  };
  const [crisis, career] = [await version("CRISIS"), await version("CAREER")];
  const attempt = (roundId: string, userId: string, score: number) =>
    prisma.campAttempt.create({
      data: { roundId, campId: camp.id, userId, deadline: new Date(Date.now() - 60_000), submittedAt: new Date(Date.now() - 120_000), blindCode: unique("B"), score, gradedAt: new Date() },
      select: { id: true },
    });
  for (const [person, scores] of [[a, [2, 0]], [b, [2, 2]]] as const) {
    const { id } = await attempt(round.KNOWLEDGE_TEST, person.id, scores[0] + scores[1]);
    await prisma.attemptQuestion.createMany({
      data: [
        { attemptId: id, position: 0, questionVersionId: crisis, points: 2, optionOrder: [] },
        { attemptId: id, position: 1, questionVersionId: career, points: 2, optionOrder: [] },
      ],
    });
    await prisma.attemptAnswer.createMany({
      data: [
        { attemptId: id, position: 0, response: { choice: true }, score: scores[0] },
        { attemptId: id, position: 1, response: { choice: true }, score: scores[1] },
      ],
    });
  }
  for (const [person, score] of [[a, 8], [b, 5]] as const) {
    const { id } = await attempt(round.IDENTIFICATION, person.id, score);
    for (const position of [0, 1]) {
      const student = await prisma.identificationStudent.create({ data: { campId: camp.id, counselorId: person.id, name: unique("学生"), className: "测试班", dorm: "1-101" } });
      await prisma.identificationItem.create({ data: { attemptId: id, position, studentId: student.id, typedName: student.name, score: position === 0 ? 5 : score - 5 } });
    }
  }
  const topic = await prisma.campTopic.create({ data: { roundId: round.TALK, title: "新生适应困难", position: 1 } });
  const sheets = new Map<string, Array<[number, number]>>([[a.id, [[48, 32], [51, 34], [54, 36]]], [b.id, [[30, 20], [36, 24]]], [c.id, []]]);
  for (const person of [a, b, c]) {
    const own = sheets.get(person.id)!;
    const entry = await prisma.campRoundEntry.create({ data: { roundId: round.TALK, campId: camp.id, userId: person.id, topicId: own.length ? topic.id : null }, select: { id: true } });
    for (const [index, judge] of camp.judges.entries()) {
      const sheet = own[index];
      await prisma.judgeAssignment.create({
        data: {
          roundId: round.TALK,
          entryId: entry.id,
          judgeId: judge.id,
          ...(sheet
            ? {
                total: sheet[0] + sheet[1],
                submittedAt: new Date(),
                scores: { create: [{ criterionId: rubric.criteria[0]!.id, score: sheet[0] }, { criterionId: rubric.criteria[1]!.id, score: sheet[1] }] },
              }
            : {}),
        },
      });
    }
  }
  return { id: camp.id, title: camp.title, round, organiser, a, b, c, judges };
}

export interface KnowledgeTestOptions {
  /** Minutes from now the round opened (default 10) and closes (default 120). */
  opensInMinutes?: number;
  closesInMinutes?: number;
  durationMinutes?: number | null;
  multipleChoiceRule?: "ALL_OR_NOTHING" | "PARTIAL";
}

/** One question of the bank, version 1 current, tagged with a duty of its own so a test's rules draw only its own questions. */
export async function buildQuestion(options: {
  kind: "SINGLE" | "MULTIPLE" | "TRUE_FALSE" | "FILL_IN" | "SHORT_ANSWER";
  stem?: string;
  options?: string[];
  answerKey: object;
  duty?: Duty;
  difficulty?: number;
  category?: string;
}) {
  const question = await prisma.question.create({ data: { category: options.category ?? unique("测试分类") }, select: { id: true } });
  const version = await prisma.questionVersion.create({
    data: {
      questionId: question.id,
      number: 1,
      kind: options.kind,
      stem: options.stem ?? unique("题干"),
      options: (options.options ?? []).map((text) => ({ text })),
      // A JSON value as the bank writes it (the types of Prisma's JSON input are not worth importing here).
      answerKey: JSON.parse(JSON.stringify(options.answerKey)),
      duties: [options.duty ?? "CRISIS"],
      difficulty: options.difficulty ?? 3,
      explanation: "解析",
    },
    select: { id: true },
  });
  await prisma.question.update({ where: { id: question.id }, data: { currentVersionId: version.id } });
  return { id: question.id, versionId: version.id };
}

/**
 * A camp's knowledge test round (on a camp from buildCamp), open now, with paper rules drawing
 * only the questions of the given category (each rule: kind, count, points each).
 */
export async function buildKnowledgeTest(campId: string, rules: Array<{ kind: "SINGLE" | "MULTIPLE" | "TRUE_FALSE" | "FILL_IN" | "SHORT_ANSWER"; count: number; pointsEach: number; duty?: Duty }>, options: KnowledgeTestOptions = {}) {
  const now = Date.now();
  return prisma.campRound.create({
    data: {
      campId,
      kind: "KNOWLEDGE_TEST",
      weight: 25,
      position: 1,
      opensAt: new Date(now - (options.opensInMinutes ?? 10) * 60_000),
      closesAt: new Date(now + (options.closesInMinutes ?? 120) * 60_000),
      durationMinutes: options.durationMinutes === undefined ? 60 : options.durationMinutes,
      multipleChoiceRule: options.multipleChoiceRule ?? "ALL_OR_NOTHING",
      paperRules: { create: rules.map((rule, position) => ({ position, duty: rule.duty, kind: rule.kind, count: rule.count, pointsEach: rule.pointsEach })) },
    },
    select: { id: true },
  });
}

/** A published course of this duty for everyone, its session starting in a minute (sooner than anything of the demo catalogue). */
export async function buildUpcomingCourse(duty: "CAREER" | "MENTAL_HEALTH") {
  const platform = await prisma.trainingPlatform.findUniqueOrThrow({ where: { code: "LECTURE" } });
  const startsAt = new Date(Date.now() + 60_000);
  return prisma.trainingCourse.create({
    data: {
      title: unique("推荐测试培训"),
      platformId: platform.id,
      level: "SCHOOL",
      duties: [duty],
      hours: 2,
      year: startsAt.getFullYear(),
      status: "PUBLISHED",
      sessions: { create: { startsAt, endsAt: new Date(startsAt.getTime() + 7_200_000), hours: 2, checkInSecret: unique("s") } },
    },
    select: { id: true, title: true },
  });
}
