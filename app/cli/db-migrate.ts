/**
 * npm run db:migrate                       apply pending migrations (also done at every start)
 * npm run db:migrate -- --rolled-back NAME  mark a failed migration as rolled back after fixing it
 */
import { markRolledBack, migrate } from "~/db/migrate.server.ts";
import { runCli, withDatabase } from "./cli-services.ts";

runCli(() =>
  withDatabase(async (databaseUrl) => {
    const flag = process.argv.indexOf("--rolled-back");
    if (flag !== -1) {
      const name = process.argv[flag + 1];
      if (!name) throw new Error("请在 --rolled-back 后给出迁移名称。");
      const done = await markRolledBack(databaseUrl, name);
      console.log(done ? `已将迁移 ${name} 标记为已回滚。` : `没有处于失败状态的迁移 ${name}。`);
      return;
    }
    const { applied } = await migrate(databaseUrl, { log: console.log });
    console.log(applied.length ? `已应用 ${applied.length} 个迁移。` : "数据库已是最新，没有待应用的迁移。");
  }),
);
