import { createContext, useContext } from "react";

/**
 * HTML only the server-rendered page carries, never the loader data (decision 099): a long
 * document's body would otherwise reach the browser twice, once as markup and once inside the
 * page's data. Loaders hand it over with `serverHtml(key, compute)` (app/lib/server-html.server.ts);
 * entry.server computes it for a page it renders and provides it here. In the browser the map is
 * empty: hydration keeps the server's markup, and the live editor builds the body from its own
 * connection.
 */
const ServerHtmlContext = createContext<ReadonlyMap<string, string>>(new Map());

export const ServerHtmlProvider = ServerHtmlContext.Provider;

/** The server-rendered HTML under `key`, or undefined in the browser. */
export function useServerHtml(key: string): string | undefined {
  return useContext(ServerHtmlContext).get(key);
}
