import { createRequire } from "node:module";
import type { ServerBuild } from "@remix-run/node";
import type { AgnosticRouteObject } from "@remix-run/router";

// The CommonJS build of the router, the one the server's Remix uses (patched to keep its ranking
// per routes array: app/infra/route-matching.test.ts).
const require = createRequire(import.meta.url);
const { matchRoutes } = require("@remix-run/router") as typeof import("@remix-run/router");

interface RouteNode {
  id: string;
  path?: string;
  index?: boolean;
  caseSensitive?: boolean;
  children: RouteNode[];
}

/** Label of a request no route answers (kept as one label: a scanner's paths must not become metrics). */
export const UNMATCHED = "(unmatched)";

/**
 * The route pattern of a request path (`/documents/:documentId`), as Remix matches it: for the
 * access line and the request metrics, which must not carry ids (decision 127).
 */
export function routePatternMatcher(routes: ServerBuild["routes"]): (pathname: string) => string {
  const nodes = new Map<string, RouteNode>();
  for (const route of Object.values(routes)) {
    if (!route) continue;
    nodes.set(route.id, { id: route.id, path: route.path, index: route.index, caseSensitive: route.caseSensitive, children: [] });
  }
  const top: RouteNode[] = [];
  for (const route of Object.values(routes)) {
    if (!route) continue;
    const node = nodes.get(route.id)!;
    const parent = route.parentId ? nodes.get(route.parentId) : undefined;
    (parent ? parent.children : top).push(node);
  }
  const table = top.map(strip);
  return (pathname) => {
    // Single fetch's data requests: `/documents/x.data`, `/_root.data` for `/`.
    let path = pathname;
    if (path === "/_root.data") path = "/";
    else if (path.endsWith(".data")) path = path.slice(0, -".data".length);
    const matches = matchRoutes(table, path);
    if (!matches?.length) return UNMATCHED;
    const leaf = matches[matches.length - 1]!;
    // A splat that only caught the path (the app's 404 page) is not a pattern worth a label.
    if (leaf.route.path === "*" && matches.length <= 2) return UNMATCHED;
    const parts = matches.map((match) => match.route.path ?? "").filter((part) => part && part !== "/");
    return `/${parts.join("/")}`.replace(/\/+/g, "/");
  };
}

function strip(node: RouteNode): AgnosticRouteObject {
  const { id, path, caseSensitive } = node;
  return node.index ? { id, path, caseSensitive, index: true } : { id, path, caseSensitive, children: node.children.map(strip) };
}
