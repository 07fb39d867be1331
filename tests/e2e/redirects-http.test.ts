import { describe, expect, inject, it } from "vitest";
import { signOutAfterwards } from "../support/e2e-database.ts";

/**
 * Where the app sends a person after signing in (/login) and after changing the language
 * (/language), over plain HTTP against the real server: whatever `redirectTo` says, the answer is
 * a redirect that stays on the app's origin, never a 500 and never another site. Each sign-in's
 * session is signed out after its test; the language switches are anonymous (only a cookie).
 */
const baseUrl = inject("baseUrl");

const NASTY = [
  "//evil.example",
  "/\\evil.example",
  "/\t/evil.example",
  "/\r/evil.example",
  "/\n/evil.example",
  "/\r\nSet-Cookie: stolen=1",
  "/\\\\evil.example/",
  "/.//evil.example",
  "/%2F/evil.example",
  "/\u3000/evil.example",
  "/／evil.example",
  "https://evil.example/",
  "javascript:alert(1)",
  " /evil.example",
  "/search?q=心理 危机#结果",
];

/** Where the browser goes: the Location header read against the page that posted, as browsers do. */
function landing(response: Response, from: string): URL {
  expect(response.status, `status for ${response.url}`).toBeGreaterThanOrEqual(300);
  expect(response.status).toBeLessThan(400);
  return new URL(response.headers.get("location")!, `${baseUrl}${from}`);
}

describe("after signing in", () => {
  it.each(NASTY)("stays on the app for redirectTo %j", async (redirectTo) => {
    const response = await fetch(`${baseUrl}/login`, {
      method: "POST",
      headers: { Origin: baseUrl },
      body: new URLSearchParams({ intent: "signIn", username: "counselor", password: "Fudao@2026", redirectTo }),
      redirect: "manual",
    });
    const session = signOutAfterwards(response);
    expect(landing(response, "/login").origin).toBe(new URL(baseUrl).origin);
    expect(session, "the sign-in's session cookie").not.toBeNull();
  });

  it("still goes where the person was headed on the app", async () => {
    const response = await fetch(`${baseUrl}/login`, {
      method: "POST",
      headers: { Origin: baseUrl },
      body: new URLSearchParams({ intent: "signIn", username: "counselor", password: "Fudao@2026", redirectTo: "/studios?duty=CRISIS" }),
      redirect: "manual",
    });
    signOutAfterwards(response);
    expect(landing(response, "/login").href).toBe(`${baseUrl}/studios?duty=CRISIS`);
  });
});

describe("after changing the language", () => {
  it.each(NASTY)("stays on the app for redirectTo %j", async (redirectTo) => {
    const response = await fetch(`${baseUrl}/language`, {
      method: "POST",
      headers: { Origin: baseUrl },
      body: new URLSearchParams({ lng: "en", redirectTo }),
      redirect: "manual",
    });
    expect(landing(response, "/login").origin).toBe(new URL(baseUrl).origin);
  });

  it("returns to the page the switch was on", async () => {
    const response = await fetch(`${baseUrl}/language`, {
      method: "POST",
      headers: { Origin: baseUrl },
      body: new URLSearchParams({ lng: "zh-CN", redirectTo: "/login?redirectTo=%2Fstudios" }),
      redirect: "manual",
    });
    expect(landing(response, "/login").href).toBe(`${baseUrl}/login?redirectTo=%2Fstudios`);
  });
});
