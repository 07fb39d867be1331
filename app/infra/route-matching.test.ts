import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";

/**
 * The server matches every request's path against the app's ~200 routes. @remix-run/router
 * flattened and ranked all of them again for each request (a seventh of the server's time under
 * the online test's saves); patches/@remix-run+router+*.patch keeps them per routes array in the
 * CommonJS build the server loads (the browser's build is untouched).
 */
const require = createRequire(import.meta.url);
const { matchRoutes } = require("@remix-run/router") as typeof import("@remix-run/router");

const routes = () => [
  {
    id: "root",
    path: "/",
    children: [
      { id: "answers", path: "camp/:campId/test/answers" },
      { id: "bank", path: "camp/bank" },
      { id: "camp", path: "camp/:campId" },
    ],
  },
];
const leaf = (table: ReturnType<typeof routes>, path: string) => matchRoutes(table, path)?.at(-1);

describe("route matching on the server", () => {
  it("gives each path its own route and parameters, the ranking unchanged", () => {
    const table = routes();
    expect(leaf(table, "/camp/a1/test/answers")).toMatchObject({ route: { id: "answers" }, params: { campId: "a1" } });
    expect(leaf(table, "/camp/b2/test/answers")).toMatchObject({ route: { id: "answers" }, params: { campId: "b2" } });
    expect(leaf(table, "/camp/bank")?.route.id).toBe("bank");
    expect(leaf(table, "/camp/c3")).toMatchObject({ route: { id: "camp" }, params: { campId: "c3" } });
    expect(leaf(table, "/nowhere")).toBeUndefined();
  });

  it("ranks a routes array once (the patch is applied)", () => {
    const table = routes();
    expect(leaf(table, "/camp/bank")?.route.id).toBe("bank");
    // A route added to the same array afterwards is not seen: its ranking was kept. A new array is.
    table[0]!.children.push({ id: "late", path: "late" });
    expect(leaf(table, "/late")).toBeUndefined();
    expect(leaf(routes().map((r) => ({ ...r, children: [...r.children, { id: "late", path: "late" }] })), "/late")?.route.id).toBe("late");
  });
});
