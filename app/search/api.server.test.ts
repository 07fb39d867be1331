import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUserSession } from "~/auth/session.server.ts";
import { prisma } from "~/db/client.server.ts";
import { CLIENT_ADDRESS_HEADER } from "~/lib/request.server.ts";
import { loader as apiLoader } from "~/routes/api.search.ts";
import { action as tokensAction, loader as tokensLoader } from "~/routes/settings.tokens.tsx";
import { buildAccounts, type AccountKind, type Accounts } from "../../tests/support/factories.ts";
import { createDocument } from "../../tests/support/search.ts";
import { defaultEngine, dropIndexes } from "./engine.server.ts";
import { createOutboxWorker, type OutboxWorker } from "./outbox.server.ts";
import { BAD_TOKENS_PER_WINDOW } from "./token-rate-limit.server.ts";
import { createApiToken, MAX_ACTIVE_TOKENS, revokeApiToken, userFromBearer } from "./tokens.server.ts";

/** GET /api/search through its route, with session cookies and personal tokens; /settings/tokens' action. */

let worker: OutboxWorker | null = null;
/** One of each kind of account, around a studio of this file's own. */
let people: Accounts;
beforeAll(async () => {
  people = await buildAccounts();
});

async function cookieOf(who: AccountKind) {
  const response = await createUserSession(new Request("http://localhost/login"), people[who].id, "/");
  return response.headers.get("Set-Cookie")!.split(";")[0]!;
}

async function api(query: string, headers: Record<string, string> = {}) {
  const response = (await apiLoader({ request: new Request(`http://localhost/api/search?${query}`, { headers }), params: {}, context: {} })) as Response;
  return { status: response.status, body: (await response.json()) as Record<string, any>, headers: response.headers };
}

async function tokenFor(who: AccountKind, expiresInDays: number | null = 30) {
  const user = people[who];
  return createApiToken({ userId: user.id, name: `${who} 的脚本`, expiresInDays, actorId: user.id });
}

afterAll(async () => {
  await worker?.stop();
  await dropIndexes(defaultEngine());
});

describe("before the index exists", () => {
  it("answers 503 with a clear message while the index is being built", async () => {
    const { status, body, headers } = await api("q=心理", { Cookie: await cookieOf("leader") });
    expect(status).toBe(503);
    expect(body).toMatchObject({ error: "search_unavailable", reason: "building", message: "搜索暂不可用：搜索服务暂时无法连接，请稍后重试。" });
    expect(headers.get("Retry-After")).toBe("10");
  });
});

describe("GET /api/search", () => {
  let caseId: string;
  beforeAll(async () => {
    worker = createOutboxWorker({ pollMs: 300 });
    await worker.start(() => {});
    const { studio, leader } = people;
    caseId = await createDocument({ studioId: studio.id, title: "夜间心理危机干预案例", plainText: "背景：<b>学生</b>深夜情绪崩溃，辅导员启动心理危机干预。", type: "CASE_STUDY", createdById: leader.id });
    await worker.idle(120_000);
  }, 180_000);

  it("needs a session or a token", async () => {
    const { status, body, headers } = await api("q=心理");
    expect(status).toBe(401);
    expect(body.message).toBe("请先登录，或在请求头 Authorization 中提供有效的个人访问令牌。");
    expect(headers.get("WWW-Authenticate")).toContain("Bearer");
  });

  it("returns hits with id, type, title, escaped highlighted snippet and url, plus facets and total", async () => {
    const { status, body } = await api("q=危机干预案例", { Cookie: await cookieOf("leader") });
    expect(status).toBe(200);
    const hit = body.hits.find((h: { id: string }) => h.id === caseId);
    expect(hit).toMatchObject({ type: "document", subtype: "CASE_STUDY", title: "夜间心理危机干预案例", url: `/documents/${caseId}` });
    expect(hit.snippet).toContain("<mark>");
    expect(hit.snippet).toContain("&lt;b&gt;学生&lt;/b&gt;");
    expect(body.total).toBeGreaterThan(0);
    // The demo school has case studies of its own; the facet counts every matching one.
    expect(body.hits.length).toBe(body.total);
    const caseStudies = body.hits.filter((h: { subtype: string }) => h.subtype === "CASE_STUDY").length;
    expect(body.facets.type).toContainEqual({ value: "CASE_STUDY", label: "案例", count: caseStudies });
    expect(Object.keys(body.facets)).toEqual(["type", "duty", "studio", "year", "status", "author"]);
  });

  it("says in the JSON when the hits only match part of the query", async () => {
    const cookie = await cookieOf("leader");
    const exact = await api("q=危机干预案例", { Cookie: cookie });
    expect(exact.body.partial).toBe(false);
    const partial = await api(`q=${encodeURIComponent("危机干预锦囊")}`, { Cookie: cookie });
    expect(partial.status).toBe(200);
    expect(partial.body.partial).toBe(true);
    expect(partial.body.hits.map((h: { id: string }) => h.id)).toContain(caseId);
    expect(partial.body.total).toBeGreaterThan(0);
  });

  it("tells where the time went (Server-Timing) to 学工部 only, or to everyone with FUDAO_DEBUG_TIMING=1", async () => {
    const timing = /auth;dur=[\d.]+, .*meili;dur=[\d.]+, engine;dur=\d+.*total;dur=[\d.]+$/;
    const admin = await tokenFor("admin");
    expect((await api("q=危机干预案例", { Authorization: `Bearer ${admin.token}` })).headers.get("Server-Timing")).toMatch(timing);
    expect((await api("q=危机干预案例", { Cookie: await cookieOf("admin") })).headers.get("Server-Timing")).toMatch(timing);
    for (const username of ["college", "leader", "counselor", "mentor", "external"] as const) {
      const { status, headers } = await api("q=危机干预案例", { Cookie: await cookieOf(username) });
      expect(status, username).toBe(200);
      expect(headers.get("Server-Timing"), username).toBeNull();
    }
    process.env.FUDAO_DEBUG_TIMING = "1";
    try {
      expect((await api("q=危机干预案例", { Cookie: await cookieOf("leader") })).headers.get("Server-Timing")).toMatch(timing);
    } finally {
      delete process.env.FUDAO_DEBUG_TIMING;
    }
    expect((await api("q=危机干预案例", { Cookie: await cookieOf("leader") })).headers.get("Server-Timing")).toBeNull();
  });

  it("works with a personal token, as its owner and no more", async () => {
    const leader = await tokenFor("leader");
    const outsider = await tokenFor("counselor");
    const asLeader = await api("q=危机干预案例", { Authorization: `Bearer ${leader.token}` });
    const asOutsider = await api("q=危机干预案例", { Authorization: `Bearer ${outsider.token}` });
    expect(asLeader.body.hits.map((h: { id: string }) => h.id)).toContain(caseId);
    expect(asOutsider.status).toBe(200);
    expect(asOutsider.body.hits.map((h: { id: string }) => h.id)).not.toContain(caseId);
    expect((await prisma.apiToken.findUniqueOrThrow({ where: { id: leader.id } })).lastUsedAt).not.toBeNull();
  });

  it("judges a request by its token alone: a bad token is refused even with a session cookie", async () => {
    const { status } = await api("q=心理", { Authorization: "Bearer fdo_not-a-real-token", Cookie: await cookieOf("leader") });
    expect(status).toBe(401);
  });

  it("refuses revoked and expired tokens and tokens of disabled accounts", async () => {
    const revoked = await tokenFor("backbone");
    const owner = people.backbone;
    await revokeApiToken({ id: revoked.id, name: revoked.name, userId: owner.id }, owner.id);
    expect((await api("q=心理", { Authorization: `Bearer ${revoked.token}` })).status).toBe(401);

    const expired = await tokenFor("backbone");
    await prisma.apiToken.update({ where: { id: expired.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await api("q=心理", { Authorization: `Bearer ${expired.token}` })).status).toBe(401);

    const disabled = await tokenFor("external");
    await prisma.user.update({ where: { id: people.external.id }, data: { active: false } });
    expect(await userFromBearer(`Bearer ${disabled.token}`)).toBeNull();
    await prisma.user.update({ where: { id: people.external.id }, data: { active: true } });
    expect(await userFromBearer(`Bearer ${disabled.token}`)).not.toBeNull();
    expect(await prisma.auditLog.count({ where: { action: "api-token.revoke", entityId: revoked.id } })).toBe(1);
  });

  it("answers an address that keeps sending bad tokens 429 with Retry-After, and never slows good tokens", async () => {
    const good = await tokenFor("leader");
    const from = (address: string, token: string, query = "q=心理&facets=0") => api(query, { Authorization: `Bearer ${token}`, [CLIENT_ADDRESS_HEADER]: address });
    const guesser = "203.0.113.7";
    for (let i = 0; i < BAD_TOKENS_PER_WINDOW - 1; i++) expect((await from(guesser, `fdo_guess-${i}`)).status).toBe(401);
    // Good tokens from the same address neither count nor wait.
    for (let i = 0; i < 30; i++) expect((await from(guesser, good.token)).status).toBe(200);
    expect((await from(guesser, "fdo_guess-last")).status).toBe(401);

    const limited = await from(guesser, "fdo_guess-more");
    expect(limited.status).toBe(429);
    expect(limited.body).toMatchObject({ error: "too_many_bad_tokens", message: expect.stringMatching(/^来自您地址的无效令牌过多，请 1[45] 分钟后再试。$/) });
    const retryAfter = Number(limited.headers.get("Retry-After"));
    expect(retryAfter).toBeGreaterThan(800);
    expect(retryAfter).toBeLessThanOrEqual(900);
    expect((await from(guesser, "fdo_guess-more", "q=心理&lng=en")).body.message).toMatch(/^Too many invalid tokens from your address; try again in 1[45] min\.$/);
    // Blocked is blocked: a right guess from there would otherwise still be told apart.
    expect((await from(guesser, good.token)).status).toBe(429);
    // Signed-in people at that address and other addresses are not affected.
    expect((await api("q=心理&facets=0", { Cookie: await cookieOf("leader"), [CLIENT_ADDRESS_HEADER]: guesser })).status).toBe(200);
    expect((await from("198.51.100.20", good.token)).status).toBe(200);
    expect((await from("198.51.100.20", "fdo_wrong")).status).toBe(401);
  });

  it("answers bad parameters with 400 and a message in the person's language", async () => {
    const cookie = await cookieOf("leader");
    expect(await api("q=x&duty=NONSENSE", { Cookie: cookie })).toMatchObject({ status: 400, body: { error: "bad_request", field: "duty", message: "筛选条件无效。" } });
    expect(await api(`q=${"长".repeat(201)}`, { Cookie: cookie })).toMatchObject({ status: 400, body: { field: "q", message: "关键词过长，最多 200 个字符。" } });
    expect(await api("q=x&page=0&lng=en", { Cookie: cookie })).toMatchObject({ status: 400, body: { field: "page", message: "Invalid page number." } });
  });

  it("caps a person at twenty active tokens", async () => {
    const user = people.college;
    for (let i = 0; i < MAX_ACTIVE_TOKENS; i++) await createApiToken({ userId: user.id, name: `t${i}`, expiresInDays: null, actorId: user.id });
    await expect(createApiToken({ userId: user.id, name: "one too many", expiresInDays: null, actorId: user.id })).rejects.toMatchObject({ key: "search.tokens.errors.tooMany", status: 409 });
  });
});

describe("/settings/tokens", () => {
  const post = async (username: AccountKind, fields: Record<string, string>) => {
    const body = new URLSearchParams(fields);
    return tokensAction({ request: new Request("http://localhost/settings/tokens", { method: "POST", body, headers: { Cookie: await cookieOf(username), "Content-Type": "application/x-www-form-urlencoded" } }), params: {}, context: {} });
  };

  it("creates a token, shown once, and lists it without the secret", async () => {
    const anonymous = await tokensAction({ request: new Request("http://localhost/settings/tokens", { method: "POST", body: new URLSearchParams({ intent: "create", name: "x", expires: "30" }) }), params: {}, context: {} }).catch((e: Response) => e);
    expect((anonymous as Response).headers.get("Location")).toMatch(/^\/login/);
    const reply = (await post("mentor", { intent: "create", name: "导师审阅脚本", expires: "30" })) as unknown as { data: { status: string; data: { token: string; name: string } } };
    const created = { data: { created: reply.data.data } };
    expect(reply.data.status).toBe("success");
    expect(created.data.created.token).toMatch(/^fdo_/);
    const listed = (await tokensLoader({ request: new Request("http://localhost/settings/tokens", { headers: { Cookie: await cookieOf("mentor") } }), params: {}, context: {} })) as unknown as {
      data: { tokens: Array<Record<string, unknown>> };
    };
    expect(listed.data.tokens.map((t) => t.name)).toContain("导师审阅脚本");
    expect(JSON.stringify(listed.data)).not.toContain(created.data.created.token);
  });

  it("explains a missing name", async () => {
    const reply = (await post("mentor", { intent: "create", name: " ", expires: "30" })) as unknown as { init: { status: number }; data: { form: { error: Record<string, string[]> } } };
    expect(reply.init.status).toBe(400);
    expect(reply.data.form.error.name).toEqual(["请填写令牌名称。"]);
  });

  it("lets nobody revoke someone else's token (学工部 excepted)", async () => {
    const token = await tokenFor("leader");
    const denied = await post("backbone", { intent: "revoke", id: token.id }).catch((e: Response) => e);
    expect((denied as Response).status).toBe(403);
    expect(await userFromBearer(`Bearer ${token.token}`)).not.toBeNull();
    const asked = (await post("admin", { intent: "revoke", id: token.id })) as unknown as { data: { status: string; confirm: { message: string } } };
    expect(asked.data).toMatchObject({ status: "confirm", confirm: { message: expect.stringContaining("确认撤销令牌") } });
    expect(await userFromBearer(`Bearer ${token.token}`)).not.toBeNull();
    const done = (await post("admin", { intent: "revoke", id: token.id, confirmed: "yes" })) as unknown as { data: { status: string; notice: string } };
    expect(done.data).toMatchObject({ status: "success", notice: expect.stringContaining("已撤销") });
    expect(await userFromBearer(`Bearer ${token.token}`)).toBeNull();
    const missing = await post("admin", { intent: "revoke", id: "no-such-token", confirmed: "yes" }).catch((e: Response) => e);
    expect((missing as Response).status).toBe(404);
  });
});
