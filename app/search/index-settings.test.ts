import { describe, expect, it } from "vitest";
import { engineBackoffMs, rowBackoffSeconds } from "./backoff.ts";
import { indexSettings, recordId, synonymMap } from "./index-settings.ts";

describe("synonyms for Meilisearch", () => {
  it("make every term of a group find every other", () => {
    expect(synonymMap([["就业", "职业规划", "生涯规划"]])).toEqual({
      就业: ["生涯规划", "职业规划"],
      职业规划: ["就业", "生涯规划"],
      生涯规划: ["就业", "职业规划"],
    });
  });

  it("ignore blanks and one-term groups", () => {
    expect(synonymMap([["心理", " ", "心理"], ["思政", " 思想政治 "]])).toEqual({ 思政: ["思想政治"], 思想政治: ["思政"] });
  });

  it("are expanded in the query, not given to Meilisearch, whose synonyms and dictionary change how titles are cut", () => {
    const settings = indexSettings();
    expect(settings.synonyms).toEqual({});
    expect(settings.dictionary).toEqual([]);
    expect(settings.localizedAttributes).toEqual([{ attributePatterns: ["title*", "headings*", "keywords*", "body*"], locales: ["cmn"] }]);
  });
});

describe("index settings", () => {
  it("rank title before headings before body", () => {
    const order = indexSettings().searchableAttributes!;
    expect(order.indexOf("title")).toBeLessThan(order.indexOf("headings"));
    expect(order.indexOf("headings")).toBeLessThan(order.indexOf("body"));
  });

  it("give records of different tables different ids", () => {
    expect(recordId("document", "x")).not.toBe(recordId("person", "x"));
  });
});

describe("retry delays", () => {
  it("grow exponentially and stop growing", () => {
    expect([1, 2, 3].map(rowBackoffSeconds)).toEqual([2, 4, 8]);
    expect(rowBackoffSeconds(30)).toBe(600);
    expect([1, 2, 3, 4].map(engineBackoffMs)).toEqual([1000, 2000, 4000, 8000]);
    expect(engineBackoffMs(20)).toBe(30_000);
  });
});
