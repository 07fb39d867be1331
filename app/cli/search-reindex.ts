/**
 * npm run search:reindex
 * Rebuilds the search index from the database without downtime: a new index is filled beside
 * the live one and swapped in; searches are answered from the old index until then, and changes
 * made meanwhile wait in the outbox and are applied after the swap. Works while the app runs
 * (it uses the app's services) and when it does not (it starts the embedded ones).
 */
import { runCli } from "./cli-services.ts";
import { withAppServices } from "./app-services.ts";

runCli(() =>
  withAppServices(async (runtime) => {
    const { prisma } = await import("~/db/client.server.ts");
    const { recordAudit } = await import("~/audit/audit.server.ts");
    const { defaultEngine, rebuildIndex } = await import("~/search/engine.server.ts");
    const engine = defaultEngine();
    console.log(`正在重建搜索索引 ${engine.contentIndex}（新索引建好后替换，期间搜索照常可用）…`);
    const result = await rebuildIndex(engine, { db: prisma, databaseUrl: runtime.databaseUrl, log: (line) => console.log(line) });
    await recordAudit(prisma, { actorId: null, action: "search.reindex", entityType: "SearchIndex", entityId: engine.contentIndex, data: { records: result.records } });
    console.log(`完成：${result.records} 条记录，用时 ${result.seconds.toFixed(1)} 秒。`);
    await prisma.$disconnect();
  }),
);
