import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/db/client.server.ts";
import { jsonStats, jsonToState } from "~/documents/content.server.ts";
import { doc, h, p } from "~/documents/template-content.ts";
import { i18nFor } from "~/i18n/i18n.server.ts";
import { annualReport, reportDocx, reportXlsx } from "~/studios/report.server.ts";
import { buildCollege, buildDocument, buildMeetingSeries, buildStudio, buildUser, type BuiltUser } from "../../../tests/support/factories.ts";
import { asUser } from "../../../tests/support/signed-in.ts";
import { unzipEntry } from "../../../tests/support/zip.ts";
import { recordOutcome } from "../action-items.server.ts";
import { addAgendaItem } from "../agenda.server.ts";
import { markMeetingAttendance } from "../attendance.server.ts";
import { closeMeeting, confirmMinutes, createMinutes } from "../minutes.server.ts";

/**
 * The archive files and the 督导落实 overview through their routes on the real database: what a
 * download holds (opened with exceljs, the .docx unzipped), who may have it and who may not, bad
 * input; and a studio's meetings in its yearly report.
 */
let docxRoute: typeof import("~/routes/meetings.$meetingId_.export[.]docx.tsx");
let seriesRoute: typeof import("~/routes/meetings.series.$seriesId_.export[.]xlsx.tsx");
let overviewRoute: typeof import("~/routes/meetings.overview.tsx");
let overviewXlsxRoute: typeof import("~/routes/meetings.overview[.]xlsx.tsx");

const YEAR = new Date().getUTCFullYear();
const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000);
const daysFromNow = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString().slice(0, 10);

let organiser: BuiltUser;
let collegeAdmin: BuiltUser;
let otherCollegeAdmin: BuiltUser;
let admin: BuiltUser;
let present: BuiltUser[];
let absent: BuiltUser;
let outsider: BuiltUser;
let series: Awaited<ReturnType<typeof buildMeetingSeries>>;
let meetingId: string;
let minutesId: string;
let caseTitle: string;
let caseId: string;

/** Writes the minutes' stored body directly (as the collaboration worker stores it). */
async function writeMinutes(...lines: string[]) {
  const content = doc(h(1, "会议纪要"), ...lines.map((line) => p(line)));
  const stats = jsonStats(content);
  await prisma.document.update({ where: { id: minutesId }, data: { yState: jsonToState(content), plainText: stats.plainText, wordCount: stats.wordCount } });
}

async function download(username: string, handler: (args: never) => Promise<unknown>, url: string, params: Record<string, string> = {}) {
  const result = await asUser(username, handler, url, { params });
  const body = result.response && result.status === 200 ? Buffer.from(await result.response.arrayBuffer()) : null;
  return { ...result, body, disposition: result.response?.headers.get("Content-Disposition") ?? "" };
}

async function workbook(body: Buffer) {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(body as unknown as ArrayBuffer);
  return book;
}
const rows = (sheet: ExcelJS.Worksheet) => sheet.getSheetValues().slice(2).map((row) => (row as unknown[]).slice(1));

beforeAll(async () => {
  [docxRoute, seriesRoute, overviewRoute, overviewXlsxRoute] = await Promise.all([
    import("~/routes/meetings.$meetingId_.export[.]docx.tsx"),
    import("~/routes/meetings.series.$seriesId_.export[.]xlsx.tsx"),
    import("~/routes/meetings.overview.tsx"),
    import("~/routes/meetings.overview[.]xlsx.tsx"),
  ]);
  const college = await buildCollege();
  collegeAdmin = await buildUser({ roles: ["COLLEGE_ADMIN"], college });
  otherCollegeAdmin = await buildUser({ roles: ["COLLEGE_ADMIN"] });
  admin = await buildUser({ roles: ["ADMIN"] });
  organiser = await buildUser({ college });
  present = [await buildUser({ college }), await buildUser({ college })];
  absent = await buildUser({ college });
  outsider = await buildUser();
  series = await buildMeetingSeries(
    { organiser, organiserKind: "COLLEGE", collegeId: college.id, invitees: [...present, absent], title: "学院辅导员月度交流例会", durationMinutes: 120 },
    [hoursAgo(3)],
  );
  const meeting = series.meetings[0]!;
  meetingId = meeting.id;
  const studio = await buildStudio();
  caseTitle = "一名新生适应困难的谈心谈话案例";
  caseId = (await buildDocument({ studio, createdBy: studio.leader, type: "CASE_STUDY", title: caseTitle, status: "PUBLISHED" })).id;

  await addAgendaItem(meetingId, { segmentId: meeting.segmentIds[0]!, title: "学习《普通高等学校辅导员队伍建设规定》", minutes: 30, presenterId: present[0]!.id }, organiser.id);
  const caseItem = await addAgendaItem(meetingId, { segmentId: meeting.segmentIds[2]!, title: "新生适应案例交流", minutes: 40, documentId: caseId, notes: "以案促建" }, organiser.id);
  await recordOutcome(caseItem.id, { kind: "DECISION", text: "各学院建立新生谈心谈话台账" }, organiser);
  await recordOutcome(caseItem.id, { kind: "ACTION", text: "整理新生适应案例汇编", ownerId: present[1]!.id, dueOn: daysFromNow(14) }, organiser);
  await recordOutcome(caseItem.id, { kind: "ACTION", text: "补交上月谈话记录", ownerId: present[0]!.id, dueOn: daysFromNow(1) }, organiser);
  // The second is past its due date now (recordOutcome refuses a past date, so it is moved back here).
  await prisma.actionItem.updateMany({ where: { meetingId, title: "补交上月谈话记录" }, data: { dueOn: new Date(`${daysFromNow(-3)}T00:00:00Z`) } });
  await markMeetingAttendance(meetingId, present.map((person) => person.id), organiser.id);
  minutesId = await createMinutes(meetingId, organiser.id);
  await writeMinutes("会议由学工部副部长主持，传达了本月督导重点。");
});

describe("a meeting as .docx for the paper archive (/meetings/:meetingId/export.docx)", () => {
  it("holds the agenda by segment, attendance with the absent, the minutes marked as a draft, decisions and action items; then the confirmed version", async () => {
    const draft = await download(present[0]!.username, docxRoute.loader, `/meetings/${meetingId}/export.docx`, { meetingId });
    expect(draft.status).toBe(200);
    expect(draft.response!.headers.get("Content-Type")).toContain("wordprocessingml");
    // RFC 5987: the Chinese name travels percent-encoded, with an ASCII fallback.
    expect(draft.disposition).toContain(`filename*=UTF-8''${encodeURIComponent("学院辅导员月度交流例会")}`);
    expect(draft.disposition).toContain('filename="meeting.docx"');
    const xml = unzipEntry(draft.body!, "word/document.xml")!;
    for (const text of [
      "学院辅导员月度交流例会",
      "一、议程",
      "理论学习（计划 30 分钟）",
      "学习《普通高等学校辅导员队伍建设规定》",
      caseTitle,
      "以案促建",
      "应到 3 人，实到 2 人，出席率 66.7%",
      "手工登记",
      `受邀未到：${absent.name}`,
      "草稿：纪要尚未签发",
      "会议由学工部副部长主持，传达了本月督导重点。",
      "各学院建立新生谈心谈话台账",
      "整理新生适应案例汇编",
      present[1]!.name,
      "未开始",
      "（已逾期）",
    ]) {
      expect(xml, text).toContain(text);
    }

    await closeMeeting(meetingId, organiser);
    await confirmMinutes(meetingId, organiser);
    // A change to the live body after 签发 (as a later correction would be) is not the archived text.
    await writeMinutes("会议由学工部副部长主持，传达了本月督导重点。", "签发之后才写的一句。");
    const confirmed = unzipEntry((await download(organiser.username, docxRoute.loader, `/meetings/${meetingId}/export.docx`, { meetingId })).body!, "word/document.xml")!;
    expect(confirmed).toMatch(/签发稿（第 \d+ 版/);
    expect(confirmed).toContain("会议由学工部副部长主持");
    expect(confirmed).not.toContain("签发之后才写的一句");
    expect(confirmed).not.toContain("草稿：纪要尚未签发");
  });

  it("is refused to whoever may not read the meeting, and 404 for no such meeting", async () => {
    expect((await download(outsider.username, docxRoute.loader, `/meetings/${meetingId}/export.docx`, { meetingId })).status).toBe(403);
    expect((await download(otherCollegeAdmin.username, docxRoute.loader, `/meetings/${meetingId}/export.docx`, { meetingId })).status).toBe(403);
    expect((await download(outsider.username, docxRoute.loader, "/meetings/nope/export.docx", { meetingId: "nope" })).status).toBe(404);
    const anonymous = await asUser(null, docxRoute.loader, `/meetings/${meetingId}/export.docx`, { params: { meetingId } });
    expect(anonymous.status).toBe(302);
  });
});

describe("a series' year as .xlsx (/meetings/series/:seriesId/export.xlsx)", () => {
  it("gives the organiser one sheet of meetings and one of action items", async () => {
    const file = await download(collegeAdmin.username, seriesRoute.loader, `/meetings/series/${series.id}/export.xlsx?year=${YEAR}`, { seriesId: series.id });
    expect(file.status).toBe(200);
    expect(file.disposition).toContain(`filename*=UTF-8''${encodeURIComponent(`学院辅导员月度交流例会 ${YEAR} 年例会台账.xlsx`)}`);
    const book = await workbook(file.body!);
    expect(book.worksheets.map((s) => s.name)).toEqual(["例会", "督办事项"]);
    const meetings = book.getWorksheet("例会")!;
    expect(meetings.getRow(1).values).toEqual([undefined, "日期", "状态", "应到人次", "实到人次", "出席率", "议题数", "决定数", "提出督办事项", "其中已办结"]);
    expect(rows(meetings)).toEqual([[expect.any(String), "已结束", 3, 2, "66.7%", 2, 1, 2, 0]]);
    const actions = rows(book.getWorksheet("督办事项")!);
    expect(actions.map((row) => [row[0], row[2], row[4], row[6]]).sort()).toEqual(
      [
        ["整理新生适应案例汇编", present[1]!.name, "未开始", "否"],
        ["补交上月谈话记录", present[0]!.name, "未开始", "是"],
      ].sort(),
    );
    // Another year has the sheets and no rows.
    const empty = await workbook((await download(organiser.username, seriesRoute.loader, `/meetings/series/${series.id}/export.xlsx?year=2001`, { seriesId: series.id })).body!);
    expect(rows(empty.getWorksheet("例会")!)).toEqual([]);
  });

  it("is refused to an invitee (who reads meetings, not the series' records), an outsider, and a bad year", async () => {
    const url = `/meetings/series/${series.id}/export.xlsx`;
    expect((await download(present[0]!.username, seriesRoute.loader, url, { seriesId: series.id })).status).toBe(403);
    expect((await download(otherCollegeAdmin.username, seriesRoute.loader, url, { seriesId: series.id })).status).toBe(403);
    expect((await download(organiser.username, seriesRoute.loader, `${url}?year=二〇二六`, { seriesId: series.id })).status).toBe(400);
    expect((await download(organiser.username, seriesRoute.loader, `${url}?year=1999`, { seriesId: series.id })).status).toBe(400);
  });
});

describe("督导落实 (/meetings/overview)", () => {
  type Overview = { year: number; collegeId: string | null; overview: { heldByMonth: number[]; series: Array<{ seriesId: string; held: number; attendanceRate: number | null; actions: { opened: number; closed: number; overdue: number } }>; cases: Array<{ documentId: string; meetingId: string; title: string }> } };

  it("shows 学工部 and the college's admin the meetings held per month, attendance, action items and the cases shared", async () => {
    const month = series.meetings[0]!.startsAt.getUTCMonth() + 1;
    for (const who of [admin, collegeAdmin]) {
      const page = await asUser(who.username, overviewRoute.loader, `/meetings/overview?year=${YEAR}`);
      expect(page.status).toBe(200);
      const data = page.data as Overview;
      const row = data.overview.series.find((s) => s.seriesId === series.id);
      expect(row).toMatchObject({ held: 1, actions: { opened: 2, closed: 0, overdue: 1 } });
      // The page gets the months summed over the series: the college's slice has this series' one meeting.
      if (who === collegeAdmin) expect(data.overview.heldByMonth).toEqual(Array.from({ length: 12 }, (_, i) => (i === month - 1 ? 1 : 0)));
      expect(row!.attendanceRate).toBeCloseTo(2 / 3);
      expect(data.overview.cases).toContainEqual(expect.objectContaining({ documentId: caseId, meetingId, title: caseTitle }));
    }
    const other = (await asUser(otherCollegeAdmin.username, overviewRoute.loader, `/meetings/overview?year=${YEAR}`)).data as Overview;
    expect(other.overview.series.map((s) => s.seriesId)).not.toContain(series.id);
    expect(other.overview.cases).toEqual([]);
  });

  it("is refused to a counselor, to a college admin asking for another college, and to a bad year", async () => {
    expect((await asUser(present[0]!.username, overviewRoute.loader, "/meetings/overview")).status).toBe(403);
    expect((await asUser(otherCollegeAdmin.username, overviewRoute.loader, `/meetings/overview?college=${collegeAdmin.collegeId}`)).status).toBe(403);
    expect((await asUser(admin.username, overviewRoute.loader, "/meetings/overview?year=abc")).status).toBe(400);
    expect((await asUser(present[0]!.username, overviewXlsxRoute.loader, "/meetings/overview.xlsx")).status).toBe(403);
  });

  it("exports the overview to .xlsx with the series, the months and the cases", async () => {
    const file = await download(collegeAdmin.username, overviewXlsxRoute.loader, `/meetings/overview.xlsx?year=${YEAR}`);
    expect(file.status).toBe(200);
    expect(file.disposition).toContain(`filename*=UTF-8''${encodeURIComponent(`${YEAR} 年例会督导落实.xlsx`)}`);
    const book = await workbook(file.body!);
    expect(book.worksheets.map((s) => s.name)).toEqual(["各系列", "每月召开", "交流案例"]);
    expect(rows(book.getWorksheet("各系列")!)).toContainEqual(["学院辅导员月度交流例会", 1, 3, 2, "66.7%", 2, 0, 1]);
    expect(rows(book.getWorksheet("交流案例")!).map((row) => row[0])).toContain(caseTitle);
  });
});

describe("a studio's meetings in its yearly report", () => {
  it("closing a studio meeting writes its activity, and the report lists the meetings held with attendance, on screen and in the files", async () => {
    const studio = await buildStudio({ newcomers: 2 });
    const studioSeries = await buildMeetingSeries(
      { organiser: studio.leader, organiserKind: "STUDIO", studioId: studio.id, invitees: studio.members, title: "工作室研究方向专题例会" },
      [hoursAgo(2)],
    );
    const studioMeeting = studioSeries.meetings[0]!;
    await markMeetingAttendance(studioMeeting.id, [studio.leader.id, studio.newcomers[0]!.id], studio.leader.id);
    await closeMeeting(studioMeeting.id, studio.leader);

    const report = await annualReport(studio.id, YEAR);
    expect(report.activities).toContainEqual(expect.objectContaining({ kind: "MEETING", title: "工作室研究方向专题例会", participants: 2 }));
    expect(report.meetings).toEqual([expect.objectContaining({ id: studioMeeting.id, title: "工作室研究方向专题例会", invited: studio.members.length, present: 2 })]);
    expect(report.summary).toMatchObject({ meetings: 1, meetingsInvited: studio.members.length, meetingsPresent: 2 });
    // Another studio's meetings are not in it.
    expect((await annualReport((await buildStudio()).id, YEAR)).meetings).toEqual([]);

    const t = (await i18nFor("zh-CN")).t;
    const xml = unzipEntry(await reportDocx(report, t, "zh-CN"), "word/document.xml")!;
    expect(xml).toContain("月度交流例会（1）");
    const book = await workbook(await reportXlsx(report, t, "zh-CN"));
    const sheet = book.getWorksheet("月度交流例会")!;
    expect(rows(sheet)).toEqual([["工作室研究方向专题例会", expect.any(String), String(studio.members.length), "2", `${Math.round((2 / studio.members.length) * 1000) / 10}%`]]);
  });
});
