import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/db/client.server.ts";
import { defaultEngine, dropIndexes } from "~/search/engine.server.ts";
import { createOutboxWorker, type OutboxWorker } from "~/search/outbox.server.ts";
import { searchParamsSchema } from "~/search/schemas.ts";
import { search } from "~/search/search.server.ts";
import { checkCorpusTexts, generateCorpus, type CorpusDocument } from "../fixtures/search/corpus.ts";
import { evaluate, JUDGED_QUERIES, type Evaluation } from "../fixtures/search/queries.ts";
import { buildStudio, buildUser } from "../support/factories.ts";

/**
 * Search quality on a realistic Chinese corpus with judged queries (tests/fixtures/search):
 * recall@10 is asserted, MRR reported. The corpus goes into the database like any documents
 * and reaches Meilisearch through the outbox worker.
 */

const PER_TOPIC = 5;
let worker: OutboxWorker;
let byId: Map<string, CorpusDocument>;
let studioId: string;
let evaluation: Evaluation;

beforeAll(async () => {
  checkCorpusTexts();
  const corpus = generateCorpus({ perTopic: PER_TOPIC, general: 1200 });
  const studio = await buildStudio();
  studioId = studio.id;
  const author = studio.leader;
  const now = Date.now();
  byId = new Map();
  const rows = corpus.map((doc) => {
    const id = `q-${doc.key}`;
    byId.set(id, doc);
    const at = new Date(now - doc.ageDays * 86_400_000);
    return { id, studioId, title: doc.title, plainText: doc.plainText, type: doc.type, status: doc.status, duty: doc.duty, tags: doc.tags, createdById: author.id, createdAt: at, updatedAt: at };
  });
  for (let i = 0; i < rows.length; i += 500) await prisma.document.createMany({ data: rows.slice(i, i + 500) });
  worker = createOutboxWorker({ pollMs: 500 });
  await worker.start(() => {});
  await worker.idle(240_000);

  const admin = await buildUser({ roles: ["ADMIN"] });
  const results = [];
  for (const query of JUDGED_QUERIES) {
    const result = await search(admin, searchParamsSchema.parse({ q: query.q, limit: 10 }), {
      // Documents only: the judged corpus is documents.
      scope: { studioIds: [studioId], seesPublic: false, courses: { published: false, draftIds: [] }, meetings: { seriesIds: [], inviteeId: null } },
      facets: false,
      backlog: false,
    });
    results.push({ query, ranked: result.hits.map((hit) => byId.get(hit.id)?.topic ?? null) });
  }
  evaluation = evaluate(results, () => PER_TOPIC);
}, 300_000);

afterAll(async () => {
  await worker?.stop();
  await dropIndexes(defaultEngine());
});

describe("search quality on judged Chinese queries", () => {
  it("has at least 40 judged queries of every kind", () => {
    expect(JUDGED_QUERIES.length).toBeGreaterThanOrEqual(40);
    for (const kind of ["exact", "infix", "synonym", "mixed", "typo"] as const) {
      expect(JUDGED_QUERIES.filter((q) => q.kind === kind).length).toBeGreaterThanOrEqual(5);
    }
  });

  it("finds the relevant documents in the first ten results (recall@10), and reports MRR", () => {
    const lines = [
      `recall@10 ${evaluation.recall10.toFixed(3)}  MRR ${evaluation.mrr.toFixed(3)}  (${JUDGED_QUERIES.length} queries, ${byId.size} documents)`,
      ...Object.entries(evaluation.byKind).map(([kind, v]) => `  ${kind.padEnd(8)} ${v.queries} queries  recall@10 ${v.recall10.toFixed(3)}  MRR ${v.mrr.toFixed(3)}`),
      ...evaluation.perQuery.filter((p) => p.recall10 < 1 || p.rr < 1).map((p) => `  below 1: ${p.q} (${p.kind}) recall@10 ${p.recall10.toFixed(2)} rr ${p.rr.toFixed(2)}`),
    ];
    console.log(lines.join("\n"));
    expect(evaluation.recall10).toBeGreaterThanOrEqual(0.95);
    for (const [kind, v] of Object.entries(evaluation.byKind)) expect(v.recall10, kind).toBeGreaterThanOrEqual(0.85);
    expect(evaluation.mrr).toBeGreaterThanOrEqual(0.9);
  });
});
