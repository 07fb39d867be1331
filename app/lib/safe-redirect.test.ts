import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { safeRedirect } from "./safe-redirect.ts";

/** Where the app might run; a browser resolves the Location header against the page it posted from. */
const PAGES = ["https://fudao.example.edu.cn/login?redirectTo=%2F", "http://127.0.0.1:3000/language", "https://fudao.example.edu.cn/notifications/n1/open"];

/** Pieces browsers and URL parsers treat specially: slashes of every kind, whitespace, encodings. */
const NASTY = [
  "/", "//", "\\", "/\\", "\t", "\r", "\n", "\r\n", " ", "\u0000", "\u000b", "\u000c", "\u007f", "\u00a0", "\u2028", "\u3000",
  "%2f", "%2F", "%5c", "%5C", "%09", "%0d%0a", "%00", "%252f", "%E2%81%84",
  "／", "＼", "⁄", "∕", "⧸", "﹨", "。", "．",
  ".", "..", "./", "../", ":", "@", "?", "#", "&", ";", "=",
  "evil.example", "evil.example:443", "user:pass@", "javascript:", "http:", "https:", "data:", "HTTP://", "\\\\evil.example",
  "studios", "心理", "😀",
];

const nastyPath = fc.array(fc.constantFrom(...NASTY), { minLength: 1, maxLength: 12 }).map((parts) => parts.join(""));
const anyInput = fc.oneof(
  nastyPath,
  nastyPath.map((rest) => `/${rest}`),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.string({ unit: "binary", maxLength: 40 }).map((rest) => `/${rest}`),
  fc.webUrl(),
);

describe("safeRedirect", () => {
  it("keeps same-site paths with their query and fragment", () => {
    expect(safeRedirect("/studios?duty=CRISIS")).toBe("/studios?duty=CRISIS");
    expect(safeRedirect("/documents/abc#comments")).toBe("/documents/abc#comments");
    expect(safeRedirect("/")).toBe("/");
  });

  it("percent-encodes what a header cannot carry as it is", () => {
    expect(safeRedirect("/search?q=心理 危机")).toBe("/search?q=%E5%BF%83%E7%90%86%20%E5%8D%B1%E6%9C%BA");
  });

  it.each([
    "//evil.example",
    "/\\evil.example",
    "/\t/evil.example",
    "/\n/evil.example",
    "/\r/evil.example",
    "/\r\nSet-Cookie: x=1",
    "/\\\\evil.example",
    "/.//evil.example",
    "/\u00a0/\t/evil.example",
    "https://evil.example",
    "javascript:alert(1)",
    "\t/evil.example",
    "",
    null,
    undefined,
  ])("falls back for %j", (to) => {
    expect(safeRedirect(to)).toBe("/");
  });

  it("never answers a target that leaves the origin, never throws, and always answers a header-safe path", () => {
    fc.assert(
      fc.property(anyInput, (to) => {
        const result = safeRedirect(to, "/fallback");
        // Printable ASCII only: no control character reaches a Location header.
        expect(result).toMatch(/^\/[\x21-\x7e]*$/);
        for (const page of PAGES) {
          const landed = new URL(result, page);
          expect(landed.origin).toBe(new URL(page).origin);
        }
        // What it answers, it answers again unchanged.
        expect(safeRedirect(result, "/fallback")).toBe(result);
      }),
      { numRuns: 3_000 },
    );
  }, 30_000);
});
