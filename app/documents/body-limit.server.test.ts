import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/db/client.server.ts";
import { getSchoolSettings, updateSchoolSettings } from "~/settings/school-settings.server.ts";
import { buildCast, type Cast } from "../../tests/support/factories.ts";
import { asUser, cookieFor } from "../../tests/support/signed-in.ts";

/**
 * The document size limit (issue 27, item 6; decision 097): imports longer than the school's
 * limit are refused with a Chinese sentence that names it, and nothing is written; 学工部 changes
 * the limit in the school settings.
 */
let cast: Cast;
let importer: typeof import("~/routes/studios.$studioId.documents.import.tsx");
let settingsRoute: typeof import("~/routes/admin.settings.tsx");
beforeAll(async () => {
  cast = await buildCast();
  [importer, settingsRoute] = await Promise.all([import("~/routes/studios.$studioId.documents.import.tsx"), import("~/routes/admin.settings.tsx")]);
});

type FileResult = { file: string; ok: boolean; reason?: string; title?: string };

/** A multipart post, as the import page's form sends it. */
async function upload(files: Array<[name: string, content: Blob]>) {
  const form = new FormData();
  form.append("intent", "import");
  form.append("type", "RESEARCH_NOTE");
  for (const [name, content] of files) form.append("files", content, name);
  const studioId = cast.studio.id;
  const request = new Request(`http://localhost/studios/${studioId}/documents/import`, { method: "POST", headers: { Cookie: await cookieFor(cast.backbone.username) }, body: form });
  const result = (await importer.action({ request, params: { studioId }, context: {} })) as unknown as { data: { data?: { results: FileResult[] } } };
  return result.data.data!.results;
}

/** Markdown whose text is `paragraphs` × 50 characters. */
function markdown(title: string, paragraphs: number): Blob {
  const line = `${"案例研究".repeat(12)}记录`;
  expect(line).toHaveLength(50);
  return new Blob([`# ${title}\n\n${`${line}\n\n`.repeat(paragraphs)}`], { type: "text/markdown" });
}

async function docx(title: string, paragraphs: number): Promise<Blob> {
  const { Document, HeadingLevel, Packer, Paragraph, TextRun } = await import("docx");
  const body = Array.from({ length: paragraphs }, (_, i) => new Paragraph({ children: [new TextRun(`第${String(i).padStart(4, "0")}段：学生事务与发展辅导的记录，共计五十个字符左右的正文内容。`)] }));
  const file = new Document({ sections: [{ children: [new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(title)] }), ...body] }] });
  return new Blob([new Uint8Array(await Packer.toBuffer(file))]);
}

const documentsTitled = (...titles: string[]) => prisma.document.count({ where: { studioId: cast.studio.id, title: { in: titles } } });

describe("the document size limit", () => {
  it("refuses a Markdown file over the default limit of 1,000,000 characters, names the limit and writes nothing", async () => {
    expect((await getSchoolSettings()).documentMaxChars).toBe(1_000_000);
    const before = await prisma.document.count();
    // 1,100,000 characters of text: 10 % over.
    const results = await upload([["超长书稿.md", markdown("超长书稿", 22_000)]]);
    expect(results).toEqual([{ file: "超长书稿.md", ok: false, reason: expect.stringContaining("文档正文不能超过 1,000,000 个字符") }]);
    expect(results[0]!.reason).toContain("请拆分成几个文档再导入");
    expect(await prisma.document.count()).toBe(before);
    expect(await prisma.auditLog.count({ where: { action: "document.create", data: { path: ["importedFrom"], equals: "超长书稿.md" } } })).toBe(0);
  });

  it("holds imports to the limit the school sets, Word files as well as Markdown", async () => {
    await updateSchoolSettings({ documentMaxChars: 2_000 }, cast.admin.id);
    // The import page says the limit before files are chosen.
    const page = await asUser(cast.backbone.username, importer.loader, `/studios/${cast.studio.id}/documents/import`, { params: { studioId: cast.studio.id } });
    expect(page.data).toEqual({ maxChars: 2_000 });
    // 2,500 and 2,800 characters: over the school's 2,000.
    const refused = await upload([
      ["限长纪要.md", markdown("限长纪要", 50)],
      ["限长案例.docx", await docx("限长案例", 80)],
    ]);
    expect(refused).toEqual([
      { file: "限长纪要.md", ok: false, reason: expect.stringMatching(/^文档正文不能超过 2,000 个字符，这个文件约有 2,5\d\d 个字符。/) },
      { file: "限长案例.docx", ok: false, reason: expect.stringMatching(/^文档正文不能超过 2,000 个字符，这个文件约有 \d,\d{3} 个字符。/) },
    ]);
    expect(await documentsTitled("限长纪要", "限长案例")).toBe(0);

    // Under the limit, both come in.
    const accepted = await upload([
      ["限内纪要.md", markdown("限内纪要", 30)],
      ["限内案例.docx", await docx("限内案例", 20)],
    ]);
    expect(accepted.map((result) => result.ok)).toEqual([true, true]);
    expect(await documentsTitled("限内纪要", "限内案例")).toBe(2);

    // Raised again, the longer files fit.
    await updateSchoolSettings({ documentMaxChars: 5_000 }, cast.admin.id);
    expect((await upload([["限长纪要.md", markdown("限长纪要", 50)]]))[0]).toMatchObject({ ok: true, title: "限长纪要" });
    await updateSchoolSettings({ documentMaxChars: 1_000_000 }, cast.admin.id);
  });

  it("is set on the school settings page by 学工部, within 1,000–5,000,000, and nobody else", async () => {
    const { data } = await asUser(cast.admin.username, settingsRoute.loader, "/admin/settings");
    const values = (data as { values: Record<string, string | string[]> }).values;
    expect(values.documentMaxChars).toBe("1000000");
    const post = (who: string, documentMaxChars: string) =>
      asUser(who, settingsRoute.action, "/admin/settings", { form: { ...values, intent: "save", documentMaxChars } });

    const tooSmall = await post(cast.admin.username, "10");
    expect(tooSmall.status).toBe(400);
    expect(JSON.stringify(tooSmall.data)).toContain("请填写 1,000–5,000,000 之间的整数。");
    expect((await post(cast.leader.username, "3000")).status).toBe(403);
    expect((await getSchoolSettings()).documentMaxChars).toBe(1_000_000);

    expect((await post(cast.admin.username, "3000")).status).toBe(200);
    expect((await getSchoolSettings()).documentMaxChars).toBe(3_000);
    await updateSchoolSettings({ documentMaxChars: 1_000_000 }, cast.admin.id);
  });
});
