import type pg from "pg";
import { signInOverHttp } from "../support/http-session.ts";

/**
 * What the large benches share: latency summaries, a seeded random source so every run writes the
 * same university, Chinese names, bulk inserts with SQL and signing in many people over HTTP.
 */

export const SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈";
export const GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红娥玲芬燕彬鑫斌宇浩凯健俊帆帅旭宁龙林欢阳佳";
export const DAY = 86_400_000;

export const ms = (n: number) => Math.round(n * 10) / 10;

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export function summary(latencies: number[]) {
  const sorted = [...latencies].sort((a, b) => a - b);
  return { p50: ms(percentile(sorted, 50)), p95: ms(percentile(sorted, 95)), p99: ms(percentile(sorted, 99)), max: ms(sorted[sorted.length - 1]!), requests: sorted.length };
}

/** Deterministic pseudo-random numbers (mulberry32) so every run builds the same university. */
export function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Inserts rows column-wise through unnest (one statement per 10,000 rows): fast, and no COPY driver
 * needed. unnest needs one-dimensional arrays, so an enum array column travels as its text literal.
 */
export async function insertRows(db: pg.Client, table: string, columns: Array<[name: string, type: string]>, rows: unknown[][]) {
  const list = columns.map(([name]) => `"${name}"`).join(", ");
  const params = columns.map(([, type], i) => (type.endsWith("[]") && type !== "text[]" ? `$${i + 1}::text[]` : `$${i + 1}::${type}[]`));
  const select = columns.map(([, type], i) => (type.endsWith("[]") && type !== "text[]" ? `c${i}::${type}` : `c${i}`)).join(", ");
  const aliases = columns.map((_, i) => `c${i}`).join(", ");
  for (let start = 0; start < rows.length; start += 10_000) {
    const chunk = rows.slice(start, start + 10_000);
    await db.query(`INSERT INTO "${table}" (${list}) SELECT ${select} FROM unnest(${params.join(", ")}) AS t(${aliases})`, columns.map((_, i) => chunk.map((row) => row[i])));
  }
}

/** Signs many people in over HTTP, a few at a time (one password check each): username → cookie. */
export async function signInAll(base: string, usernames: string[], password: string, parallel = 4): Promise<Map<string, string>> {
  const cookies = new Map<string, string>();
  let next = 0;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < usernames.length) {
        const username = usernames[next++]!;
        cookies.set(username, await signInOverHttp(base, username, password));
      }
    }),
  );
  return cookies;
}
