import http from "node:http";
import type { AddressInfo } from "node:net";
import pg from "pg";
import { io as connect, type Socket } from "socket.io-client";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { changeOwnPassword, resetPassword } from "~/auth/passwords.server.ts";
import { createUserSession, getSignedInFromCookieHeader, logout } from "~/auth/session.server.ts";
import { collabSettings, stopCollabWorker } from "~/collab/collab-socket.server.ts";
import { createAppSocketServer } from "~/composition/socket-features.server.ts";
import { prisma } from "~/db/client.server.ts";
import { jsonToState } from "~/documents/content.server.ts";
import { getRuntime } from "~/infra/runtime.server.ts";
import { updateAccount } from "~/people/profile.server.ts";
import { appendParagraph, connectClient, paragraphs, synced, waitFor, type TestClient } from "../../tests/support/collab.ts";
import { buildCast, buildUser, TEST_PASSWORD, type BuiltUser, type Cast } from "../../tests/support/factories.ts";
import * as Y from "yjs";
import { setSocketServer } from "./emit.server.ts";

/**
 * Sign-out, a password change or reset, and disabling an account reach open sockets (decision 009):
 * within a second the session's notification socket (/socket.io) and its co-editing socket (the
 * collaboration worker's /collab) are closed, and what the person types afterwards is not stored.
 * Real socket.io clients against the real server, worker and database.
 */

/** The bound: every socket of an ended session closes within a second. */
const WITHIN = 1_000;

let server: http.Server;
let baseUrl: string;
let documentId: string;
let cast: Cast;
const opened: Array<{ close(): void }> = [];

beforeAll(async () => {
  collabSettings.saveDebounceMs = 50;
  collabSettings.saveMaxWaitMs = 200;
  collabSettings.unloadDelayMs = 100;
  server = http.createServer();
  createAppSocketServer(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  cast = await buildCast();
});

beforeEach(async () => {
  const document = await prisma.document.create({
    data: {
      studioId: cast.studio.id,
      type: "RESEARCH_NOTE",
      title: "会话结束测试",
      createdById: cast.leader.id,
      yState: jsonToState({ type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "初始内容" }] }] }),
    },
  });
  documentId = document.id;
});

afterAll(async () => {
  for (const socket of opened) socket.close();
  await stopCollabWorker();
  setSocketServer(null);
  await new Promise((resolve) => server.close(resolve));
});

async function signIn(user: BuiltUser): Promise<{ cookie: string; userId: string }> {
  const response = await createUserSession(new Request("http://localhost/login"), user.id, "/");
  return { cookie: response.headers.get("Set-Cookie")!.split(";")[0]!, userId: user.id };
}

/** One browser tab with a document open: the app's notification socket and the document's editor. */
interface Tab {
  cookie: string;
  notifications: Socket;
  editor: TestClient;
  /** Why the notification socket closed, once it has. */
  closedBecause: string | null;
  toldSessionEnded: boolean;
}

async function openTab(cookie: string): Promise<Tab> {
  const notifications = connect(baseUrl, { transports: ["websocket"], extraHeaders: { Cookie: cookie }, reconnection: false });
  const tab: Tab = { cookie, notifications, editor: connectClient(baseUrl, cookie, documentId), closedBecause: null, toldSessionEnded: false };
  opened.push(notifications, tab.editor);
  notifications.on("session-ended", () => (tab.toldSessionEnded = true));
  notifications.on("disconnect", (reason) => (tab.closedBecause = reason));
  await new Promise<void>((resolve, reject) => {
    notifications.on("session", () => resolve());
    notifications.on("connect_error", reject);
  });
  await synced(tab.editor);
  return tab;
}

/** Both sockets of the tab closed by the server, within the second. */
async function bothClosed(tab: Tab) {
  await waitFor(() => tab.closedBecause !== null && tab.editor.provider.status === "failed", "both sockets of the ended session to close", WITHIN);
  expect(tab.closedBecause).toBe("io server disconnect");
  expect(tab.toldSessionEnded).toBe(true);
  expect(tab.editor.errors).toContain("SESSION_ENDED");
}

async function storedParagraphs(): Promise<string[]> {
  const document = await prisma.document.findUniqueOrThrow({ where: { id: documentId }, select: { yState: true } });
  const rows = await prisma.documentUpdate.findMany({ where: { documentId }, orderBy: { id: "asc" } });
  const doc = new Y.Doc();
  if (document.yState) Y.applyUpdate(doc, document.yState);
  for (const row of rows) Y.applyUpdate(doc, row.update);
  return paragraphs(doc);
}

/** Waits until the server has acknowledged (stored) the editor's latest change. */
async function typeAndSave(tab: Tab, text: string) {
  appendParagraph(tab.editor.doc, text);
  await waitFor(() => tab.editor.provider.saveState === "saved", `“${text}” to be saved`);
  await waitFor(async () => (await storedParagraphs()).includes(text), `“${text}” in the database`);
}

/**
 * The person keeps typing in the closed tab, and the editor tries to reconnect with the old cookie:
 * the server refuses it, and nothing typed after the end reaches the database.
 */
async function nothingStoredAfterwards(tab: Tab, text: string) {
  appendParagraph(tab.editor.doc, text);
  tab.editor.errors.length = 0;
  tab.editor.provider.reconnect();
  await waitFor(() => tab.editor.errors.includes("UNAUTHENTICATED"), "the reconnection to be refused");
  // A new connection of its own, as a fresh page load would make, is refused as well.
  const notifications = connect(baseUrl, { transports: ["websocket"], extraHeaders: { Cookie: tab.cookie }, reconnection: false });
  opened.push(notifications);
  await expect(new Promise((_, reject) => notifications.on("connect_error", reject))).rejects.toThrow("UNAUTHENTICATED");
  expect(await storedParagraphs()).not.toContain(text);
}

describe("ending a session closes its sockets", () => {
  it("sign-out: both sockets close within a second and an edit typed afterwards is not stored", async () => {
    const leader = await signIn(cast.leader);
    const tab = await openTab(leader.cookie);
    await typeAndSave(tab, "退出前写的段落");

    await logout(new Request(`${baseUrl}/logout`, { method: "POST", headers: { Cookie: leader.cookie } }));
    await bothClosed(tab);
    await nothingStoredAfterwards(tab, "退出后才写的段落");
    expect(await storedParagraphs()).toEqual(["初始内容", "退出前写的段落"]);
  });

  it("password change: the person's other sessions close, the one that changed it stays and keeps saving", async () => {
    const here = await signIn(cast.backbone);
    const elsewhere = await signIn(cast.backbone);
    const thisTab = await openTab(here.cookie);
    const otherTab = await openTab(elsewhere.cookie);
    const { sessionId } = (await getSignedInFromCookieHeader(here.cookie))!;

    const changed = await changeOwnPassword({ userId: here.userId, keepSessionId: sessionId, currentPassword: TEST_PASSWORD, newPassword: "Xinmima-de-chuntian-2026", address: "socket-test" });
    expect(changed).toMatchObject({ ok: true });
    await bothClosed(otherTab);
    await nothingStoredAfterwards(otherTab, "另一台电脑上改密后写的");
    // The session that changed the password goes on: its edits are still stored.
    expect(thisTab.closedBecause).toBeNull();
    await typeAndSave(thisTab, "改密的这台电脑继续写");
    expect(await storedParagraphs()).toEqual(["初始内容", "改密的这台电脑继续写"]);
  });

  it("password reset by 学工部: every session of the person closes", async () => {
    const leader = await signIn(cast.leader);
    const tabs = [await openTab(leader.cookie), await openTab((await signIn(cast.leader)).cookie)];
    const { admin } = cast;
    await resetPassword({ actorId: admin.id, userId: leader.userId, mode: "require-change" });
    try {
      for (const tab of tabs) await bothClosed(tab);
      await nothingStoredAfterwards(tabs[0]!, "重置密码后写的");
    } finally {
      await prisma.user.update({ where: { id: leader.userId }, data: { passwordMustChange: false } });
    }
  });

  it("disabling the account: both sockets close within a second and nothing more is stored", async () => {
    const newcomer = await signIn(cast.newcomer);
    const tab = await openTab(newcomer.cookie);
    const { admin } = cast;
    const before = await prisma.user.findUniqueOrThrow({ where: { id: newcomer.userId } });
    await updateAccount(newcomer.userId, { roles: before.roles, collegeId: before.collegeId, active: false }, admin.id);
    try {
      await bothClosed(tab);
      await nothingStoredAfterwards(tab, "停用后写的段落");
    } finally {
      await prisma.user.update({ where: { id: newcomer.userId }, data: { active: true } });
    }
  });
});

describe("the signal comes from the database", () => {
  it("a session deleted by another process (another app instance, a DBA) closes its sockets too", async () => {
    const leader = await signIn(cast.leader);
    const tab = await openTab(leader.cookie);
    const other = new pg.Client({ connectionString: getRuntime().databaseUrl });
    await other.connect();
    try {
      await other.query(`DELETE FROM "Session" WHERE "userId" = $1`, [leader.userId]);
    } finally {
      await other.end();
    }
    await bothClosed(tab);
  });

  it("sessions that end while a listener's connection is down are closed once it is back", async () => {
    const leader = await signIn(cast.leader);
    const tab = await openTab(leader.cookie);
    const db = new pg.Client({ connectionString: getRuntime().databaseUrl });
    await db.connect();
    try {
      // Cut both listeners (this server's and the worker's), then end the session while they are away.
      const { rows } = await db.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name IN ('fudao-app-sessions', 'fudao-collab-sessions') AND datname = current_database()`,
      );
      expect(rows).toHaveLength(2);
      await db.query(`DELETE FROM "Session" WHERE "userId" = $1`, [leader.userId]);
    } finally {
      await db.end();
    }
    await waitFor(() => tab.closedBecause !== null && tab.editor.provider.status === "failed", "the sockets to close after the listeners reconnect", 10_000);
    expect(tab.editor.errors).toContain("SESSION_ENDED");
  });

  it("a session waiting for its first password opens no socket", async () => {
    const counselor = await buildUser();
    await prisma.user.update({ where: { id: counselor.id }, data: { passwordMustChange: true } });
    try {
      const { cookie } = await signIn(counselor);
      const notifications = connect(baseUrl, { transports: ["websocket"], extraHeaders: { Cookie: cookie }, reconnection: false });
      opened.push(notifications);
      await expect(new Promise((_, reject) => notifications.on("connect_error", reject))).rejects.toThrow("UNAUTHENTICATED");
      const editor = connectClient(baseUrl, cookie, documentId);
      opened.push(editor);
      await waitFor(() => editor.provider.status === "failed", "the refusal");
      expect(editor.errors).toContain("UNAUTHENTICATED");
    } finally {
      await prisma.user.update({ where: { id: counselor.id }, data: { passwordMustChange: false } });
    }
  });
});
