import fs from "node:fs";
import path from "node:path";
import { subDays } from "date-fns";
import { faker } from "@faker-js/faker";
import { describe, expect, it } from "vitest";
import { prisma } from "~/db/client.server.ts";
import { migrate, MIGRATIONS_DIR, readMigrations } from "~/db/migrate.server.ts";
import { createEmptyDatabase, query } from "../../tests/support/databases.ts";
import { scratchDir } from "../../tests/support/scratch-dir.ts";
import { DEFAULT_SYNONYM_GROUPS } from "./default-synonyms.ts";
import { seedSynonyms } from "./seed.server.ts";

/** The default synonyms reach every fresh database, come back after a demo reset, and never overwrite 学工部's edits. */

const DEFAULTS_MIGRATION = "20261206140000_search_default_synonyms";
const sorted = (groups: Array<{ id: string; terms: readonly string[] }>) => groups.map((g) => ({ id: g.id, terms: [...g.terms] })).sort((a, b) => a.id.localeCompare(b.id));

describe("default synonyms", () => {
  it("are in a freshly migrated database, exactly as default-synonyms.ts lists them", async () => {
    const url = await createEmptyDatabase("synonyms");
    await migrate(url);
    const groups = await query<{ id: string; terms: string[] }>(url, `SELECT "id", "terms" FROM "SearchSynonymGroup"`);
    expect(sorted(groups)).toEqual(sorted([...DEFAULT_SYNONYM_GROUPS]));
    // Editing them leaves no work for the index: synonyms apply when a query is planned.
    await query(url, `UPDATE "SearchSynonymGroup" SET "terms" = ARRAY['舆情', '舆论', '网络舆情'] WHERE "id" = 'syn-opinion'`);
    expect(await query(url, `SELECT 1 FROM "SearchOutbox" WHERE "kind" = 'synonyms'`)).toEqual([]);
  });

  it("are what the demo university has, and come back when the demo is loaded into an emptied table", async () => {
    expect(sorted(await prisma.searchSynonymGroup.findMany({ select: { id: true, terms: true } }))).toEqual(sorted([...DEFAULT_SYNONYM_GROUPS]));
    await prisma.$transaction(async (tx) => {
      await tx.searchSynonymGroup.deleteMany();
      await seedSynonyms({ db: tx, now: new Date(), faker });
    });
    expect(sorted(await prisma.searchSynonymGroup.findMany({ select: { id: true, terms: true } }))).toEqual(sorted([...DEFAULT_SYNONYM_GROUPS]));
  });

  it("are not put back by the seed where 学工部 keep their own groups", async () => {
    await prisma.$transaction(async (tx) => {
      await tx.searchSynonymGroup.deleteMany();
      await tx.searchSynonymGroup.create({ data: { terms: ["宿舍", "寝室"], createdAt: subDays(new Date(), 1) } });
      await seedSynonyms({ db: tx, now: new Date(), faker });
    });
    expect((await prisma.searchSynonymGroup.findMany({ select: { terms: true } })).map((g) => g.terms)).toEqual([["宿舍", "寝室"]]);
  });

  it("reach a school that already runs without overwriting what 学工部 changed, deleted or added", async () => {
    // The database as it was before the defaults grew: every migration up to the new one.
    const before = scratchDir("migrations");
    for (const migration of readMigrations().filter((m) => m.name < DEFAULTS_MIGRATION)) {
      fs.mkdirSync(path.join(before, migration.name));
      fs.writeFileSync(path.join(before, migration.name, "migration.sql"), migration.sql);
    }
    fs.copyFileSync(path.join(MIGRATIONS_DIR, "migration_lock.toml"), path.join(before, "migration_lock.toml"));
    const url = await createEmptyDatabase("synonyms");
    await migrate(url, { dir: before });
    await query(url, `DELETE FROM "SearchSynonymGroup" WHERE "id" = 'syn-peer'`);
    await query(url, `UPDATE "SearchSynonymGroup" SET "terms" = ARRAY['资助', '助学'] WHERE "id" = 'syn-aid'`);
    await query(url, `INSERT INTO "SearchSynonymGroup" ("id", "terms", "updatedAt") VALUES ('own-opinion', ARRAY['网络舆情', '舆情'], now()), ('own-relief', ARRAY['危机处置', '应急处置'], now())`);

    await migrate(url);
    const groups = new Map((await query<{ id: string; terms: string[] }>(url, `SELECT "id", "terms" FROM "SearchSynonymGroup"`)).map((g) => [g.id, g.terms]));
    expect(groups.has("syn-peer")).toBe(false);
    expect(groups.get("syn-aid")).toEqual(["资助", "助学"]);
    expect(groups.get("own-opinion")).toEqual(["网络舆情", "舆情"]);
    // A new default that would take one of their terms is left out; an original group is not extended with one.
    expect(groups.has("syn-opinion")).toBe(false);
    expect(groups.get("syn-crisis")).toEqual(["危机干预", "危机应对"]);
    // Untouched defaults grow, new ones arrive.
    expect(groups.get("syn-online")).toEqual(["网络思政", "网络思想政治教育", "网络育人"]);
    expect(groups.get("syn-counseling")).toEqual(["心理咨询", "心理辅导"]);
    const terms = [...groups.values()].flat();
    expect(new Set(terms).size).toBe(terms.length);
    fs.rmSync(before, { recursive: true, force: true });
  });
});
