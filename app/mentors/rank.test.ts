import { describe, expect, it } from "vitest";
import { inferRank } from "./rank.ts";

describe("title rank from a title", () => {
  it.each([
    ["教授", "SENIOR"],
    ["主任、研究员", "SENIOR"],
    ["主任医师", "SENIOR"],
    ["副教授", "ASSOCIATE"],
    ["副研究员", "ASSOCIATE"],
    ["高级咨询师", "ASSOCIATE"],
    ["讲师", "INTERMEDIATE"],
    ["助理研究员", "INTERMEDIATE"],
    ["助教", "JUNIOR"],
    ["处长", "INTERMEDIATE"],
    ["", "INTERMEDIATE"],
  ])("%s → %s", (title, rank) => {
    expect(inferRank(title)).toBe(rank);
  });
});
