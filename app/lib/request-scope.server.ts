import { AsyncLocalStorage } from "node:async_hooks";
import type { RequestHandler } from "express";

/**
 * Values computed once per HTTP request (the signed-in user, school settings) although the root
 * loader and the page's loader both ask for them. Remix hands each loader its own Request copy,
 * so the scope is opened by the server around the whole request instead. Outside a request
 * (tests, scripts) nothing is memoised.
 */
const storage = new AsyncLocalStorage<Map<string, unknown>>();

export const requestScope: RequestHandler = (_req, _res, next) => storage.run(new Map(), next);

export function memoizeForRequest<T>(key: string, compute: () => T): T {
  const store = storage.getStore();
  if (!store) return compute();
  if (!store.has(key)) store.set(key, compute());
  return store.get(key) as T;
}
