import { RateLimiterPostgres } from "rate-limiter-flexible";
import { singleton } from "~/infra/runtime.server.ts";
import { pool } from "./client.server.ts";

/**
 * A rate limit counted in PostgreSQL (table "RateLimit", created by a migration), so every app
 * instance sees the same count: a person or script can be served by any instance on any request,
 * and guessing must not get N times the tries behind N instances (decision 112). The counter is
 * one atomic upsert on the process's pool; expired rows go every 5 minutes.
 */
export function sharedRateLimiter(keyPrefix: string, points: number, durationSeconds: number): RateLimiterPostgres {
  return singleton(`rateLimiter:${keyPrefix}`, () => new RateLimiterPostgres({ storeClient: pool, storeType: "pool", tableName: "RateLimit", tableCreated: true, keyPrefix, points, duration: durationSeconds }));
}
