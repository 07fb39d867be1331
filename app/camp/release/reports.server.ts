import { HeadingLevel, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from "docx";
import ExcelJS from "exceljs";
import type { TFunction } from "i18next";
import { prisma } from "~/db/client.server.ts";
import { wordFile } from "~/documents/export.server.ts";
import { i18nFor } from "~/i18n/i18n.server.ts";
import { translateKey } from "~/i18n/keys.ts";
import { formatDate } from "~/lib/format.ts";
import { safeFileName } from "~/meetings/report/archive.server.ts";
import { DUTIES } from "../results.ts";
import { DISTRIBUTION_BANDS, FLAG_LABEL, ROUND_LABEL } from "./labels.ts";
import { campOverview, personalResults, resultsTable } from "./views.server.ts";

/**
 * The camp's files: the personal feedback report (.docx), the camp report for the organisers
 * (.docx) and the results as a workbook (.xlsx). They are the school's record and always Chinese,
 * as the meetings' archive is; the Word files go through the documents' Word writer (its fonts).
 */

const zh = async (): Promise<TFunction> => (await i18nFor("zh-CN")).t;
const percent = (share: number | null) => (share === null ? "—" : `${Math.round(share * 100)}%`);
const figure = (value: number | null) => (value === null ? "—" : value.toFixed(2));

function table(header: string[], rows: string[][]): Table {
  const cell = (text: string, bold = false) => new TableCell({ children: [new Paragraph({ spacing: { after: 0 }, children: [new TextRun({ text, bold, size: 21 })] })] });
  const body = rows.length ? rows : [header.map(() => "—")];
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [new TableRow({ tableHeader: true, children: header.map((h) => cell(h, true)) }), ...body.map((row) => new TableRow({ children: row.map((c) => cell(c)) }))],
  });
}
const heading = (level: 1 | 2, text: string) => new Paragraph({ heading: level === 1 ? HeadingLevel.HEADING_1 : HeadingLevel.HEADING_2, children: [new TextRun(text)] });
const line = (text: string) => new Paragraph({ children: [new TextRun(text)] });

/** One participant's feedback report (authorise "camp-result:view" on them). */
export async function personalReportDocx(campId: string, userId: string, now = new Date()): Promise<{ body: Buffer; fileName: string }> {
  const t = await zh();
  const r = await personalResults(campId, userId);
  const title = t("camp.release.report.personTitle", { camp: r.camp.title });
  const children = [
    heading(1, title),
    line(t("camp.release.report.person", { name: r.person.name, college: r.person.college ?? "—", stage: t(`stage.${r.person.stage}`) })),
    line(t("camp.release.report.generated", { date: formatDate(now, "zh-CN") })),
    heading(2, t("camp.release.person.rounds")),
    table(
      [t("camp.release.release.round"), t("camp.release.person.weight"), t("camp.release.person.score")],
      r.rounds.map((round) => [
        translateKey(t, ROUND_LABEL[round.kind]),
        `${round.weight}`,
        round.score === null ? [t("camp.release.person.noScore"), ...round.flags.map((flag) => translateKey(t, FLAG_LABEL[flag]))].join("　") : figure(round.score),
      ]),
    ),
    line(t("camp.release.person.total", { total: figure(r.total) })),
    heading(2, t("camp.release.person.radar")),
    table(
      [t("camp.release.overview.duty"), t("camp.release.person.you"), t("camp.release.person.median")],
      DUTIES.map((duty) => [t(`duty.${duty}`), percent(r.radar[duty]), percent(r.stageMedian[duty])]),
    ),
    heading(2, t("camp.release.person.weakAreas")),
    ...(r.weakAreas.length
      ? r.weakAreas.map((area) => line(t("camp.release.person.weakArea", { duty: t(`duty.${area.duty}`), share: percent(area.share), median: percent(area.median) })))
      : [line(t("camp.release.person.noWeakAreas"))]),
    heading(2, t("camp.release.person.recommended")),
    ...(r.recommendations.length
      ? r.recommendations.map((course) => line(`${course.title}（${t("training.reasons.campWeakDuty", { duty: t(`duty.${course.duty}`) })}）`))
      : [line(t("camp.release.person.noRecommendations"))]),
  ];
  return { body: await wordFile(title, children), fileName: safeFileName(`${title}-${r.person.name}`, "docx") };
}

/** The camp report for the organisers (authorise "camp:view-all"). */
export async function campReportDocx(campId: string, now = new Date()): Promise<{ body: Buffer; fileName: string }> {
  const t = await zh();
  const o = await campOverview(campId);
  const title = t("camp.release.report.campTitle", { camp: o.camp.title });
  const children = [
    heading(1, title),
    line(t("camp.release.report.participants", { count: o.ranking.length })),
    line(t("camp.release.report.generated", { date: formatDate(now, "zh-CN") })),
    heading(2, t("camp.release.overview.ranking")),
    table(
      [t("camp.release.overview.rank"), t("camp.release.overview.name"), t("camp.release.overview.college"), t("camp.release.overview.stage"), t("camp.release.overview.total")],
      o.ranking.map((row) => [`${row.rank}`, row.name, row.college ?? "—", t(`stage.${row.stage}`), figure(row.total)]),
    ),
    heading(2, t("camp.release.overview.distribution")),
    table(
      [t("camp.release.release.round"), ...DISTRIBUTION_BANDS],
      o.distributions.map((d) => [translateKey(t, ROUND_LABEL[d.kind]), ...d.counts.map(String)]),
    ),
    heading(2, t("camp.release.overview.weakest")),
    table(
      [t("camp.release.overview.duty"), t("camp.release.overview.meanShare"), t("camp.release.overview.measured")],
      o.weakestDuties.map((d) => [t(`duty.${d.duty}`), percent(d.meanShare), `${d.measured}`]),
    ),
    heading(2, t("camp.release.overview.consistency")),
    ...o.consistency.flatMap((round) => [
      line(translateKey(t, ROUND_LABEL[round.kind])),
      table(
        [t("camp.release.overview.judge"), t("camp.release.overview.compared"), t("camp.release.overview.meanOffset"), t("camp.release.overview.meanAbsoluteOffset"), t("camp.release.overview.correlation")],
        round.judges.map((j) => [j.name, `${j.compared}`, figure(j.meanOffset), figure(j.meanAbsoluteOffset), figure(j.correlation)]),
      ),
    ]),
  ];
  return { body: await wordFile(title, children), fileName: safeFileName(title, "docx") };
}

/** The results as a workbook (authorise "camp:view-all"): the ranking with every round, the duties, the judges. */
export async function campReportXlsx(campId: string): Promise<{ body: Buffer; fileName: string }> {
  const t = await zh();
  const [o, rows] = await Promise.all([campOverview(campId), resultsTable(campId)]);
  const rounds = await prisma.campRound.findMany({
    where: { campId, enabled: true },
    orderBy: { position: "asc" },
    select: { id: true, kind: true },
  });
  const book = new ExcelJS.Workbook();
  book.creator = "辅导员工作室协同平台";
  const sheet = (name: string, columns: Array<{ header: string; width?: number }>, data: Array<Array<string | number | null>>) => {
    const ws = book.addWorksheet(name);
    ws.columns = columns.map((c) => ({ header: c.header, width: c.width ?? 14 }));
    ws.getRow(1).font = { bold: true };
    for (const row of data) ws.addRow(row);
  };
  sheet(
    t("camp.release.report.sheetRanking"),
    [
      { header: t("camp.release.overview.name"), width: 12 },
      { header: t("camp.release.overview.college"), width: 20 },
      { header: t("camp.release.overview.stage") },
      ...rounds.map((round) => ({ header: translateKey(t, ROUND_LABEL[round.kind]) })),
      { header: t("camp.release.overview.total") },
    ],
    rows.map((row) => [
      row.name,
      row.college,
      t(`stage.${row.stage}`),
      ...rounds.map((round) => {
        const result = row.results.get(round.id);
        if (!result) return null;
        return result.score ?? result.flags.map((flag) => translateKey(t, FLAG_LABEL[flag])).join("、");
      }),
      row.total,
    ]),
  );
  sheet(
    t("camp.release.report.sheetDuties"),
    [{ header: t("camp.release.overview.duty"), width: 28 }, { header: t("camp.release.overview.meanShare") }, { header: t("camp.release.overview.measured") }],
    o.weakestDuties.map((d) => [t(`duty.${d.duty}`), Math.round(d.meanShare * 10000) / 100, d.measured]),
  );
  sheet(
    t("camp.release.report.sheetJudges"),
    [
      { header: t("camp.release.release.round") },
      { header: t("camp.release.overview.judge") },
      { header: t("camp.release.overview.compared") },
      { header: t("camp.release.overview.meanOffset") },
      { header: t("camp.release.overview.meanAbsoluteOffset") },
      { header: t("camp.release.overview.correlation") },
    ],
    o.consistency.flatMap((round) => round.judges.map((j) => [translateKey(t, ROUND_LABEL[round.kind]), j.name, j.compared, j.meanOffset, j.meanAbsoluteOffset, j.correlation])),
  );
  const title = t("camp.release.report.campTitle", { camp: o.camp.title });
  return { body: Buffer.from(await book.xlsx.writeBuffer()), fileName: safeFileName(title, "xlsx") };
}
