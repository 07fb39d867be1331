import type { Db } from "~/db/client.server.ts";
import type { Duty } from "~/generated/prisma/enums.ts";
import { inLanguage } from "~/i18n/define-messages.ts";
import { enumLabels } from "~/i18n/enum-labels.ts";
import { SCHOOL_TIME_ZONE } from "~/lib/calendar-date.ts";
import { extractHeadings, hanBigrams } from "./chinese.ts";
import { recordId, type RecordKind, type SearchRecord } from "./index-settings.ts";
import { searchMessages } from "./messages.ts";
import { searchUrls } from "./urls.ts";

/**
 * Builds index records from the database, which is the source of truth. The worker asks for the
 * current state of the records an outbox batch names; the rebuild streams every record.
 * Records are in Chinese (labels included), the language of the content.
 */

const zh = inLanguage(searchMessages, 0);
const zhCN = inLanguage(enumLabels, 0);
/** In the index an output of type CASE is 案例成果, so it reads apart from case-study documents (案例). */
const outputTypeInIndex = { ...zhCN.outputType, CASE: "案例成果" };
/** Longer texts are cut: nobody searches for the 20,001st character. */
export const MAX_BODY_CHARS = 20_000;

const yearFormat = new Intl.DateTimeFormat("en-CA", { timeZone: SCHOOL_TIME_ZONE, year: "numeric" });
const schoolYear = (instant: Date) => Number(yearFormat.format(instant));

function text(parts: Array<string | null | undefined | false>, separator = " "): string {
  return parts.filter((p): p is string => typeof p === "string" && p.trim().length > 0).join(separator);
}

/** The highlight markers (private-use characters) must never come from content. */
const clean = (value: string) => value.replace(/[\uE000\uE001]/g, "");

function withTwins(fields: { title: string; headings: string; keywords: string; body: string }) {
  const title = clean(fields.title);
  const headings = clean(fields.headings);
  const keywords = clean(fields.keywords);
  const body = clean(fields.body.slice(0, MAX_BODY_CHARS));
  return {
    title,
    title_ng: hanBigrams(title),
    headings,
    headings_ng: hanBigrams(headings),
    keywords,
    keywords_ng: hanBigrams(keywords),
    body,
    body_ng: hanBigrams(body),
  };
}

const dutyLabel = (duty: Duty) => zhCN.duty[duty];

// ───────────── documents ─────────────

const documentSelect = {
  id: true,
  type: true,
  title: true,
  status: true,
  duty: true,
  tags: true,
  plainText: true,
  createdAt: true,
  updatedAt: true,
  studioId: true,
  studio: { select: { name: true, duty: true } },
  direction: { select: { name: true } },
  createdBy: { select: { id: true, name: true } },
  authors: { select: { user: { select: { id: true, name: true } } }, orderBy: { userId: "asc" } },
} as const;

type DocumentRow = Awaited<ReturnType<typeof loadDocumentRows>>[number];
function loadDocumentRows(db: Db, where: { id: { in: string[] } } | { id: { gt: string } }, take?: number) {
  return db.document.findMany({ where, select: documentSelect, orderBy: { id: "asc" }, take });
}

function documentRecord(doc: DocumentRow): SearchRecord | null {
  // A meeting's minutes belong to no studio: they are found as part of their meeting, not here.
  const { studio, studioId } = doc;
  if (!studio || !studioId) return null;
  const authors = doc.authors.length ? doc.authors.map((a) => a.user) : [doc.createdBy];
  const duty = doc.duty ?? studio.duty;
  return {
    id: recordId("document", doc.id),
    kind: "document",
    recordId: doc.id,
    type: doc.type,
    ...withTwins({
      title: doc.title,
      headings: extractHeadings(doc.plainText).join("\n"),
      keywords: text([zhCN.documentType[doc.type], ...doc.tags, ...authors.map((a) => a.name), studio.name, doc.direction?.name, dutyLabel(duty)]),
      body: doc.plainText,
    }),
    duty: [duty],
    studioIds: [studioId],
    year: schoolYear(doc.createdAt),
    status: doc.status,
    authorIds: authors.map((a) => a.id),
    date: doc.updatedAt.getTime(),
    url: searchUrls.document(doc.id),
    studioName: studio.name,
    authors: authors.map((a) => a.name),
    detail: null,
  };
}

// ───────────── studios ─────────────

const studioSelect = {
  id: true,
  name: true,
  duty: true,
  level: true,
  description: true,
  platform: true,
  foundedOn: true,
  archivedAt: true,
  memberships: { where: { role: "LEADER" }, select: { user: { select: { id: true, name: true } } } },
  directions: { select: { name: true, description: true, keywords: true }, orderBy: { createdAt: "asc" } },
  _count: { select: { memberships: true } },
} as const;

type StudioRow = Awaited<ReturnType<typeof loadStudioRows>>[number];
function loadStudioRows(db: Db, where: { id: { in: string[] } } | { id: { gt: string } }, take?: number) {
  return db.studio.findMany({ where, select: studioSelect, orderBy: { id: "asc" }, take });
}

function studioRecord(studio: StudioRow): SearchRecord {
  const leaders = studio.memberships.map((m) => m.user);
  return {
    id: recordId("studio", studio.id),
    kind: "studio",
    recordId: studio.id,
    type: "STUDIO",
    ...withTwins({
      title: studio.name,
      headings: studio.directions.map((d) => d.name).join("\n"),
      keywords: text([zh.type.STUDIO, dutyLabel(studio.duty), zhCN.level[studio.level], ...leaders.map((l) => l.name), ...studio.directions.flatMap((d) => d.keywords)]),
      body: text([studio.description, studio.platform, ...studio.directions.map((d) => d.description)], "\n"),
    }),
    duty: [studio.duty],
    studioIds: [studio.id],
    year: studio.foundedOn.getUTCFullYear(),
    status: null,
    authorIds: [],
    date: studio.foundedOn.getTime(),
    url: searchUrls.studio(studio.id),
    studioName: studio.name,
    authors: leaders.map((l) => l.name),
    detail: text([zhCN.level[studio.level], `${studio._count.memberships} 人`], " · "),
  };
}

// ───────────── people ─────────────

const personSelect = {
  id: true,
  name: true,
  roles: true,
  active: true,
  college: { select: { name: true } },
  profile: { select: { position: true, title: true, researchInterests: true, specialties: true, specialtyTags: true } },
  mentor: { select: { kind: true, organisation: true, title: true, bio: true, expertiseDuties: true, keywords: true } },
  memberships: { select: { role: true, studio: { select: { id: true, name: true } } }, orderBy: { joinedAt: "asc" } },
} as const;

type PersonRow = Awaited<ReturnType<typeof loadPersonRows>>[number];
function loadPersonRows(db: Db, where: { id: { in: string[] } } | { id: { gt: string } }, take?: number) {
  return db.user.findMany({ where, select: personSelect, orderBy: { id: "asc" }, take });
}

function personRecord(user: PersonRow): SearchRecord | null {
  if (!user.active) return null;
  const { profile, mentor } = user;
  const duties = [...new Set<Duty>([...(profile?.specialties ?? []), ...(mentor?.expertiseDuties ?? [])])];
  const position = mentor ? zhCN.mentorKind[mentor.kind] : profile?.position ?? zhCN.role[user.roles[0] ?? "COUNSELOR"];
  const place = mentor ? mentor.organisation || user.college?.name : user.college?.name;
  return {
    id: recordId("person", user.id),
    kind: "person",
    recordId: user.id,
    type: "PERSON",
    ...withTwins({
      title: user.name,
      headings: text([profile?.position, mentor?.title, mentor?.organisation, user.college?.name], "\n"),
      keywords: text([
        ...user.roles.map((r) => zhCN.role[r]),
        mentor && zhCN.mentorKind[mentor.kind],
        profile && profile.title !== "NONE" && zhCN.title[profile.title],
        ...duties.map(dutyLabel),
        ...(profile?.specialtyTags ?? []),
        ...(mentor?.keywords ?? []),
        ...user.memberships.map((m) => m.studio.name),
      ]),
      body: text([profile?.researchInterests, mentor?.bio], "\n"),
    }),
    duty: duties,
    studioIds: user.memberships.map((m) => m.studio.id),
    year: null,
    status: null,
    authorIds: [],
    date: null,
    url: searchUrls.person(user.id),
    studioName: user.memberships[0]?.studio.name ?? null,
    authors: [],
    detail: text([position, place], " · "),
  };
}

// ───────────── outputs ─────────────

const outputSelect = {
  id: true,
  type: true,
  title: true,
  level: true,
  date: true,
  description: true,
  studioId: true,
  studio: { select: { name: true, duty: true } },
  authors: { select: { userId: true, name: true }, orderBy: { position: "asc" } },
} as const;

type OutputRow = Awaited<ReturnType<typeof loadOutputRows>>[number];
function loadOutputRows(db: Db, where: { id: { in: string[] } } | { id: { gt: string } }, take?: number) {
  return db.output.findMany({ where, select: outputSelect, orderBy: { id: "asc" }, take });
}

function outputRecord(output: OutputRow): SearchRecord {
  return {
    id: recordId("output", output.id),
    kind: "output",
    recordId: output.id,
    type: "OUTPUT",
    ...withTwins({
      title: output.title,
      headings: "",
      keywords: text([zh.type.OUTPUT, outputTypeInIndex[output.type], zhCN.level[output.level], ...output.authors.map((a) => a.name), output.studio.name, dutyLabel(output.studio.duty)]),
      body: output.description,
    }),
    duty: [output.studio.duty],
    studioIds: [output.studioId],
    year: output.date.getUTCFullYear(),
    status: null,
    authorIds: [...new Set(output.authors.flatMap((a) => (a.userId ? [a.userId] : [])))],
    date: output.date.getTime(),
    url: searchUrls.output(output.id, output.studioId),
    studioName: output.studio.name,
    authors: output.authors.map((a) => a.name),
    detail: text([outputTypeInIndex[output.type], zhCN.level[output.level]], " · "),
  };
}

// ───────────── training courses ─────────────

const courseSelect = {
  id: true,
  title: true,
  description: true,
  status: true,
  level: true,
  year: true,
  hours: true,
  duties: true,
  speaker: true,
  createdAt: true,
  platform: { select: { nameZh: true } },
  college: { select: { name: true } },
  jointGroup: { select: { name: true } },
} as const;

type CourseRow = Awaited<ReturnType<typeof loadCourseRows>>[number];
function loadCourseRows(db: Db, where: { id: { in: string[] } } | { id: { gt: string } }, take?: number) {
  return db.trainingCourse.findMany({ where, select: courseSelect, orderBy: { id: "asc" }, take });
}

/** A course: who may find it follows its status (drafts only by their organisers, filters.ts). */
function courseRecord(course: CourseRow): SearchRecord {
  const organiser = course.college?.name ?? course.jointGroup?.name ?? null;
  return {
    id: recordId("course", course.id),
    kind: "course",
    recordId: course.id,
    type: "COURSE",
    ...withTwins({
      title: course.title,
      headings: "",
      keywords: text([zh.type.COURSE, course.platform.nameZh, zhCN.level[course.level], organiser, course.speaker, ...course.duties.map(dutyLabel)]),
      body: course.description,
    }),
    duty: course.duties,
    studioIds: [],
    year: course.year,
    status: null,
    authorIds: [],
    date: course.createdAt.getTime(),
    url: searchUrls.course(course.id),
    studioName: null,
    authors: course.speaker ? [course.speaker] : [],
    detail: text([course.platform.nameZh, zhCN.level[course.level], organiser, `${Number(course.hours)} 学时`], " · "),
    courseStatus: course.status,
  };
}

// ───────────── meetings ─────────────

const meetingSelect = {
  id: true,
  seriesId: true,
  startsAt: true,
  place: true,
  status: true,
  series: {
    select: {
      title: true,
      description: true,
      organiserKind: true,
      studioId: true,
      studio: { select: { name: true, duty: true } },
      college: { select: { name: true } },
      jointGroup: { select: { name: true } },
    },
  },
  segments: {
    orderBy: { position: "asc" },
    select: {
      name: true,
      items: {
        orderBy: { position: "asc" },
        select: { title: true, notes: true, presenter: { select: { id: true, name: true } }, document: { select: { title: true } }, output: { select: { title: true } } },
      },
    },
  },
  minutesDocument: { select: { plainText: true } },
  invitations: { select: { userId: true }, orderBy: { userId: "asc" } },
} as const;

/** 学工部 for a school-wide series; the status of a meeting no longer ahead (closed or cancelled). */
const meetingWord = (key: keyof typeof zh.meeting) => zh.meeting[key];

type MeetingRow = Awaited<ReturnType<typeof loadMeetingRows>>[number];
function loadMeetingRows(db: Db, where: { id: { in: string[] } } | { id: { gt: string } }, take?: number) {
  return db.meeting.findMany({ where, select: meetingSelect, orderBy: { id: "asc" }, take });
}

/**
 * A meeting with its agenda and minutes (decision 059: the minutes are found with their meeting).
 * Who finds it is "meeting:view": the organisers of its series (meetingSeriesId) and its invitees.
 */
function meetingRecord(meeting: MeetingRow): SearchRecord {
  const { series } = meeting;
  const items = meeting.segments.flatMap((segment) => segment.items);
  const presenters = [...new Map(items.flatMap((item) => (item.presenter ? [[item.presenter.id, item.presenter.name] as const] : []))).values()];
  const organiser = series.studio?.name ?? series.college?.name ?? series.jointGroup?.name ?? meetingWord("SCHOOL");
  const day = new Intl.DateTimeFormat("zh-CN", { timeZone: SCHOOL_TIME_ZONE, year: "numeric", month: "long", day: "numeric" }).format(meeting.startsAt);
  return {
    id: recordId("meeting", meeting.id),
    kind: "meeting",
    recordId: meeting.id,
    type: "MEETING",
    ...withTwins({
      title: `${series.title}（${day}）`,
      headings: text([...meeting.segments.map((s) => s.name), ...items.map((i) => i.title)], "\n"),
      keywords: text([zh.type.MEETING, organiser, ...presenters, ...items.flatMap((i) => [i.document?.title, i.output?.title]), meeting.place]),
      body: text([series.description, ...items.map((i) => i.notes), meeting.minutesDocument?.plainText], "\n"),
    }),
    duty: series.studio ? [series.studio.duty] : [],
    studioIds: series.studioId ? [series.studioId] : [],
    year: schoolYear(meeting.startsAt),
    status: null,
    authorIds: [],
    date: meeting.startsAt.getTime(),
    url: searchUrls.meeting(meeting.id),
    studioName: series.studio?.name ?? null,
    authors: presenters,
    detail: text([organiser, (meeting.status === "CLOSED" || meeting.status === "CANCELLED") && meetingWord(meeting.status)], " · "),
    meetingSeriesId: meeting.seriesId,
    meetingInviteeIds: meeting.invitations.map((i) => i.userId),
  };
}

// ───────────── by kind ─────────────

interface KindLoader {
  load(db: Db, where: { id: { in: string[] } } | { id: { gt: string } }, take?: number): Promise<Array<{ id: string }>>;
  build(row: never): SearchRecord | null;
}

const loaders: Record<RecordKind, KindLoader> = {
  document: { load: loadDocumentRows, build: documentRecord as (row: never) => SearchRecord | null },
  studio: { load: loadStudioRows, build: studioRecord as (row: never) => SearchRecord },
  person: { load: loadPersonRows, build: personRecord as (row: never) => SearchRecord | null },
  output: { load: loadOutputRows, build: outputRecord as (row: never) => SearchRecord },
  course: { load: loadCourseRows, build: courseRecord as (row: never) => SearchRecord },
  meeting: { load: loadMeetingRows, build: meetingRecord as (row: never) => SearchRecord },
};

/**
 * The current records for these ids: `upserts` to write, and the index ids to delete (the row is
 * gone, or — for people — the account is disabled).
 */
export async function currentRecords(db: Db, kind: RecordKind, ids: string[]): Promise<{ upserts: SearchRecord[]; deletes: string[] }> {
  const loader = loaders[kind];
  const rows = ids.length ? await loader.load(db, { id: { in: ids } }) : [];
  const upserts: SearchRecord[] = [];
  const found = new Set<string>();
  for (const row of rows) {
    const record = loader.build(row as never);
    if (record) {
      upserts.push(record);
      found.add(row.id);
    }
  }
  return { upserts, deletes: ids.filter((id) => !found.has(id)).map((id) => recordId(kind, id)) };
}

/** Every record of every kind, in batches (for rebuilding the index). */
export async function* allRecords(db: Db, batchSize = 500): AsyncGenerator<SearchRecord[]> {
  for (const kind of Object.keys(loaders) as RecordKind[]) {
    const loader = loaders[kind];
    let after = "";
    for (;;) {
      const rows = await loader.load(db, { id: { gt: after } }, batchSize);
      if (!rows.length) break;
      after = rows[rows.length - 1]!.id;
      const records = rows.flatMap((row) => loader.build(row as never) ?? []);
      if (records.length) yield records;
      if (rows.length < batchSize) break;
    }
  }
}
