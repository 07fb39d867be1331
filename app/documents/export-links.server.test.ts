import type { JSONContent } from "@tiptap/core";
import { Marked, type Token } from "marked";
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/db/client.server.ts";
import { buildStudio } from "../../tests/support/factories.ts";
import { pngImage } from "../../tests/support/fixtures.ts";
import { jsonToState } from "./content.server.ts";
import { createDocument } from "./documents.server.ts";
import { exportHtml, exportMarkdown } from "./export.server.ts";
import { uploadImage } from "./images.server.ts";

/**
 * What leaves the app in an export: a link the editor would not follow is no link in the file
 * either, and a picture that is not the document's own is not in it at all.
 */
const labels = { subtitle: "测试工作室 · 研究笔记 · 草稿" };
let studioId: string;
let authorId: string;

beforeAll(async () => {
  const studio = await buildStudio();
  studioId = studio.id;
  authorId = studio.backbone[0]!.id;
});

const DANGEROUS = [
  "javascript:alert(1)",
  "JaVaScRiPt:alert(1)",
  " javascript:alert(1)",
  "java\tscript:alert(1)",
  "\u0001javascript:alert(1)",
  "&#106;avascript:alert(1)",
  "&#x6A;avascript&#x3A;alert(1)",
  "javascript&colon;alert(1)",
  "jav&#x0A;ascript:alert(1)",
  "&amp;#106;avascript:alert(1)",
  "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
  "vbscript:msgbox(1)",
];
const SAFE = ["https://www.moe.gov.cn/", "mailto:xinqing@example.edu.cn", "/documents/abc"];
/** Allowed targets whose text tries to end the Markdown link early and start one of its own. */
const BREAKOUTS = ["https://ok.example/a) [再点](javascript:alert(1)", "https://ok.example/a> <javascript:alert(1)>", "https://ok.example/\\"];

const linked = (text: string, href: string, title?: string): JSONContent => ({
  type: "paragraph",
  content: [{ type: "text", text, marks: [{ type: "link", attrs: { href, title: title ?? null } }] }],
});

async function documentWith(title: string, content: JSONContent[]) {
  const created = await createDocument({ studioId, createdById: authorId, type: "RESEARCH_NOTE", title, content: { type: "doc", content } });
  return created.id;
}

/** Every link and image target a Markdown reader (here marked, a CommonMark renderer) makes of the file. */
function targets(markdown: string): { links: string[]; images: string[] } {
  const links: string[] = [];
  const images: string[] = [];
  new Marked().walkTokens(new Marked().lexer(markdown), (token: Token) => {
    if (token.type === "link") links.push(token.href);
    if (token.type === "image") images.push(token.href);
  });
  return { links, images };
}

const scheme = (href: string) => /^([a-z][a-z0-9+.-]*):/i.exec(href.replace(/[\u0000-\u0020\u007f]/g, ""))?.[1]?.toLowerCase() ?? null;

describe("the Markdown export", () => {
  it("writes no javascript:, data: or vbscript: link, however it is spelled, and keeps the link text", async () => {
    const id = await documentWith(
      "链接过滤",
      DANGEROUS.map((href, index) => linked(`危险链接${index}`, href)),
    );
    const markdown = await exportMarkdown(id);
    for (const index of DANGEROUS.keys()) expect(markdown).toContain(`危险链接${index}`);
    const { links } = targets(markdown);
    expect(links).toEqual([]);
    expect(markdown).not.toMatch(/javascript|vbscript|data:text/i);
  });

  it("keeps web, mail and in-app links", async () => {
    const id = await documentWith(
      "正常链接",
      SAFE.map((href, index) => linked(`正常链接${index}`, href)),
    );
    const { links } = targets(await exportMarkdown(id));
    expect(links).toEqual(SAFE);
  });

  it("escapes targets, titles and descriptions so that none of them starts a link of its own", async () => {
    const id = await documentWith("[标题](javascript:alert(1))", [
      ...BREAKOUTS.map((href, index) => linked(`越界${index}`, href)),
      linked("带标题", "https://ok.example/t", '标题" onclick="x'),
    ]);
    const markdown = await exportMarkdown(id);
    const { links } = targets(markdown);
    // Each target arrives whole (spaces percent-encoded, as a browser sends them).
    expect(links).toEqual([...BREAKOUTS.map((href) => href.replaceAll(" ", "%20")), "https://ok.example/t"]);
    expect(links.map(scheme)).toEqual(links.map(() => "https"));
    expect(markdown.split("\n")[0]).toBe("# \\[标题\\](javascript:alert(1))");
  });
});

describe("pictures in exports", () => {
  it("carries the document's own picture inside the file and leaves foreign ones out", async () => {
    const paragraph: JSONContent = { type: "paragraph", content: [{ type: "text", text: "正文" }] };
    const id = await documentWith("图片来源", [paragraph]);
    const own = await uploadImage(id, authorId, "现场.png", new Uint8Array(pngImage(6, 4)));
    const other = await documentWith("另一篇文档", [paragraph]);
    const othersImage = await uploadImage(other, authorId, "别处.png", new Uint8Array(pngImage(5, 5)));
    // A body stored before images were checked: a tracking pixel, another document's image, its own.
    await prisma.document.update({
      where: { id },
      data: {
        yState: jsonToState({
          type: "doc",
          content: [
            { type: "image", attrs: { src: "https://evil.example/p.png", alt: "跟踪像素](https://evil.example/q.png)" } },
            { type: "image", attrs: { src: othersImage.url, alt: "别的文档的图" } },
            { type: "image", attrs: { src: own.url, alt: "现场照片" } },
            paragraph,
          ],
        }),
      },
    });
    const markdown = await exportMarkdown(id);
    const html = await exportHtml(id, labels);
    for (const file of [markdown, html]) {
      expect(file).not.toContain("evil.example");
      expect(file).not.toContain(other);
      expect(file).toContain("data:image/png;base64,");
    }
    expect(targets(markdown).images.map((src) => src.slice(0, 22))).toEqual(["data:image/png;base64,"]);
    expect(html.match(/<img /g)).toHaveLength(1);
  });
});
