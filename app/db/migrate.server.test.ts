import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createEmptyDatabase, query } from "../../tests/support/databases.ts";
import { markRolledBack, migrate, MigrationError, readMigrations } from "./migrate.server.ts";

function migrationsDir(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "fudao-migrations-"));
  for (const [name, sql] of Object.entries(files)) {
    fs.mkdirSync(path.join(dir, name));
    fs.writeFileSync(path.join(dir, name, "migration.sql"), sql);
  }
  return dir;
}

interface Row {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
  applied_steps_count: number;
  logs: string | null;
}
const history = (url: string) =>
  query<Row>(url, `SELECT migration_name, checksum, finished_at, rolled_back_at, applied_steps_count, logs FROM "_prisma_migrations" ORDER BY started_at, migration_name`);

describe("migration runner", () => {
  it("applies the project's migrations into Prisma's own history table, once", async () => {
    const url = await createEmptyDatabase();
    const { applied } = await migrate(url);
    const files = readMigrations();
    expect(applied).toEqual(files.map((f) => f.name));

    const rows = await history(url);
    expect(rows.map((r) => r.migration_name)).toEqual(files.map((f) => f.name));
    for (const [i, row] of rows.entries()) {
      const sql = fs.readFileSync(path.join("prisma/migrations", row.migration_name, "migration.sql"));
      expect(row.checksum).toBe(crypto.createHash("sha256").update(sql).digest("hex"));
      expect(row.checksum).toBe(files[i]!.checksum);
      expect(row.finished_at).not.toBeNull();
      expect(row.applied_steps_count).toBe(1);
    }
    expect((await migrate(url)).applied).toEqual([]);
    expect(await query(url, `SELECT to_regclass('"User"') AS t`)).toEqual([{ t: '"User"' }]);
  });

  it("lets concurrent starts apply each migration exactly once (advisory lock)", async () => {
    const url = await createEmptyDatabase();
    const results = await Promise.all([migrate(url), migrate(url), migrate(url)]);
    const appliedCounts = results.map((r) => r.applied.length).sort();
    expect(appliedCounts).toEqual([0, 0, readMigrations().length]);
    expect(await history(url)).toHaveLength(readMigrations().length);
  });

  it("rolls back a failed migration, records it, and refuses to go further until resolved", async () => {
    const url = await createEmptyDatabase();
    const dir = migrationsDir({
      "20260101000000_first": `CREATE TABLE one (id int);`,
      "20260102000000_broken": `CREATE TABLE two (id int); INSERT INTO missing_table VALUES (1);`,
      "20260103000000_third": `CREATE TABLE three (id int);`,
    });

    await expect(migrate(url, { dir })).rejects.toThrow(/20260102000000_broken.*missing_table/s);
    const tables = await query<{ name: string }>(url, `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`);
    // The broken migration's first statement was rolled back with it; the third never ran.
    expect(tables.map((t) => t.name)).toEqual(["_prisma_migrations", "one"]);
    const rows = await history(url);
    expect(rows.map((r) => [r.migration_name, r.finished_at === null])).toEqual([
      ["20260101000000_first", false],
      ["20260102000000_broken", true],
    ]);
    expect(rows[1]!.logs).toContain("missing_table");

    await expect(migrate(url, { dir })).rejects.toThrow(MigrationError);
    await expect(migrate(url, { dir })).rejects.toThrow(/上次执行失败/);

    fs.writeFileSync(path.join(dir, "20260102000000_broken", "migration.sql"), `CREATE TABLE two (id int);`);
    expect(await markRolledBack(url, "20260102000000_broken")).toBe(true);
    expect((await migrate(url, { dir })).applied).toEqual(["20260102000000_broken", "20260103000000_third"]);
  });

  it("warns when an applied migration was edited afterwards", async () => {
    const url = await createEmptyDatabase();
    const dir = migrationsDir({ "20260101000000_first": `CREATE TABLE one (id int);` });
    await migrate(url, { dir });
    fs.writeFileSync(path.join(dir, "20260101000000_first", "migration.sql"), `CREATE TABLE one (id bigint);`);
    const { applied, warnings } = await migrate(url, { dir });
    expect(applied).toEqual([]);
    expect(warnings.join()).toContain("20260101000000_first");
  });
});
