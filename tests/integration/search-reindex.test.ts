import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/db/client.server.ts";
import { defaultEngine, dropIndexes, readIndexState, rebuildIndex } from "~/search/engine.server.ts";
import { createOutboxWorker, type OutboxWorker } from "~/search/outbox.server.ts";
import { searchParamsSchema } from "~/search/schemas.ts";
import { search } from "~/search/search.server.ts";
import { userFromBearer } from "~/search/tokens.server.ts";
import { buildStudio, buildUser } from "../support/factories.ts";
import { createDocument } from "../support/search.ts";

/** Rebuilding the index without downtime, and the two commands (`search:reindex`, `token`). */

const run = promisify(execFile);
let worker: OutboxWorker;

async function cli(script: string, args: string[] = []) {
  try {
    const { stdout, stderr } = await run(process.execPath, ["--import", "tsx", script, ...args], { env: process.env, timeout: 180_000 });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, output: failed.stdout + failed.stderr };
  }
}

beforeAll(async () => {
  worker = createOutboxWorker({ pollMs: 300 });
  await worker.start(() => {});
  await worker.idle(120_000);
}, 180_000);

afterAll(async () => {
  await worker?.stop();
  await dropIndexes(defaultEngine());
});

describe("rebuilding the index", () => {
  it("keeps answering searches while the new index is built, and applies changes made meanwhile after the swap", async () => {
    const studio = await buildStudio();
    const { leader } = studio;
    await worker.idle();
    const before = await readIndexState(defaultEngine());
    const rebuilding = rebuildIndex(defaultEngine(), { db: prisma, databaseUrl: process.env.DATABASE_URL!, batchSize: 20 });
    let done = false;
    void rebuilding.finally(() => (done = true));
    let searches = 0;
    let made = "";
    while (!done || searches < 3) {
      const result = await search(leader, searchParamsSchema.parse({ q: studio.name }));
      expect(result.hits.map((h) => h.title.join(""))).toContain(studio.name);
      searches += 1;
      if (!made) made = await createDocument({ studioId: studio.id, title: "重建索引期间写下的笔记", createdById: leader.id });
    }
    const result = await rebuilding;
    expect(result.records).toBeGreaterThan(200);
    expect((await readIndexState(defaultEngine()))!.builtAt).not.toBe(before!.builtAt);
    await worker.idle();
    const found = await search(leader, searchParamsSchema.parse({ q: "重建索引期间" }));
    expect(found.hits.map((h) => h.id)).toContain(made);
  }, 120_000);

  it("npm run search:reindex rebuilds from the command line and records it in the audit log", async () => {
    const before = await readIndexState(defaultEngine());
    const { code, output } = await cli("app/cli/search-reindex.ts");
    expect(output).toContain("完成");
    expect(code).toBe(0);
    expect((await readIndexState(defaultEngine()))!.builtAt).not.toBe(before!.builtAt);
    expect(await prisma.auditLog.count({ where: { action: "search.reindex" } })).toBe(1);
  }, 200_000);
});

describe("npm run token", () => {
  it("issues a working token for a person", async () => {
    const person = await buildUser();
    const { code, output } = await cli("app/cli/token.ts", ["--user", person.username, "--name", "周报脚本", "--days", "7"]);
    expect(code).toBe(0);
    const token = /fdo_[A-Za-z0-9_-]{43}/.exec(output)?.[0];
    expect(token).toBeDefined();
    expect((await userFromBearer(`Bearer ${token}`))?.username).toBe(person.username);
    const row = await prisma.apiToken.findFirstOrThrow({ where: { name: "周报脚本" } });
    expect(Math.round((row.expiresAt!.getTime() - row.createdAt.getTime()) / 86_400_000)).toBe(7);
  }, 60_000);

  it("explains what is wrong, in Chinese, for bad input", async () => {
    const missing = await cli("app/cli/token.ts");
    expect(missing.code).toBe(1);
    expect(missing.output).toContain("缺少 --user <工号>");
    const unknown = await cli("app/cli/token.ts", ["--user", "nobody"]);
    expect(unknown.code).toBe(1);
    expect(unknown.output).toContain("没有工号为 nobody 的账号");
    const person = await buildUser();
    const days = await cli("app/cli/token.ts", ["--user", person.username, "--days", "0"]);
    expect(days.code).toBe(1);
    expect(days.output).toContain("--days 必须是 1–3650 之间的整数");
    const option = await cli("app/cli/token.ts", ["--usr", person.username]);
    expect(option.code).toBe(1);
    expect(option.output).toContain("用法");
  }, 60_000);
});
