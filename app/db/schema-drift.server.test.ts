import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { createEmptyDatabase } from "../../tests/support/databases.ts";
import { migrate } from "./migrate.server.ts";
import { diffDatabaseToSchema, diffMigrationsToSchema, SCHEMA_PATH } from "./schema-diff.server.ts";

/** The safety net for hand-applied migrations: schema.prisma and prisma/migrations must agree. */
describe("schema drift", () => {
  it("finds no difference between the migrations and schema.prisma", async () => {
    const sql = await diffMigrationsToSchema(process.env.DATABASE_URL!);
    expect(sql, `schema.prisma changed without a migration; run npm run db:diff -- <name>:\n${sql}`).toBe("");
  });

  it("finds no difference between a database built by our runner and schema.prisma", async () => {
    const url = await createEmptyDatabase();
    await migrate(url);
    expect(await diffDatabaseToSchema(url)).toBe("");
  });

  it("does report a change that has no migration yet", async () => {
    const changed = fs.readFileSync(SCHEMA_PATH, "utf8").replace(
      "model College {\n  id        String   @id @default(cuid())",
      "model College {\n  id        String   @id @default(cuid())\n  motto     String?",
    );
    expect(changed).toContain("motto");
    const sql = await diffMigrationsToSchema(process.env.DATABASE_URL!, { schema: changed });
    expect(sql).toMatch(/ALTER TABLE "College" ADD COLUMN\s+"motto" TEXT/);
  });
});
