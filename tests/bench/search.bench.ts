/**
 * npm run bench:search            (BENCH_DOCS=100000 by default; BENCH_ROUNDS=4)
 *
 * On the real server as `npm start` runs it (fresh data directory, demo university):
 * 1. inserts BENCH_DOCS generated Chinese documents (tests/fixtures/search) into its database,
 *    spread over the demo studios; the outbox triggers and the server's worker index them —
 *    indexing throughput is measured on that path (insert start → outbox empty), then once
 *    more as a bulk rebuild (new index + swap);
 * 2. index size (Meilisearch's database on disk);
 * 3. p50/p95 of GET /api/search over HTTP with a personal token (学工部, so the permission
 *    filter lists every studio), facets and highlighting, for the judged queries;
 * 4. recall@10 / MRR of this search and, side by side on the same corpus and queries, of
 *    PostgreSQL full-text search with to_tsvector('simple', …) and a GIN index, as peers use it
 *    (measured at the database, without HTTP: a favourable comparison for PostgreSQL).
 * 5. where a request's time goes: the server's Server-Timing header split into the Meilisearch
 *    round trip (and Meilisearch's own processingTimeMs) and everything else the server does;
 *    with BENCH_VARIANTS=1 also Meilisearch's time for variants of the request (diagnosis).
 * Ends with one JSON line.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { readRunningServices } from "~/cli/running-services.server.ts";
import { setRuntime } from "~/infra/runtime.server.ts";
import { checkCorpusTexts, generateCorpus, random } from "../fixtures/search/corpus.ts";
import { TOPICS } from "../fixtures/search/topics.ts";
import { evaluate, JUDGED_QUERIES } from "../fixtures/search/queries.ts";
import { removeDataDir, startApp } from "../support/app-server.ts";
import { scratchDir } from "../support/scratch-dir.ts";

const DOCS = Number(process.env.BENCH_DOCS ?? 100_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 4);
const PER_TOPIC = Math.max(5, Math.round(DOCS / 2500));

const ms = (n: number) => Math.round(n * 10) / 10;
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
const log = (line: string) => console.error(`[bench:search] ${line}`);

function dirSizeMb(dir: string): number {
  let bytes = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) bytes += fs.statSync(path.join(entry.parentPath, entry.name)).size;
  }
  return Math.round(bytes / 2 ** 20);
}

const dataDir = scratchDir("bench-search");
const app = await startApp({ dataDir, timeoutMs: 300_000 });
try {
  const services = readRunningServices(dataDir);
  if (!services) throw new Error("the server did not publish its services");
  setRuntime({ ...services, sessionSecret: "bench", dataDir });
  const db = new pg.Client({ connectionString: services.databaseUrl });
  await db.connect();
  const outboxEmpty = async () => Number((await db.query<{ n: string }>(`SELECT count(*) AS n FROM "SearchOutbox"`)).rows[0]!.n) === 0;
  const waitForOutbox = async (limitMs: number) => {
    const deadline = Date.now() + limitMs;
    while (!(await outboxEmpty())) {
      if (Date.now() > deadline) throw new Error("outbox not drained in time");
      await new Promise((r) => setTimeout(r, 200));
    }
  };
  await waitForOutbox(120_000);

  // ── 1. corpus into the database, indexed through the outbox ──
  checkCorpusTexts();
  const general = Math.max(0, DOCS - PER_TOPIC * TOPICS.length);
  const corpus = generateCorpus({ perTopic: PER_TOPIC, general });
  const studios = (await db.query<{ id: string }>(`SELECT id FROM "Studio" ORDER BY id`)).rows.map((r) => r.id);
  const [leader] = (await db.query<{ id: string }>(`SELECT id FROM "User" WHERE username = 'leader'`)).rows;
  const rand = random(42);
  const topicOf = new Map<string, string | null>();
  log(`inserting ${corpus.length} documents (${PER_TOPIC} per judged topic)…`);
  const insertStart = performance.now();
  for (let i = 0; i < corpus.length; i += 2000) {
    const batch = corpus.slice(i, i + 2000);
    const ids = batch.map((doc) => `b-${doc.key}`);
    batch.forEach((doc, j) => topicOf.set(ids[j]!, doc.topic));
    await db.query(
      `INSERT INTO "Document" ("id", "studioId", "type", "title", "plainText", "status", "duty", "tags", "createdById", "createdAt", "updatedAt")
       SELECT t.id, t.studio, t.type::"DocumentType", t.title, t.body, t.status::"DocumentStatus", t.duty::"Duty", string_to_array(t.tags, ','), $8, t.at, t.at
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $9::text[], $10::timestamptz[])
         AS t(id, studio, type, title, body, status, duty, tags, at)`,
      [
        ids,
        batch.map(() => studios[Math.floor(rand() * studios.length)]!),
        batch.map((d) => d.type),
        batch.map((d) => d.title),
        batch.map((d) => d.plainText),
        batch.map((d) => d.status),
        batch.map((d) => d.duty),
        leader!.id,
        batch.map((d) => d.tags.join(",")),
        batch.map((d) => new Date(Date.now() - d.ageDays * 86_400_000).toISOString()),
      ],
    );
  }
  const insertSeconds = (performance.now() - insertStart) / 1000;
  log(`inserted in ${insertSeconds.toFixed(1)} s; waiting for the worker…`);
  await waitForOutbox(3 * 3600_000);
  const outboxSeconds = (performance.now() - insertStart) / 1000;
  log(`indexed through the outbox in ${outboxSeconds.toFixed(1)} s`);

  // ── rebuild (bulk) ──
  const { prisma } = await import("~/db/client.server.ts");
  const { defaultEngine, rebuildIndex } = await import("~/search/engine.server.ts");
  const rebuilt = await rebuildIndex(defaultEngine(), { db: prisma, databaseUrl: services.databaseUrl, log: () => {} });
  log(`rebuilt ${rebuilt.records} records in ${rebuilt.seconds.toFixed(1)} s`);
  await waitForOutbox(600_000);

  // ── 2. index size ──
  const stats = await defaultEngine().client.getStats();
  const indexMb = Math.round(stats.databaseSize / 2 ** 20);
  const onDiskMb = dirSizeMb(path.join(dataDir, "meilisearch"));

  // ── 3. latency of GET /api/search ──
  const { createApiToken } = await import("~/search/tokens.server.ts");
  const admin = await prisma.user.findUniqueOrThrow({ where: { username: "admin" } });
  const { token } = await createApiToken({ userId: admin.id, name: "bench", expiresInDays: 1, actorId: null });
  const parts = new Map<string, number[]>();
  const call = async (q: string, extra = "") => {
    const t0 = performance.now();
    const response = await fetch(`${app.baseUrl}/api/search?q=${encodeURIComponent(q)}${extra}`, { headers: { Authorization: `Bearer ${token}` } });
    const body = (await response.json()) as { hits: unknown[]; facets: Record<string, unknown[]> };
    if (response.status !== 200 || !body.facets.type) throw new Error(`status ${response.status}`);
    // Server-Timing goes to 学工部 only (policy "search:timings"): the token above is theirs.
    if (!response.headers.has("Server-Timing")) throw new Error("no Server-Timing header: the benchmark's token must be 学工部's");
    const elapsed = performance.now() - t0;
    const timing = Object.fromEntries(
      (response.headers.get("Server-Timing") ?? "").split(",").map((entry) => {
        const [name, dur] = entry.trim().split(";dur=");
        return [name!, Number(dur)];
      }),
    ) as Record<string, number>;
    timing.roundTrip = elapsed;
    timing.outsideMeili = elapsed - (timing.meili ?? 0);
    return { elapsed, timing };
  };
  for (const query of JUDGED_QUERIES.slice(0, 20)) await call(query.q); // warm-up
  const latencies: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    for (const query of JUDGED_QUERIES) {
      const { elapsed, timing } = await call(query.q, round % 2 ? "&sort=date" : round === 2 ? "&page=2" : "");
      latencies.push(elapsed);
      for (const [name, value] of Object.entries(timing)) if (Number.isFinite(value)) parts.set(name, [...(parts.get(name) ?? []), value]);
    }
  }
  latencies.sort((a, b) => a - b);
  const split = Object.fromEntries(
    [...parts].map(([name, values]) => {
      values.sort((a, b) => a - b);
      return [name, { p50: ms(percentile(values, 50)), p95: ms(percentile(values, 95)) }];
    }),
  );
  log(`where the time goes (ms): ${JSON.stringify(split)}`);
  // Latency on a small machine follows its load: say what it was.
  log(`load average after the latency phase: ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}`);

  if (process.env.BENCH_VARIANTS) {
    const { meiliRequest } = await import("~/search/search.server.ts");
    const { searchParamsSchema: schema } = await import("~/search/schemas.ts");
    const { searchScope: scopeOf } = await import("~/search/scope.server.ts");
    const { synonymTerms } = await import("~/search/synonyms.server.ts");
    const { planQuery } = await import("~/search/chinese.ts");
    const adminScope = await scopeOf(admin);
    const synonyms = await synonymTerms();
    const index = defaultEngine().client.index(defaultEngine().contentIndex);
    type Req = ReturnType<typeof meiliRequest>;
    const variants: Record<string, (r: Req) => Req> = {
      current: (r) => r,
      offsetLimit: ({ page, hitsPerPage, ...r }) => ({ ...r, offset: ((page ?? 1) - 1) * (hitsPerPage ?? 20), limit: hitsPerPage }),
      noFacets: ({ facets: _f, ...r }) => r,
      offsetLimitNoFacets: ({ page, hitsPerPage, facets: _f, ...r }) => ({ ...r, offset: ((page ?? 1) - 1) * (hitsPerPage ?? 20), limit: hitsPerPage }),
      noHighlight: ({ attributesToHighlight: _h, attributesToCrop: _c, ...r }) => r,
      noBody: (r) => ({ ...r, attributesToRetrieve: r.attributesToRetrieve!.filter((a) => a !== "body" && a !== "headings" && a !== "keywords") }),
      noScopeFilter: (r) => ({ ...r, filter: (r.filter as string[]).slice(1) }),
    };
    const variantFigures: Record<string, unknown> = {};
    for (const [name, change] of Object.entries(variants)) {
      const engineMs: number[] = [];
      const tripMs: number[] = [];
      for (let round = 0; round < 2; round++) {
        for (const query of JUDGED_QUERIES) {
          const params = schema.parse({ q: query.q, ...(round ? { sort: "date" } : {}) });
          const t0 = performance.now();
          // The literal variant only (a query with synonym terms sends its variants together).
          const response = await index.search(planQuery(query.q, synonyms.alternatives).variants[0], change(meiliRequest(params, adminScope)));
          tripMs.push(performance.now() - t0);
          engineMs.push(response.processingTimeMs);
        }
      }
      engineMs.sort((a, b) => a - b);
      tripMs.sort((a, b) => a - b);
      variantFigures[name] = { engine_p50: percentile(engineMs, 50), engine_p95: percentile(engineMs, 95), trip_p50: ms(percentile(tripMs, 50)), trip_p95: ms(percentile(tripMs, 95)) };
    }
    log(`Meilisearch request variants (ms): ${JSON.stringify(variantFigures, null, 1)}`);
  }

  // ── 4. quality, this search vs PostgreSQL full-text search ──
  const { search } = await import("~/search/search.server.ts");
  const { searchParamsSchema } = await import("~/search/schemas.ts");
  const { readableStudioIds } = await import("~/search/scope.server.ts");
  const scope = { studioIds: await readableStudioIds(admin), seesPublic: false, courses: { published: false, draftIds: [] }, meetings: { seriesIds: [], inviteeId: null } };
  const relevantCount = (query: (typeof JUDGED_QUERIES)[number]) => query.relevant.length * PER_TOPIC;
  const ours = [];
  for (const query of JUDGED_QUERIES) {
    const result = await search(admin, searchParamsSchema.parse({ q: query.q, limit: 10 }), { scope, facets: false, backlog: false });
    ours.push({ query, ranked: result.hits.map((h) => topicOf.get(h.id) ?? null) });
  }
  const oursQuality = evaluate(ours, relevantCount);

  log("building the PostgreSQL full-text index…");
  await db.query(`CREATE INDEX bench_fts ON "Document" USING gin (to_tsvector('simple', "title" || ' ' || "plainText"))`);
  await db.query(`ANALYZE "Document"`);
  const pgRuns = [];
  const pgLatencies: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    for (const query of JUDGED_QUERIES) {
      const t0 = performance.now();
      const { rows } = await db.query<{ id: string }>(
        `SELECT "id" FROM "Document", plainto_tsquery('simple', $1) AS q
         WHERE to_tsvector('simple', "title" || ' ' || "plainText") @@ q
         ORDER BY ts_rank(to_tsvector('simple', "title" || ' ' || "plainText"), q) DESC LIMIT 10`,
        [query.q],
      );
      pgLatencies.push(performance.now() - t0);
      if (round === 0) pgRuns.push({ query, ranked: rows.map((r) => topicOf.get(r.id) ?? null) });
    }
  }
  pgLatencies.sort((a, b) => a - b);
  const pgQuality = evaluate(pgRuns, relevantCount);
  await db.end();
  await prisma.$disconnect();

  const byKind = (e: typeof oursQuality) => Object.fromEntries(Object.entries(e.byKind).map(([k, v]) => [k, Math.round(v.recall10 * 1000) / 1000]));
  console.error(
    [
      `machine: ${os.cpus()[0]?.model} ×${os.cpus().length}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
      `insert ${insertSeconds.toFixed(1)} s; outbox path ${outboxSeconds.toFixed(1)} s; rebuild ${rebuilt.seconds.toFixed(1)} s`,
      `recall@10 by kind — ours ${JSON.stringify(byKind(oursQuality))}, PostgreSQL ${JSON.stringify(byKind(pgQuality))}`,
      `Meilisearch database ${indexMb} MB (directory ${onDiskMb} MB)`,
    ].join("\n"),
  );
  console.log(
    JSON.stringify({
      docs: corpus.length,
      index_docs_per_s: Math.round(corpus.length / outboxSeconds),
      rebuild_docs_per_s: Math.round(rebuilt.records / rebuilt.seconds),
      index_mb: indexMb,
      p50_ms: ms(percentile(latencies, 50)),
      p95_ms: ms(percentile(latencies, 95)),
      meili_p50_ms: split.meili?.p50,
      meili_p95_ms: split.meili?.p95,
      engine_p95_ms: split.engine?.p95,
      server_overhead_p50_ms: split.outsideMeili?.p50,
      server_overhead_p95_ms: split.outsideMeili?.p95,
      recall10: Math.round(oursQuality.recall10 * 1000) / 1000,
      mrr: Math.round(oursQuality.mrr * 1000) / 1000,
      pg_recall10: Math.round(pgQuality.recall10 * 1000) / 1000,
      pg_mrr: Math.round(pgQuality.mrr * 1000) / 1000,
      pg_p50_ms: ms(percentile(pgLatencies, 50)),
      pg_p95_ms: ms(percentile(pgLatencies, 95)),
      queries: JUDGED_QUERIES.length,
      requests: latencies.length,
    }),
  );
} finally {
  await app.stop();
  removeDataDir(dataDir);
}
process.exit(0);
