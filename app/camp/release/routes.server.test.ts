import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/db/client.server.ts";
import { buildScoredCamp, buildUser } from "../../../tests/support/factories.ts";
import { asUser } from "../../../tests/support/signed-in.ts";
import { unzipEntry } from "../../../tests/support/zip.ts";

/**
 * The results pages and downloads through their loaders and actions: the organisers' page with the
 * release (asks first, then releases), a person's page before and after the release, the reports
 * as real .docx / .xlsx files, and who is turned away.
 */
let resultsPage: typeof import("~/routes/camp.$campId_.results._index.tsx");
let personPage: typeof import("~/routes/camp.$campId_.results.$userId.tsx");
let personDocx: typeof import("~/routes/camp.$campId_.results.$userId_.report[.]docx.tsx");
let campDocx: typeof import("~/routes/camp.$campId_.report[.]docx.tsx");
let campXlsx: typeof import("~/routes/camp.$campId_.report[.]xlsx.tsx");

beforeAll(async () => {
  [resultsPage, personPage, personDocx, campDocx, campXlsx] = await Promise.all([
    import("~/routes/camp.$campId_.results._index.tsx"),
    import("~/routes/camp.$campId_.results.$userId.tsx"),
    import("~/routes/camp.$campId_.results.$userId_.report[.]docx.tsx"),
    import("~/routes/camp.$campId_.report[.]docx.tsx"),
    import("~/routes/camp.$campId_.report[.]xlsx.tsx"),
  ]);
}, 120_000);

type Reply = { intent: string; status: string; notice?: string; error?: string; confirm?: { message: string } };

/** The text of a .docx's body (its document.xml), so a test can read what the file says. */
async function docxText(response: Response): Promise<string> {
  expect(response.headers.get("Content-Type")).toContain("wordprocessingml");
  return unzipEntry(Buffer.from(await response.arrayBuffer()), "word/document.xml")!.replace(/<[^>]+>/g, "");
}

describe("the organisers' results page", () => {
  it("asks before releasing, then releases; a participant posting the same is refused", async () => {
    const camp = await buildScoredCamp();
    const url = `/camp/${camp.id}/results`;
    const params = { campId: camp.id };
    const page = await asUser(camp.organiser.username, resultsPage.loader, url, { params });
    expect(page.status).toBe(200);
    expect((page.data as { check: unknown[] }).check).toHaveLength(3);

    expect((await asUser(camp.a.username, resultsPage.action, url, { params, form: { intent: "release" } })).status).toBe(403);
    const asked = (await asUser(camp.organiser.username, resultsPage.action, url, { params, form: { intent: "release" } })).data as Reply;
    expect(asked.status).toBe("confirm");
    expect(asked.confirm!.message).toContain("不能撤回");
    expect((await prisma.camp.findUniqueOrThrow({ where: { id: camp.id } })).status).toBe("SCORING");

    const done = (await asUser(camp.organiser.username, resultsPage.action, url, { params, form: { intent: "release", confirmed: "yes" } })).data as Reply;
    expect(done).toMatchObject({ status: "success", notice: "成绩已发布，已通知 3 位参加者。" });
    expect((await prisma.camp.findUniqueOrThrow({ where: { id: camp.id } })).status).toBe("RELEASED");
    // Released, the release is no longer offered: posting it again is refused by the policy.
    expect((await asUser(camp.organiser.username, resultsPage.action, url, { params, form: { intent: "release", confirmed: "yes" } })).status).toBe(403);
  });

  it("is for the organisers only", async () => {
    const camp = await buildScoredCamp();
    const params = { campId: camp.id };
    for (const who of [camp.a.username, camp.judges[0]!.username, (await buildUser()).username]) {
      expect((await asUser(who, resultsPage.loader, `/camp/${camp.id}/results`, { params })).status).toBe(403);
      expect((await asUser(who, campXlsx.loader, `/camp/${camp.id}/report.xlsx`, { params })).status).toBe(403);
    }
    expect((await asUser(camp.organiser.username, resultsPage.loader, `/camp/nope/results`, { params: { campId: "nope" } })).status).toBe(404);
  });
});

describe("a person's results", () => {
  it("are hidden from the person until the release, then shown to them and never to another participant", async () => {
    const camp = await buildScoredCamp();
    const params = { campId: camp.id, userId: camp.a.id };
    const url = `/camp/${camp.id}/results/${camp.a.id}`;
    expect((await asUser(camp.a.username, personPage.loader, url, { params })).status).toBe(403);
    expect((await asUser(camp.a.username, personDocx.loader, `${url}/report.docx`, { params })).status).toBe(403);
    await asUser(camp.organiser.username, resultsPage.action, `/camp/${camp.id}/results`, { params: { campId: camp.id }, form: { intent: "release", confirmed: "yes" } });

    const mine = await asUser(camp.a.username, personPage.loader, url, { params });
    expect(mine.status).toBe(200);
    const results = (mine.data as { results: { total: number; weakAreas: Array<{ duty: string }> } }).results;
    expect(results.total).toBe(70);
    expect(results.weakAreas.map((w) => w.duty)).toEqual(["CAREER"]);
    expect((await asUser(camp.b.username, personPage.loader, url, { params })).status).toBe(403);
    expect((await asUser(camp.a.username, personPage.loader, `/camp/${camp.id}/results/${camp.b.id}`, { params: { campId: camp.id, userId: camp.b.id } })).status).toBe(403);

    const report = await asUser(camp.a.username, personDocx.loader, `${url}/report.docx`, { params });
    const text = await docxText(report.response!);
    expect(text).toContain("个人反馈报告");
    expect(text).toContain(camp.a.name);
    expect(text).toContain("职业规划与就业创业指导");
  });
});

describe("the camp reports", () => {
  it("download as a Word report and a workbook with the ranking", async () => {
    const camp = await buildScoredCamp();
    const params = { campId: camp.id };
    await asUser(camp.organiser.username, resultsPage.action, `/camp/${camp.id}/results`, { params, form: { intent: "compute" } });
    const word = await asUser(camp.organiser.username, campDocx.loader, `/camp/${camp.id}/report.docx`, { params });
    const text = await docxText(word.response!);
    expect(text).toContain("训练营报告");
    expect(text).toContain("评委一致性");

    const excel = await asUser(camp.organiser.username, campXlsx.loader, `/camp/${camp.id}/report.xlsx`, { params });
    expect(excel.response!.headers.get("Content-Type")).toContain("spreadsheetml");
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await excel.response!.arrayBuffer());
    const ranking = book.getWorksheet("排名")!;
    expect(ranking.getRow(1).values).toEqual([undefined, "姓名", "学院", "阶段", "基础知识测试", "人物辨识", "谈心谈话", "总分"]);
    expect(ranking.getRow(2).getCell(1).value).toBe(camp.a.name);
    expect(ranking.getRow(2).getCell(7).value).toBe(70);
  });
});
