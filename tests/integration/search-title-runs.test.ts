import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/db/client.server.ts";
import type { Actor } from "~/policy/index.ts";
import { DEFAULT_SYNONYM_GROUPS } from "~/search/default-synonyms.ts";
import { defaultEngine, dropIndexes } from "~/search/engine.server.ts";
import type { SearchScope } from "~/search/filters.ts";
import { createOutboxWorker, type OutboxWorker } from "~/search/outbox.server.ts";
import { allRecords } from "~/search/records.server.ts";
import { searchParamsSchema } from "~/search/schemas.ts";
import { searchScope } from "~/search/scope.server.ts";
import { search } from "~/search/search.server.ts";
import { buildStudio, buildUser } from "../support/factories.ts";

/**
 * A title that contains the query is found, however jieba cut the title: every run of 2–8 Han
 * characters of a title finds its record (through the app's search, with the default synonyms in
 * the database, on the real Meilisearch). Checked as a property over generated titles (domain
 * words, synonym terms, stray characters, Latin words and punctuation) and over every title of
 * the demo university.
 */

const HAN_RUN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+/gu;
const PAGE = 50;

let worker: OutboxWorker;
let admin: Actor;
let studioId: string;

/** Whether the search for `q` lists the record (all result pages, as a person could page through them). */
async function finds(q: string, recordId: string, scope: SearchScope): Promise<boolean> {
  for (let page = 1; page <= 20; page++) {
    const result = await search(admin, searchParamsSchema.parse({ q, limit: PAGE, page }), { scope, facets: false, backlog: false });
    if (result.hits.some((hit) => hit.id === recordId)) return true;
    if (page >= result.pages) return false;
  }
  return false;
}

/** All runs of 2–8 Han characters of a title. */
function runsOf(title: string): string[] {
  const out = new Set<string>();
  for (const [run] of title.normalize("NFKC").matchAll(HAN_RUN)) {
    const chars = [...run];
    for (let length = 2; length <= Math.min(8, chars.length); length++) {
      for (let start = 0; start + length <= chars.length; start++) out.add(chars.slice(start, start + length).join(""));
    }
  }
  return [...out];
}

const WORDS = [
  "网络", "思想政治", "教育", "思政", "工作", "研究", "辅导员", "工作室", "心理", "健康", "危机", "干预", "舆情", "引导", "学生",
  "大学生", "新生", "入学", "适应", "学风", "建设", "班级", "党支部", "团支部", "资助", "育人", "就业", "创业", "指导", "职业",
  "生涯", "规划", "案例", "分析", "实践", "路径", "机制", "探索", "基于", "视角", "下", "的", "与", "和", "在", "中", "高校",
  "宿舍", "待处理", "事项", "家校", "沟通", "朋辈", "互助", "价值", "引领", "主题", "班会", "考研", "军训", "诈骗",
];
const TERMS = DEFAULT_SYNONYM_GROUPS.flatMap((g) => g.terms);
const STRAY = [..."人民共和国政治经济文化社会生态文明校园青年志愿服务管理评价体系课程改革"];
const piece = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...WORDS) },
  { weight: 4, arbitrary: fc.constantFrom(...TERMS) },
  { weight: 2, arbitrary: fc.constantFrom(...STRAY) },
  { weight: 1, arbitrary: fc.constantFrom("“", "”", "、", "：", "（", "）", "《", "》", " ", "2025", "Excel", "SPSS", "—") },
);
const titleArbitrary = fc.array(piece, { minLength: 2, maxLength: 12 }).map((parts) => parts.join("").trim()).filter((t) => /[\u4e00-\u9fff]{2}/u.test(t));

const generated: Array<{ id: string; title: string }> = [];

beforeAll(async () => {
  admin = await buildUser({ roles: ["ADMIN"] });
  const studio = await buildStudio();
  studioId = studio.id;
  const { leader } = studio;
  // The titles the issue named, then generated ones (a fixed seed: the same corpus every run).
  const titles = ["网络思想政治教育工作案例研究", "高校网络思想政治教育的实践路径", ...fc.sample(titleArbitrary, { numRuns: 150, seed: 46 })];
  titles.forEach((title, i) => generated.push({ id: `runs-${i}`, title }));
  await prisma.document.createMany({ data: generated.map(({ id, title }) => ({ id, studioId, title, plainText: "", type: "RESEARCH_NOTE" as const, createdById: leader.id })) });
  worker = createOutboxWorker({ pollMs: 300 });
  await worker.start(() => {});
  await worker.idle(240_000);
}, 300_000);

afterAll(async () => {
  await worker?.stop();
  await dropIndexes(defaultEngine());
});

describe("a title that contains the query is found", () => {
  it("finds 「网络思想政治教育…」 by 思想政治, 思想政治教育, 政治教育 and 网络思想政治教育", async () => {
    const scope = { studioIds: [studioId], seesPublic: false, courses: { published: false, draftIds: [] }, meetings: { seriesIds: [], inviteeId: null } };
    for (const q of ["思想政治", "思想政治教育", "政治教育", "网络思想政治教育", "思政"]) {
      expect(await finds(q, "runs-0", scope), q).toBe(true);
    }
  });

  it("finds a generated title by any run of 2–8 Han characters in it (property)", async () => {
    const scope = { studioIds: [studioId], seesPublic: false, courses: { published: false, draftIds: [] }, meetings: { seriesIds: [], inviteeId: null } };
    const misses: string[] = [];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...generated), fc.nat(), async (doc, pick) => {
        const runs = runsOf(doc.title);
        const q = runs[pick % runs.length]!;
        const found = await finds(q, doc.id, scope);
        if (!found) misses.push(`${q} ⊂ ${doc.title}`);
        return found;
      }),
      { numRuns: 1000, seed: 2026 },
    );
    expect(misses).toEqual([]);
  }, 300_000);

  it("finds every record of the demo university by every run of 2–8 Han characters of its title", async () => {
    const scope = await searchScope(admin);
    const expected = new Map<string, Set<string>>();
    let records = 0;
    for await (const batch of allRecords(prisma)) {
      for (const record of batch) {
        if (record.recordId.startsWith("runs-")) continue;
        records += 1;
        for (const q of runsOf(record.title)) expected.set(q, (expected.get(q) ?? new Set()).add(record.recordId));
      }
    }
    const misses: string[] = [];
    for (const [q, ids] of expected) {
      const seen = new Set<string>();
      for (let page = 1; page <= 20; page++) {
        const result = await search(admin, searchParamsSchema.parse({ q, limit: PAGE, page }), { scope, facets: false, backlog: false });
        for (const hit of result.hits) seen.add(hit.id);
        if ([...ids].every((id) => seen.has(id)) || page >= result.pages) break;
      }
      for (const id of ids) if (!seen.has(id)) misses.push(`${q} → ${id}`);
    }
    console.log(`demo titles: ${records} records, ${expected.size} distinct runs, ${misses.length} misses`);
    expect(misses).toEqual([]);
  }, 600_000);
});
