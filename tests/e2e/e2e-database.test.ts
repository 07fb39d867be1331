import { describe, expect, it } from "vitest";
import { query, rowsAsTheyAre, undoChangesTo, userId } from "../support/e2e-database.ts";
import { XINQING } from "../support/scratch-document.ts";

/**
 * The helper every browser test cleans up with (tests/support/e2e-database.ts), on the shared
 * server's database: what it puts back must be exactly what was there, to the byte.
 */
describe("putting rows back after a test", () => {
  it("deletes rows added, restores rows changed or deleted: binary, JSON and array columns and two-column keys included", async () => {
    // A seeded document of another studio than the one the browser tests work in (tags: an array),
    // its versions (binary Yjs state) and authors (a two-column key), and the seed's audit record (JSON).
    const [document] = await query<{ id: string }>(
      `SELECT d."id" FROM "Document" d JOIN "Studio" s ON s."id" = d."studioId"
        WHERE s."name" <> $1 AND EXISTS (SELECT 1 FROM "DocumentVersion" v WHERE v."documentId" = d."id")
          AND (SELECT count(*) FROM "DocumentAuthor" a WHERE a."documentId" = d."id") >= 2
        ORDER BY d."id" LIMIT 1`,
      [XINQING],
    );
    const documentId = document!.id;
    const state = () =>
      query<{ rows: string }>(
        `SELECT jsonb_build_array(
           (SELECT to_jsonb(d) FROM "Document" d WHERE d."id" = $1),
           (SELECT jsonb_agg(to_jsonb(v) ORDER BY v."id") FROM "DocumentVersion" v WHERE v."documentId" = $1),
           (SELECT jsonb_agg(to_jsonb(a) ORDER BY a."userId") FROM "DocumentAuthor" a WHERE a."documentId" = $1),
           (SELECT jsonb_agg(to_jsonb(l) ORDER BY l."id") FROM "AuditLog" l WHERE l."action" = 'seed.demo'))::text AS rows`,
        [documentId],
      );
    const before = await state();
    const slices = [
      ["Document", { id: documentId }],
      ["DocumentVersion", { documentId }],
      ["DocumentAuthor", { documentId }],
      ["AuditLog", { action: "seed.demo" }],
    ] as const;
    const restores = await Promise.all(slices.map(([table, where]) => rowsAsTheyAre(table, where)));
    // Should this test fail half-way, the same slices are put back after it all the same.
    for (const [table, where] of slices) await undoChangesTo(table, where);

    const admin = await userId("admin");
    await query(`UPDATE "DocumentVersion" SET "yState" = '\\x00ff'::bytea, "name" = '改过的名字' WHERE "documentId" = $1`, [documentId]);
    await query(
      `INSERT INTO "DocumentVersion" ("id", "documentId", "number", "reason", "yState", "status") VALUES (gen_random_uuid()::text, $1, 999, 'NAMED', '\\x01'::bytea, 'DRAFT')`,
      [documentId],
    );
    await query(`DELETE FROM "DocumentAuthor" WHERE ("documentId", "userId") = (SELECT "documentId", "userId" FROM "DocumentAuthor" WHERE "documentId" = $1 ORDER BY "userId" LIMIT 1)`, [documentId]);
    await query(`INSERT INTO "DocumentAuthor" ("documentId", "userId") VALUES ($1, $2) ON CONFLICT DO NOTHING`, [documentId, admin]);
    await query(`UPDATE "Document" SET "tags" = array_append("tags", '临时标签') WHERE "id" = $1`, [documentId]);
    await query(`UPDATE "AuditLog" SET "data" = '{"changed": ["yes"]}' WHERE "action" = 'seed.demo'`);
    expect(await state()).not.toEqual(before);

    for (const restore of restores.reverse()) await restore();
    expect(await state()).toEqual(before);
  });

  it("names the column when a slice asks for one the table does not have", async () => {
    await expect(undoChangesTo("Notification", { userid: "x" })).rejects.toThrow('Notification has no column "userid"');
  });
});
