import { AlignmentType, Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from "docx";
import ExcelJS from "exceljs";
import type { TFunction } from "i18next";
import { prisma } from "~/db/client.server.ts";
import { formatDate } from "~/lib/format.ts";
import { attendanceRate } from "~/meetings/report/rate.ts";

/** The year asked for in ?year=, within the years the system can have data for; this year otherwise. */
export function reportYear(request: Request): number {
  const current = new Date().getFullYear();
  const year = Number(new URL(request.url).searchParams.get("year"));
  return Number.isInteger(year) && year >= 2000 && year <= current ? year : current;
}

/**
 * A studio's annual report (年度建设报告): who was in the team, which projects ran, what came out
 * of them and what the studio did, for one calendar year — on screen and as .docx / .xlsx.
 */
export async function annualReport(studioId: string, year: number) {
  const from = new Date(Date.UTC(year, 0, 1));
  const to = new Date(Date.UTC(year + 1, 0, 1));
  const studio = await prisma.studio.findUnique({
    where: { id: studioId },
    select: {
      id: true,
      name: true,
      duty: true,
      level: true,
      budgetYuan: true,
      platform: true,
      foundedOn: true,
      description: true,
      memberships: {
        orderBy: [{ role: "asc" }, { user: { nameSortKey: "asc" } }, { user: { username: "asc" } }],
        select: { role: true, joinedAt: true, user: { select: { name: true, college: { select: { name: true } }, profile: { select: { title: true } } } } },
      },
      directions: { orderBy: { createdAt: "asc" }, select: { name: true } },
      projects: {
        where: { OR: [{ startDate: null }, { startDate: { lt: to } }], AND: [{ OR: [{ endDate: null }, { endDate: { gte: from } }] }] },
        orderBy: { createdAt: "asc" },
        select: {
          title: true,
          level: true,
          status: true,
          startDate: true,
          endDate: true,
          members: { where: { role: "PRINCIPAL" }, select: { user: { select: { name: true } } } },
          tasks: { select: { status: true, completedAt: true } },
          milestones: { where: { completedAt: { gte: from, lt: to } }, select: { title: true } },
        },
      },
      outputs: {
        where: { date: { gte: from, lt: to } },
        orderBy: { date: "asc" },
        select: { type: true, title: true, level: true, date: true, authors: { orderBy: { position: "asc" }, select: { name: true } } },
      },
      activities: {
        where: { date: { gte: from, lt: to } },
        orderBy: { date: "asc" },
        select: { kind: true, title: true, date: true, location: true, participants: true, summary: true },
      },
    },
  });
  if (!studio) throw new Response("Not Found", { status: 404 });
  // The studio's monthly exchange meetings held this year, with attendance (issue 19); each also wrote an activity of kind MEETING.
  const meetings = await prisma.meeting.findMany({
    where: { series: { studioId }, status: "CLOSED", scheduledOn: { gte: from, lt: to } },
    orderBy: { startsAt: "asc" },
    select: { id: true, startsAt: true, series: { select: { title: true } }, _count: { select: { invitations: true, attendances: true } } },
  });
  const members = studio.memberships.map((m) => ({
    name: m.user.name,
    role: m.role,
    college: m.user.college?.name ?? "",
    title: m.user.profile?.title ?? null,
    joinedAt: m.joinedAt,
    joinedThisYear: m.joinedAt >= from && m.joinedAt < to,
  }));
  const projects = studio.projects.map((p) => ({
    title: p.title,
    level: p.level,
    status: p.status,
    startDate: p.startDate,
    endDate: p.endDate,
    principal: p.members[0]?.user.name ?? "",
    tasksDone: p.tasks.filter((t) => t.completedAt && t.completedAt >= from && t.completedAt < to).length,
    milestones: p.milestones.map((m) => m.title),
  }));
  const outputs = studio.outputs.map((o) => ({ ...o, authors: o.authors.map((a) => a.name) }));
  const countBy = <T extends string>(items: T[]) => items.reduce<Record<string, number>>((acc, item) => ((acc[item] = (acc[item] ?? 0) + 1), acc), {});
  return {
    year,
    studio: {
      id: studio.id,
      name: studio.name,
      duty: studio.duty,
      level: studio.level,
      budgetYuan: studio.budgetYuan.toString(),
      platform: studio.platform,
      foundedOn: studio.foundedOn,
      description: studio.description,
      leader: members.find((m) => m.role === "LEADER")?.name ?? "",
      directions: studio.directions.map((d) => d.name),
    },
    members,
    projects,
    outputs,
    activities: studio.activities,
    meetings: meetings.map((m) => ({ id: m.id, title: m.series.title, startsAt: m.startsAt, invited: m._count.invitations, present: m._count.attendances })),
    summary: {
      members: members.length,
      newMembers: members.filter((m) => m.joinedThisYear).length,
      colleges: new Set(members.map((m) => m.college).filter(Boolean)).size,
      projects: projects.length,
      outputs: outputs.length,
      outputsByType: countBy(outputs.map((o) => o.type)),
      outputsByLevel: countBy(outputs.map((o) => o.level)),
      activities: studio.activities.length,
      participants: studio.activities.reduce((sum, a) => sum + (a.participants ?? 0), 0),
      meetings: meetings.length,
      meetingsInvited: meetings.reduce((sum, m) => sum + m._count.invitations, 0),
      meetingsPresent: meetings.reduce((sum, m) => sum + m._count.attendances, 0),
    },
  };
}
export type AnnualReport = Awaited<ReturnType<typeof annualReport>>;

/** The report's tables as header + rows of text, shared by the .docx and .xlsx writers. */
function reportTables(report: AnnualReport, t: TFunction, locale: string) {
  const day = (d: Date | null) => (d ? formatDate(d, locale) : "—");
  return {
    members: {
      title: t("studios.report.members"),
      header: [t("studios.report.colName"), t("studios.report.colRole"), t("studios.report.colCollege"), t("studios.report.colTitle"), t("studios.report.colJoined")],
      rows: report.members.map((m) => [m.name, t(`studioRole.${m.role}`), m.college, m.title ? t(`title.${m.title}`) : "—", day(m.joinedAt)]),
    },
    projects: {
      title: t("studios.report.projects"),
      header: [t("studios.report.colProject"), t("studios.report.colLevel"), t("studios.report.colStatus"), t("studios.report.colPrincipal"), t("studios.report.colPeriod"), t("studios.report.colProgress")],
      rows: report.projects.map((p) => [
        p.title,
        t(`level.${p.level}`),
        t(`projectStatus.${p.status}`),
        p.principal,
        `${day(p.startDate)} – ${day(p.endDate)}`,
        t("studios.report.progress", { tasks: p.tasksDone, milestones: p.milestones.join("、") || "—" }),
      ]),
    },
    outputs: {
      title: t("studios.report.outputs"),
      header: [t("studios.report.colOutput"), t("studios.report.colType"), t("studios.report.colLevel"), t("studios.report.colDate"), t("studios.report.colAuthors")],
      rows: report.outputs.map((o) => [o.title, t(`outputType.${o.type}`), t(`level.${o.level}`), day(o.date), o.authors.join("、")]),
    },
    activities: {
      title: t("studios.report.activities"),
      header: [t("studios.report.colActivity"), t("studios.report.colKind"), t("studios.report.colDate"), t("studios.report.colLocation"), t("studios.report.colParticipants")],
      rows: report.activities.map((a) => [a.title, t(`activityKind.${a.kind}`), day(a.date), a.location || "—", a.participants === null ? "—" : String(a.participants)]),
    },
    meetings: {
      title: t("meetings.report.studioMeetings"),
      header: [t("meetings.report.colMeeting"), t("studios.report.colDate"), t("meetings.report.colInvited"), t("meetings.report.colPresent"), t("meetings.report.colRate")],
      rows: report.meetings.map((m) => [m.title, day(m.startsAt), String(m.invited), String(m.present), attendanceRate(m.present, m.invited)]),
    },
  };
}

function overviewLines(report: AnnualReport, t: TFunction, locale: string): Array<[string, string]> {
  const s = report.studio;
  return [
    [t("studios.report.studio"), s.name],
    [t("studios.report.duty"), t(`duty.${s.duty}`)],
    [t("studios.report.level"), t(`level.${s.level}`)],
    [t("studios.report.leader"), s.leader],
    [t("studios.report.founded"), formatDate(s.foundedOn, locale)],
    [t("studios.report.budget"), t("studios.page.budgetValue", { amount: Number(s.budgetYuan).toLocaleString(locale) })],
    [t("studios.report.platform"), s.platform || "—"],
    [t("studios.report.directions"), s.directions.join("、") || "—"],
    [
      t("studios.report.summaryLabel"),
      t("studios.report.summaryText", {
        members: report.summary.members,
        newMembers: report.summary.newMembers,
        colleges: report.summary.colleges,
        projects: report.summary.projects,
        outputs: report.summary.outputs,
        activities: report.summary.activities,
      }),
    ],
  ];
}

const FONT = { ascii: "Times New Roman", hAnsi: "Times New Roman", eastAsia: "SimSun" };

function docxTable(header: string[], rows: string[][], empty: string): Table {
  const cell = (text: string, bold = false) =>
    new TableCell({ children: [new Paragraph({ children: [new TextRun({ text, bold, font: FONT, size: 21 })] })] });
  const body = rows.length ? rows : [[empty, ...header.slice(1).map(() => "")]];
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [new TableRow({ tableHeader: true, children: header.map((h) => cell(h, true)) }), ...body.map((r) => new TableRow({ children: r.map((c) => cell(c)) }))],
  });
}

export async function reportDocx(report: AnnualReport, t: TFunction, locale: string): Promise<Buffer> {
  const tables = reportTables(report, t, locale);
  const heading = (text: string) => new Paragraph({ heading: HeadingLevel.HEADING_2, spacing: { before: 240, after: 120 }, children: [new TextRun({ text, font: { ...FONT, eastAsia: "SimHei" } })] });
  const document = new Document({
    creator: t("app.name"),
    title: t("studios.report.fileTitle", { studio: report.studio.name, year: report.year }),
    styles: { default: { document: { run: { font: FONT, size: 22 } } } },
    sections: [
      {
        children: [
          new Paragraph({
            heading: HeadingLevel.TITLE,
            alignment: AlignmentType.CENTER,
            children: [new TextRun({ text: t("studios.report.fileTitle", { studio: report.studio.name, year: report.year }), font: { ...FONT, eastAsia: "SimHei" }, size: 36, bold: true })],
          }),
          heading(t("studios.report.overview")),
          ...overviewLines(report, t, locale).map(
            ([label, value]) => new Paragraph({ spacing: { after: 60 }, children: [new TextRun({ text: `${label}：`, bold: true }), new TextRun(value)] }),
          ),
          ...(["members", "projects", "outputs", "activities", "meetings"] as const).flatMap((key) => [
            heading(`${tables[key].title}（${tables[key].rows.length}）`),
            docxTable(tables[key].header, tables[key].rows, t("studios.report.none")),
          ]),
        ],
      },
    ],
  });
  return Packer.toBuffer(document);
}

export async function reportXlsx(report: AnnualReport, t: TFunction, locale: string): Promise<Buffer> {
  const tables = reportTables(report, t, locale);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = t("app.name");
  const overview = workbook.addWorksheet(t("studios.report.overview"));
  overview.columns = [{ width: 18 }, { width: 80 }];
  overview.addRow([t("studios.report.fileTitle", { studio: report.studio.name, year: report.year })]).font = { bold: true, size: 14 };
  for (const line of overviewLines(report, t, locale)) overview.addRow(line);
  for (const key of ["members", "projects", "outputs", "activities", "meetings"] as const) {
    const sheet = workbook.addWorksheet(tables[key].title, { views: [{ state: "frozen", ySplit: 1 }] });
    sheet.columns = tables[key].header.map((header, i) => ({ header, width: i === 0 ? 40 : 16 }));
    sheet.getRow(1).font = { bold: true };
    for (const row of tables[key].rows) sheet.addRow(row);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
