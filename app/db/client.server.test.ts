import { describe, expect, it } from "vitest";
import { Prisma } from "~/generated/prisma/client.ts";
import { pool, prisma, sqlRows } from "./client.server.ts";

describe("sqlRows", () => {
  it("runs a named (prepared) statement on every connection of the pool with new values each time", async () => {
    const runs = await Promise.all(Array.from({ length: 25 }, (_, n) => sqlRows<{ n: number }>(Prisma.sql`SELECT ${n}::int AS n`, undefined, { prepare: "client-test-echo" })));
    expect(runs.map(([row]) => row!.n)).toEqual(Array.from({ length: 25 }, (_, n) => n));
    expect(pool.totalCount).toBeGreaterThan(1);
  });

  it("refuses a second text under a name already used, rather than running the wrong statement", async () => {
    await sqlRows(Prisma.sql`SELECT 1 AS one`, undefined, { prepare: "client-test-once" });
    await expect(sqlRows(Prisma.sql`SELECT 2 AS two`, undefined, { prepare: "client-test-once" })).rejects.toThrow(/different text/);
  });

  it("runs inside a transaction when given one (the name is not used there)", async () => {
    const rows = await prisma.$transaction((tx) => sqlRows<{ n: number }>(Prisma.sql`SELECT ${7}::int AS n`, tx, { prepare: "client-test-tx" }));
    expect(rows[0]!.n).toBe(7);
  });
});
