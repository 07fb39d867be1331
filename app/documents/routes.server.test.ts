import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { collabSettings, stopCollabWorker } from "~/collab/collab-socket.server.ts";
import { connectCollaboration } from "~/composition/collaboration.server.ts";
import { prisma } from "~/db/client.server.ts";
import { buildCast, buildDocument, buildStudio, type Cast } from "../../tests/support/factories.ts";
import { asUser as asUsername, cookieFor } from "../../tests/support/signed-in.ts";
import { addComment } from "./comments.server.ts";
import { createNamedVersion } from "./versions.server.ts";

/**
 * The document pages' actions on the one protocol (decision 054): the document page's intents,
 * the studio's document list and the import page. Each authorises through the policy (403 and
 * nothing written), answers bad input with the field's Chinese error (400), and every destructive
 * intent asks first: nothing changes until the post says `confirmed=yes`.
 */
let cast: Cast;
let studioId: string;
type Who = "admin" | "leader" | "backbone" | "mentor" | "outsider";
const asUser = (who: Who, ...rest: Parameters<typeof asUsername> extends [unknown, ...infer R] ? R : never) => asUsername(cast[who].username, ...rest);
const reply = (response: { data: unknown }) =>
  response.data as { intent: string; status: string; notice?: string; error?: string; confirm?: { message: string; fields: Array<[string, string]> }; data?: unknown };

// The route modules load once, before the tests (their first import compiles much of the app).
let page: typeof import("~/routes/documents.$documentId.tsx");
let list: typeof import("~/routes/studios.$studioId.documents._index.tsx");
let importer: typeof import("~/routes/studios.$studioId.documents.import.tsx");
beforeAll(async () => {
  collabSettings.saveDebounceMs = 20;
  collabSettings.unloadDelayMs = 50;
  // Restoring a version and locking a document for review go through the collaboration worker, as in the app.
  connectCollaboration();
  cast = await buildCast();
  studioId = cast.studio.id;
  [page, list, importer] = await Promise.all([
    import("~/routes/documents.$documentId.tsx"),
    import("~/routes/studios.$studioId.documents._index.tsx"),
    import("~/routes/studios.$studioId.documents.import.tsx"),
  ]);
});

afterAll(async () => {
  await stopCollabWorker();
});

const newDocument = (title: string) => buildDocument({ studio: cast.studio, createdBy: cast.backbone, title });
const post = (who: Who, documentId: string, form: Record<string, string | string[]>) =>
  asUser(who, page.action, `/documents/${documentId}`, { params: { documentId }, form });
const statusOf = async (id: string) => (await prisma.document.findUniqueOrThrow({ where: { id } })).status;

describe("the document page (documents/:id)", () => {
  it("refuses people who may not: an outsider cannot comment, the mentor cannot edit details", async () => {
    const document = await newDocument("路由测试：拒绝");
    expect((await post("outsider", document.id, { intent: "comment", body: "外人的评论" })).status).toBe(403);
    expect(await prisma.comment.count({ where: { documentId: document.id } })).toBe(0);
    const details = await post("mentor", document.id, { intent: "details", title: "导师改的标题", type: "RESEARCH_NOTE" });
    expect(details.status).toBe(403);
    expect((await prisma.document.findUniqueOrThrow({ where: { id: document.id } })).title).toBe(document.title);
    // Saving as a school template is for 学工部 only, even for the studio's leader.
    expect((await post("leader", document.id, { intent: "save-template", name: "全校模板", scope: "school" })).status).toBe(403);
    expect(await prisma.template.count({ where: { name: "全校模板" } })).toBe(0);
  });

  it("answers bad input with the field's Chinese error and changes nothing", async () => {
    const document = await newDocument("路由测试：错误输入");
    const untitled = await post("backbone", document.id, { intent: "details", title: "", type: "RESEARCH_NOTE" });
    expect(untitled.status).toBe(400);
    expect(reply(untitled)).toMatchObject({ intent: "details", status: "error" });
    expect(JSON.stringify(untitled.data)).toContain("请填写标题。");
    expect((await prisma.document.findUniqueOrThrow({ where: { id: document.id } })).title).toBe(document.title);
    const empty = await post("mentor", document.id, { intent: "comment", body: "  " });
    expect(empty.status).toBe(400);
    expect(JSON.stringify(empty.data)).toContain("请填写评论内容。");
    expect((await post("backbone", document.id, { intent: "no-such-intent" })).status).toBe(400);
  });

  it("never sends a refused oversized comment back: 7 million characters answer a small reply in Chinese", async () => {
    const document = await newDocument("路由测试：超长评论");
    const refused = await post("mentor", document.id, { intent: "comment", body: "长".repeat(7_000_000) });
    expect(refused.status).toBe(400);
    const body = JSON.stringify(refused.data);
    expect(body.length).toBeLessThan(200_000);
    expect(body).toContain("评论最多 2000 个字。");
    expect(await prisma.comment.count({ where: { documentId: document.id } })).toBe(0);
    // A comment of an ordinary length still comes back with its error, so the person can correct it.
    const overByOne = await post("mentor", document.id, { intent: "comment", body: "短".repeat(2001) });
    expect((overByOne.data as { form: { initialValue: { body: string } } }).form.initialValue.body).toHaveLength(2001);
  });

  it("saves details and reports a broken rule as a sentence", async () => {
    const document = await newDocument("路由测试：详情");
    const saved = await post("backbone", document.id, { intent: "details", title: "路由测试：详情（改）", type: "CASE_STUDY", tags: "朋辈，访谈" });
    expect(reply(saved)).toMatchObject({ intent: "details", status: "success", notice: "详情已保存。" });
    expect(await prisma.document.findUniqueOrThrow({ where: { id: document.id } })).toMatchObject({ title: "路由测试：详情（改）", tags: ["朋辈", "访谈"] });
    const other = await buildStudio();
    const foreign = await post("backbone", document.id, { intent: "details", title: "x", type: "CASE_STUDY", directionId: other.directions[0]!.id });
    expect(reply(foreign)).toMatchObject({ status: "error", error: "所选研究方向不属于本工作室。" });
  });

  it("deleting a comment asks first, leaves another document's comment alone, and deletes once confirmed", async () => {
    const document = await newDocument("路由测试：删除评论");
    const comment = await addComment(document.id, cast.mentor, { body: "待删除的评论" });
    const asked = await post("mentor", document.id, { intent: "delete-comment", commentId: comment.id });
    expect(reply(asked)).toMatchObject({ intent: "delete-comment", status: "confirm", confirm: { message: "确定删除这条评论吗？如果是讨论的第一条，回复也会一并删除。" } });
    expect(reply(asked).confirm!.fields).toContainEqual(["commentId", comment.id]);
    expect(await prisma.comment.count({ where: { id: comment.id } })).toBe(1);
    // Only its author deletes it.
    expect((await post("backbone", document.id, { intent: "delete-comment", commentId: comment.id, confirmed: "yes" })).status).toBe(403);
    const elsewhere = await newDocument("路由测试：另一篇");
    expect((await post("mentor", elsewhere.id, { intent: "delete-comment", commentId: comment.id, confirmed: "yes" })).status).toBe(404);
    expect(await prisma.comment.count({ where: { id: comment.id } })).toBe(1);
    expect(reply(await post("mentor", document.id, { intent: "delete-comment", commentId: comment.id, confirmed: "yes" }))).toMatchObject({ status: "success" });
    expect(await prisma.comment.count({ where: { id: comment.id } })).toBe(0);
  });

  it("restoring a version asks first and restores once confirmed", async () => {
    const document = await newDocument("路由测试：恢复版本");
    await createNamedVersion(document.id, cast.backbone.id, "初稿");
    const versions = () => prisma.documentVersion.count({ where: { documentId: document.id } });
    const before = await versions();
    const asked = await post("backbone", document.id, { intent: "restore-version", number: "1" });
    expect(reply(asked)).toMatchObject({ status: "confirm", confirm: { message: "确定恢复到版本 1 吗？当前内容会先保存为一个版本，不会丢失。" } });
    expect(await versions()).toBe(before);
    expect((await post("mentor", document.id, { intent: "restore-version", number: "1", confirmed: "yes" })).status).toBe(403);
    const done = await post("backbone", document.id, { intent: "restore-version", number: "1", confirmed: "yes" });
    expect(reply(done)).toMatchObject({ status: "success", notice: expect.stringContaining("已恢复到版本 1") });
    expect(await versions()).toBeGreaterThan(before);
  });

  it("review steps: withdrawing, publishing and reopening each ask first and change nothing until confirmed", async () => {
    const document = await newDocument("路由测试：审阅");
    const directionId = cast.studio.directions[0]!.id;
    const request = { intent: "request", directionId, reviewerIds: [cast.mentor.id], note: "" };
    expect((await post("mentor", document.id, request)).status).toBe(403);
    const notAMentor = await post("backbone", document.id, { ...request, reviewerIds: [cast.leader.id] });
    expect(reply(notAMentor)).toMatchObject({ status: "error", error: "只能请该研究方向已确认的导师审阅。" });
    expect(reply(await post("backbone", document.id, request))).toMatchObject({ status: "success", notice: "已提交审阅请求。", data: { status: "IN_REVIEW" } });

    const withdraw = await post("backbone", document.id, { intent: "withdraw" });
    expect(reply(withdraw)).toMatchObject({ status: "confirm", confirm: { message: expect.stringContaining("撤回") } });
    expect(await statusOf(document.id)).toBe("IN_REVIEW");
    expect(reply(await post("backbone", document.id, { intent: "withdraw", confirmed: "yes" }))).toMatchObject({ status: "success", data: { status: "DRAFT" } });
    expect(await statusOf(document.id)).toBe("DRAFT");

    await post("backbone", document.id, request);
    const noReason = await post("mentor", document.id, { intent: "decide", decision: "CHANGES_REQUESTED", summary: "" });
    expect(noReason.status).toBe(400);
    expect(JSON.stringify(noReason.data)).toContain("需要修改时请写明审阅意见。");
    expect(reply(await post("mentor", document.id, { intent: "decide", decision: "APPROVED", summary: "" }))).toMatchObject({ status: "success", notice: "已审阅通过。" });

    expect(reply(await post("leader", document.id, { intent: "publish" }))).toMatchObject({ status: "confirm" });
    expect(await statusOf(document.id)).toBe("APPROVED");
    await post("leader", document.id, { intent: "publish", confirmed: "yes" });
    expect(await statusOf(document.id)).toBe("PUBLISHED");

    expect(reply(await post("leader", document.id, { intent: "reopen" }))).toMatchObject({ status: "confirm" });
    expect(await statusOf(document.id)).toBe("PUBLISHED");
    await post("leader", document.id, { intent: "reopen", confirmed: "yes" });
    expect(await statusOf(document.id)).toBe("DRAFT");
  });

  it("deleting the document asks first (naming it), is refused to the mentor, and goes back to the studio's list once confirmed", async () => {
    const document = await newDocument("路由测试：删除文档");
    const asked = await post("backbone", document.id, { intent: "delete" });
    expect(reply(asked)).toMatchObject({ intent: "delete", status: "confirm", confirm: { message: expect.stringContaining("确定删除《路由测试：删除文档》吗？") } });
    expect(await prisma.document.count({ where: { id: document.id } })).toBe(1);
    expect((await post("mentor", document.id, { intent: "delete", confirmed: "yes" })).status).toBe(403);
    const done = await post("backbone", document.id, { intent: "delete", confirmed: "yes" });
    expect(done.status).toBe(302);
    expect(done.response?.headers.get("Location")).toBe(`/studios/${studioId}/documents?deleted=${encodeURIComponent(document.title)}`);
    expect(await prisma.document.count({ where: { id: document.id } })).toBe(0);
  });
});

describe("the studio's document list (studios/:id/documents)", () => {
  const url = () => `/studios/${studioId}/documents`;

  it("the mentor may read but not start a document; a member starts one and opens it", async () => {
    const form = { intent: "create", title: "路由测试：新文档", type: "RESEARCH_NOTE" };
    expect((await asUser("mentor", list.action, url(), { params: { studioId }, form })).status).toBe(403);
    expect((await asUser("outsider", list.action, url(), { params: { studioId }, form })).status).toBe(403);
    expect(await prisma.document.count({ where: { studioId, title: form.title } })).toBe(0);
    const created = await asUser("backbone", list.action, url(), { params: { studioId }, form });
    expect(created.status).toBe(302);
    const document = await prisma.document.findFirstOrThrow({ where: { studioId, title: form.title } });
    expect(created.response?.headers.get("Location")).toBe(`/documents/${document.id}`);
  });

  it("a document without a title is refused with the field's Chinese error", async () => {
    const response = await asUser("backbone", list.action, url(), { params: { studioId }, form: { intent: "create", title: "", type: "RESEARCH_NOTE" } });
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.data)).toContain("请填写标题。");
  });

  it("deleting a template asks first, is the leader's, and another studio's template is not found", async () => {
    const template = await prisma.template.create({ data: { studioId, type: "RESEARCH_NOTE", name: "路由测试模板", content: { type: "doc", content: [] } } });
    const asked = await asUser("leader", list.action, url(), { params: { studioId }, form: { intent: "delete-template", templateId: template.id } });
    expect(reply(asked)).toMatchObject({ status: "confirm", confirm: { message: expect.stringContaining("路由测试模板") } });
    expect(await prisma.template.count({ where: { id: template.id } })).toBe(1);
    expect((await asUser("backbone", list.action, url(), { params: { studioId }, form: { intent: "delete-template", templateId: template.id, confirmed: "yes" } })).status).toBe(403);
    const other = await buildStudio();
    const foreign = await prisma.template.create({ data: { studioId: other.id, type: "RESEARCH_NOTE", name: "别家模板", content: { type: "doc", content: [] } } });
    expect((await asUser("leader", list.action, url(), { params: { studioId }, form: { intent: "delete-template", templateId: foreign.id, confirmed: "yes" } })).status).toBe(404);
    expect(await prisma.template.count({ where: { id: { in: [template.id, foreign.id] } } })).toBe(2);
    const done = await asUser("leader", list.action, url(), { params: { studioId }, form: { intent: "delete-template", templateId: template.id, confirmed: "yes" } });
    expect(reply(done)).toMatchObject({ status: "success", notice: "已删除模板。" });
    expect(await prisma.template.count({ where: { id: template.id } })).toBe(0);
  });
});

describe("importing files (studios/:id/documents/import)", () => {
  /** A multipart post, as the import page's form sends it. */
  const upload = async (who: Who, fields: Record<string, string>, files: Array<[name: string, content: Blob | string]>) => {
    const form = new FormData();
    for (const [name, value] of Object.entries(fields)) form.append(name, value);
    for (const [name, content] of files) form.append("files", typeof content === "string" ? new Blob([content], { type: "text/markdown" }) : content, name);
    const request = new Request(`http://localhost/studios/${studioId}/documents/import`, { method: "POST", headers: { Cookie: await cookieFor(cast[who].username) }, body: form });
    try {
      const result = (await importer.action({ request, params: { studioId }, context: {} })) as unknown as { data: unknown; init: { status?: number } | null };
      return { status: result.init?.status ?? 200, data: result.data };
    } catch (thrown) {
      if (thrown instanceof Response) return { status: thrown.status, data: null };
      throw thrown;
    }
  };

  it("refuses people who are not members before reading their files", async () => {
    const response = await upload("mentor", { intent: "import", type: "RESEARCH_NOTE" }, [["越权.md", "# 越权导入\n"]]);
    expect(response.status).toBe(403);
    expect(await prisma.document.count({ where: { title: "越权导入" } })).toBe(0);
  });

  it("asks for a type in Chinese, refuses a file too large, and imports each file or says why not", async () => {
    const untyped = await upload("backbone", { intent: "import" }, [["无类型.md", "# 无类型\n"]]);
    expect(untyped.status).toBe(400);
    expect(JSON.stringify(untyped.data)).toContain("请选择文档类型。");
    const huge = await upload("backbone", { intent: "import", type: "RESEARCH_NOTE" }, [["太大.md", new Blob([new Uint8Array(20 * 1024 * 1024 + 1)])]]);
    expect(huge.status).toBe(413);
    expect(reply(huge)).toMatchObject({ status: "error", error: "文件不能超过 20 MB。" });
    expect(await prisma.document.count({ where: { studioId, title: { in: ["无类型", "太大"] } } })).toBe(0);

    const done = await upload("backbone", { intent: "import", type: "MEETING_MINUTES" }, [
      ["纪要.md", "# 路由测试纪要\n\n- 议题一\n"],
      ["数据.xlsx", "not a document"],
    ]);
    expect(done.status).toBe(200);
    const results = (reply(done).data as { results: Array<{ file: string; ok: boolean; reason?: string }> }).results;
    expect(results).toEqual([
      expect.objectContaining({ file: "纪要.md", ok: true, title: "路由测试纪要" }),
      { file: "数据.xlsx", ok: false, reason: "只能导入 .docx 或 .md 文件。" },
    ]);
    expect(await prisma.document.count({ where: { studioId, title: "路由测试纪要", type: "MEETING_MINUTES" } })).toBe(1);
  });
});
