import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { migrate, MIGRATIONS_DIR } from "~/db/migrate.server.ts";
import { createEmptyDatabase, query } from "../../../tests/support/databases.ts";

/**
 * The migration of decisions 130–131 on a database that already holds camps: participants get the
 * groups their people have now, and a running camp's 人物辨识 gets its list of everyone (a camp
 * behind a cut, or not running, is left alone).
 */
const MIGRATION = "20261207170000_camp_participant_groups";

describe("the migration keeping groups with participants", () => {
  it("backfills the groups of existing participants and the list of a running camp's 人物辨识", async () => {
    const before = fs.mkdtempSync(path.join(os.tmpdir(), "migrations-"));
    for (const name of fs.readdirSync(MIGRATIONS_DIR)) {
      if (name !== MIGRATION) fs.cpSync(path.join(MIGRATIONS_DIR, name), path.join(before, name), { recursive: true });
    }
    const url = await createEmptyDatabase("groups");
    await migrate(url, { dir: before });
    fs.rmSync(before, { recursive: true, force: true });

    await query(url, `INSERT INTO "User" (id, username, "passwordHash", name, "updatedAt") VALUES ('u1', 'u1', 'x', '甲', now()), ('u2', 'u2', 'x', '乙', now())`);
    await query(url, `INSERT INTO "CounselorProfile" ("userId", groups, "updatedAt") VALUES ('u1', ARRAY['ALL_COUNSELORS','BACKBONE']::"TargetGroup"[], now())`);
    for (const [camp, status, cut] of [["open", "OPEN", false], ["cut", "OPEN", true], ["done", "RELEASED", false]] as const) {
      await query(url, `INSERT INTO "Camp" (id, title, year, status, "updatedAt") VALUES ($1, $1, 2026, $2, now())`, [camp, status]);
      await query(url, `INSERT INTO "CampRound" (id, "campId", kind, weight, position, "updatedAt") VALUES ($1 || '-test', $1, 'KNOWLEDGE_TEST', 30, 1, now())`, [camp]);
      await query(url, `INSERT INTO "CampRound" (id, "campId", kind, weight, position, "cutFromRoundId", "cutTop", "updatedAt") VALUES ($1 || '-id', $1, 'IDENTIFICATION', 20, 2, $2, $3, now())`, [
        camp,
        cut ? `${camp}-test` : null,
        cut ? 1 : null,
      ]);
      await query(url, `INSERT INTO "CampParticipant" ("campId", "userId", stage) VALUES ($1, 'u1', 'NOVICE'), ($1, 'u2', 'NOVICE')`, [camp]);
    }

    await migrate(url);
    const groups = await query<{ campId: string; userId: string; groups: string }>(url, `SELECT "campId", "userId", groups::text FROM "CampParticipant" ORDER BY "campId", "userId"`);
    expect(groups.filter((g) => g.campId === "open").map((g) => [g.userId, g.groups])).toEqual([
      ["u1", "{ALL_COUNSELORS,BACKBONE}"],
      ["u2", "{}"],
    ]);
    const entries = await query<{ roundId: string; userId: string }>(url, `SELECT "roundId", "userId" FROM "CampRoundEntry" ORDER BY "roundId", "userId"`);
    expect(entries.map((e) => [e.roundId, e.userId])).toEqual([
      ["open-id", "u1"],
      ["open-id", "u2"],
    ]);
    const fixed = await query<{ id: string }>(url, `SELECT id FROM "CampRound" WHERE "entriesFixedAt" IS NOT NULL ORDER BY id`);
    expect(fixed.map((r) => r.id)).toEqual(["open-id"]);
  });
});
