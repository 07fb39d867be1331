/**
 * npm run db:seed              load the demo university into an empty database
 * npm run db:seed -- --reset   empty every table first (asks nothing: use with care)
 */
import { migrate } from "~/db/migrate.server.ts";
import { runCli, withDatabase } from "./cli-services.ts";

runCli(() =>
  withDatabase(async (databaseUrl) => {
    await migrate(databaseUrl, { log: console.log });
    const { prisma } = await import("~/db/client.server.ts");
    const { describeDemoAccounts } = await import("~/seed/seed.server.ts");
    const { seedDemoUniversity } = await import("~/seed/demo-university.server.ts");
    if (process.argv.includes("--reset")) {
      const tables = await prisma.$queryRaw<Array<{ tablename: string }>>`
        SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'`;
      await prisma.$executeRawUnsafe(`TRUNCATE ${tables.map((t) => `"${t.tablename}"`).join(", ")} RESTART IDENTITY CASCADE`);
      console.log("已清空所有数据表。");
    } else if ((await prisma.user.count()) > 0) {
      console.log("数据库中已有数据，未重复导入。如需重新导入演示数据，请执行 npm run db:seed -- --reset（会删除全部数据）。");
      return;
    }
    console.log(`已导入：${await seedDemoUniversity()}`);
    for (const line of await describeDemoAccounts()) console.log(line);
    await prisma.$disconnect();
  }),
);
