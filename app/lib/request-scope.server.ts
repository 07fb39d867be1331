import { AsyncLocalStorage } from "node:async_hooks";
import type { RequestHandler } from "express";

/**
 * Values computed once per HTTP request (the signed-in user, school settings) although the root
 * loader and the page's loader both ask for them. Remix hands each loader its own Request copy,
 * so the scope is opened by the server around the whole request instead. Outside a request
 * (tests, scripts) nothing is memoised.
 */
interface RequestScope {
  memo: Map<string, unknown>;
  /** GET or HEAD: nothing in this request changes data, so what it reads holds until it ends. */
  reading: boolean;
}

const storage = new AsyncLocalStorage<RequestScope>();

export const requestScope: RequestHandler = (req, _res, next) =>
  storage.run({ memo: new Map(), reading: req.method === "GET" || req.method === "HEAD" }, next);

export function memoizeForRequest<T>(key: string, compute: () => T): T {
  const store = storage.getStore()?.memo;
  if (!store) return compute();
  if (!store.has(key)) store.set(key, compute());
  return store.get(key) as T;
}

/** This request's memo, for values kept beside it (server-rendered HTML, app/lib/server-html.server.ts). */
export function requestMemo(): Map<string, unknown> | undefined {
  return storage.getStore()?.memo;
}

/**
 * Like `memoizeForRequest`, for facts a form post may change (who belongs to a studio): a post
 * without JavaScript runs the action and then the page's loaders in one request, and those must
 * see what the action did. So only reading requests (GET, HEAD) keep the value.
 */
export function memoizeWhileReading<T>(key: string, compute: () => T): T {
  return storage.getStore()?.reading ? memoizeForRequest(key, compute) : compute();
}
