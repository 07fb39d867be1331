import { prisma } from "~/db/client.server.ts";
import type { SpeakerKind, TargetGroup, TrainingLevel, TrainingTargetKind } from "~/generated/prisma/enums.ts";
import { inLanguage } from "~/i18n/define-messages.ts";
import { enumLabels } from "~/i18n/enum-labels.ts";
import { recordAudit } from "~/audit/audit.server.ts";
import { isUserError } from "~/lib/user-error.ts";
import { can, whereCan, type Actor } from "~/policy/index.ts";
import { CAREER_STAGES, type CareerStage } from "~/people/career-stage.ts";
import { organiserResource } from "./access.server.ts";
import { addSession, createCourse } from "./catalogue.server.ts";
import { courseSchema, DUTIES, GROUPS, sessionSchema, type CourseInput, type SessionInput } from "./schemas.ts";
import { parseInstant, parseNumber, readSheet, splitList, writeSheet, type Cell, type SheetColumn, type SheetIssue, type SheetRow } from "./sheet.server.ts";

/**
 * The catalogue as .xlsx (培训项目目录): one row per session, the course's columns repeated, so a
 * course with three sessions is three rows with the same 名称, 年度 and 组织方. Import checks every
 * row (the file, then the database and the organiser rules: platform, the ≥6 rule, budgets, who
 * may organise for whom) inside one transaction, and commits only when no row has a problem;
 * imported courses are drafts. Export writes the same columns, so an export imports again.
 */

type Key =
  | "title" | "description" | "platform" | "level" | "organiser" | "duties" | "stages" | "groups" | "targetKind"
  | "speaker" | "speakerKind" | "capacity" | "enrolOpensAt" | "enrolClosesAt" | "costYuan" | "year"
  | "startsAt" | "endsAt" | "place" | "onlineUrl" | "hours";

export const CATALOGUE_COLUMNS: ReadonlyArray<SheetColumn<Key>> = [
  { key: "title", header: "培训名称", aliases: ["名称", "项目名称"], required: true, width: 30 },
  { key: "description", header: "简介", aliases: ["内容简介"], width: 30 },
  { key: "platform", header: "培训平台", aliases: ["平台", "形式"], required: true },
  { key: "level", header: "级别", aliases: ["层级"], required: true, width: 8 },
  { key: "organiser", header: "组织学院或联合培训组", aliases: ["组织方", "组织单位"], width: 20 },
  { key: "duties", header: "职责", aliases: ["对应职责"], width: 24 },
  { key: "stages", header: "面向阶段", aliases: ["阶段"], width: 16 },
  { key: "groups", header: "面向群体", aliases: ["群体"], width: 16 },
  { key: "targetKind", header: "规定或自选", aliases: ["动作类型"], width: 10 },
  { key: "speaker", header: "主讲人" },
  { key: "speakerKind", header: "主讲类型", width: 10 },
  { key: "capacity", header: "名额", width: 8 },
  { key: "enrolOpensAt", header: "开始报名", width: 18 },
  { key: "enrolClosesAt", header: "报名截止", width: 18 },
  { key: "costYuan", header: "费用（元）", aliases: ["费用"], width: 10 },
  { key: "year", header: "经费年度", aliases: ["年度"], required: true, width: 8 },
  { key: "startsAt", header: "场次开始", aliases: ["开始时间"], width: 18 },
  { key: "endsAt", header: "场次结束", aliases: ["结束时间"], width: 18 },
  { key: "place", header: "地点" },
  { key: "onlineUrl", header: "线上链接", width: 24 },
  { key: "hours", header: "场次学时", aliases: ["学时"], width: 8 },
];

const zh = inLanguage(enumLabels, 0);
const header = (key: Key) => CATALOGUE_COLUMNS.find((c) => c.key === key)!.header;
const LEVEL_WORDS: Record<string, TrainingLevel> = { 校级: "SCHOOL", 院级: "COLLEGE", SCHOOL: "SCHOOL", COLLEGE: "COLLEGE" };
const TARGET_WORDS: Record<string, TrainingTargetKind> = { 规定: "REQUIRED", 规定动作: "REQUIRED", 必修: "REQUIRED", 自选: "ELECTIVE", 自选动作: "ELECTIVE", 选修: "ELECTIVE" };
const SPEAKER_WORDS: Record<string, SpeakerKind> = { 请进来: "INVITED", 邀请: "INVITED", 走出去: "OUTGOING", 外出: "OUTGOING", 校内: "INTERNAL", 校内主讲: "INTERNAL" };
const SPEAKER_NAMES: Record<SpeakerKind, string> = { INVITED: "请进来", OUTGOING: "走出去", INTERNAL: "校内" };
const byLabel = <T extends string>(values: readonly T[], labels: Record<T, readonly [string, string] | string>) => {
  const map = new Map<string, T>();
  for (const value of values) {
    const label = labels[value];
    map.set(value.toLowerCase(), value);
    map.set((typeof label === "string" ? label : label[0]).toLowerCase(), value);
  }
  return (text: string) => map.get(text.trim().toLowerCase()) ?? null;
};
const zhLabels = <T extends string>(table: Record<T, string>) => table;
const lookupDuty = byLabel(DUTIES, zhLabels(zh.duty));
const lookupGroup = byLabel(GROUPS, zhLabels(zh.group));
const lookupStage = byLabel(CAREER_STAGES, zhLabels(zh.stage));

/** School time as text, the way the template asks for it: 2026-12-10 14:00. */
export function schoolTimeText(instant: Date | null): string | null {
  if (!instant) return null;
  return new Date(instant.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace("T", " ");
}

interface ParsedCourse {
  lines: number[];
  input: Record<string, unknown>;
  organiserName: string;
  sessions: Array<{ line: number; input: Record<string, unknown> }>;
}

/** Row → the course's fields and its session, as the services' schemas take them; the file's own vocabulary problems are issues. */
function parseRow(row: SheetRow<Key>, issues: SheetIssue[]) {
  const issue = (key: Key, message: string, params?: Record<string, string | number>) => issues.push({ line: row.line, column: header(key), message, params });
  const list = <T>(key: Key, lookup: (text: string) => T | null): T[] =>
    splitList(row.text(key)).flatMap((word) => {
      const found = lookup(word);
      if (found === null) issue(key, "training.io.errors.unknownValue", { value: word });
      return found === null ? [] : [found];
    });
  const number = (key: Key) => {
    const value = parseNumber(row.get(key));
    if (Number.isNaN(value)) issue(key, "training.io.errors.badNumber", { value: row.text(key) });
    return value === null || Number.isNaN(value) ? undefined : value;
  };
  const instant = (key: Key) => {
    if (!row.text(key)) return undefined;
    const value = parseInstant(row.get(key));
    if (!value) issue(key, "training.io.errors.badDate", { value: row.text(key) });
    return value ?? undefined;
  };
  const levelText = row.text("level");
  const level = LEVEL_WORDS[levelText] ?? LEVEL_WORDS[levelText.toUpperCase()];
  if (!level) issue("level", levelText ? "training.io.errors.unknownLevel" : "training.io.errors.required");
  const kindText = row.text("targetKind");
  const targetKind = kindText ? TARGET_WORDS[kindText] : "ELECTIVE";
  if (!targetKind) issue("targetKind", "training.io.errors.unknownValue", { value: kindText });
  const speakerText = row.text("speakerKind");
  const speakerKind = speakerText ? SPEAKER_WORDS[speakerText] : "INTERNAL";
  if (!speakerKind) issue("speakerKind", "training.io.errors.unknownValue", { value: speakerText });
  const stages = list<CareerStage>("stages", lookupStage);
  const groups = list<TargetGroup>("groups", lookupGroup);
  const targets = [...stages.map((stage) => ({ stage, kind: targetKind })), ...groups.map((group) => ({ group, kind: targetKind }))];
  const course = {
    title: row.text("title"),
    description: row.text("description"),
    level,
    duties: list("duties", lookupDuty),
    speaker: row.text("speaker"),
    speakerKind,
    capacity: number("capacity"),
    enrolOpensAt: instant("enrolOpensAt"),
    enrolClosesAt: instant("enrolClosesAt"),
    costYuan: number("costYuan") ?? 0,
    year: number("year"),
    targets: targets.length ? targets : [{ kind: targetKind ?? "ELECTIVE" }],
  };
  const hasSession = ["startsAt", "endsAt", "hours", "place", "onlineUrl"].some((key) => row.text(key as Key));
  const session = hasSession
    ? { startsAt: instant("startsAt") ?? row.text("startsAt"), endsAt: instant("endsAt") ?? row.text("endsAt"), place: row.text("place"), onlineUrl: row.text("onlineUrl"), hours: number("hours") ?? row.text("hours") }
    : null;
  return { course, session, platform: row.text("platform"), organiser: row.text("organiser") };
}

/** The first zod issue per field of a row, as sheet issues on that row's columns. */
function schemaIssues(line: number, error: { issues: ReadonlyArray<{ path: PropertyKey[]; message: string }> }, issues: SheetIssue[]) {
  const seen = new Set<string>();
  for (const zodIssue of error.issues) {
    const field = String(zodIssue.path[0] ?? "");
    if (seen.has(field)) continue;
    seen.add(field);
    const column = CATALOGUE_COLUMNS.find((c) => c.key === field)?.header ?? (field === "targets" ? header("stages") : field);
    issues.push({ line, column, message: zodIssue.message });
  }
}

class RollBack extends Error {}

/** A course the file would create, as the preview lists it. */
export interface CataloguePreviewRow {
  line: number;
  title: string;
  organiser: string;
  year: number;
  sessions: number;
}

/**
 * Checks and imports a catalogue file: all courses (drafts) and their sessions in one transaction,
 * or nothing and every problem found, each with its row and column. `dryRun` checks everything,
 * the services' own rules included, in a transaction it then rolls back (the preview).
 */
export async function importCatalogue(
  actor: Actor,
  buffer: Buffer,
  fileName: string,
  { dryRun = false }: { dryRun?: boolean } = {},
): Promise<{ issues: SheetIssue[]; courses: number; sessions: number; preview: CataloguePreviewRow[] }> {
  const sheet = await readSheet(buffer, CATALOGUE_COLUMNS);
  if ("issue" in sheet) return { issues: [sheet.issue], courses: 0, sessions: 0, preview: [] };
  const issues: SheetIssue[] = [];
  const [platforms, colleges, groups] = await Promise.all([
    prisma.trainingPlatform.findMany({ select: { id: true, code: true, nameZh: true, nameEn: true } }),
    prisma.college.findMany({ select: { id: true, name: true, code: true } }),
    prisma.jointTrainingGroup.findMany({ select: { id: true, name: true } }),
  ]);
  const platformBy = new Map(platforms.flatMap((p) => [[p.nameZh, p.id], [p.code.toLowerCase(), p.id], [p.nameEn.toLowerCase(), p.id]] as const));
  const collegeBy = new Map(colleges.flatMap((c) => [[c.name, c.id], [c.code.toLowerCase(), c.id]] as const));
  const groupBy = new Map(groups.map((g) => [g.name, g.id]));

  // Rows of one course: same 名称, 年度, 级别 and 组织方.
  const courses = new Map<string, ParsedCourse>();
  for (const row of sheet.rows) {
    const before = issues.length;
    const parsed = parseRow(row, issues);
    const platformId = platformBy.get(parsed.platform) ?? platformBy.get(parsed.platform.toLowerCase());
    if (!platformId) issues.push({ line: row.line, column: header("platform"), message: parsed.platform ? "training.io.errors.unknownPlatform" : "training.io.errors.required", params: { value: parsed.platform } });
    let organiser: { collegeId?: string; jointGroupId?: string } = {};
    if (parsed.course.level === "COLLEGE") {
      const collegeId = collegeBy.get(parsed.organiser) ?? collegeBy.get(parsed.organiser.toLowerCase());
      const jointGroupId = groupBy.get(parsed.organiser);
      if (!collegeId && !jointGroupId) {
        issues.push({ line: row.line, column: header("organiser"), message: parsed.organiser ? "training.io.errors.unknownOrganiser" : "training.io.errors.required", params: { value: parsed.organiser } });
      }
      organiser = collegeId ? { collegeId } : jointGroupId ? { jointGroupId } : {};
    }
    if (issues.length > before) continue;
    const key = [parsed.course.title, parsed.course.year, parsed.course.level, parsed.organiser].join("\u0000");
    const entry = courses.get(key) ?? { lines: [], input: { ...parsed.course, platformId, ...organiser }, organiserName: parsed.organiser || "学校", sessions: [] };
    entry.lines.push(row.line);
    if (parsed.session) entry.sessions.push({ line: row.line, input: parsed.session });
    courses.set(key, entry);
  }

  // The schemas the forms use, then who may organise for whom.
  const ready: Array<{ line: number; course: CourseInput; sessions: Array<{ line: number; input: SessionInput }>; organiserName: string }> = [];
  for (const entry of courses.values()) {
    const line = entry.lines[0]!;
    const course = courseSchema.safeParse(entry.input);
    if (!course.success) {
      schemaIssues(line, course.error, issues);
      continue;
    }
    const sessions = [];
    for (const session of entry.sessions) {
      const parsed = sessionSchema.safeParse(session.input);
      if (parsed.success) sessions.push({ line: session.line, input: parsed.data });
      else schemaIssues(session.line, parsed.error, issues);
    }
    const resource = await organiserResource({ level: course.data.level, collegeId: course.data.collegeId, jointGroupId: course.data.jointGroupId });
    if (!can(actor, "training:organise", resource)) {
      issues.push({ line, column: header(course.data.level === "SCHOOL" ? "level" : "organiser"), message: "training.io.errors.notYourOrganiser", params: { value: entry.organiserName } });
      continue;
    }
    ready.push({ line, course: course.data, sessions, organiserName: entry.organiserName });
  }
  if (issues.length) return { issues: sortIssues(issues), courses: 0, sessions: 0, preview: [] };
  const preview = ready.map((item) => ({ line: item.line, title: item.course.title, organiser: item.organiserName, year: item.course.year, sessions: item.sessions.length }));

  // The services' own rules (≥6, budgets, overlapping sessions) in one transaction: a refusal is the row's issue, and nothing stays.
  let sessionCount = 0;
  try {
    await prisma.$transaction(
      async (tx) => {
        for (const item of ready) {
          let line = item.line;
          try {
            const courseId = await createCourse(item.course, actor.id, { tx });
            for (const session of item.sessions) {
              line = session.line;
              await addSession(courseId, session.input, actor.id, { tx });
              sessionCount++;
            }
          } catch (error) {
            if (!isUserError(error)) throw error;
            issues.push({ line, message: error.key, params: error.params });
          }
        }
        if (issues.length || dryRun) throw new RollBack();
        await recordAudit(tx, { actorId: actor.id, action: "training.catalogue-import", entityType: "TrainingCourse", entityId: fileName.slice(0, 200), data: { courses: ready.length, sessions: sessionCount } });
      },
      { timeout: 120_000, maxWait: 60_000 },
    );
  } catch (error) {
    if (!(error instanceof RollBack)) throw error;
    if (issues.length) return { issues: sortIssues(issues), courses: 0, sessions: 0, preview: [] };
  }
  return { issues: [], courses: ready.length, sessions: sessionCount, preview };
}

const sortIssues = (issues: SheetIssue[]) => issues.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));

export function catalogueTemplate(): Promise<Buffer> {
  return writeSheet("培训项目目录", CATALOGUE_COLUMNS, [
    {
      title: "辅导员谈心谈话技巧专题培训",
      description: "示例行，导入前请删除",
      platform: "专题培训",
      level: "校级",
      duties: "心理健康教育与咨询工作、日常事务管理",
      stages: "初任期、成长期",
      targetKind: "自选",
      speaker: "张老师",
      speakerKind: "请进来",
      capacity: 60,
      enrolOpensAt: "2026-12-01 09:00",
      enrolClosesAt: "2026-12-08 18:00",
      costYuan: 0,
      year: 2026,
      startsAt: "2026-12-10 14:00",
      endsAt: "2026-12-10 17:00",
      place: "学生活动中心 201",
      hours: 3,
    },
  ]);
}

/** The catalogue the actor may see (list scope "training-course:view"), one row per session, in the import's columns. */
export async function exportCatalogue(actor: Actor, filters: { year?: number } = {}): Promise<Buffer> {
  const courses = await prisma.trainingCourse.findMany({
    where: { AND: [whereCan(actor, "training-course:view"), filters.year ? { year: filters.year } : {}] },
    orderBy: [{ year: "desc" }, { title: "asc" }, { id: "asc" }],
    select: {
      title: true, description: true, level: true, duties: true, speaker: true, speakerKind: true, capacity: true,
      enrolOpensAt: true, enrolClosesAt: true, costYuan: true, year: true,
      platform: { select: { nameZh: true } },
      college: { select: { name: true } },
      jointGroup: { select: { name: true } },
      targets: { select: { stage: true, group: true, kind: true } },
      sessions: { orderBy: { startsAt: "asc" }, select: { startsAt: true, endsAt: true, place: true, onlineUrl: true, hours: true } },
    },
  });
  const rows: Array<Partial<Record<Key, Cell>>> = [];
  for (const course of courses) {
    const base: Partial<Record<Key, Cell>> = {
      title: course.title,
      description: course.description,
      platform: course.platform.nameZh,
      level: zh.level[course.level],
      organiser: course.college?.name ?? course.jointGroup?.name ?? "",
      duties: course.duties.map((d) => zh.duty[d]).join("、"),
      stages: [...new Set(course.targets.flatMap((t) => (t.stage ? [zh.stage[t.stage]] : [])))].join("、"),
      groups: [...new Set(course.targets.flatMap((t) => (t.group ? [zh.group[t.group]] : [])))].join("、"),
      targetKind: course.targets.some((t) => t.kind === "REQUIRED") ? "规定" : "自选",
      speaker: course.speaker,
      speakerKind: SPEAKER_NAMES[course.speakerKind],
      capacity: course.capacity,
      enrolOpensAt: schoolTimeText(course.enrolOpensAt),
      enrolClosesAt: schoolTimeText(course.enrolClosesAt),
      costYuan: Number(course.costYuan),
      year: course.year,
    };
    if (!course.sessions.length) rows.push(base);
    for (const session of course.sessions) {
      rows.push({
        ...base,
        startsAt: schoolTimeText(session.startsAt),
        endsAt: schoolTimeText(session.endsAt),
        place: session.place,
        onlineUrl: session.onlineUrl,
        hours: Number(session.hours),
      });
    }
  }
  return writeSheet("培训项目目录", CATALOGUE_COLUMNS, rows);
}
