/**
 * npm run restore -- <archive>            restore into an empty FUDAO_DATA_DIR or empty DATABASE_URL
 * npm run restore -- <archive> --force    …even when the target holds data (it is replaced)
 * The archive is checked whole (every checksum) before anything is written; the search index is
 * rebuilt at the end. The app must not be running on the target data directory.
 */
import path from "node:path";
import { BackupError, openBackup, restoreBackup } from "~/backup/archive.server.ts";
import { readConfig } from "~/infra/config.server.ts";
import { ensureDataDir, readOrCreateSecret } from "~/infra/data-dir.server.ts";
import { startEmbeddedMeilisearch } from "~/infra/embedded-meilisearch.server.ts";
import { startEmbeddedPostgres } from "~/infra/embedded-postgres.server.ts";
import { acquireRunLock } from "~/infra/run-lock.server.ts";
import { setRuntime } from "~/infra/runtime.server.ts";
import { runCli } from "./cli-services.ts";
import { readRunningServices } from "./running-services.server.ts";

runCli(async () => {
  const args = process.argv.slice(2);
  const force = args.includes("--force");
  const archive = args.find((arg) => !arg.startsWith("--"));
  if (!archive) throw new BackupError("请给出要恢复的备份文件：npm run restore -- <备份文件>。");
  const config = readConfig();
  const log = (line: string) => console.log(line);

  console.log(`正在检查备份文件 ${path.resolve(archive)}…`);
  const opened = await openBackup(path.resolve(archive));
  const { manifest } = opened;
  try {
    console.log(`备份检查通过：版本 ${manifest.appVersion}，创建于 ${manifest.createdAt}，迁移版本 ${manifest.migrationLevel ?? "无"}，${Object.keys(manifest.files).length} 个文件校验和一致。`);
    if (readRunningServices(config.dataDir)) throw new BackupError(`数据目录 ${config.dataDir} 上的应用正在运行，请先停止应用再恢复。`);

    ensureDataDir(config.dataDir);
    const lock = await acquireRunLock(config.dataDir, log);
    const stops: Array<() => Promise<void>> = [];
    try {
      const database = config.databaseUrl
        ? { url: config.databaseUrl }
        : await startEmbeddedPostgres({ dataDir: config.dataDir, log }).then((pg) => {
            stops.push(pg.stop);
            if (pg.pid) lock.recordChild("postgres", pg.pid);
            return pg;
          });
      console.log(`恢复目标：${config.databaseUrl ? "DATABASE_URL 指定的数据库" : `内置 PostgreSQL（${config.dataDir}/postgres）`}，上传文件写入 ${config.dataDir}/uploads。`);
      await restoreBackup({ opened, databaseUrl: database.url, dataDir: config.dataDir, force, log });

      const meili = config.meiliUrl
        ? { url: config.meiliUrl, masterKey: config.meiliMasterKey ?? "" }
        : await startEmbeddedMeilisearch({ dataDir: config.dataDir, log }).then((m) => {
            stops.push(m.stop);
            if (m.pid) lock.recordChild("meilisearch", m.pid);
            return m;
          });
      setRuntime({
        databaseUrl: database.url,
        meiliUrl: meili.url,
        meiliApiKey: meili.masterKey,
        sessionSecret: config.sessionSecret ?? readOrCreateSecret(config.dataDir, "session-secret"),
        dataDir: config.dataDir,
      });
      const { prisma } = await import("~/db/client.server.ts");
      const { defaultEngine, rebuildIndex } = await import("~/search/engine.server.ts");
      console.log("正在重建搜索索引…");
      const result = await rebuildIndex(defaultEngine(), { db: prisma, databaseUrl: database.url, log });
      console.log(`搜索索引已重建：${result.records} 条记录。`);
      await prisma.$disconnect();
      console.log(`恢复完成：${manifest.tables.length} 张表、${Object.keys(manifest.files).filter((f) => f.startsWith("uploads/")).length} 个上传文件。`);
    } finally {
      for (const stop of stops.reverse()) await stop().catch(() => {});
      lock.release();
    }
  } finally {
    opened.dispose();
  }
});
