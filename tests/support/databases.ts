import crypto from "node:crypto";
import pg from "pg";

/** Another database on the test cluster (next to this file's seeded copy). */
export async function createEmptyDatabase(prefix = "empty"): Promise<string> {
  const base = new URL(process.env.DATABASE_URL!);
  const name = `${prefix}_${crypto.randomUUID().replaceAll("-", "")}`;
  const admin = new URL(base);
  admin.pathname = "/postgres";
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  await client.query(`CREATE DATABASE "${name}"`);
  await client.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function query<T extends pg.QueryResultRow>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}
