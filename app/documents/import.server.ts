import crypto from "node:crypto";
import path from "node:path";
import type { JSONContent } from "@tiptap/core";
import { generateJSON } from "@tiptap/html/server";
import mammoth from "mammoth";
import { Marked, type Tokens } from "marked";
import sanitizeHtml from "sanitize-html";
import type { DocumentType } from "~/generated/prisma/enums.ts";
import { UserError } from "~/lib/user-error.ts";
import { getSchoolSettings } from "~/settings/school-settings.server.ts";
import { formatCount, jsonTextLength } from "./body-limit.ts";
import { extensions } from "./content.server.ts";
import { createDocument } from "./documents.server.ts";
import { attachImage, checkImage, imageUrl, writeImageFile, type CheckedImage } from "./images.server.ts";

/**
 * Import of existing material (Chinese schools live in Word): .docx through mammoth, Markdown
 * through marked; both become HTML, which a maintained sanitizer (sanitize-html) reduces to what
 * the editor knows — headings, paragraphs, lists, task lists, tables, quotes, links, images —
 * before Tiptap turns it into a document. Scripts, styles, event handlers, iframes and
 * javascript: links never get through. Images are checked like uploads and stored with the document.
 */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;
export const IMPORT_EXTENSIONS = [".docx", ".md", ".markdown"] as const;

const IMAGE_PLACEHOLDER = "fudao-image:";

/** Word's and WPS's Chinese style names, besides the English ones mammoth knows. */
const STYLE_MAP = [
  "p[style-name='标题'] => h1:fresh",
  "p[style-name='Title'] => h1:fresh",
  "p[style-name='标题 1'] => h1:fresh",
  "p[style-name='标题 2'] => h2:fresh",
  "p[style-name='标题 3'] => h3:fresh",
  "p[style-name='标题 4'] => h4:fresh",
  "p[style-name='引用'] => blockquote > p:fresh",
  "p[style-name='Quote'] => blockquote > p:fresh",
  "highlight => mark",
];

/**
 * Only what the editor can show survives. Embedded pictures (data: URIs) are moved into `images`
 * and replaced by placeholders, to be checked and stored like uploads.
 */
export function sanitize(html: string, images: Uint8Array[] = []): string {
  return sanitizeHtml(html, {
    transformTags: {
      img: (tagName, attribs) => {
        const src = attribs.src ?? "";
        if (src.startsWith("data:")) {
          const bytes = dataUriBytes(src);
          if (bytes) {
            images.push(bytes);
            return { tagName, attribs: { ...attribs, src: `${IMAGE_PLACEHOLDER}${images.length - 1}` } };
          }
          const { src: _dropped, ...rest } = attribs;
          return { tagName, attribs: rest };
        }
        return { tagName, attribs };
      },
    },
    allowedTags: [
      "h1", "h2", "h3", "h4", "h5", "h6", "p", "br", "hr", "blockquote", "pre", "code",
      "ul", "ol", "li", "table", "thead", "tbody", "tfoot", "tr", "th", "td",
      "strong", "b", "em", "i", "u", "s", "strike", "del", "mark", "a", "img",
    ],
    allowedAttributes: {
      a: ["href"],
      img: ["src", "alt", "title"],
      td: ["colspan", "rowspan"],
      th: ["colspan", "rowspan"],
      ol: ["start"],
      ul: [{ name: "data-type", multiple: false, values: ["taskList"] }],
      li: [
        { name: "data-type", multiple: false, values: ["taskItem"] },
        { name: "data-checked", multiple: false, values: ["true", "false"] },
      ],
    },
    allowedSchemes: ["http", "https", "mailto"],
    allowedSchemesByTag: { img: ["fudao-image", "http", "https"] },
    allowProtocolRelative: false,
    disallowedTagsMode: "discard",
  });
}

const markdown = new Marked({ gfm: true, async: false });
markdown.use({
  renderer: {
    // GitHub task lists become the editor's task lists.
    list(token: Tokens.List) {
      if (!token.items.some((item) => item.task)) return false;
      const items = token.items.map(
        (item) => `<li data-type="taskItem" data-checked="${item.checked ? "true" : "false"}">${this.parser.parse(item.tokens)}</li>`,
      );
      return `<ul data-type="taskList">${items.join("")}</ul>`;
    },
  },
});

interface Converted {
  html: string;
  images: Uint8Array[];
  /** Characters of the source text (Markdown). */
  source: number;
}

async function fromDocx(bytes: Uint8Array): Promise<Converted> {
  const images: Uint8Array[] = [];
  let result: { value: string };
  try {
    result = await mammoth.convertToHtml(
      { buffer: Buffer.from(bytes) },
      {
        styleMap: STYLE_MAP,
        convertImage: mammoth.images.imgElement(async (image) => {
          images.push(new Uint8Array(await image.readAsBuffer()));
          return { src: `${IMAGE_PLACEHOLDER}${images.length - 1}` };
        }),
      },
    );
  } catch {
    throw new UserError("documents.errors.importUnreadable", {}, { status: 400 });
  }
  return { html: result.value, images, source: 0 };
}

/** Markdown longer than `limit` characters is not parsed (the caller refuses it). */
function fromMarkdown(bytes: Uint8Array, resolveImage: ((src: string) => Uint8Array | null) | undefined, limit: number): Converted {
  const source = new TextDecoder("utf-8", { fatal: false }).decode(bytes).replace(/^\uFEFF/, "");
  const images: Uint8Array[] = [];
  if (source.length > limit) return { html: "", images, source: source.length };
  let html = markdown.parse(source) as string;
  // Pictures next to the Markdown file (bulk import from a folder) are taken along.
  if (resolveImage) {
    html = html.replace(/<img([^>]*?)src="([^"]+)"/g, (whole, before: string, src: string) => {
      if (/^[a-z]+:/i.test(src)) return whole;
      const data = resolveImage(decodeURIComponent(src));
      if (!data) return whole;
      images.push(data);
      return `<img${before}src="${IMAGE_PLACEHOLDER}${images.length - 1}"`;
    });
  }
  return { html, images, source: source.length };
}

function dataUriBytes(src: string): Uint8Array | null {
  const match = /^data:image\/[a-z0-9.+-]+;base64,([a-z0-9+/=\s]+)$/i.exec(src);
  return match ? new Uint8Array(Buffer.from(match[1]!, "base64")) : null;
}

/**
 * The text length of sanitized HTML as the editor will count it: tags dropped, an entity one
 * character, whitespace runs one space, none at the edges of tags (between blocks). Close to the
 * exact count, which needs the expensive conversion; a check before it (decision 097).
 */
export function htmlTextLength(html: string): number {
  return html
    .replace(/&(?:#[0-9]+|#x[0-9a-f]+|[a-z][a-z0-9]*);/gi, "x")
    .replace(/\s*<[^>]*>\s*/g, "\u0000")
    .replace(/\s+/g, " ")
    .replaceAll("\u0000", "").length;
}

/** Markup never doubles a Markdown file's text: a source this much longer than the limit is refused unread. */
const MARKDOWN_MARKUP_ALLOWANCE = 2;

function tooLong(max: number, length: number): UserError {
  return new UserError("documents.errors.bodyTooLong", { max: formatCount(max), length: formatCount(length) }, { status: 413 });
}

export interface ImportResult {
  documentId: string;
  title: string;
  images: number;
  /** Pictures left out (wrong type, too large, or on another site). */
  skippedImages: number;
}

/** The first heading of the body, else the file name without its extension. */
function titleOf(json: JSONContent, filename: string): string {
  const heading = json.content?.find((node) => node.type === "heading");
  const fromHeading = heading?.content?.map((node) => node.text ?? "").join("").trim();
  const fromName = path.basename(filename).replace(/\.(docx|md|markdown)$/i, "").trim();
  return (fromHeading || fromName || "导入的文档").slice(0, 120);
}

export async function importFile(input: {
  studioId: string;
  userId: string;
  filename: string;
  bytes: Uint8Array;
  type: DocumentType;
  resolveImage?: (src: string) => Uint8Array | null;
  /** The longest body in characters; the school's setting when not given. */
  maxChars?: number;
}): Promise<ImportResult> {
  const ext = path.extname(input.filename).toLowerCase();
  if (!(IMPORT_EXTENSIONS as readonly string[]).includes(ext)) throw new UserError("documents.errors.importType", {}, { status: 400 });
  if (input.bytes.length === 0) throw new UserError("documents.errors.importEmpty", {}, { status: 400 });
  if (input.bytes.length > MAX_IMPORT_BYTES) throw new UserError("documents.errors.importTooLarge", {}, { status: 400 });
  const maxChars = input.maxChars ?? (await getSchoolSettings()).documentMaxChars;
  // Nothing goes through the expensive conversion (happy-dom, Yjs: hundreds of megabytes for a
  // few megabytes of text) that cannot fit; the exact count follows it.
  const converted = ext === ".docx" ? await fromDocx(input.bytes) : fromMarkdown(input.bytes, input.resolveImage, maxChars * MARKDOWN_MARKUP_ALLOWANCE);
  if (ext !== ".docx" && converted.source > maxChars * MARKDOWN_MARKUP_ALLOWANCE) throw tooLong(maxChars, converted.source);
  const html = sanitize(converted.html, converted.images);
  const approximate = htmlTextLength(html);
  if (approximate > maxChars) throw tooLong(maxChars, approximate);
  const json = generateJSON(html, extensions()) as JSONContent;
  const length = jsonTextLength(json);
  if (length > maxChars) throw tooLong(maxChars, length);

  const documentId = crypto.randomUUID();
  const images: Array<{ fileId: string; image: CheckedImage; storagePath: string }> = [];
  let skippedImages = 0;
  const rewrite = (node: JSONContent): JSONContent | null => {
    if (node.type === "image") {
      const src = String(node.attrs?.src ?? "");
      const bytes = src.startsWith(IMAGE_PLACEHOLDER) ? (converted.images[Number(src.slice(IMAGE_PLACEHOLDER.length))] ?? null) : null;
      try {
        // Not embedded in the file (e.g. on the web): skipped like an unreadable one, below.
        if (!bytes) throw new Error("image not embedded");
        const image = checkImage(bytes);
        const fileId = crypto.randomUUID();
        images.push({ fileId, image, storagePath: writeImageFile(image) });
        return { type: "image", attrs: { src: imageUrl(documentId, fileId), alt: node.attrs?.alt ?? null, title: node.attrs?.title ?? null, width: image.width, height: image.height } };
      } catch {
        skippedImages += 1;
        // Keep a trace of what was there: the description, and a link when it was on the web.
        const alt = String(node.attrs?.alt ?? "").trim();
        const label = `［图片${alt ? `：${alt}` : ""}］`;
        return /^https?:/i.test(src)
          ? { type: "paragraph", content: [{ type: "text", text: label, marks: [{ type: "link", attrs: { href: src } }] }] }
          : alt
            ? { type: "paragraph", content: [{ type: "text", text: label }] }
            : null;
      }
    }
    if (!node.content) return node;
    return { ...node, content: node.content.map(rewrite).filter((child): child is JSONContent => child !== null) };
  };
  const content = rewrite(json) ?? { type: "doc", content: [] };
  if (!content.content?.length) content.content = [{ type: "paragraph" }];
  const title = titleOf(content, input.filename);

  await createDocument({
    id: documentId,
    studioId: input.studioId,
    createdById: input.userId,
    type: input.type,
    title,
    content,
    audit: { importedFrom: path.basename(input.filename) },
    extra: async (tx, id) => {
      for (const image of images) {
        await attachImage(tx, { documentId: id, userId: input.userId, name: `${title}-${image.fileId.slice(0, 8)}.${image.image.ext}`, fileId: image.fileId, image: image.image, storagePath: image.storagePath });
      }
    },
  });
  return { documentId, title, images: images.length, skippedImages };
}
