/** Signing in against a running server over HTTP, as a browser would (for tests and benchmarks). */
export async function signInOverHttp(baseUrl: string, username: string, password = "Fudao@2026"): Promise<string> {
  const response = await fetch(`${baseUrl}/login`, {
    method: "POST",
    body: new URLSearchParams({ intent: "signIn", username, password, redirectTo: "/" }),
    redirect: "manual",
  });
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith("fudao_session="));
  if (!cookie) throw new Error(`login of ${username} failed: ${response.status}`);
  return cookie.split(";")[0]!;
}

/** The id of a document listed on /documents under `title`. */
export async function findDocumentId(baseUrl: string, cookie: string, title: string): Promise<string> {
  const html = await (await fetch(`${baseUrl}/documents`, { headers: { Cookie: cookie } })).text();
  const match = new RegExp(`href="/documents/([^"?/]+)"[^>]*>${title.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}<`).exec(html);
  if (!match) throw new Error(`document “${title}” not found on /documents`);
  return match[1]!;
}
