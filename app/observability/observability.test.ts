import type { ServerBuild } from "@remix-run/node";
import { describe, expect, it } from "vitest";
import { PassThrough } from "node:stream";
import { logLinesOf, readLogSettings } from "./logger.server.ts";
import { isLoopback, mayReadMetrics } from "./metrics.server.ts";
import { requestIdOf } from "./request-log.server.ts";
import { routePatternMatcher, UNMATCHED } from "./route-pattern.server.ts";

describe("request ids", () => {
  it("keeps a sane short incoming id and replaces anything else", () => {
    expect(requestIdOf("abc-123_x.y:z")).toBe("abc-123_x.y:z");
    expect(requestIdOf(["first-id", "second"])).toBe("first-id");
    for (const bad of [undefined, "", "has space", "a".repeat(65), "<script>", "line\nbreak", "ünï"]) {
      expect(requestIdOf(bad)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    }
  });
});

describe("who may read /metrics", () => {
  const token = "s3cret-metrics-token";
  it("lets this machine's loopback in, the socket's address only", () => {
    for (const address of ["127.0.0.1", "127.1.2.3", "::1", "::ffff:127.0.0.1"]) expect(isLoopback(address), address).toBe(true);
    for (const address of [undefined, "", "192.0.2.2", "::ffff:10.0.0.1", "fd00::2", "1127.0.0.1", "127.0.0.1.example"]) {
      expect(isLoopback(address), String(address)).toBe(false);
    }
    expect(mayReadMetrics({ remoteAddress: "127.0.0.1", authorization: undefined, token: undefined })).toBe(true);
  });

  it("lets another machine in with the right bearer token only", () => {
    const from = (authorization: string | undefined, configured: string | undefined = token) =>
      mayReadMetrics({ remoteAddress: "192.0.2.2", authorization, token: configured });
    expect(from(`Bearer ${token}`)).toBe(true);
    expect(from(`bearer ${token}`)).toBe(true);
    expect(from(undefined)).toBe(false);
    expect(from("Bearer wrong")).toBe(false);
    expect(from(`Bearer ${token}x`)).toBe(false);
    expect(from(`Basic ${token}`)).toBe(false);
    expect(from(token)).toBe(false);
    // No token configured: nobody from outside, whatever they send.
    expect(from("Bearer ", undefined)).toBe(false);
    expect(from("Bearer undefined", undefined)).toBe(false);
  });
});

describe("route patterns", () => {
  const route = (id: string, parentId: string | undefined, path?: string, index?: boolean) => ({ id, parentId, path, index, module: {} });
  const routes = Object.fromEntries(
    [
      route("root", undefined, ""),
      route("routes/_index", "root", undefined, true),
      route("routes/$", "root", "*"),
      route("routes/login", "root", "login"),
      route("routes/documents.$documentId", "root", "documents/:documentId"),
      route("routes/documents.$documentId_.export.$format", "root", "documents/:documentId/export/:format"),
      route("routes/studios", "root", "studios"),
      route("routes/studios.$studioId", "routes/studios", ":studioId"),
    ].map((r) => [r.id, r]),
  ) as unknown as ServerBuild["routes"];
  const patternOf = routePatternMatcher(routes);

  it("names the route, never the ids in the path", () => {
    expect(patternOf("/")).toBe("/");
    expect(patternOf("/login")).toBe("/login");
    expect(patternOf("/documents/ck123abc")).toBe("/documents/:documentId");
    expect(patternOf("/documents/ck123abc/export/md")).toBe("/documents/:documentId/export/:format");
    expect(patternOf("/studios/s1")).toBe("/studios/:studioId");
  });

  it("takes single fetch's data requests as their page", () => {
    expect(patternOf("/_root.data")).toBe("/");
    expect(patternOf("/documents/ck123abc.data")).toBe("/documents/:documentId");
  });

  it("gives every path nobody serves one label", () => {
    expect(patternOf("/wp-admin/setup.php")).toBe(UNMATCHED);
    expect(patternOf("/no/such/page")).toBe(UNMATCHED);
  });
});

describe("log settings", () => {
  it("defaults to info, JSON off a terminal, pretty on one, files under <data>/logs", () => {
    expect(readLogSettings("/srv/fudao", {}, false)).toEqual({ level: "info", format: "json", dir: "/srv/fudao/logs", fileSize: "10m", frequency: "daily", keep: 14 });
    expect(readLogSettings("/srv/fudao", {}, true).format).toBe("pretty");
  });

  it("reads LOG_LEVEL, LOG_FORMAT, LOG_DIR, LOG_FILES and the rotation settings", () => {
    const env = { LOG_LEVEL: "DEBUG", LOG_FORMAT: "json", LOG_DIR: "/var/log/fudao", LOG_FILE_SIZE: "50m", LOG_FILE_FREQUENCY: "3600000", LOG_FILE_KEEP: "30" };
    expect(readLogSettings("/srv/fudao", env, true)).toEqual({ level: "debug", format: "json", dir: "/var/log/fudao", fileSize: "50m", frequency: 3_600_000, keep: 30 });
    expect(readLogSettings("/srv/fudao", { LOG_FILES: "off" }, false).dir).toBeNull();
    expect(readLogSettings("/srv/fudao", { LOG_LEVEL: "loud", LOG_FILE_KEEP: "-1" }, false)).toMatchObject({ level: "info", keep: 14 });
  });
});

describe("a child process's output in the log", () => {
  it("logs each line once, without its [component] prefix, and skips blank lines", async () => {
    const output = new PassThrough();
    const lines: string[] = [];
    logLinesOf(output, (line) => lines.push(line));
    output.write("[collab] 保存文档 d1 的修改失败：\nError: boom\n\n   at save (x.ts:1)\r\npartial");
    output.end(" line\n");
    await new Promise((resolve) => output.on("end", resolve));
    await new Promise((resolve) => setImmediate(resolve));
    expect(lines).toEqual(["保存文档 d1 的修改失败：", "Error: boom", "   at save (x.ts:1)", "partial line"]);
  });
});
