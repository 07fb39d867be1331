import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import type { JSONContent } from "@tiptap/core";
import { generateHTML } from "@tiptap/html/server";
import { MarkdownManager } from "@tiptap/markdown";
import {
  AlignmentType,
  BorderStyle,
  Document as DocxDocument,
  ExternalHyperlink,
  HeadingLevel,
  ImageRun,
  LevelFormat,
  Packer,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type ParagraphChild,
} from "docx";
import type { Browser } from "playwright-core";
import { prisma } from "~/db/client.server.ts";
import type { MessageKey } from "~/i18n/keys.ts";
import { ChromiumNotFoundError, launchChromium } from "~/infra/chromium.server.ts";
import { singleton } from "~/infra/runtime.server.ts";
import { extensions, stateToJSON } from "./content.server.ts";
import { documentImages } from "./images.server.ts";
import { isAllowedLinkInText, markdownInlineText, markdownLinkTarget } from "./links.ts";
import { currentState } from "./live-body.server.ts";

/**
 * Exports: Word (.docx, docx), PDF (Chromium printing the HTML export with the Noto Sans SC web
 * font from npm), Markdown (Tiptap's serializer) and a self-contained HTML page. Images travel
 * inside each file, so an export opens anywhere without signing in.
 */
export const EXPORT_FORMATS = ["docx", "pdf", "md", "html"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** The export cannot be made on this server; `key` and `params` are the message for the person. */
export class ExportUnavailableError extends Error {
  constructor(
    readonly key: MessageKey,
    readonly params: Record<string, string> = {},
  ) {
    super(key);
  }
}

type Images = Awaited<ReturnType<typeof documentImages>>;

export interface ExportLabels {
  /** e.g. "“心晴”工作室 · 案例 · 已发布"; printed under the title. */
  subtitle: string;
}

async function load(documentId: string) {
  const document = await prisma.document.findUniqueOrThrow({ where: { id: documentId }, select: { id: true, title: true } });
  const json = stateToJSON(await currentState(documentId));
  const images = await documentImages(documentId);
  return { document, json, images };
}

/**
 * Replaces image URLs by data: URIs so the file stands alone. A picture that is not one of the
 * document's own uploads (a foreign URL, a tracking pixel) is left out: an export never makes its
 * reader's program fetch anything.
 */
function inlineImages(json: JSONContent, images: Images): JSONContent {
  if (!json.content) return json;
  const content = json.content.flatMap((child): JSONContent[] => {
    if (child.type !== "image") return [inlineImages(child, images)];
    const image = images.get(String(child.attrs?.src ?? ""));
    return image ? [{ ...child, attrs: { ...child.attrs, src: `data:${image.mimeType};base64,${image.bytes.toString("base64")}` } }] : [];
  });
  return { ...json, content: content.length || !json.content.length ? content : [{ type: "paragraph" }] };
}

/**
 * Markdown carries links and picture descriptions verbatim, so they are written here the way the
 * HTML export treats them: a link the link filter refuses (javascript:, data:, vbscript:, hidden
 * behind character references or whitespace) keeps its text and loses the link, and targets,
 * titles and descriptions are escaped so that they cannot end early and start markup of their own.
 */
function markdownSafe(json: JSONContent): JSONContent {
  if (json.type === "image") {
    const { alt, title } = json.attrs ?? {};
    return { ...json, attrs: { ...json.attrs, alt: alt ? markdownInlineText(String(alt)) : null, title: title ? markdownInlineText(String(title)) : null } };
  }
  if (json.marks?.length) {
    const marks = json.marks.flatMap((mark) => {
      if (mark.type !== "link") return [mark];
      const href = String(mark.attrs?.href ?? "");
      if (!href || !isAllowedLinkInText(href)) return [];
      const title = mark.attrs?.title ? markdownInlineText(String(mark.attrs.title)) : null;
      return [{ ...mark, attrs: { ...mark.attrs, href: markdownLinkTarget(href), title } }];
    });
    json = { ...json, marks };
  }
  return json.content ? { ...json, content: json.content.map(markdownSafe) } : json;
}

const escapeHtml = (value: string) =>
  value.replace(/[&<>"']/g, (char) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[char]!);

const PAGE_CSS = `
  body { font-family: var(--cjk-font), "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "WenQuanYi Micro Hei", sans-serif;
         max-width: 46rem; margin: 2.5rem auto; padding: 0 1.5rem; line-height: 1.8; color: #0f172a; font-size: 16px; }
  header { border-bottom: 1px solid #cbd5e1; margin-bottom: 1.5rem; }
  header h1 { font-size: 1.8rem; margin: 0 0 .25rem; }
  header p { color: #475569; margin: 0 0 1rem; font-size: .9rem; }
  h1 { font-size: 1.6rem; } h2 { font-size: 1.3rem; } h3 { font-size: 1.1rem; } h4 { font-size: 1rem; }
  h1, h2, h3, h4 { line-height: 1.4; margin: 1.4em 0 .6em; }
  p { margin: .5em 0; }
  table { border-collapse: collapse; width: 100%; margin: 1em 0; }
  th, td { border: 1px solid #94a3b8; padding: .35em .6em; vertical-align: top; }
  th { background: #f1f5f9; font-weight: 600; }
  td p, th p { margin: 0; }
  blockquote { border-left: 4px solid #cbd5e1; margin: 1em 0; padding: .1em 1em; color: #334155; }
  mark { background: #fef08a; }
  img { max-width: 100%; height: auto; }
  pre { background: #f1f5f9; padding: .75em 1em; overflow-x: auto; }
  ul[data-type="taskList"] { list-style: none; padding-left: .5em; }
  ul[data-type="taskList"] li { display: flex; gap: .5em; align-items: baseline; }
  ul[data-type="taskList"] li > label { flex: none; }
  ul[data-type="taskList"] li > div { flex: 1; }
  @page { size: A4; margin: 20mm 18mm; }
  @media print { body { margin: 0; max-width: none; padding: 0; } }
`;

function htmlPage(title: string, labels: ExportLabels, json: JSONContent, head = "", cjkFont = "sans-serif"): string {
  const body = generateHTML(json, extensions());
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>${head}
<style>:root { --cjk-font: ${cjkFont}; }${PAGE_CSS}</style></head>
<body><header><h1>${escapeHtml(title)}</h1><p>${escapeHtml(labels.subtitle)}</p></header>
<main>${body}</main></body></html>`;
}

export async function exportHtml(documentId: string, labels: ExportLabels): Promise<string> {
  const { document, json, images } = await load(documentId);
  return htmlPage(document.title, labels, inlineImages(json, images));
}

export async function exportMarkdown(documentId: string): Promise<string> {
  const { document, json, images } = await load(documentId);
  const manager = new MarkdownManager({ extensions: extensions() });
  // The title is plain text: nothing in it may become a link or markup.
  const title = document.title.replace(/[\\`*_[\]<>&!]/g, (char) => `\\${char}`);
  return `# ${title}\n\n${manager.serialize(markdownSafe(inlineImages(json, images))).trim()}\n`;
}

// ───────────────────────────── Word ─────────────────────────────

const BODY_FONT = { ascii: "Times New Roman", hAnsi: "Times New Roman", eastAsia: "宋体", cs: "Times New Roman" };
const HEADING_FONT = { ascii: "Arial", hAnsi: "Arial", eastAsia: "黑体", cs: "Arial" };
const CODE_FONT = { ascii: "Consolas", hAnsi: "Consolas", eastAsia: "宋体", cs: "Consolas" };
const HEADINGS = [HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3, HeadingLevel.HEADING_4];
/** Usable width of an A4 page with 2.5 cm margins, in pixels at 96 dpi. */
const MAX_IMAGE_WIDTH = 600;

interface RunStyle {
  bold?: boolean;
  italics?: boolean;
  underline?: boolean;
  strike?: boolean;
  highlight?: boolean;
  code?: boolean;
}

class WordWriter {
  private orderedLists = 0;
  constructor(private readonly images: Images) {}

  private runs(nodes: JSONContent[] | undefined, extra: RunStyle = {}): ParagraphChild[] {
    const children: ParagraphChild[] = [];
    for (const node of nodes ?? []) {
      if (node.type === "hardBreak") {
        children.push(new TextRun({ text: "", break: 1 }));
        continue;
      }
      if (node.type !== "text" || !node.text) continue;
      const marks = new Set((node.marks ?? []).map((mark) => mark.type));
      const style: RunStyle = {
        bold: extra.bold || marks.has("bold"),
        italics: extra.italics || marks.has("italic"),
        underline: extra.underline || marks.has("underline"),
        strike: extra.strike || marks.has("strike"),
        highlight: extra.highlight || marks.has("highlight"),
        code: extra.code || marks.has("code"),
      };
      const run = new TextRun({
        text: node.text,
        bold: style.bold,
        italics: style.italics,
        strike: style.strike,
        underline: style.underline ? {} : undefined,
        highlight: style.highlight ? "yellow" : undefined,
        font: style.code ? CODE_FONT : undefined,
      });
      const link = node.marks?.find((mark) => mark.type === "link");
      const href = String(link?.attrs?.href ?? "");
      children.push(/^(https?:|mailto:)/i.test(href) ? new ExternalHyperlink({ link: href, children: [new TextRun({ text: node.text, style: "Hyperlink" })] }) : run);
    }
    return children;
  }

  private image(node: JSONContent): Paragraph | null {
    const image = this.images.get(String(node.attrs?.src ?? ""));
    if (!image) return null;
    const type = image.mimeType === "image/png" ? "png" : image.mimeType === "image/gif" ? "gif" : "jpg";
    const scale = Math.min(1, MAX_IMAGE_WIDTH / image.width);
    return new Paragraph({
      alignment: AlignmentType.CENTER,
      children: [
        new ImageRun({
          type,
          data: image.bytes,
          transformation: { width: Math.round(image.width * scale), height: Math.round(image.height * scale) },
          altText: { name: String(node.attrs?.alt ?? "图片"), description: String(node.attrs?.alt ?? ""), title: String(node.attrs?.title ?? "") },
        }),
      ],
    });
  }

  blocks(nodes: JSONContent[] | undefined, context: { listLevel?: number; numbering?: string; quote?: boolean; task?: boolean | null; bold?: boolean } = {}): Array<Paragraph | Table> {
    const out: Array<Paragraph | Table> = [];
    for (const node of nodes ?? []) {
      switch (node.type) {
        case "heading": {
          const level = Math.min(4, Math.max(1, Number(node.attrs?.level ?? 1)));
          out.push(new Paragraph({ heading: HEADINGS[level - 1], children: this.runs(node.content) }));
          break;
        }
        case "paragraph": {
          const prefix = context.task === null || context.task === undefined ? [] : [new TextRun({ text: context.task ? "☑ " : "☐ " })];
          out.push(
            new Paragraph({
              children: [...prefix, ...this.runs(node.content, { bold: context.bold })],
              ...(context.numbering !== undefined
                ? context.numbering === "bullet"
                  ? { bullet: { level: context.listLevel ?? 0 } }
                  : { numbering: { reference: "ordered", level: context.listLevel ?? 0, instance: Number(context.numbering) } }
                : {}),
              ...(context.task !== undefined && context.task !== null ? { indent: { left: 360 * ((context.listLevel ?? 0) + 1) } } : {}),
              ...(context.quote ? { indent: { left: 567 }, border: { left: { style: BorderStyle.SINGLE, size: 12, color: "CBD5E1", space: 8 } } } : {}),
            }),
          );
          // Only an item's first paragraph carries its bullet or number.
          if (context.numbering !== undefined) context = { ...context, numbering: undefined, task: undefined };
          break;
        }
        case "bulletList":
        case "orderedList": {
          const numbering = node.type === "bulletList" ? "bullet" : String(++this.orderedLists);
          const level = context.listLevel === undefined ? 0 : context.listLevel + 1;
          for (const item of node.content ?? []) out.push(...this.blocks(item.content, { ...context, listLevel: level, numbering }));
          break;
        }
        case "taskList": {
          const level = context.listLevel === undefined ? 0 : context.listLevel + 1;
          for (const item of node.content ?? []) out.push(...this.blocks(item.content, { ...context, listLevel: level, task: item.attrs?.checked === true }));
          break;
        }
        case "blockquote":
          out.push(...this.blocks(node.content, { ...context, quote: true }));
          break;
        case "codeBlock":
          out.push(
            new Paragraph({
              shading: { type: ShadingType.CLEAR, fill: "F1F5F9", color: "auto" },
              children: (node.content ?? []).flatMap((child) =>
                (child.text ?? "").split("\n").map((line, index) => new TextRun({ text: line, font: CODE_FONT, break: index > 0 ? 1 : undefined })),
              ),
            }),
          );
          break;
        case "horizontalRule":
          out.push(new Paragraph({ border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: "94A3B8", space: 1 } }, children: [] }));
          break;
        case "image": {
          const paragraph = this.image(node);
          if (paragraph) out.push(paragraph);
          break;
        }
        case "table":
          out.push(this.table(node));
          break;
        default:
          out.push(...this.blocks(node.content, context));
      }
    }
    return out;
  }

  private table(node: JSONContent): Table {
    const rows = (node.content ?? []).map(
      (row) =>
        new TableRow({
          children: (row.content ?? []).map((cell) => {
            const header = cell.type === "tableHeader";
            const paragraphs = this.blocks(cell.content, { bold: header });
            return new TableCell({
              columnSpan: Number(cell.attrs?.colspan ?? 1),
              rowSpan: Number(cell.attrs?.rowspan ?? 1),
              shading: header ? { type: ShadingType.CLEAR, fill: "F1F5F9", color: "auto" } : undefined,
              children: paragraphs.length ? paragraphs : [new Paragraph("")],
            });
          }),
        }),
    );
    return new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows });
  }
}

export async function exportDocx(documentId: string, labels: ExportLabels): Promise<Buffer> {
  const { document, json, images } = await load(documentId);
  return wordFile(document.title, [
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(document.title)] }),
    new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: labels.subtitle, color: "475569", size: 20 })] }),
    ...wordBlocks(json, images),
  ]);
}

/** A Tiptap body as Word paragraphs and tables, its own pictures inside (also the minutes in a meeting's archive file). */
export function wordBlocks(json: JSONContent, images: Images): Array<Paragraph | Table> {
  return new WordWriter(images).blocks(json.content);
}

/** A .docx of these blocks with the export's fonts for Chinese (宋体 body, 黑体 headings), heading styles and list numbering. */
export async function wordFile(title: string, children: Array<Paragraph | Table>): Promise<Buffer> {
  const docx = new DocxDocument({
    title,
    creator: "辅导员工作室协同平台",
    styles: {
      default: {
        document: { run: { font: BODY_FONT, size: 24 }, paragraph: { spacing: { line: 360, after: 120 } } },
        heading1: { run: { font: HEADING_FONT, size: 32, bold: true, color: "0F172A" }, paragraph: { spacing: { before: 360, after: 180 } } },
        heading2: { run: { font: HEADING_FONT, size: 28, bold: true, color: "0F172A" }, paragraph: { spacing: { before: 300, after: 150 } } },
        heading3: { run: { font: HEADING_FONT, size: 26, bold: true, color: "0F172A" }, paragraph: { spacing: { before: 240, after: 120 } } },
        heading4: { run: { font: HEADING_FONT, size: 24, bold: true, color: "0F172A" }, paragraph: { spacing: { before: 200, after: 100 } } },
        title: { run: { font: HEADING_FONT, size: 40, bold: true, color: "0F172A" }, paragraph: { alignment: AlignmentType.CENTER, spacing: { after: 120 } } },
      },
    },
    numbering: {
      config: [
        {
          reference: "ordered",
          levels: [0, 1, 2, 3, 4].map((level) => ({
            level,
            format: level % 2 === 0 ? LevelFormat.DECIMAL : LevelFormat.LOWER_LETTER,
            text: `%${level + 1}.`,
            alignment: AlignmentType.START,
            style: { paragraph: { indent: { left: 720 * (level + 1), hanging: 360 } } },
          })),
        },
      ],
    },
    sections: [{ properties: { page: { margin: { top: 1440, bottom: 1440, left: 1417, right: 1417 } } }, children }],
  });
  return Packer.toBuffer(docx);
}

// ───────────────────────────── PDF ─────────────────────────────

const FONT_DIR = path.dirname(createRequire(import.meta.url).resolve("@fontsource-variable/noto-sans-sc/package.json"));
const PDF_ORIGIN = "http://fudao.pdf";

/** One browser, started on the first PDF and closed after a minute without work. */
const printer = singleton("pdfPrinter", () => ({ browser: null as Promise<Browser> | null, timer: null as NodeJS.Timeout | null, busy: 0 }));

async function browser(): Promise<Browser> {
  if (!printer.browser) {
    printer.browser = launchChromium().catch((error: unknown) => {
      printer.browser = null;
      if (error instanceof ChromiumNotFoundError) throw new ExportUnavailableError("documents.errors.pdfUnavailable", { path: error.configuredPath });
      throw error;
    });
  }
  return printer.browser;
}

function scheduleBrowserClose() {
  if (printer.timer) clearTimeout(printer.timer);
  printer.timer = setTimeout(() => void closePdfBrowser(), 60_000);
  printer.timer.unref();
}

export async function closePdfBrowser(): Promise<void> {
  if (printer.timer) clearTimeout(printer.timer);
  const current = printer.browser;
  printer.browser = null;
  if (current && printer.busy === 0) await (await current.catch(() => null))?.close();
}

export async function exportPdf(documentId: string, labels: ExportLabels): Promise<Buffer> {
  const { document: meta, json, images } = await load(documentId);
  const html = htmlPage(
    meta.title,
    labels,
    inlineImages(json, images),
    `<link rel="stylesheet" href="${PDF_ORIGIN}/fonts/index.css">`,
    `"Noto Sans SC Variable"`,
  );
  printer.busy += 1;
  try {
    const context = await (await browser()).newContext({ javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      // The page and its fonts are served from memory and node_modules; nothing leaves the machine.
      await page.route("**/*", async (route) => {
        const url = new URL(route.request().url());
        if (url.origin !== PDF_ORIGIN) return route.abort();
        if (url.pathname === "/") return route.fulfill({ contentType: "text/html; charset=utf-8", body: html });
        const file = path.join(FONT_DIR, path.normalize(url.pathname.replace(/^\/fonts\//, "")));
        if (!file.startsWith(FONT_DIR) || !fs.existsSync(file)) return route.fulfill({ status: 404, body: "" });
        return route.fulfill({ path: file, contentType: file.endsWith(".css") ? "text/css" : "font/woff2" });
      });
      await page.goto(`${PDF_ORIGIN}/`, { waitUntil: "load" });
      await page.evaluate(() => document.fonts.ready.then(() => true));
      return await page.pdf({
        format: "A4",
        printBackground: true,
        displayHeaderFooter: true,
        headerTemplate: "<span></span>",
        footerTemplate: `<div style="width:100%;font-size:9px;text-align:center;color:#64748b"><span class="pageNumber"></span> / <span class="totalPages"></span></div>`,
        margin: { top: "20mm", bottom: "20mm", left: "18mm", right: "18mm" },
      });
    } finally {
      await context.close();
    }
  } finally {
    printer.busy -= 1;
    scheduleBrowserClose();
  }
}

/** File name for a download: the title without characters file systems dislike. */
export function exportFileName(title: string, format: ExportFormat): string {
  const safe = title.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, " ").trim().slice(0, 80) || "document";
  return `${safe}.${format}`;
}
