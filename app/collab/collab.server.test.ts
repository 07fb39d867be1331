import http from "node:http";
import type { AddressInfo } from "node:net";
import * as encoding from "lib0/encoding";
import * as syncProtocol from "y-protocols/sync";
import WebSocket from "ws";
import * as Y from "yjs";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createAppSocketServer } from "~/composition/socket-features.server.ts";
import { prisma } from "~/db/client.server.ts";
import { loadStoredState } from "~/documents/body-storage.server.ts";
import { jsonToState, stateToJSON } from "~/documents/content.server.ts";
import { currentState, refreshDocumentAccess } from "~/documents/live-body.server.ts";
import { setSocketServer } from "~/realtime/emit.server.ts";
import { appendParagraph, connectClient, paragraphs, synced, waitFor, type TestClient } from "../../tests/support/collab.ts";
import { sessionCookie, studioCast } from "../../tests/support/sessions.ts";
import { collabSettings, isDocumentLoaded, stopCollabWorker } from "./collab-socket.server.ts";
import { MAX_MESSAGE_BYTES } from "./protocol.ts";

/** Long enough to tell "caught up by the timer" from "caught up because everyone left". */
const TEXT_REFRESH_MS = 4_000;

let server: http.Server;
let baseUrl: string;
let documentId: string;
const clients: TestClient[] = [];
const cookies: Record<string, string> = {};

beforeAll(async () => {
  collabSettings.saveDebounceMs = 50;
  collabSettings.saveMaxWaitMs = 200;
  collabSettings.textRefreshMs = TEXT_REFRESH_MS;
  collabSettings.unloadDelayMs = 100;
  server = http.createServer();
  createAppSocketServer(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const cast = await studioCast();
  for (const [who, username] of Object.entries(cast.usernames)) cookies[who] = await sessionCookie(username);
});

beforeEach(async () => {
  const cast = await studioCast();
  const leader = cast.studio.memberships.find((m) => m.role === "LEADER")!;
  const document = await prisma.document.create({
    data: {
      studioId: cast.studio.id,
      type: "RESEARCH_NOTE",
      title: "协同编辑测试",
      createdById: leader.userId,
      yState: jsonToState({ type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "初始内容" }] }] }),
    },
  });
  documentId = document.id;
});

afterAll(async () => {
  for (const client of clients) client.close();
  await stopCollabWorker();
  setSocketServer(null);
  await new Promise((resolve) => server.close(resolve));
});

function open(who: string | null, id = documentId, options?: { reconnection?: boolean }): TestClient {
  const client = connectClient(baseUrl, who ? cookies[who]! : null, id, options);
  clients.push(client);
  return client;
}

/**
 * Appends a paragraph and waits until the server says that change is stored. Only its own
 * acknowledgement counts: the handshake's may still be on its way when the client is synced.
 */
async function appendAcked(client: TestClient, text: string): Promise<void> {
  const updates: Uint8Array[] = [];
  const collect = (update: Uint8Array) => updates.push(update);
  client.doc.on("update", collect);
  appendParagraph(client.doc, text);
  client.doc.off("update", collect);
  const last = updates.at(-1);
  if (!last) throw new Error("appending the paragraph changed nothing");
  await new Promise<void>((resolve) => {
    const onAcked = (update: Uint8Array | null) => {
      if (update !== last) return;
      client.provider.off("acked", onAcked);
      resolve();
    };
    client.provider.on("acked", onAcked);
  });
}

/** The body as the app loads it (one snapshot of the compacted state and the increments). */
async function storedParagraphs(): Promise<string[]> {
  const stored = await loadStoredState(documentId);
  const doc = new Y.Doc();
  if (stored?.state) Y.applyUpdate(doc, stored.state);
  for (const update of stored?.updates ?? []) Y.applyUpdate(doc, update);
  return paragraphs(doc);
}

async function plainText(): Promise<string> {
  return (await prisma.document.findUniqueOrThrow({ where: { id: documentId }, select: { plainText: true } })).plainText;
}

function rawUpdate(text: string): Uint8Array {
  const doc = new Y.Doc();
  appendParagraph(doc, text);
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, syncProtocol.messageYjsUpdate);
  encoding.writeVarUint8Array(encoder, Y.encodeStateAsUpdate(doc));
  return encoding.toUint8Array(encoder);
}

describe("joining a document", () => {
  it("lets members in as editors and shows them the stored text", async () => {
    for (const who of ["leader", "backbone", "newcomer"]) {
      const client = open(who);
      await synced(client);
      expect(paragraphs(client.doc)).toEqual(["初始内容"]);
      expect(client.provider.canEdit).toBe(true);
    }
  });

  it("lets the studio's mentor and 学工部 in as readers only", async () => {
    for (const who of ["mentor", "admin"]) {
      const client = open(who);
      await synced(client);
      expect(paragraphs(client.doc)).toEqual(["初始内容"]);
      expect(client.provider.canEdit).toBe(false);
    }
  });

  it.each([
    ["an outsider", "outsider", "FORBIDDEN"],
    ["a college admin who is not a member", "collegeAdmin", "FORBIDDEN"],
    ["an anonymous visitor", null, "UNAUTHENTICATED"],
  ])("refuses %s", async (_label, who, code) => {
    const client = open(who);
    await waitFor(() => client.provider.status === "failed", "refusal");
    expect(client.errors).toContain(code);
    expect(client.doc.getXmlFragment("default").length).toBe(0);
  });

  it("refuses an unknown document", async () => {
    const client = open("leader", "no-such-document");
    await waitFor(() => client.provider.status === "failed", "refusal");
    expect(client.errors).toContain("NOT_FOUND");
  });
});

describe("many at once", () => {
  it("lets a burst of 150 connections open the document, every one of them synced", async () => {
    // Connections queue for the hand-over to the worker; none may be dropped while waiting.
    const burst = Array.from({ length: 150 }, (_, i) => open(["leader", "backbone", "newcomer"][i % 3]!));
    await Promise.all(burst.map((client) => synced(client, { timeoutMs: 60_000 })));
    for (const client of burst) expect(paragraphs(client.doc)).toEqual(["初始内容"]);
    for (const client of burst) client.close();
  }, 90_000);
});

describe("other upgrade requests", () => {
  it("closes a WebSocket request for a path nobody serves, within a few seconds", async () => {
    const socket = new WebSocket(`${baseUrl.replace("http", "ws")}/no-such-channel/`);
    const started = Date.now();
    await new Promise<void>((resolve) => {
      socket.on("error", () => {});
      socket.on("close", () => resolve());
    });
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});

describe("editing together", () => {
  it("brings one person's edit to the other and stores it before acknowledging", async () => {
    const leader = open("leader");
    const backbone = open("backbone");
    await Promise.all([synced(leader), synced(backbone)]);
    await appendAcked(leader, "张明华写的一段：心理普查");
    // Acknowledged means stored: the increment is in the database now, before any compaction.
    expect(await storedParagraphs()).toEqual(["初始内容", "张明华写的一段：心理普查"]);
    await waitFor(() => paragraphs(backbone.doc).length === 2, "the edit to reach the other person");
    expect(paragraphs(backbone.doc)[1]).toBe("张明华写的一段：心理普查");

    appendParagraph(backbone.doc, "李雪补充：约谈记录");
    await waitFor(() => paragraphs(leader.doc).includes("李雪补充：约谈记录"), "the reply");
    expect(leader.provider.saveState).not.toBe("offline");
  });

  it("compacts: the body, plain text, word count and authors follow the stored content", async () => {
    const backbone = open("backbone");
    await synced(backbone);
    await appendAcked(backbone, "朋辈互助 peer support");
    await waitFor(async () => (await prisma.documentUpdate.count({ where: { documentId } })) === 0, "compaction");
    // Leaving refreshes the text at once (while people type, only every textRefreshMs).
    backbone.close();
    await waitFor(async () => (await plainText()).includes("peer support"), "the text refresh");
    const document = await prisma.document.findUniqueOrThrow({ where: { id: documentId }, include: { authors: { include: { user: true } } } });
    expect(document.plainText).toBe("初始内容\n朋辈互助 peer support");
    expect(document.wordCount).toBe(10);
    expect(document.authors.map((a) => a.user.username)).toEqual(["backbone"]);
    expect(JSON.stringify(stateToJSON(document.yState))).toContain("朋辈互助 peer support");
  });

  it("refreshes the searchable text at most every few seconds while people type, then catches up", async () => {
    const opened = Date.now();
    const backbone = open("backbone");
    await synced(backbone);
    await appendAcked(backbone, "第二段");
    await waitFor(async () => (await prisma.documentUpdate.count({ where: { documentId } })) === 0, "a compaction");
    // The body is stored; the text (and with it the search index) waits for its turn…
    expect(await storedParagraphs()).toContain("第二段");
    expect(await plainText()).not.toContain("第二段");
    expect(Date.now() - opened).toBeLessThan(TEXT_REFRESH_MS);
    // …and follows once it is due, although nobody typed since.
    await waitFor(async () => (await plainText()).includes("第二段"), "the text to catch up", TEXT_REFRESH_MS + 5_000);
    expect(Date.now() - opened).toBeGreaterThanOrEqual(TEXT_REFRESH_MS - 100);
  });

  it("refreshes the searchable text at once when the last person leaves", async () => {
    const opened = Date.now();
    const backbone = open("backbone");
    await synced(backbone);
    await appendAcked(backbone, "离开前写的");
    backbone.close();
    await waitFor(async () => (await plainText()).includes("离开前写的"), "the text after leaving");
    expect(Date.now() - opened).toBeLessThan(TEXT_REFRESH_MS);
  });

  it("holds other people's changes while someone composes with an input method, then applies them", async () => {
    const leader = open("leader");
    const backbone = open("backbone");
    await Promise.all([synced(leader), synced(backbone)]);
    leader.provider.holdRemoteChanges(true);
    await appendAcked(backbone, "拼音输入时别人写的");
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(paragraphs(leader.doc)).not.toContain("拼音输入时别人写的");
    leader.provider.holdRemoteChanges(false);
    expect(paragraphs(leader.doc)).toContain("拼音输入时别人写的");
  });

  it("merges edits made while disconnected when the connection comes back", async () => {
    const leader = open("leader", documentId, { reconnection: true });
    const backbone = open("backbone");
    await Promise.all([synced(leader), synced(backbone)]);
    leader.provider.socket.disconnect();
    await waitFor(() => leader.provider.status !== "connected", "offline");
    appendParagraph(leader.doc, "离线时写的段落");
    expect(leader.provider.saveState).toBe("offline");
    appendParagraph(backbone.doc, "在线时写的段落");
    await waitFor(async () => (await storedParagraphs()).includes("在线时写的段落"), "the online edit stored");
    leader.provider.socket.connect();
    await waitFor(() => leader.provider.saveState === "saved" && leader.provider.synced, "reconnect and save");
    for (const client of [leader, backbone]) {
      await waitFor(() => paragraphs(client.doc).length === 3, "both edits everywhere");
      expect([...paragraphs(client.doc)].sort()).toEqual(["初始内容", "在线时写的段落", "离线时写的段落"].sort());
    }
    expect([...(await storedParagraphs())].sort()).toEqual(["初始内容", "在线时写的段落", "离线时写的段落"].sort());
  });

  it("shows who is here with the name from the session, not whatever the client claims", async () => {
    const leader = open("leader");
    const backbone = open("backbone");
    await Promise.all([synced(leader), synced(backbone)]);
    leader.provider.awareness.setLocalStateField("user", { name: "冒充的名字", color: "#000" });
    const state = await waitFor(
      () => [...backbone.provider.awareness.getStates().values()].find((s) => (s.user as { name?: string } | undefined)?.name),
      "presence",
    );
    expect(state.user).toMatchObject({ name: "张明华" });
    leader.close();
    await waitFor(() => backbone.provider.awareness.getStates().size === 1, "presence removed on leave");
  });
});

describe("the server enforces read-only access", () => {
  it("rejects a mentor's change and keeps the document unchanged", async () => {
    const mentor = open("mentor");
    const leader = open("leader");
    await Promise.all([synced(mentor), synced(leader)]);
    const result = await new Promise((resolve) => mentor.provider.sendRaw("sync", rawUpdate("导师强行写入"), resolve));
    expect(result).toEqual({ ok: false, code: "READ_ONLY" });
    appendParagraph(leader.doc, "负责人继续写");
    await waitFor(async () => (await storedParagraphs()).includes("负责人继续写"), "leader's edit stored");
    expect(await storedParagraphs()).toEqual(["初始内容", "负责人继续写"]);
    expect(paragraphs(leader.doc)).not.toContain("导师强行写入");
  });

  it("turns editors into readers when the document goes to review", async () => {
    const backbone = open("backbone");
    await synced(backbone);
    await prisma.document.update({ where: { id: documentId }, data: { status: "IN_REVIEW" } });
    await refreshDocumentAccess(documentId);
    await waitFor(() => backbone.provider.canEdit === false, "access change");
    const result = await new Promise((resolve) => backbone.provider.sendRaw("sync", rawUpdate("审阅中修改"), resolve));
    expect(result).toEqual({ ok: false, code: "READ_ONLY" });
    expect(await storedParagraphs()).toEqual(["初始内容"]);
  });
});

describe("bad data", () => {
  it.each([
    ["random bytes", () => Uint8Array.from({ length: 64 }, (_, i) => (i * 37 + 11) % 256), "MALFORMED"],
    ["a truncated update", () => rawUpdate("截断的更新").slice(0, 12), "MALFORMED"],
    ["text instead of binary", () => "not a yjs message", "MALFORMED"],
    ["an oversized update", () => rawUpdate("大".repeat(MAX_MESSAGE_BYTES / 2)), "OVERSIZED"],
  ])("closes the connection on %s and leaves the document intact", async (_label, payload, code) => {
    const attacker = open("backbone");
    const bystander = open("leader");
    await Promise.all([synced(attacker), synced(bystander)]);
    attacker.provider.sendRaw("sync", payload());
    await waitFor(() => attacker.provider.status === "failed", "the connection to close");
    expect(attacker.errors).toContain(code);
    expect(await storedParagraphs()).toEqual(["初始内容"]);
    // The server keeps running: others keep editing, newcomers can join.
    appendParagraph(bystander.doc, "继续编辑");
    await waitFor(async () => (await storedParagraphs()).includes("继续编辑"), "edit after the attack");
    const late = open("newcomer");
    await synced(late);
    expect(paragraphs(late.doc)).toEqual(["初始内容", "继续编辑"]);
  });
});

describe("server-side reads", () => {
  it("gives the current body whether or not the document is open", async () => {
    const leader = open("leader");
    await synced(leader);
    await appendAcked(leader, "在内存中");
    expect(JSON.stringify(stateToJSON(await currentState(documentId)))).toContain("在内存中");
    leader.close();
    await waitFor(async () => !(await isDocumentLoaded(documentId)), "unload");
    expect(JSON.stringify(stateToJSON(await currentState(documentId)))).toContain("在内存中");
  });
});
