import { isAllowedUri } from "@tiptap/extension-link";

/**
 * Which links a document may carry out of the app. The editor and the HTML export use Tiptap's
 * link filter with these protocols (javascript:, data:, vbscript: … become empty links there);
 * every other export applies the same filter through `isAllowedLink`.
 */
export const LINK_PROTOCOLS = ["http", "https", "mailto"];

export function isAllowedLink(href: string): boolean {
  return Boolean(isAllowedUri(href, LINK_PROTOCOLS));
}

const NAMED_REFERENCES: Record<string, string> = { colon: ":", tab: "\t", newline: "\n", sol: "/", amp: "&", nbsp: "\u00a0", lpar: "(", rpar: ")", period: "." };

/** Character references as Markdown and HTML readers decode them (numeric, and the names used to hide a scheme). */
function decodeReferences(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);?/gi, (whole, ref: string) => {
    if (ref[0] !== "#") return NAMED_REFERENCES[ref.toLowerCase()] ?? whole;
    const code = ref[1] === "x" || ref[1] === "X" ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : "";
  });
}

/**
 * For formats whose readers decode character references in link targets (Markdown): the link
 * passes only if it passes as written and as decoded, however many times it was encoded.
 */
export function isAllowedLinkInText(href: string): boolean {
  let current = href;
  for (let round = 0; round < 4; round++) {
    if (!isAllowedLink(current)) return false;
    const decoded = decodeReferences(current);
    if (decoded === current) return true;
    current = decoded;
  }
  return false;
}

/**
 * A link target written into Markdown so a reader sees exactly this string: characters that end
 * the target or start an escape or a reference are backslash-escaped, spaces and controls
 * percent-encoded.
 */
export function markdownLinkTarget(href: string): string {
  return href
    .replace(/[\\()<>&[\]]/g, (char) => `\\${char}`)
    .replace(/[\u0000-\u0020\u007f\u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/g, (char) => encodeURIComponent(char));
}

/** Text inside Markdown's [ ] or " ": brackets, quotes and backslashes escaped, line breaks as spaces. */
export function markdownInlineText(text: string): string {
  return text.replace(/[\\[\]"]/g, (char) => `\\${char}`).replace(/[\r\n]+/g, " ");
}
