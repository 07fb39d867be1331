import { describe, expect, it } from "vitest";
import { DEFAULT_SYNONYM_GROUPS } from "./default-synonyms.ts";
import { synonymGroupSchema } from "./schemas.ts";

describe("the default synonym groups", () => {
  it("are a few dozen groups, each one 学工部 could have typed in the form", () => {
    expect(DEFAULT_SYNONYM_GROUPS.length).toBeGreaterThanOrEqual(36);
    for (const group of DEFAULT_SYNONYM_GROUPS) {
      const parsed = synonymGroupSchema.safeParse({ intent: "create", terms: group.terms.join("、") });
      expect(parsed.success, group.id).toBe(true);
      expect(parsed.data?.terms, group.id).toEqual(group.terms);
    }
  });

  it("put every term in one group only, under distinct ids (the rule the admin page enforces)", () => {
    const terms = DEFAULT_SYNONYM_GROUPS.flatMap((g) => g.terms);
    expect(new Set(terms).size).toBe(terms.length);
    expect(new Set(DEFAULT_SYNONYM_GROUPS.map((g) => g.id)).size).toBe(DEFAULT_SYNONYM_GROUPS.length);
  });

  it("include the pairs counselors ask for", () => {
    const together = (a: string, b: string) => DEFAULT_SYNONYM_GROUPS.some((g) => g.terms.includes(a) && g.terms.includes(b));
    expect(together("思政", "思想政治")).toBe(true);
    expect(together("舆情", "舆论")).toBe(true);
    expect(together("心理辅导", "心理咨询")).toBe(true);
    expect(together("资助", "奖助学金")).toBe(true);
  });
});
