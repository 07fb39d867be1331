import fs from "node:fs";
import { meiliClient } from "~/search/client.server.ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/db/client.server.ts";
import { startEmbeddedMeilisearch, type EmbeddedMeilisearch } from "~/infra/embedded-meilisearch.server.ts";
import { createEngine, dropIndexes, type SearchEngine } from "~/search/engine.server.ts";
import type { SearchRecord } from "~/search/index-settings.ts";
import { createOutboxWorker, outboxBacklog, type OutboxWorker } from "~/search/outbox.server.ts";
import { searchParamsSchema } from "~/search/schemas.ts";
import { search, SearchUnavailableError } from "~/search/search.server.ts";
import { scratchDir } from "../support/scratch-dir.ts";
import { buildStudio } from "../support/factories.ts";
import { createDocument } from "../support/search.ts";

/**
 * Never losing an update: our own Meilisearch is stopped while documents are created, edited and
 * deleted; the app keeps working, search says it is unavailable, and once the engine is back the
 * index converges with the database — also when the engine comes back empty.
 */

const dirs: string[] = [];
let meili: EmbeddedMeilisearch;
let engine: SearchEngine;
let worker: OutboxWorker;

async function startMeili(dir: string) {
  meili = await startEmbeddedMeilisearch({ dataDir: dir, log: () => {} });
  engine = createEngine(meiliClient(meili.url, meili.masterKey, 2_000), "outage_");
}

async function waitFor(condition: () => boolean | Promise<boolean>, what: string, ms = 60_000) {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** What the index holds for documents vs what the database holds. */
async function compareWithDatabase() {
  const indexed = new Map<string, string>();
  for (let offset = 0; ; offset += 1000) {
    const page = await engine.client.index<SearchRecord>(engine.contentIndex).getDocuments({ filter: 'kind = "document"', fields: ["recordId", "title"], limit: 1000, offset });
    for (const record of page.results) indexed.set(record.recordId, record.title);
    if (page.results.length < 1000) break;
  }
  // A meeting's minutes are found through the meeting's record, not as a document of their own.
  const stored = new Map((await prisma.document.findMany({ where: { studioId: { not: null } }, select: { id: true, title: true } })).map((d) => [d.id, d.title]));
  return { indexed: Object.fromEntries([...indexed].sort()), stored: Object.fromEntries([...stored].sort()) };
}

beforeAll(async () => {
  const dir = scratchDir("outage-meili");
  dirs.push(dir);
  await startMeili(dir);
  worker = createOutboxWorker({ engine: () => engine, pollMs: 300 });
  await worker.start(() => {});
  await worker.idle(120_000);
}, 180_000);

afterAll(async () => {
  await worker?.stop();
  await dropIndexes(engine).catch(() => {});
  await meili?.stop();
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

describe("when Meilisearch is down", () => {
  it("the app keeps working, search says so, and the index catches up with nothing missing", async () => {
    const studio = await buildStudio();
    const { leader } = studio;
    const find = async (q: string) => (await search(leader, searchParamsSchema.parse({ q }), { engine })).hits.map((h) => h.title.join(""));
    const kept = await createDocument({ studioId: studio.id, title: "停机前的研究笔记", createdById: leader.id });
    const doomed = await createDocument({ studioId: studio.id, title: "停机期间删除的纪要", createdById: leader.id });
    await worker.idle();
    expect(await find("停机前的研究笔记")).toContain("停机前的研究笔记");

    await meili.stop();
    await expect(search(leader, searchParamsSchema.parse({ q: "笔记" }), { engine })).rejects.toBeInstanceOf(SearchUnavailableError);
    // Writes go on: every change waits in the outbox.
    const created = await createDocument({ studioId: studio.id, title: "停机期间新建的案例", createdById: leader.id });
    await prisma.document.update({ where: { id: kept }, data: { title: "停机期间改名的研究笔记" } });
    await prisma.document.delete({ where: { id: doomed } });
    await waitFor(() => worker.status().engine === "down", "the worker to notice");
    expect((await outboxBacklog()).pending).toBeGreaterThanOrEqual(3);

    await startMeili(dirs[0]!);
    await worker.idle(120_000);
    expect(worker.status().engine).toBe("ok");
    expect((await outboxBacklog()).pending).toBe(0);
    const { indexed, stored } = await compareWithDatabase();
    expect(indexed).toEqual(stored);
    expect(await find("停机期间新建的案例")).toContain("停机期间新建的案例");
    expect(await find("停机期间改名")).toContain("停机期间改名的研究笔记");
    expect(await find("停机期间删除的纪要")).not.toContain("停机期间删除的纪要");
    expect(created).toBeTruthy();
  }, 240_000);

  it("an engine that comes back empty is rebuilt from the database", async () => {
    const studio = await buildStudio();
    const { leader } = studio;
    await meili.stop();
    await createDocument({ studioId: studio.id, title: "换了新搜索引擎之后的文档", createdById: leader.id });
    await waitFor(() => worker.status().engine === "down", "the worker to notice");
    const fresh = scratchDir("outage-meili-fresh");
    dirs.push(fresh);
    await startMeili(fresh);
    await worker.idle(180_000);
    const { indexed, stored } = await compareWithDatabase();
    expect(indexed).toEqual(stored);
    const people = await search(leader, searchParamsSchema.parse({ q: leader.name, type: "PERSON" }), { engine });
    expect(people.hits.map((h) => h.title.join(""))).toContain(leader.name);
  }, 240_000);
});
