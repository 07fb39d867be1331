import fs from "node:fs";
import { prisma } from "~/db/client.server.ts";
import { searchEngineHealthy } from "~/search/client.server.ts";

const version = (JSON.parse(fs.readFileSync("package.json", "utf8")) as { version: string }).version;

export interface Health {
  db: "ok" | "down";
  search: "ok" | "down";
  version: string;
}

function withTimeout<T>(promise: Promise<T>, ms: number, fallback: T): Promise<T> {
  return Promise.race([promise, new Promise<T>((resolve) => setTimeout(() => resolve(fallback), ms).unref())]);
}

/** GET /healthz: each part answers within two seconds or counts as down. */
export async function checkHealth(): Promise<Health> {
  const [db, search] = await Promise.all([
    withTimeout(
      prisma.$queryRaw`SELECT 1`.then(() => true, () => false),
      2_000,
      false,
    ),
    withTimeout(searchEngineHealthy(), 2_000, false),
  ]);
  return { db: db ? "ok" : "down", search: search ? "ok" : "down", version };
}
