import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { io as connectSocket, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { removeDataDir, startApp, type RunningApp } from "../support/app-server.ts";
import { connectClient, synced, waitFor, type TestClient } from "../support/collab.ts";
import { embeddedDatabaseUrl, queryOnce } from "../support/embedded-app.ts";
import { findDocumentId, signInOverHttp } from "../support/http-session.ts";

/**
 * Issue 22 item 3 (decisions 127–128): structured logs with a request id and one access line per
 * request, rotated files under the data directory, nothing secret in them; /metrics for
 * Prometheus, from this machine or with METRICS_TOKEN only.
 */
const TOKEN = "metrics-token-for-the-test-0123456789";
const NOTE = "心理危机早期识别与干预研究笔记（一）";
const SECRET_PASSWORD = "Wrong-Secret-Pw-7731";

let app: RunningApp;
const sockets: Socket[] = [];
const clients: TestClient[] = [];

/** A non-loopback address of this machine, for a request that is not "local". */
function outsideAddress(): string | null {
  for (const list of Object.values(os.networkInterfaces())) {
    for (const entry of list ?? []) if (!entry.internal && entry.family === "IPv4") return entry.address;
  }
  return null;
}

function logDir() {
  return path.join(app.dataDir, "logs");
}

/** The app's own files there (beside postgres.log and meilisearch.log). */
function appLogFiles(): string[] {
  return fs.readdirSync(logDir()).filter((name) => /^fudao\.\d+\.log$/.test(name));
}

/** Every JSON record written to the log files so far. */
function fileRecords(): Array<Record<string, unknown>> {
  const records: Array<Record<string, unknown>> = [];
  for (const name of appLogFiles()) {
    for (const line of fs.readFileSync(path.join(logDir(), name), "utf8").split("\n")) {
      if (line.trim()) records.push(JSON.parse(line) as Record<string, unknown>);
    }
  }
  return records;
}

function allLogText(): string {
  return fs.readdirSync(logDir()).map((name) => fs.readFileSync(path.join(logDir(), name), "utf8")).join("\n") + app.output();
}

async function metrics(headers: Record<string, string> = {}, base = app.baseUrl): Promise<{ status: number; text: string }> {
  const response = await fetch(`${base}/metrics`, { headers });
  return { status: response.status, text: await response.text() };
}

/** The value of a sample line (`name{labels} value`) of the scrape. */
function sample(text: string, name: string, labels = ""): number | null {
  for (const line of text.split("\n")) {
    if (line.startsWith("#")) continue;
    const [key, value] = line.split(" ");
    if (key === name || (key?.startsWith(`${name}{`) && labels.split(",").every((label) => key.includes(label)))) return Number(value);
  }
  return null;
}

beforeAll(async () => {
  app = await startApp({
    timeoutMs: 240_000,
    env: { HOST: "0.0.0.0", METRICS_TOKEN: TOKEN, LOG_FILE_SIZE: "4k", LOG_FILE_KEEP: "3", LOG_LEVEL: "info" },
  });
}, 300_000);

let stopped = false;

afterAll(async () => {
  for (const socket of sockets) socket.disconnect();
  for (const client of clients) client.close();
  if (app) {
    if (!stopped) expect(await app.stop()).toBe(0);
    removeDataDir(app.dataDir);
  }
});

describe("logs", () => {
  it("gives each request an id (a sane incoming one kept, else a new one) and echoes it", async () => {
    const kept = await fetch(`${app.baseUrl}/login`, { headers: { "X-Request-Id": "probe-req-0001" } });
    expect(kept.headers.get("x-request-id")).toBe("probe-req-0001");
    const replaced = await fetch(`${app.baseUrl}/login`, { headers: { "X-Request-Id": "bad id\"><script>" + "x".repeat(80) } });
    expect(replaced.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    const fresh = await fetch(`${app.baseUrl}/login`);
    expect(fresh.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("writes one access line per request with its route pattern, and the id on every line of the request", async () => {
    // A cross-site post is refused with a log line of its own, written during the request.
    const refused = await fetch(`${app.baseUrl}/login`, {
      method: "POST",
      headers: { "X-Request-Id": "probe-req-0002", Origin: "http://elsewhere.example", "Content-Type": "application/x-www-form-urlencoded" },
      body: "intent=signIn&username=x&password=y",
      redirect: "manual",
    });
    expect(refused.status).toBe(403);
    const lines = await waitFor(() => {
      const found = fileRecords().filter((record) => record.reqId === "probe-req-0002");
      return found.some((record) => record.access) ? found : null;
    }, "the request's lines in the log files");
    expect(lines.length).toBeGreaterThanOrEqual(2);
    expect(lines.some((record) => String(record.msg).includes("已拒绝跨站请求"))).toBe(true);
    const access = lines.filter((record) => record.access);
    expect(access).toHaveLength(1);
    expect(access[0]).toMatchObject({ method: "POST", route: "/login", status: 403 });
    expect(typeof access[0]!.durationMs).toBe("number");
  });

  it("names the route pattern (not the path with ids) and the signed-in person", async () => {
    const cookie = await signInOverHttp(app.baseUrl, "leader");
    const documentId = await findDocumentId(app.baseUrl, cookie, NOTE);
    const response = await fetch(`${app.baseUrl}/documents/${documentId}`, { headers: { Cookie: cookie, "X-Request-Id": "probe-req-0003" } });
    expect(response.status).toBe(200);
    const [user] = await queryOnce<{ id: string }>(embeddedDatabaseUrl(app), `SELECT id FROM "User" WHERE username = 'leader'`);
    const access = await waitFor(() => fileRecords().find((record) => record.reqId === "probe-req-0003" && record.access), "the access line");
    expect(access).toMatchObject({ method: "GET", route: "/documents/:documentId", status: 200, userId: user!.id });
    expect(JSON.stringify(access)).not.toContain(documentId);
  });

  it("never writes a password posted to /login, a cookie or a token", async () => {
    const response = await fetch(`${app.baseUrl}/login?password=${SECRET_PASSWORD}-query`, {
      method: "POST",
      headers: { "X-Request-Id": "probe-req-0004", Authorization: `Bearer ${TOKEN}`, Cookie: "fudao_session=cookie-value-9911" },
      body: new URLSearchParams({ intent: "signIn", username: "leader", password: SECRET_PASSWORD, redirectTo: "/" }),
      redirect: "manual",
    });
    expect(response.status).toBeLessThan(500);
    await waitFor(() => fileRecords().find((record) => record.reqId === "probe-req-0004" && record.access), "the access line");
    const text = allLogText();
    expect(text).not.toContain(SECRET_PASSWORD);
    expect(text).not.toContain("cookie-value-9911");
    expect(text).not.toContain(TOKEN);
  });

  it("rotates its files under the data directory, keeping the set number", async () => {
    for (let i = 0; i < 120; i++) await fetch(`${app.baseUrl}/login`);
    await waitFor(() => appLogFiles().length >= 3 || null, "rotated log files");
    const names = appLogFiles();
    // LOG_FILE_KEEP=3: at most three old files beside the current one.
    expect(names.length).toBeLessThanOrEqual(4);
    const numbers = names.map((name) => Number(name.split(".")[1]));
    expect(Math.max(...numbers)).toBeGreaterThan(3);
  });
});

describe("/metrics", () => {
  it("gives the hot answers endpoint its id and access line too, by its pattern", async () => {
    const response = await fetch(`${app.baseUrl}/camp/no-such-camp/test/answers`, { method: "POST", headers: { "Content-Type": "application/json" }, body: "{}" });
    const reqId = response.headers.get("X-Request-Id");
    expect(reqId).toBeTruthy();
    const line = await waitFor(() => fileRecords().find((record) => record.access === true && record.reqId === reqId), "the access line of the answers post");
    expect(line).toMatchObject({ method: "POST", route: "/camp/:campId/test/answers", status: response.status });
    expect(JSON.stringify(line)).not.toContain("no-such-camp");
  });

  it("answers from this machine with request durations by route and the process's metrics", async () => {
    const { status, text } = await metrics();
    expect(status).toBe(200);
    expect(text).toMatch(/fudao_http_request_duration_seconds_bucket\{le="[\d.]+",method="GET",route="\/login",status_class="2xx"\}/);
    expect(text).not.toMatch(/route="\/documents\/[^:]/);
    for (const family of [
      "fudao_process_cpu_seconds_total",
      "fudao_nodejs_heap_size_used_bytes",
      "fudao_socketio_connections",
      "fudao_collab_open_documents",
      "fudao_search_outbox_backlog",
      "fudao_search_outbox_oldest_age_seconds",
      "fudao_job_queue_jobs",
      "fudao_db_pool_connections",
      "fudao_db_pool_max",
    ]) {
      expect(text, family).toContain(`# TYPE ${family} `);
    }
    expect(sample(text, "fudao_db_pool_max")).toBe(10);
    expect(sample(text, "fudao_db_pool_connections", 'state="total"')).toBeGreaterThan(0);
  });

  it("counts open sockets and open collaborative documents", async () => {
    const before = await metrics();
    const cookie = await signInOverHttp(app.baseUrl, "leader");
    const socket = connectSocket(app.baseUrl, { path: "/socket.io", transports: ["websocket"], extraHeaders: { Cookie: cookie }, reconnection: false });
    sockets.push(socket);
    await waitFor(() => socket.connected, "the socket to connect");
    const documentId = await findDocumentId(app.baseUrl, cookie, NOTE);
    const client = connectClient(app.baseUrl, cookie, documentId);
    clients.push(client);
    await synced(client);
    const after = await metrics();
    expect(sample(after.text, "fudao_socketio_connections")).toBe(sample(before.text, "fudao_socketio_connections")! + 1);
    expect(sample(after.text, "fudao_collab_open_documents")).toBeGreaterThanOrEqual(1);
    expect(sample(after.text, "fudao_collab_connections")).toBeGreaterThanOrEqual(1);
  });

  it("shows the search outbox backlog and the age of its oldest change", async () => {
    // A change the drainer will not take yet (its retry is an hour away), made an hour ago.
    await queryOnce(
      embeddedDatabaseUrl(app),
      `INSERT INTO "SearchOutbox" (kind, "recordId", "createdAt", attempts, "availableAt") VALUES ('document', 'no-such-record', now() - interval '1 hour', 1, now() + interval '1 hour')`,
    );
    const { text } = await metrics();
    expect(sample(text, "fudao_search_outbox_backlog")).toBeGreaterThanOrEqual(1);
    expect(sample(text, "fudao_search_outbox_oldest_age_seconds")).toBeGreaterThanOrEqual(3600);
  });

  it("refuses another machine without the token, or with a wrong one, and answers it with the right token", async () => {
    const address = outsideAddress();
    expect(address, "a non-loopback IPv4 address on this machine").not.toBeNull();
    const base = `http://${address}:${new URL(app.baseUrl).port}`;
    expect((await metrics({}, base)).status).toBe(403);
    expect((await metrics({ "X-Forwarded-For": "127.0.0.1" }, base)).status).toBe(403);
    expect((await metrics({ Authorization: "Bearer wrong-token" }, base)).status).toBe(403);
    expect((await metrics({ Authorization: `Bearer ${TOKEN}x` }, base)).status).toBe(403);
    const ok = await metrics({ Authorization: `Bearer ${TOKEN}` }, base);
    expect(ok.status).toBe(200);
    expect(ok.text).toContain("# TYPE fudao_http_request_duration_seconds histogram");
    // /healthz is unchanged.
    const health = await fetch(`${app.baseUrl}/healthz`);
    expect(await health.json()).toMatchObject({ db: "ok", search: "ok" });
  });
});

describe("stopping", () => {
  it("has the last line of a stop in the log file", async () => {
    for (const socket of sockets) socket.disconnect();
    for (const client of clients) client.close();
    stopped = true;
    expect(await app.stop()).toBe(0);
    expect(fileRecords().at(-1)).toMatchObject({ component: "server", msg: "已停止。" });
  });
});
