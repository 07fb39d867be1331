import { describe, expect, inject, it } from "vitest";

/**
 * The online test's save endpoint over plain HTTP against the real server. It is served ahead of
 * the pages (decision 100): the origin check still refuses another site, and its replies still
 * carry the security headers, with a policy that allows nothing.
 */
const baseUrl = inject("baseUrl");
const address = `${baseUrl}/camp/no-such-camp/test/answers`;
const save = JSON.stringify({ intent: "save", attemptId: "no-such-attempt", position: 0, response: { kind: "SINGLE", chosen: 0 } });

describe("the test's save endpoint", () => {
  it("refuses a post from another site before reading it", async () => {
    const response = await fetch(address, { method: "POST", body: save, headers: { Origin: "https://evil.example", "Content-Type": "application/json", Accept: "application/json" } });
    expect(response.status).toBe(403);
    expect(await response.text()).toContain("请求来源与本站不符");
    // Asked as a page (a browser form post, or a fetch accepting anything): the refusal page, 403.
    const asPage = await fetch(address, { method: "POST", body: save, headers: { Origin: "https://evil.example" } });
    expect(asPage.status).toBe(403);
    expect(asPage.headers.get("content-type")).toContain("text/html");
  });

  it("answers a signed-out save 401 in Chinese, with the security headers and nothing cached", async () => {
    const response = await fetch(address, { method: "POST", body: save, headers: { Origin: baseUrl, "Content-Type": "application/json" } });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ ok: false, error: expect.stringMatching(/登录已失效/) });
    expect(Object.fromEntries(["content-type", "cache-control", "content-security-policy", "x-content-type-options", "x-frame-options", "referrer-policy"].map((name) => [name, response.headers.get(name)]))).toEqual({
      "content-type": "application/json; charset=utf-8",
      "cache-control": "no-store",
      "content-security-policy": "default-src 'none'; frame-ancestors 'none'",
      "x-content-type-options": "nosniff",
      "x-frame-options": "SAMEORIGIN",
      "referrer-policy": "strict-origin-when-cross-origin",
    });
  });

  it("refuses a body over its limit (64 KiB) without reading it whole", async () => {
    const response = await fetch(address, { method: "POST", body: "x".repeat(70 * 1024), headers: { Origin: baseUrl, "Content-Type": "application/json" } });
    expect(response.status).toBe(413);
  });
});
