import type { JSONContent } from "@tiptap/core";
import mammoth from "mammoth";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { collabSettings, stopCollabWorker } from "~/collab/collab-socket.server.ts";
import { connectCollaboration } from "~/composition/collaboration.server.ts";
import { prisma } from "~/db/client.server.ts";
import { buildDocument, buildMentor, buildStudio, buildUser } from "../../tests/support/factories.ts";
import { pngImage, sampleDocx } from "../../tests/support/fixtures.ts";
import { replaceBody, stateToJSON } from "./content.server.ts";
import { addComment, deleteComment, findMentions, listThreads, setResolved } from "./comments.server.ts";
import { createDocument, deleteDocument, listMyDocuments, listStudioDocuments, updateDetails } from "./documents.server.ts";
import { launchChromium } from "~/infra/chromium.server.ts";
import { DISTINCT_GLYPHS, pdfGlyphDifference } from "../../tests/support/glyphs.ts";
import { closePdfBrowser, exportDocx, exportHtml, exportMarkdown, exportPdf, ExportUnavailableError } from "./export.server.ts";
import { findDocumentImage, uploadImage } from "./images.server.ts";
import { importFile } from "./import.server.ts";
import { changeDocumentBody, currentState } from "./live-body.server.ts";
import { decideReview, publishDocument, reopenDocument, requestReview, withdrawReview } from "./reviews.server.ts";
import { doc, h, p } from "./template-content.ts";
import { createNamedVersion, diffVersions, listVersions, restoreVersion } from "./versions.server.ts";

const labels = { subtitle: "测试工作室 · 案例 · 草稿" };
let studio: { id: string; name: string };
const people: Record<string, { id: string; name: string }> = {};
let directionId: string;

const text = (json: JSONContent) => JSON.stringify(json);

beforeAll(async () => {
  collabSettings.saveDebounceMs = 20;
  collabSettings.unloadDelayMs = 50;
  // Restoring a version changes the live body through the collaboration worker, as in the app.
  connectCollaboration();
  // A mental-health studio whose first direction is guided by an internal and an external mentor,
  // and a counselor in no studio.
  const [mentor, external] = [await buildMentor({ kind: "INTERNAL" }), await buildMentor({ kind: "EXTERNAL" })];
  const built = await buildStudio({ duty: "MENTAL_HEALTH", directions: 2, mentors: [mentor, external] });
  studio = { id: built.id, name: built.name };
  directionId = built.directions[0]!.id;
  Object.assign(people, { leader: built.leader, backbone: built.backbone[0]!, mentor: mentor.user, external: external.user, counselor: await buildUser() });
});

afterAll(async () => {
  await stopCollabWorker();
  await closePdfBrowser();
});

async function newCaseStudy(title = "新生适应案例") {
  const template = await prisma.template.findFirstOrThrow({ where: { studioId: null, type: "CASE_STUDY" } });
  return createDocument({ studioId: studio.id, createdById: people.backbone!.id, type: "RESEARCH_NOTE", title, templateId: template.id });
}

describe("creating documents", () => {
  it("starts a case study from the school template with its four sections", async () => {
    const created = await newCaseStudy();
    const document = await prisma.document.findUniqueOrThrow({ where: { id: created.id }, include: { authors: true } });
    expect(document.type).toBe("CASE_STUDY");
    expect(document.duty).toBe("MENTAL_HEALTH");
    const headings = stateToJSON(document.yState).content!.filter((node) => node.type === "heading").map((node) => node.content![0]!.text);
    expect(headings).toEqual(["背景", "经过", "分析", "反思与启示"]);
    expect(document.plainText).toContain("反思与启示");
    expect(document.wordCount).toBeGreaterThan(50);
    expect(document.authors.map((a) => a.userId)).toEqual([people.backbone!.id]);
    expect(await prisma.auditLog.count({ where: { entityId: created.id, action: "document.create" } })).toBe(1);
  });

  it("refuses a direction or template of another studio", async () => {
    const otherStudio = await buildStudio();
    await expect(
      createDocument({ studioId: studio.id, createdById: people.backbone!.id, type: "RESEARCH_NOTE", title: "x", directionId: otherStudio.directions[0]!.id }),
    ).rejects.toThrow("documents.errors.directionNotInStudio");
    const foreign = await prisma.template.create({ data: { studioId: otherStudio.id, type: "RESEARCH_NOTE", name: "别家模板", content: doc(p("x")) } });
    await expect(
      createDocument({ studioId: studio.id, createdById: people.backbone!.id, type: "RESEARCH_NOTE", title: "x", templateId: foreign.id }),
    ).rejects.toThrow("documents.errors.templateUnavailable");
  });

  it("lists a studio's documents page by page and a person's documents across their studios", async () => {
    const caseStudy = await buildDocument({ studio, createdBy: people.leader!, type: "CASE_STUDY" });
    const note = await buildDocument({ studio, createdBy: people.leader!, type: "RESEARCH_NOTE" });
    const list = await listStudioDocuments(studio.id, { page: 1, type: "CASE_STUDY" });
    expect(list.items.every((item) => item.type === "CASE_STUDY")).toBe(true);
    expect(list.items.map((item) => item.id)).toContain(caseStudy.id);
    expect(list.items.map((item) => item.id)).not.toContain(note.id);
    const mine = await listMyDocuments({ id: people.mentor!.id, roles: ["MENTOR"], collegeId: null }, { page: 1 });
    expect(mine.items.some((item) => item.studio?.id === studio.id)).toBe(true);
    const outsider = await listMyDocuments({ id: people.counselor!.id, roles: ["COUNSELOR"], collegeId: null }, { page: 1 });
    expect(outsider.total).toBe(0);
  });

  it("updates details and deletes with an audit record", async () => {
    const created = await newCaseStudy("将被删除");
    await updateDetails(created.id, people.backbone!.id, { title: "改过的标题", type: "CASE_STUDY", directionId, projectId: null, tags: ["心理", "新生"] });
    const updated = await prisma.document.findUniqueOrThrow({ where: { id: created.id } });
    expect(updated).toMatchObject({ title: "改过的标题", directionId, tags: ["心理", "新生"] });
    await deleteDocument(created.id, people.leader!.id);
    expect(await prisma.document.findUnique({ where: { id: created.id } })).toBeNull();
    expect(await prisma.auditLog.count({ where: { entityId: created.id, action: "document.delete" } })).toBe(1);
  });
});

describe("review workflow", () => {
  it("goes draft → in review → changes requested → in review → approved → published → draft, audited and notified", async () => {
    const { id } = await newCaseStudy("审阅流程");
    const mentor = people.mentor!;
    const before = await prisma.notification.count({ where: { userId: mentor.id } });

    await requestReview(id, people.backbone!, { directionId, reviewerIds: [mentor.id], note: "请赵老师重点看分析部分" });
    const document = await prisma.document.findUniqueOrThrow({ where: { id }, include: { reviews: true } });
    expect(document.status).toBe("IN_REVIEW");
    expect(document.reviews).toMatchObject([{ reviewerId: mentor.id, status: "PENDING" }]);
    expect(await prisma.notification.count({ where: { userId: mentor.id, type: "documents.notices.reviewRequested" } })).toBe(1);
    expect(await prisma.notification.count({ where: { userId: mentor.id } })).toBe(before + 1);
    expect((await listThreads(id)).map((t) => t.body)).toContain("请赵老师重点看分析部分");

    await decideReview(id, mentor, { decision: "CHANGES_REQUESTED", summary: "分析部分需结合理论" });
    expect((await prisma.document.findUniqueOrThrow({ where: { id } })).status).toBe("CHANGES_REQUESTED");
    expect(await prisma.notification.count({ where: { userId: people.backbone!.id, type: "documents.notices.changesRequested" } })).toBeGreaterThan(0);

    await requestReview(id, people.backbone!, { directionId, reviewerIds: [mentor.id], note: "" });
    await decideReview(id, mentor, { decision: "APPROVED", summary: "" });
    expect((await prisma.document.findUniqueOrThrow({ where: { id } })).status).toBe("APPROVED");
    await publishDocument(id, people.leader!);
    expect((await prisma.document.findUniqueOrThrow({ where: { id } })).status).toBe("PUBLISHED");
    await reopenDocument(id, people.leader!);
    const reopened = await prisma.document.findUniqueOrThrow({ where: { id }, include: { versions: { orderBy: { number: "asc" } } } });
    expect(reopened.status).toBe("DRAFT");
    expect(reopened.versions.filter((v) => v.reason === "STATUS_CHANGE").map((v) => v.status)).toEqual([
      "IN_REVIEW",
      "CHANGES_REQUESTED",
      "IN_REVIEW",
      "APPROVED",
      "PUBLISHED",
      "DRAFT",
    ]);
    const actions = (await prisma.auditLog.findMany({ where: { entityId: id }, orderBy: { id: "asc" } })).map((entry) => entry.action);
    expect(actions).toEqual([
      "document.create",
      "document.review-request",
      "document.review-request-changes",
      "document.review-request",
      "document.review-approve",
      "document.publish",
      "document.reopen",
    ]);
  });

  it("only asks the direction's confirmed mentors and refuses a decision that is no longer due", async () => {
    const { id } = await newCaseStudy("审阅限制");
    await expect(requestReview(id, people.backbone!, { directionId, reviewerIds: [people.counselor!.id], note: "" })).rejects.toThrow(
      "documents.errors.reviewerNotMentor",
    );
    await requestReview(id, people.backbone!, { directionId, reviewerIds: [people.mentor!.id, people.external!.id], note: "" });
    await decideReview(id, people.external!, { decision: "APPROVED", summary: "" });
    // The first decision settles the round: the other mentor's request is closed and they are told.
    await expect(decideReview(id, people.mentor!, { decision: "CHANGES_REQUESTED", summary: "晚了" })).rejects.toThrow("documents.errors.statusChanged");
    expect(await prisma.review.count({ where: { documentId: id, reviewerId: people.mentor!.id, status: "CANCELLED" } })).toBe(1);
    expect(await prisma.notification.count({ where: { userId: people.mentor!.id, type: "documents.notices.reviewSettled" } })).toBeGreaterThan(0);
    await expect(withdrawReview(id, people.backbone!)).rejects.toThrow("documents.errors.statusChanged");
  });

  it("lets the author withdraw a request, which cancels it and tells the mentor", async () => {
    const { id } = await newCaseStudy("撤回审阅");
    await requestReview(id, people.backbone!, { directionId, reviewerIds: [people.mentor!.id], note: "" });
    await withdrawReview(id, people.backbone!);
    expect((await prisma.document.findUniqueOrThrow({ where: { id } })).status).toBe("DRAFT");
    expect(await prisma.review.count({ where: { documentId: id, status: "CANCELLED" } })).toBe(1);
    expect(await prisma.notification.count({ where: { userId: people.mentor!.id, type: "documents.notices.reviewWithdrawn" } })).toBeGreaterThan(0);
  });
});

describe("comments", () => {
  it("reads @mentions by the longest matching name", () => {
    const found = findMentions("请 @王小雨 和 @李雪 看看", [
      { id: "a", name: "王小" },
      { id: "b", name: "王小雨" },
      { id: "c", name: "李雪" },
    ]);
    expect(found.sort()).toEqual(["b", "c"]);
  });

  it("notifies people mentioned who can read the document, and the thread on a reply", async () => {
    const { id } = await newCaseStudy("评论");
    const anchor = { from: { type: null, tname: "default", item: { client: 1, clock: 2 }, assoc: 0 }, to: { type: null, tname: "default", item: { client: 1, clock: 5 }, assoc: 0 } };
    const thread = await addComment(id, people.backbone!, { body: `@${people.mentor!.name} @${people.counselor!.name} 请看这里`, anchor, quote: "背景" });
    expect(await prisma.notification.count({ where: { userId: people.mentor!.id, type: "documents.notices.mentioned" } })).toBe(1);
    // The counselor is not in the studio: mentioning them reveals nothing.
    expect(await prisma.notification.count({ where: { userId: people.counselor!.id, type: "documents.notices.mentioned" } })).toBe(0);
    await addComment(id, people.mentor!, { body: "已阅，建议补充理论依据", parentId: thread.id });
    expect(await prisma.notification.count({ where: { userId: people.backbone!.id, type: "documents.notices.replied" } })).toBeGreaterThan(0);

    let threads = await listThreads(id);
    expect(threads).toHaveLength(1);
    expect(threads[0]).toMatchObject({ quote: "背景", anchor, resolvedAt: null });
    expect(threads[0]!.replies.map((r) => r.body)).toEqual(["已阅，建议补充理论依据"]);

    await setResolved(threads[0]!.replies[0]!.id, people.leader!.id, true);
    threads = await listThreads(id);
    expect(threads[0]!.resolvedBy).toBe(people.leader!.name);
    await setResolved(thread.id, people.leader!.id, false);
    expect((await listThreads(id))[0]!.resolvedAt).toBeNull();

    await deleteComment(thread.id);
    expect(await listThreads(id)).toEqual([]);
    expect(await prisma.comment.count({ where: { documentId: id } })).toBe(0);
  });
});

describe("versions", () => {
  it("saves named versions, shows a readable diff and restores as a new version without losing anything", async () => {
    const { id } = await newCaseStudy("版本");
    const first = await createNamedVersion(id, people.backbone!.id, "初稿");
    await changeDocumentBody(id, people.backbone!.id, (ydoc) => replaceBody(ydoc, doc(h(2, "背景"), p("改写后的背景：小李近期情绪低落。"))));
    const diff = await diffVersions(id, first.number, null);
    expect(diff!.removed + diff!.changed).toBeGreaterThan(0);
    expect(diff!.lines.some((line) => line.type === "changed" && line.parts.some((part) => part.type === "added" && part.text.includes("小李")))).toBe(true);

    const restored = await restoreVersion(id, first.number, people.leader!.id);
    const body = text(stateToJSON(await currentState(id)));
    expect(body).toContain("反思与启示");
    expect(body).not.toContain("改写后的背景");
    const versions = await listVersions(id);
    // 1 初稿 (named), 2 the rewritten text kept before restoring, 3 the restore.
    expect(versions.items.map((v) => [v.number, v.reason])).toEqual([
      [3, "RESTORE"],
      [2, "AUTO"],
      [1, "NAMED"],
    ]);
    expect(restored.number).toBe(3);
    expect(text(stateToJSON((await prisma.documentVersion.findFirstOrThrow({ where: { documentId: id, number: 2 } })).yState))).toContain("改写后的背景");
    expect(await diffVersions(id, first.number, 3)).toMatchObject({ added: 0, removed: 0, changed: 0 });
    expect(await diffVersions(id, 99, null)).toBeNull();
  });
});

describe("images", () => {
  it("stores a PNG and refuses other types, empty and oversized files", async () => {
    const { id } = await newCaseStudy("图片");
    const uploaded = await uploadImage(id, people.backbone!.id, "示意图.png", pngImage(40, 30));
    expect(uploaded).toMatchObject({ width: 40, height: 30, url: `/documents/${id}/images/${uploaded.fileId}` });
    expect(await findDocumentImage(id, uploaded.fileId)).toMatchObject({ mimeType: "image/png", width: 40 });
    const other = await newCaseStudy("另一篇");
    expect(await findDocumentImage(other.id, uploaded.fileId)).toBeNull();
    await expect(uploadImage(id, people.backbone!.id, "x.svg", Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'))).rejects.toThrow(
      "documents.errors.imageType",
    );
    await expect(uploadImage(id, people.backbone!.id, "empty.png", Buffer.alloc(0))).rejects.toThrow("documents.errors.imageEmpty");
    const huge = Buffer.concat([pngImage(2, 2), Buffer.alloc(5 * 1024 * 1024)]);
    await expect(uploadImage(id, people.backbone!.id, "huge.png", huge)).rejects.toThrow("documents.errors.imageTooLarge");
  });
});

describe("import", () => {
  it("turns a Word file into a document with headings, lists, a table and its picture", async () => {
    const result = await importFile({ studioId: studio.id, userId: people.backbone!.id, filename: "案例.docx", bytes: await sampleDocx(), type: "CASE_STUDY" });
    expect(result).toMatchObject({ title: "新生适应期心理危机案例", images: 1, skippedImages: 0 });
    const json = stateToJSON(await currentState(result.documentId));
    const types = json.content!.map((node) => node.type);
    expect(types).toEqual(expect.arrayContaining(["heading", "paragraph", "bulletList", "table", "image"]));
    expect(text(json)).toContain("情绪持续低落");
    expect(text(json)).toMatch(/"marks":\[\{"type":"bold"\}\],"text":"情绪持续低落"/);
    const image = json.content!.find((node) => node.type === "image")!;
    expect(image.attrs!.src).toMatch(new RegExp(`^/documents/${result.documentId}/images/`));
    expect(await prisma.documentImage.count({ where: { documentId: result.documentId } })).toBe(1);
    const document = await prisma.document.findUniqueOrThrow({ where: { id: result.documentId } });
    expect(document).toMatchObject({ type: "CASE_STUDY", title: "新生适应期心理危机案例" });
    expect(document.plainText).toContain("第一周");
  });

  it("imports Markdown, keeping task lists and tables and stripping unsafe HTML", async () => {
    const markdown = [
      "# 例会纪要",
      "",
      "- [x] 完成问卷",
      "- [ ] 整理访谈",
      "",
      "| 时间 | 地点 |",
      "|---|---|",
      "| 周三 | 306 |",
      "",
      "<script>alert('x')</script><img src=x onerror=alert(1)>",
      "",
      "[恶意链接](javascript:alert(1)) 和 [正常链接](https://www.moe.gov.cn/)",
      "",
      "![网上的图](https://example.com/a.png)",
      "",
      `![内嵌图](data:image/png;base64,${pngImage(3, 3).toString("base64")})`,
    ].join("\n");
    const result = await importFile({ studioId: studio.id, userId: people.backbone!.id, filename: "纪要.md", bytes: Buffer.from(markdown), type: "MEETING_MINUTES" });
    expect(result).toMatchObject({ title: "例会纪要", images: 1, skippedImages: 2 });
    const json = text(stateToJSON(await currentState(result.documentId)));
    expect(json).toContain('"type":"taskItem","attrs":{"checked":true}');
    expect(json).toContain('"type":"table"');
    expect(json).not.toMatch(/script|onerror|javascript:/i);
    expect(json).toContain("https://www.moe.gov.cn/");
    expect(json).toContain("［图片：网上的图］");
  });

  it("refuses other file types, empty files and broken Word files", async () => {
    const base = { studioId: studio.id, userId: people.backbone!.id, type: "RESEARCH_NOTE" as const };
    await expect(importFile({ ...base, filename: "a.doc", bytes: Buffer.from("x") })).rejects.toThrow("documents.errors.importType");
    await expect(importFile({ ...base, filename: "a.md", bytes: Buffer.alloc(0) })).rejects.toThrow("documents.errors.importEmpty");
    await expect(importFile({ ...base, filename: "a.docx", bytes: Buffer.from("PK not really a zip") })).rejects.toThrow("documents.errors.importUnreadable");
  });
});

describe("export", () => {
  let documentId: string;
  beforeAll(async () => {
    const result = await importFile({ studioId: studio.id, userId: people.backbone!.id, filename: "案例.docx", bytes: await sampleDocx(), type: "CASE_STUDY" });
    documentId = result.documentId;
  });

  it("writes Word with Chinese fonts, headings, the table and the picture", async () => {
    const file = await exportDocx(documentId, labels);
    const zip = file.toString("latin1");
    expect(file.subarray(0, 2).toString()).toBe("PK");
    expect(zip).toContain("word/media/");
    const html = (await mammoth.convertToHtml({ buffer: file })).value;
    expect(html).toContain("<h1>新生适应期心理危机案例</h1>");
    expect(html).toContain("<h2>背景</h2>");
    expect(html).toContain("<table>");
    expect(html).toContain("<img");
    expect(html).toContain("<strong>情绪持续低落</strong>");
  });

  it("writes Markdown and a self-contained HTML page", async () => {
    const markdown = await exportMarkdown(documentId);
    expect(markdown).toMatch(/^# /);
    expect(markdown).toContain("## 背景");
    expect(markdown).toContain("| 时间");
    expect(markdown).toContain("](data:image/png;base64,");
    const html = await exportHtml(documentId, labels);
    expect(html).toContain("<h2>背景</h2>");
    expect(html).toContain('src="data:image/png;base64,');
    expect(html).toContain("测试工作室 · 案例 · 草稿");
  });

  it("prints a PDF whose Chinese title is drawn in Noto Sans SC", async () => {
    const pdf = await exportPdf(documentId, labels);
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    expect(pdf.toString("latin1")).toMatch(/NotoSansSC/);
    const viewer = await launchChromium();
    try {
      expect(await pdfGlyphDifference(await viewer.newPage(), pdf, "新生适应期心理危机案例")).toBeGreaterThan(DISTINCT_GLYPHS);
    } finally {
      await viewer.close();
    }
  }, 60_000);

  it("says which browser is missing when CHROMIUM_PATH names one that does not exist", async () => {
    await closePdfBrowser();
    process.env.CHROMIUM_PATH = "/opt/no-such-chromium/chrome";
    try {
      const refusal = exportPdf(documentId, labels);
      await expect(refusal).rejects.toBeInstanceOf(ExportUnavailableError);
      await expect(refusal).rejects.toMatchObject({ key: "documents.errors.pdfUnavailable", params: { path: "/opt/no-such-chromium/chrome" } });
    } finally {
      delete process.env.CHROMIUM_PATH;
    }
  });
});
