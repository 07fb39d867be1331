import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/** docs/decisions: every note says when and whether it holds, and the index lists exactly the notes there are. */
const dir = path.resolve("docs/decisions");
const notes = fs.readdirSync(dir).filter((name) => /^\d{3}-.+\.md$/.test(name)).sort();
const index = fs.readFileSync(path.join(dir, "README.md"), "utf8");

describe("decision notes", () => {
  it("each has a title with its number and a Date / Status line under it", () => {
    expect(notes.length).toBeGreaterThan(30);
    for (const name of notes) {
      const [title, blank, status] = fs.readFileSync(path.join(dir, name), "utf8").split("\n");
      expect(title, name).toMatch(new RegExp(`^# ${name.slice(0, 3)} · `));
      expect(blank, name).toBe("");
      expect(status, name).toMatch(/^Date: \d{4}-\d{2}-\d{2} · Status: (accepted|superseded by \d{3})/);
    }
  });

  it("the index lists every note once, and nothing else", () => {
    const rows = [...index.matchAll(/^\| \[(\d{3})\]\((\d{3}-[^)]+\.md)\) \|/gm)];
    expect(rows.map((row) => row[2])).toEqual(notes);
    for (const [, number, file] of rows) expect(file!.slice(0, 3), file).toBe(number);
  });
});
