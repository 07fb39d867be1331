import { prisma, withAdvisoryLock } from "~/db/client.server.ts";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "./demo-data.ts";

/** Held while one process checks and seeds: instances started together on an empty database seed it once. */
const SEED_LOCK = 7_240_110;

/**
 * Start-up side of the demo university: load it into an empty database and print the demo
 * logins. The generator itself (Faker and its Chinese name data) is loaded only when needed.
 */
export async function seedIfEmpty(log: (line: string) => void): Promise<void> {
  if ((await prisma.user.count()) > 0) return;
  // Several instances started at once (decision 111): one seeds, the others wait and find it done.
  await withAdvisoryLock(SEED_LOCK, async () => {
    if ((await prisma.user.count()) === 0) await seed(log);
  });
}

async function seed(log: (line: string) => void): Promise<void> {
  log("数据库为空：正在导入演示大学数据…");
  const started = performance.now();
  const { seedDemoUniversity } = await import("./demo-university.server.ts");
  const summary = await seedDemoUniversity();
  log(`演示数据导入完成（${summary}，用时 ${((performance.now() - started) / 1000).toFixed(1)} 秒）`);
}

export async function describeDemoAccounts(): Promise<string[]> {
  const present = await prisma.user.findMany({
    where: { username: { in: DEMO_ACCOUNTS.map((a) => a.username) } },
    select: { username: true },
  });
  if (!present.length) return [];
  const have = new Set(present.map((p) => p.username));
  return [
    `演示账号（初始密码均为 ${DEMO_PASSWORD}；正式使用前请删除或修改）：`,
    ...DEMO_ACCOUNTS.filter((a) => have.has(a.username)).map((a) => `  工号 ${a.username.padEnd(10)} ${a.name.padEnd(4, "　")}${a.label}`),
  ];
}
