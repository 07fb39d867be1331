/**
 * npm run backup                      write one archive of the database and uploads (decision 120)
 * npm run backup -- --out <folder>    …into that folder (default: backups/ under the data directory)
 * Works while the app runs: the database is read in one consistent snapshot.
 * PG_DUMP=/path/to/pg_dump (its major version at least the server's) also puts the same snapshot
 * in pg_dump's custom format into the archive, for pg_restore by hand.
 */
import path from "node:path";
import { createBackup } from "~/backup/archive.server.ts";
import { readConfig } from "~/infra/config.server.ts";
import { withAppServices } from "./app-services.ts";
import { runCli } from "./cli-services.ts";

runCli(async () => {
  const flag = process.argv.indexOf("--out");
  if (flag !== -1 && !process.argv[flag + 1]) throw new Error("请在 --out 后给出备份文件夹。");
  const config = readConfig();
  const outDir = path.resolve(flag !== -1 ? process.argv[flag + 1]! : path.join(config.dataDir, "backups"));
  await withAppServices(
    async (runtime) => {
      console.log(`开始备份（数据目录 ${runtime.dataDir}）…`);
      const started = performance.now();
      const { file, manifest } = await createBackup({ databaseUrl: runtime.databaseUrl, dataDir: runtime.dataDir, outDir, log: (line) => console.log(line), pgDump: process.env.PG_DUMP || undefined });
      const rows = manifest.tables.reduce((sum, t) => sum + t.rows, 0);
      const uploads = Object.keys(manifest.files).filter((f) => f.startsWith("uploads/")).length;
      console.log(`备份完成：${file}（${manifest.tables.length} 张表共 ${rows} 行，${uploads} 个上传文件，用时 ${((performance.now() - started) / 1000).toFixed(1)} 秒）。`);
    },
    { search: false },
  );
});
