import { requestMemo } from "./request-scope.server.ts";

/**
 * Loaders hand HTML to the server render without putting it in their data (decision 099; the
 * page reads it with `useServerHtml`, app/components/server-html.tsx). It is computed only when
 * the server renders the page (a document request), not for a client navigation's data request.
 * Outside a request (tests calling loaders) nothing is kept.
 */
const PREFIX = "serverHtml:";

export function serverHtml(key: string, compute: () => Promise<string> | string): void {
  requestMemo()?.set(`${PREFIX}${key}`, compute);
}

/** Everything this request's loaders handed over, computed (entry.server, before rendering). */
export async function collectServerHtml(): Promise<Map<string, string>> {
  const collected = new Map<string, string>();
  const memo = requestMemo();
  if (!memo) return collected;
  for (const [key, compute] of memo) {
    if (key.startsWith(PREFIX)) collected.set(key.slice(PREFIX.length), await (compute as () => Promise<string> | string)());
  }
  return collected;
}
