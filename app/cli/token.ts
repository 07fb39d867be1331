/**
 * npm run token -- --user <工号> [--name <名称>] [--days <天数> | --no-expiry]
 * Issues a personal API token for a person (学工部's operator path; people create their own at
 * /settings/tokens). The token is printed once; only its hash is stored.
 */
import { parseArgs } from "node:util";
import { z } from "zod";
import { runCli } from "./cli-services.ts";
import { withAppServices } from "./app-services.ts";

const USAGE = "用法：npm run token -- --user <工号> [--name <名称>] [--days <有效天数，默认 90> | --no-expiry]";

const argsSchema = z.object({
  user: z.string(`缺少 --user <工号>。\n${USAGE}`).trim().min(1, `缺少 --user <工号>。\n${USAGE}`),
  name: z.string().trim().min(1, "--name 不能为空。").max(50, "--name 最多 50 个字符。").default("命令行签发"),
  days: z.coerce.number("--days 必须是 1–3650 之间的整数。").int("--days 必须是 1–3650 之间的整数。").min(1, "--days 必须是 1–3650 之间的整数。").max(3650, "--days 必须是 1–3650 之间的整数。").default(90),
  "no-expiry": z.boolean().default(false),
});

runCli(async () => {
  let values: Record<string, unknown>;
  try {
    ({ values } = parseArgs({
      options: { user: { type: "string" }, name: { type: "string" }, days: { type: "string" }, "no-expiry": { type: "boolean" } },
      strict: true,
    }));
  } catch (error) {
    throw new Error(`${(error as Error).message}\n${USAGE}`);
  }
  const parsed = argsSchema.safeParse(values);
  if (!parsed.success) throw new Error(parsed.error.issues.map((i) => i.message).join("\n"));
  const args = parsed.data;
  await withAppServices(
    async () => {
      const { prisma } = await import("~/db/client.server.ts");
      const { createApiToken } = await import("~/search/tokens.server.ts");
      const { isUserError } = await import("~/lib/user-error.ts");
      const user = await prisma.user.findUnique({ where: { username: args.user }, select: { id: true, name: true, active: true } });
      if (!user) throw new Error(`没有工号为 ${args.user} 的账号。`);
      if (!user.active) throw new Error(`账号 ${args.user}（${user.name}）已停用，不能签发令牌。`);
      try {
        const created = await createApiToken({ userId: user.id, name: args.name, expiresInDays: args["no-expiry"] ? null : args.days, actorId: null });
        console.log(`已为 ${user.name}（${args.user}）签发个人访问令牌“${created.name}”${args["no-expiry"] ? "（永不过期）" : `（${args.days} 天后过期）`}：`);
        console.log(created.token);
        console.log("请妥善保管：令牌只显示这一次。使用方法：curl -H \"Authorization: Bearer <令牌>\" http://localhost:3000/api/search?q=关键词");
      } catch (error) {
        if (isUserError(error) && error.key === "search.tokens.errors.tooMany") throw new Error(`${user.name} 已有 20 个有效令牌，请先在 /settings/tokens 撤销不用的令牌。`);
        throw error;
      } finally {
        await prisma.$disconnect();
      }
    },
    { search: false },
  );
});
