import type { JSONContent } from "@tiptap/core";
import { diffArrays } from "diff";

/**
 * A readable difference between two versions of a document: block by block (headings,
 * paragraphs, list items, table rows), and within a changed block word by word, with Chinese
 * split into words by the platform's ICU segmenter rather than character by character.
 */
export type BlockKind = "heading" | "paragraph" | "listItem" | "taskItem" | "tableRow" | "quote" | "code" | "image";

export interface Block {
  kind: BlockKind;
  text: string;
  level?: number;
}

export interface DiffPart {
  type: "same" | "added" | "removed";
  text: string;
}

export type DiffLine =
  | { type: "same" | "added" | "removed"; block: Block }
  | { type: "changed"; block: Block; parts: DiffPart[] };

function textOf(node: JSONContent): string {
  if (node.type === "text") return node.text ?? "";
  if (node.type === "hardBreak") return "\n";
  return (node.content ?? []).map(textOf).join("");
}

/** The blocks of a document, in reading order. */
export function blocksOf(doc: JSONContent): Block[] {
  const blocks: Block[] = [];
  const walk = (node: JSONContent, context: { kind: BlockKind } | null) => {
    switch (node.type) {
      case "heading":
        blocks.push({ kind: "heading", text: textOf(node), level: Number(node.attrs?.level ?? 1) });
        return;
      case "paragraph":
        blocks.push({ kind: context?.kind ?? "paragraph", text: textOf(node) });
        return;
      case "codeBlock":
        blocks.push({ kind: "code", text: textOf(node) });
        return;
      case "image":
        blocks.push({ kind: "image", text: String(node.attrs?.alt ?? "") });
        return;
      case "tableRow":
        blocks.push({ kind: "tableRow", text: (node.content ?? []).map((cell) => textOf(cell).replace(/\s+/g, " ").trim()).join(" | ") });
        return;
      case "listItem":
      case "taskItem": {
        const kind: BlockKind = node.type === "taskItem" ? "taskItem" : "listItem";
        // The item's own paragraphs take its kind; nested lists are walked as usual.
        for (const child of node.content ?? []) walk(child, child.type === "paragraph" ? { kind } : null);
        return;
      }
      case "blockquote":
        for (const child of node.content ?? []) walk(child, { kind: "quote" });
        return;
      default:
        for (const child of node.content ?? []) walk(child, context);
    }
  };
  walk(doc, null);
  return blocks.filter((block) => block.kind === "image" || block.text.trim() !== "");
}

const segmenter = new Intl.Segmenter("zh-CN", { granularity: "word" });

export function tokenize(text: string): string[] {
  return Array.from(segmenter.segment(text), (segment) => segment.segment);
}

function keyOf(block: Block): string {
  return `${block.kind}:${block.level ?? ""}:${block.text}`;
}

function diffText(before: string, after: string): DiffPart[] {
  const parts: DiffPart[] = [];
  for (const change of diffArrays(tokenize(before), tokenize(after))) {
    const type = change.added ? "added" : change.removed ? "removed" : "same";
    const text = change.value.join("");
    const last = parts[parts.length - 1];
    if (last && last.type === type) last.text += text;
    else parts.push({ type, text });
  }
  return parts;
}

/** Pairs removed and added blocks that sit at the same place into "changed" lines. */
export function diffBlocks(before: Block[], after: Block[]): DiffLine[] {
  const changes = diffArrays(before, after, { comparator: (a, b) => keyOf(a) === keyOf(b) });
  const lines: DiffLine[] = [];
  for (let i = 0; i < changes.length; i++) {
    const change = changes[i]!;
    if (change.removed && changes[i + 1]?.added) {
      const removed = change.value;
      const added = changes[i + 1]!.value;
      const paired = Math.min(removed.length, added.length);
      for (let j = 0; j < paired; j++) lines.push({ type: "changed", block: added[j]!, parts: diffText(removed[j]!.text, added[j]!.text) });
      for (const block of removed.slice(paired)) lines.push({ type: "removed", block });
      for (const block of added.slice(paired)) lines.push({ type: "added", block });
      i++;
      continue;
    }
    const type = change.added ? "added" : change.removed ? "removed" : "same";
    for (const block of change.value) lines.push({ type, block });
  }
  return lines;
}

export function diffDocuments(before: JSONContent, after: JSONContent) {
  const lines = diffBlocks(blocksOf(before), blocksOf(after));
  return {
    lines,
    added: lines.filter((line) => line.type === "added").length,
    removed: lines.filter((line) => line.type === "removed").length,
    changed: lines.filter((line) => line.type === "changed").length,
  };
}
