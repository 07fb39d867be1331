import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import type { RunningApp } from "./app-server.ts";

/** The lock file of a data directory: the app's PID and the services it started. */
export function readRunLock(dataDir: string): { pid: number; children: Record<string, number> } | null {
  try {
    return JSON.parse(fs.readFileSync(path.join(dataDir, "run.lock.json"), "utf8"));
  } catch {
    return null;
  }
}

/** The connection string of a running app's embedded PostgreSQL (its port is in the start-up line). */
export function embeddedDatabaseUrl(app: RunningApp): string {
  const match = /内置 PostgreSQL（[^）]*，127\.0\.0\.1:(\d+)\/fudao）/.exec(app.output());
  if (!match) throw new Error(`no embedded PostgreSQL in the output:\n${app.output()}`);
  const password = fs.readFileSync(path.join(app.dataDir, "secrets", "postgres-password"), "utf8").trim();
  return `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${match[1]}/fudao`;
}

export async function queryOnce<T extends pg.QueryResultRow>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  client.on("error", () => {});
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end().catch(() => {});
  }
}

export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

export async function waitUntil<T>(what: string, check: () => Promise<T | false | null | undefined> | T | false | null | undefined, ms = 60_000, everyMs = 50): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

/** GET that never throws: the status, the body, or the network error's code. */
export async function probe(url: string, init: RequestInit = {}): Promise<{ status: number; body: string } | { error: string }> {
  try {
    const response = await fetch(url, { ...init, signal: AbortSignal.timeout(10_000) });
    return { status: response.status, body: await response.text() };
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause;
    return { error: cause?.code ?? (error as Error).message };
  }
}
