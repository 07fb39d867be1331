import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "~/generated/prisma/client.ts";
import { getRuntime, singleton } from "~/infra/runtime.server.ts";

export type { Prisma } from "~/generated/prisma/client.ts";

/** The one Prisma client of the process, through the node-postgres driver adapter. */
export const prisma: PrismaClient = singleton("prisma", () => {
  const adapter = new PrismaPg({ connectionString: getRuntime().databaseUrl, max: 10 });
  return new PrismaClient({ adapter });
});

/** Transaction client type, for services that accept either the client or a transaction. */
export type Db = Omit<PrismaClient, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;
