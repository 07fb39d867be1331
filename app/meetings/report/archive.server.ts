import { AlignmentType, HeadingLevel, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from "docx";
import ExcelJS from "exceljs";
import type { TFunction } from "i18next";
import { prisma } from "~/db/client.server.ts";
import { stateToJSON } from "~/documents/content.server.ts";
import { wordBlocks, wordFile } from "~/documents/export.server.ts";
import { documentImages } from "~/documents/images.server.ts";
import { currentState } from "~/documents/live-body.server.ts";
import type { ActionItemStatus } from "~/generated/prisma/enums.ts";
import { i18nFor } from "~/i18n/i18n.server.ts";
import { schoolToday } from "~/lib/calendar-date.ts";
import { formatDate, formatDateTime } from "~/lib/format.ts";
import { CLOSED_STATUSES } from "../action-items.server.ts";
import { attendanceList, meetingDetail, type overview } from "../meetings.server.ts";
import { attendanceRate } from "./rate.ts";

/**
 * The paper archive (台账) of the meetings: one meeting as .docx (agenda by segment, attendance,
 * the minutes — the confirmed version, else the current text marked as a draft —, decisions and
 * action items), a series' year and the 督导落实 overview as .xlsx. The files are the school's
 * record and always Chinese, whatever the reader's interface language. The minutes go through the
 * documents export's Word writer (app/documents/export.server.ts), pictures included.
 */

const zh = async (): Promise<TFunction> => (await i18nFor("zh-CN")).t;

const day = (date: Date) => formatDate(date, "zh-CN");
const isOverdue = (item: { status: ActionItemStatus; dueOn: Date }, now: Date) => !CLOSED_STATUSES.includes(item.status) && item.dueOn < schoolToday(now);

/** A file name without characters file systems dislike. */
export function safeFileName(name: string, extension: string): string {
  return `${name.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, " ").trim().slice(0, 80) || "meeting"}.${extension}`;
}

// ───────────────────────────── Word: one meeting ─────────────────────────────

function table(header: string[], rows: string[][], empty: string): Table {
  const cell = (text: string, bold = false) => new TableCell({ children: [new Paragraph({ spacing: { after: 0 }, children: [new TextRun({ text, bold, size: 21 })] })] });
  const body = rows.length ? rows : [[empty, ...header.slice(1).map(() => "")]];
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [new TableRow({ tableHeader: true, children: header.map((h) => cell(h, true)) }), ...body.map((row) => new TableRow({ children: row.map((c) => cell(c)) }))],
  });
}
const heading = (level: 1 | 2, text: string) => new Paragraph({ heading: level === 1 ? HeadingLevel.HEADING_1 : HeadingLevel.HEADING_2, children: [new TextRun(text)] });
const line = (text: string, options: { bold?: boolean; color?: string } = {}) => new Paragraph({ children: [new TextRun({ text, ...options })] });

/** The minutes' body: the confirmed version when there is one, else the live text (and whether it is the draft). */
async function minutesBody(meeting: { minutesDocumentId: string | null; minutesVersion: { id: string; number: number } | null }) {
  if (!meeting.minutesDocumentId) return null;
  const state = meeting.minutesVersion
    ? (await prisma.documentVersion.findUniqueOrThrow({ where: { id: meeting.minutesVersion.id }, select: { yState: true } })).yState
    : await currentState(meeting.minutesDocumentId);
  return { json: stateToJSON(state), images: await documentImages(meeting.minutesDocumentId), draft: !meeting.minutesVersion };
}

/** The meeting as a Word file for the archive (authorise "meeting:view"). */
export async function meetingDocx(meetingId: string, now = new Date()): Promise<{ body: Buffer; fileName: string }> {
  const t = await zh();
  const [meeting, attendance] = await Promise.all([meetingDetail(meetingId), attendanceList(meetingId)]);
  const [raised, minutes] = await Promise.all([
    prisma.actionItem.findMany({
      where: { meetingId },
      orderBy: [{ dueOn: "asc" }, { id: "asc" }],
      select: { title: true, status: true, dueOn: true, owner: { select: { name: true } }, updates: { orderBy: { createdAt: "desc" }, take: 1, select: { note: true } } },
    }),
    minutesBody(meeting),
  ]);
  const date = day(meeting.startsAt);
  const title = t("meetings.report.file.title", { series: meeting.series.title, date });
  const actionRow = (item: { title: string; status: ActionItemStatus; dueOn: Date; owner: { name: string } }) => [
    item.title,
    item.owner.name,
    day(item.dueOn) + (isOverdue(item, now) ? t("meetings.report.file.overdue") : ""),
    t(`actionItemStatus.${item.status}`),
  ];
  const actionHeader = [t("meetings.report.file.colAction"), t("meetings.report.file.colOwner"), t("meetings.report.file.colDue"), t("meetings.report.file.colStatus")];

  const present = attendance.filter((a) => a.present);
  const absent = attendance.filter((a) => !a.present);
  const outcomes = meeting.segments.flatMap((s) => s.items.flatMap((item) => item.outcomes.filter((o) => o.kind !== "ACTION").map((o) => ({ item: item.title, ...o }))));

  const children: Array<Paragraph | Table> = [
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(title)] }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      children: [
        new TextRun({
          text: t("meetings.report.file.subtitle", {
            time: formatDateTime(meeting.startsAt, "zh-CN"),
            place: meeting.place || t("meetings.report.file.noPlace"),
            status: t(`meetingStatus.${meeting.status}`),
          }),
          color: "475569",
          size: 20,
        }),
      ],
    }),
    heading(1, t("meetings.report.file.agenda")),
    line(t("meetings.report.file.agendaTotal", { planned: meeting.totals.planned, length: meeting.totals.length })),
  ];
  for (const segment of meeting.segments) {
    children.push(
      heading(2, t("meetings.report.file.segment", { name: segment.name, minutes: segment.plannedMinutes })),
      table(
        [t("meetings.report.file.colItem"), t("meetings.report.file.colPresenter"), t("meetings.report.file.colMinutes"), t("meetings.report.file.colLinks"), t("meetings.report.file.colNotes")],
        segment.items.map((item) => [
          item.title,
          item.presenter?.name ?? "",
          String(item.minutes),
          [item.document?.title, item.output?.title, item.url].filter(Boolean).join("；"),
          item.notes,
        ]),
        t("meetings.report.file.noItems"),
      ),
    );
  }
  children.push(
    heading(1, t("meetings.report.file.attendance")),
    line(t("meetings.report.file.attendanceSummary", { invited: attendance.length, present: present.length, rate: attendanceRate(present.length, attendance.length) })),
    table(
      [t("meetings.report.file.colName"), t("meetings.report.file.colMethod"), t("meetings.report.file.colTime")],
      present.map((a) => [a.name, t(`checkInMethod.${a.present!.method}`), formatDateTime(a.present!.createdAt, "zh-CN")]),
      "—",
    ),
    line(absent.length ? t("meetings.report.file.absent", { names: absent.map((a) => a.name).join("、") }) : t("meetings.report.file.noneAbsent")),
    heading(1, t("meetings.report.file.minutes")),
  );
  if (!minutes) children.push(line(t("meetings.report.file.noMinutes")));
  else {
    children.push(
      minutes.draft
        ? line(t("meetings.report.file.minutesDraft"), { bold: true, color: "B45309" })
        : line(t("meetings.report.file.minutesConfirmed", { number: meeting.minutesVersion!.number, date: meeting.minutesConfirmedAt ? day(meeting.minutesConfirmedAt) : "" }), { bold: true }),
      ...wordBlocks(minutes.json, minutes.images),
    );
  }
  children.push(
    heading(1, t("meetings.report.file.decisions")),
    table(
      [t("meetings.report.file.colItem"), t("meetings.report.file.colKind"), t("meetings.report.file.colText")],
      outcomes.map((o) => [o.item, t(`agendaOutcomeKind.${o.kind}`), o.text]),
      t("meetings.report.file.noDecisions"),
    ),
    heading(1, t("meetings.report.file.actions")),
    heading(2, t("meetings.report.file.raisedHere")),
    table([...actionHeader, t("meetings.report.file.colLatest")], raised.map((item) => [...actionRow(item), item.updates[0]?.note ?? ""]), t("meetings.report.file.noActions")),
    heading(2, t("meetings.report.file.carriedOver")),
    table(
      [...actionHeader, t("meetings.report.file.colLatest")],
      meeting.carriedOver.map((item) => [...actionRow(item), item.updates.at(-1)?.note ?? ""]),
      t("meetings.report.file.noActions"),
    ),
  );
  const body = await wordFile(title, children);
  return { body, fileName: safeFileName(title, "docx") };
}

// ───────────────────────────── Excel ─────────────────────────────

type Cell = string | number | null;

function addSheet(book: ExcelJS.Workbook, name: string, columns: Array<{ header: string; width?: number }>, rows: Cell[][]) {
  const sheet = book.addWorksheet(name, { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({ header: c.header, width: c.width ?? 12 }));
  sheet.getRow(1).font = { bold: true };
  for (const row of rows) sheet.addRow(row);
}

function newBook() {
  const book = new ExcelJS.Workbook();
  book.creator = "辅导员工作室协同平台";
  return book;
}

/** A year's meetings of a series as .xlsx: one sheet of meetings, one of the action items raised at them (authorise "meeting-series:manage"). */
export async function seriesYearXlsx(seriesId: string, year: number, now = new Date()): Promise<{ body: Buffer; fileName: string }> {
  const t = await zh();
  const inYear = { seriesId, scheduledOn: { gte: new Date(Date.UTC(year, 0, 1)), lt: new Date(Date.UTC(year + 1, 0, 1)) } };
  const [series, meetings, actions] = await Promise.all([
    prisma.meetingSeries.findUniqueOrThrow({ where: { id: seriesId }, select: { title: true } }),
    prisma.meeting.findMany({
      where: inYear,
      orderBy: { startsAt: "asc" },
      select: {
        id: true,
        startsAt: true,
        status: true,
        _count: {
          select: {
            invitations: true,
            attendances: true,
            agendaItems: true,
            outcomes: { where: { kind: "DECISION" } },
            actionItems: true,
          },
        },
      },
    }),
    prisma.actionItem.findMany({
      where: { meeting: inYear },
      orderBy: [{ meeting: { startsAt: "asc" } }, { dueOn: "asc" }, { id: "asc" }],
      select: {
        title: true,
        status: true,
        dueOn: true,
        closedAt: true,
        owner: { select: { name: true } },
        meeting: { select: { startsAt: true } },
        updates: { orderBy: { createdAt: "desc" }, take: 1, select: { note: true } },
      },
    }),
  ]);
  // The closed ones per meeting: one grouped count, not a count per meeting.
  const closed = await prisma.actionItem.groupBy({ by: ["meetingId"], where: { meeting: inYear, status: { in: [...CLOSED_STATUSES] } }, _count: { _all: true } });
  const closedBy = new Map(closed.map((group) => [group.meetingId, group._count._all]));
  const book = newBook();
  addSheet(
    book,
    t("meetings.report.file.sheetMeetings"),
    [
      { header: t("meetings.report.file.colDate"), width: 22 },
      { header: t("meetings.report.file.colMeetingStatus") },
      { header: t("meetings.report.colInvited") },
      { header: t("meetings.report.colPresent") },
      { header: t("meetings.report.colRate") },
      { header: t("meetings.report.file.colItems") },
      { header: t("meetings.report.file.colDecisions") },
      { header: t("meetings.report.file.colActionsOpened"), width: 14 },
      { header: t("meetings.report.file.colActionsClosed"), width: 14 },
    ],
    meetings.map((m) => [
      formatDateTime(m.startsAt, "zh-CN"),
      t(`meetingStatus.${m.status}`),
      m._count.invitations,
      m._count.attendances,
      attendanceRate(m._count.attendances, m._count.invitations),
      m._count.agendaItems,
      m._count.outcomes,
      m._count.actionItems,
      closedBy.get(m.id) ?? 0,
    ]),
  );
  addSheet(
    book,
    t("meetings.report.file.sheetActions"),
    [
      { header: t("meetings.report.file.colAction"), width: 36 },
      { header: t("meetings.report.file.colRaisedOn"), width: 18 },
      { header: t("meetings.report.file.colOwner") },
      { header: t("meetings.report.file.colDue"), width: 18 },
      { header: t("meetings.report.file.colStatus") },
      { header: t("meetings.report.file.colClosedAt"), width: 18 },
      { header: t("meetings.report.file.colOverdueFlag"), width: 8 },
      { header: t("meetings.report.file.colLatest"), width: 36 },
    ],
    actions.map((a) => [
      a.title,
      day(a.meeting.startsAt),
      a.owner.name,
      day(a.dueOn),
      t(`actionItemStatus.${a.status}`),
      a.closedAt ? day(a.closedAt) : "",
      isOverdue(a, now) ? t("meetings.report.file.yes") : t("meetings.report.file.no"),
      a.updates[0]?.note ?? "",
    ]),
  );
  const name = t("meetings.report.file.seriesFile", { series: series.title, year });
  return { body: Buffer.from(await book.xlsx.writeBuffer()), fileName: safeFileName(name, "xlsx") };
}

/** The 督导落实 overview as .xlsx: the series, the meetings held per month, the cases shared (authorise "meetings:view-overview"). */
export async function overviewXlsx(data: Awaited<ReturnType<typeof overview>>): Promise<{ body: Buffer; fileName: string }> {
  const t = await zh();
  const book = newBook();
  addSheet(
    book,
    t("meetings.report.file.sheetSeries"),
    [
      { header: t("meetings.report.colSeries"), width: 30 },
      { header: t("meetings.report.colHeld") },
      { header: t("meetings.report.colInvited") },
      { header: t("meetings.report.colPresent") },
      { header: t("meetings.report.colRate") },
      { header: t("meetings.report.colOpened") },
      { header: t("meetings.report.colClosed") },
      { header: t("meetings.report.colOverdue") },
    ],
    data.series.map((s) => [s.title, s.held, s.invited, s.present, attendanceRate(s.present, s.invited), s.actions.opened, s.actions.closed, s.actions.overdue]),
  );
  const months = Array.from({ length: 12 }, (_, i) => i + 1);
  addSheet(
    book,
    t("meetings.report.file.sheetMonths"),
    [{ header: t("meetings.report.colSeries"), width: 30 }, ...months.map((month) => ({ header: t("meetings.report.month", { month }), width: 7 }))],
    data.series.map((s) => [s.title, ...months.map((month) => s.months.find((m) => m.month === month)?.held ?? 0)]),
  );
  const titles = new Map(data.series.map((s) => [s.seriesId, s.title]));
  addSheet(
    book,
    t("meetings.report.file.sheetCases"),
    [{ header: t("meetings.report.colCase"), width: 36 }, { header: t("meetings.report.colSeries"), width: 30 }, { header: t("meetings.report.file.colDate"), width: 18 }],
    data.cases.map((c) => [c.title, titles.get(c.seriesId) ?? "", day(c.startsAt)]),
  );
  const name = t("meetings.report.file.overviewFile", { year: data.year });
  return { body: Buffer.from(await book.xlsx.writeBuffer()), fileName: safeFileName(name, "xlsx") };
}
