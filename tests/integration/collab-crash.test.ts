import { afterAll, describe, expect, it } from "vitest";
import { removeDataDir, startApp, type RunningApp } from "../support/app-server.ts";
import { appendParagraph, connectClient, paragraphs, synced, waitFor, type TestClient } from "../support/collab.ts";
import { findDocumentId, signInOverHttp } from "../support/http-session.ts";

/**
 * The durability promise: whatever the server acknowledged survives `kill -9` of the server
 * process while people are typing. Real server (npm start), real PostgreSQL, real data directory.
 */
const NOTE = "心理危机早期识别与干预研究笔记（一）";
let app: RunningApp | undefined;
let dataDir: string | undefined;
const clients: TestClient[] = [];

afterAll(async () => {
  for (const client of clients) client.close();
  await app?.stop();
  if (dataDir) removeDataDir(dataDir);
});

/** One typist: appends "who-n" paragraphs as fast as acknowledgements allow, remembering what was acknowledged. */
function typist(client: TestClient, who: string) {
  const acknowledged = new Set<string>();
  const tokenOf = new WeakMap<Uint8Array, string>();
  let current = "";
  let stopped = false;
  client.doc.on("update", (update: Uint8Array, origin: unknown) => {
    if (origin !== client.provider) tokenOf.set(update, current);
  });
  client.provider.on("acked", (update) => {
    const token = update && tokenOf.get(update);
    if (token) acknowledged.add(token);
  });
  const done = (async () => {
    for (let n = 0; !stopped; n++) {
      current = `${who}-${n}`;
      appendParagraph(client.doc, current);
      await new Promise((resolve) => setTimeout(resolve, 15));
    }
  })();
  return {
    acknowledged,
    stop: async () => {
      stopped = true;
      await done;
    },
  };
}

describe("durability", () => {
  it("keeps every acknowledged edit through kill -9 of the server, and folds them in at restart", async () => {
    app = await startApp({ timeoutMs: 240_000 });
    dataDir = app.dataDir;
    const leaderCookie = await signInOverHttp(app.baseUrl, "leader");
    const backboneCookie = await signInOverHttp(app.baseUrl, "backbone");
    const documentId = await findDocumentId(app.baseUrl, leaderCookie, NOTE);

    const writers = [connectClient(app.baseUrl, leaderCookie, documentId), connectClient(app.baseUrl, backboneCookie, documentId), connectClient(app.baseUrl, leaderCookie, documentId)];
    clients.push(...writers);
    await Promise.all(writers.map((client) => synced(client)));
    const typists = writers.map((client, index) => typist(client, ["张", "李", "王"][index]!));
    await waitFor(() => typists.every((t) => t.acknowledged.size >= 20), "edits to be acknowledged", 60_000);

    // Crash while they keep typing: no shutdown hook runs, nothing is flushed.
    app.process.kill("SIGKILL");
    await new Promise((resolve) => app!.process.once("exit", resolve));
    await Promise.all(typists.map((t) => t.stop()));
    const acknowledged = typists.flatMap((t) => [...t.acknowledged]);
    expect(acknowledged.length).toBeGreaterThanOrEqual(60);

    app = await startApp({ dataDir, timeoutMs: 240_000 });
    // The restart folded the increments left by the crash into the document (log line).
    expect(app.output()).toMatch(/已整理 1 篇文档/);
    const reader = connectClient(app.baseUrl, await signInOverHttp(app.baseUrl, "mentor"), documentId);
    clients.push(reader);
    // A restart beside other test files can be slow; if it never syncs, show what the server said.
    await synced(reader, { timeoutMs: 30_000 }).catch((error: Error) => {
      throw new Error(`${error.message}\n--- server output ---\n${app!.output().slice(-4000)}`);
    });
    const present = new Set(paragraphs(reader.doc));
    const missing = acknowledged.filter((token) => !present.has(token));
    expect(missing).toEqual([]);

    // The exported text (from the stored state) has them too.
    const markdown = await (await fetch(`${app.baseUrl}/documents/${documentId}/export/md`, { headers: { Cookie: leaderCookie } })).text();
    for (const token of acknowledged) expect(markdown).toContain(token);
  }, 600_000);
});

describe("orderly shutdown", () => {
  it("saves open documents on SIGTERM: nothing is left to fold in at the next start", async () => {
    const dir = (await import("../support/scratch-dir.ts")).scratchDir("app");
    let server = await startApp({ dataDir: dir, timeoutMs: 240_000 });
    try {
      const cookie = await signInOverHttp(server.baseUrl, "backbone");
      const documentId = await findDocumentId(server.baseUrl, cookie, NOTE);
      const writer = connectClient(server.baseUrl, cookie, documentId);
      clients.push(writer);
      await synced(writer);
      let acked = 0;
      // The handshake's acknowledgement (update null) may arrive after syncing; only the edits count.
      writer.provider.on("acked", (update) => update && acked++);
      for (const line of ["关机前的第一段", "关机前的第二段：访谈记录整理完毕"]) appendParagraph(writer.doc, line);
      await waitFor(() => acked >= 2, "acknowledgements");

      // Stop while the document is still open (its save is only debounced so far).
      expect(await server.stop("SIGTERM")).toBe(0);
      writer.close();
      server = await startApp({ dataDir: dir, timeoutMs: 240_000 });
      expect(server.output()).not.toMatch(/已整理 \d+ 篇文档/);
      const markdown = await (await fetch(`${server.baseUrl}/documents/${documentId}/export/md`, { headers: { Cookie: await signInOverHttp(server.baseUrl, "leader") } })).text();
      expect(markdown).toContain("关机前的第二段：访谈记录整理完毕");
    } finally {
      await server.stop();
      removeDataDir(dir);
    }
  }, 600_000);
});
