import { sharedRateLimiter } from "~/db/rate-limiter.server.ts";

/**
 * Bad bearer tokens on /api/search are limited per client address, as failed logins are
 * (app/auth/login-rate-limit.server.ts): only refused tokens count, so a script with a good token
 * is never slowed. Once an address is over the limit, every bearer request from it is refused
 * until the window ends, good token or not: answering good tokens there would let guessing go on.
 * Counted in PostgreSQL: all instances of a scaled-out deployment share one count (decision 112).
 */
export const BAD_TOKENS_PER_WINDOW = 20;
const WINDOW_SECONDS = 15 * 60;

const limiter = () => sharedRateLimiter("api-bad-token", BAD_TOKENS_PER_WINDOW, WINDOW_SECONDS);

/** Seconds until this address may send bearer tokens again, or null when it may now. */
export async function badTokenBlock(address: string): Promise<number | null> {
  const res = await limiter().get(address);
  if (!res || res.remainingPoints > 0 || res.msBeforeNext <= 0) return null;
  return Math.max(1, Math.ceil(res.msBeforeNext / 1000));
}

export async function recordBadToken(address: string): Promise<void> {
  await limiter().penalty(address, 1);
}

