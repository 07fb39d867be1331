/**
 * Highlighted text as pieces: even indexes are plain, odd indexes are matches. Pages render the
 * matches as <mark> elements (no HTML is ever injected); the JSON API gets escaped HTML.
 */
export type MarkedText = string[];

/** Private-use characters Meilisearch puts around matches (they cannot occur in our content). */
export const MARK_START = "\uE000";
export const MARK_END = "\uE001";

/** Meilisearch's formatted text → pieces; adjacent marks ("心理" + "健康") read as one. */
export function splitMarks(formatted: unknown): MarkedText | null {
  if (typeof formatted !== "string" || !formatted.includes(MARK_START)) return null;
  const parts: string[] = [""];
  let marked = false;
  for (const ch of formatted) {
    if (ch === MARK_START) {
      if (marked) continue;
      marked = true;
      if (parts.length > 1 && parts[parts.length - 1] === "") parts.pop();
      else parts.push("");
    } else if (ch === MARK_END) {
      if (!marked) continue;
      marked = false;
      parts.push("");
    } else {
      parts[parts.length - 1] += ch;
    }
  }
  return parts;
}


function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * Marks `terms` in `text` (longest first, case-insensitive) and, when `cropChars` is given,
 * keeps a window of about that many characters around the first mark.
 */
export function markText(text: string, terms: readonly string[], cropChars?: number): MarkedText {
  const usable = terms.filter((t) => t.length > 0);
  let source = text;
  let prefix = "";
  let suffix = "";
  const pattern = usable.length ? new RegExp(usable.map(escapeRegExp).join("|"), "giu") : null;
  if (cropChars !== undefined && source.length > cropChars) {
    const first = pattern ? source.search(pattern) : -1;
    const start = first < 0 ? 0 : Math.max(0, first - Math.floor(cropChars / 3));
    const end = Math.min(source.length, start + cropChars);
    prefix = start > 0 ? "…" : "";
    suffix = end < source.length ? "…" : "";
    source = source.slice(start, end);
  }
  if (!pattern) return [prefix + source + suffix];
  const parts: string[] = [];
  let last = 0;
  for (const match of source.matchAll(pattern)) {
    parts.push(source.slice(last, match.index), match[0]);
    last = match.index + match[0].length;
  }
  parts.push(source.slice(last));
  parts[0] = prefix + parts[0];
  parts[parts.length - 1] += suffix;
  return parts;
}


function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** For the JSON API: escaped HTML with <mark> around matches. */
export function markedToHtml(parts: MarkedText): string {
  return parts.map((part, i) => (i % 2 ? `<mark>${escapeHtml(part)}</mark>` : escapeHtml(part))).join("");
}

export function markedToText(parts: MarkedText): string {
  return parts.join("");
}
