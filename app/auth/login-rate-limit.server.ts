import type { RateLimiterRes } from "rate-limiter-flexible";
import { sharedRateLimiter } from "~/db/rate-limiter.server.ts";

/**
 * Failed logins are limited per account-and-address (guessing one password) and per address
 * (trying many accounts). Counted in PostgreSQL, so all instances of a scaled-out deployment share
 * one count (decision 112, amending 003).
 */
const limiters = () => ({
  perAccount: sharedRateLimiter("login-account", 5, 15 * 60),
  perAddress: sharedRateLimiter("login-address", 50, 15 * 60),
});

export interface LoginBlock {
  retryAfterSeconds: number;
}

/** Null when the attempt may proceed. */
export async function checkLoginAllowed(username: string, address: string): Promise<LoginBlock | null> {
  const { perAccount, perAddress } = limiters();
  const [account, ip] = await Promise.all([perAccount.get(`${address}:${username}`), perAddress.get(address)]);
  const blocked = [account, ip].filter(
    (res): res is RateLimiterRes => res !== null && res.remainingPoints <= 0 && res.msBeforeNext > 0,
  );
  if (!blocked.length) return null;
  return { retryAfterSeconds: Math.ceil(Math.max(...blocked.map((res) => res.msBeforeNext)) / 1000) };
}

export async function recordFailedLogin(username: string, address: string): Promise<void> {
  const { perAccount, perAddress } = limiters();
  await Promise.all([
    perAccount.penalty(`${address}:${username}`, 1),
    perAddress.penalty(address, 1),
  ]);
}

export async function recordSuccessfulLogin(username: string, address: string): Promise<void> {
  await limiters().perAccount.delete(`${address}:${username}`);
}
