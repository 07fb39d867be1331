import fs from "node:fs";
import { prisma } from "~/db/client.server.ts";
import { serviceState, type ServiceName } from "~/infra/supervisor.server.ts";
import { searchEngineHealthy } from "~/search/client.server.ts";

const version = (JSON.parse(fs.readFileSync("package.json", "utf8")) as { version: string }).version;

/** "restarting": the app is starting its embedded service again after it died (decision 090). */
export type PartHealth = "ok" | "down" | "restarting";

export interface Health {
  db: PartHealth;
  search: PartHealth;
  version: string;
}

function withTimeout<T>(promise: Promise<T>, ms: number, fallback: T): Promise<T> {
  return Promise.race([promise, new Promise<T>((resolve) => setTimeout(() => resolve(fallback), ms).unref())]);
}

/** GET /healthz: each part answers within two seconds or counts as down. */
export async function checkHealth(): Promise<Health> {
  const [db, search] = await Promise.all([
    part("database", () => prisma.$queryRaw`SELECT 1`.then(() => true, () => false)),
    part("search", searchEngineHealthy),
  ]);
  return { db, search, version };
}

function part(name: ServiceName, check: () => Promise<boolean>): Promise<PartHealth> {
  if (serviceState(name) === "restarting") return Promise.resolve("restarting");
  return withTimeout(check(), 2_000, false).then((ok) => (ok ? "ok" : "down"));
}
