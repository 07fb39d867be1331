import { describe, expect, it } from "vitest";
import { safeRedirect } from "./safe-redirect.ts";

describe("safeRedirect", () => {
  it("keeps same-site paths with their query", () => {
    expect(safeRedirect("/studios?duty=CRISIS")).toBe("/studios?duty=CRISIS");
  });
  it.each(["//evil.example", "/\\evil.example", "https://evil.example", "javascript:alert(1)", "", null, undefined])(
    "falls back for %s",
    (to) => {
      expect(safeRedirect(to)).toBe("/");
    },
  );
});
