import http from "node:http";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkOrigin } from "./origin.server.ts";
import { refuseCrossOriginChanges } from "./request-guards.server.ts";

const direct = { publicUrl: undefined, trustProxy: false };

describe("checkOrigin", () => {
  it("accepts the origin the request was addressed to, with or without default ports and case", () => {
    expect(checkOrigin({ host: "fudao.edu.cn", origin: "http://fudao.edu.cn" }, false, direct).ok).toBe(true);
    expect(checkOrigin({ host: "fudao.edu.cn:80", origin: "HTTP://Fudao.edu.cn" }, false, direct).ok).toBe(true);
    expect(checkOrigin({ host: "fudao.edu.cn", origin: "https://fudao.edu.cn" }, true, direct).ok).toBe(true);
  });

  it("refuses another host, another port, another scheme, 'null' and garbage", () => {
    for (const origin of ["http://evil.example", "http://fudao.edu.cn:8080", "https://fudao.edu.cn", "null", "fudao.edu.cn", "http://fudao.edu.cn.evil.example"]) {
      expect(checkOrigin({ host: "fudao.edu.cn", origin }, false, direct), origin).toMatchObject({ ok: false, expected: "http://fudao.edu.cn" });
    }
  });

  it("lets requests without Origin pass (scripts, API clients) unless the browser says they are cross-site", () => {
    expect(checkOrigin({ host: "fudao.edu.cn" }, false, direct).ok).toBe(true);
    expect(checkOrigin({ host: "fudao.edu.cn", "sec-fetch-site": "same-origin" }, false, direct).ok).toBe(true);
    expect(checkOrigin({ host: "fudao.edu.cn", "sec-fetch-site": "cross-site" }, false, direct).ok).toBe(false);
    expect(checkOrigin({ host: "fudao.edu.cn", "sec-fetch-site": "same-site" }, false, direct).ok).toBe(false);
  });

  it("behind a proxy: the public URL when configured, forwarded headers only when the proxy is trusted", () => {
    const headers = { host: "127.0.0.1:3000", origin: "https://xg.fudao.edu.cn", "x-forwarded-host": "xg.fudao.edu.cn", "x-forwarded-proto": "https" };
    expect(checkOrigin(headers, false, { publicUrl: "https://xg.fudao.edu.cn/", trustProxy: false }).ok).toBe(true);
    expect(checkOrigin(headers, false, { publicUrl: undefined, trustProxy: true }).ok).toBe(true);
    expect(checkOrigin(headers, false, direct).ok).toBe(false);
    expect(checkOrigin({ ...headers, origin: "http://127.0.0.1:3000" }, false, { publicUrl: "https://xg.fudao.edu.cn", trustProxy: false }).ok).toBe(false);
  });
});

describe("refuseCrossOriginChanges", () => {
  const lines: string[] = [];
  let baseUrl: string;
  let server: http.Server;
  beforeAll(async () => {
    const app = express();
    app.use(refuseCrossOriginChanges((line) => lines.push(line)));
    app.all("*", (req, res) => res.send(`${req.method} ${req.originalUrl}`));
    server = app.listen(0);
    await new Promise((resolve) => server.once("listening", resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  afterAll(() => server.close());

  it("turns a foreign browser post into the refusal page, logs one line, and leaves GET and own posts alone", async () => {
    lines.length = 0;
    const refused = await fetch(`${baseUrl}/settings/tokens`, { method: "POST", headers: { Origin: "http://evil.example", Accept: "text/html" }, body: "x" });
    expect(await refused.text()).toBe("GET /request-refused");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^已拒绝跨站请求：POST \/settings\/tokens（来源 http:\/\/evil\.example，本站 http:\/\/127\.0\.0\.1:\d+）$/);

    const script = await fetch(`${baseUrl}/settings/tokens`, { method: "DELETE", headers: { Origin: "http://evil.example", Accept: "application/json" } });
    expect(script.status).toBe(403);
    expect(await (await fetch(`${baseUrl}/settings/tokens`, { headers: { Origin: "http://evil.example" } })).text()).toBe("GET /settings/tokens");
    expect(await (await fetch(`${baseUrl}/settings/tokens`, { method: "POST", headers: { Origin: baseUrl }, body: "x" })).text()).toBe("POST /settings/tokens");
    expect(lines).toHaveLength(2);
  });
});
