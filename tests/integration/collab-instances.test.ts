import * as Y from "yjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/db/client.server.ts";
import { loadStoredState } from "~/documents/body-storage.server.ts";
import { removeDataDir, startApp, type RunningApp } from "../support/app-server.ts";
import { appendParagraph, connectClient, editToPeerLatencies, paragraphs, percentile, synced, typist, waitFor, type TestClient } from "../support/collab.ts";
import { buildCast, buildDocument, TEST_PASSWORD, type Cast } from "../support/factories.ts";
import { signInOverHttp } from "../support/http-session.ts";

/**
 * Co-authoring across instances (issue 21 item 3, decision 116): two app instances on one
 * PostgreSQL (this file's database) and one Meilisearch, in multi-instance mode, with real Yjs
 * clients through the real WebSocket. The collaboration workers tell each other through
 * PostgreSQL (LISTEN/NOTIFY, the update log).
 */
const START_MS = 240_000;
const apps: RunningApp[] = [];
const clients: TestClient[] = [];
let cast: Cast;

function startInstance({ multi = true } = {}): Promise<RunningApp> {
  return startApp({
    timeoutMs: START_MS,
    env: {
      DATABASE_URL: process.env.DATABASE_URL,
      MEILI_URL: process.env.MEILI_URL,
      MEILI_MASTER_KEY: process.env.MEILI_MASTER_KEY,
      SESSION_SECRET: process.env.SESSION_SECRET,
      FUDAO_INSTANCES: multi ? "multi" : undefined,
    },
  });
}

beforeAll(async () => {
  cast = await buildCast();
  // One after the other: the first start settles the shared database (migrations, search indexes).
  apps.push(await startInstance());
  apps.push(await startInstance());
}, 2 * START_MS);

afterAll(async () => {
  for (const client of clients) client.close();
  for (const app of apps) {
    if (app.process.exitCode === null && app.process.signalCode === null) await app.stop();
    removeDataDir(app.dataDir);
  }
}, 60_000);

function open(app: RunningApp, cookie: string, documentId: string, doc?: Y.Doc): TestClient {
  const client = connectClient(app.baseUrl, cookie, documentId, { reconnection: true, doc });
  clients.push(client);
  return client;
}

/** The body as stored: Document.yState with the update log's rows folded in (one snapshot). */
async function storedParagraphs(documentId: string): Promise<string[]> {
  const stored = await loadStoredState(documentId);
  const doc = new Y.Doc();
  if (stored?.state) Y.applyUpdate(doc, stored.state);
  for (const update of stored?.updates ?? []) Y.applyUpdate(doc, update);
  return paragraphs(doc);
}

/** Who is present, as a client sees it (user ids of the awareness states but its own). */
function presentUsers(client: TestClient): string[] {
  return [...client.provider.awareness.getStates().entries()]
    .filter(([clientId]) => clientId !== client.doc.clientID)
    .map(([, state]) => (state as { user?: { id?: string } }).user?.id ?? "")
    .filter(Boolean);
}

describe("co-authoring across instances", () => {
  it("two editors on A and B see each other's edits and presence, and the stored state converges", async () => {
    const [a, b] = apps as [RunningApp, RunningApp];
    const document = await buildDocument({ studio: cast.studio, createdBy: cast.leader, authors: [cast.leader, cast.backbone] });
    const leader = open(a, await signInOverHttp(a.baseUrl, cast.leader.username, TEST_PASSWORD), document.id);
    const backbone = open(b, await signInOverHttp(b.baseUrl, cast.backbone.username, TEST_PASSWORD), document.id);
    await Promise.all([synced(leader), synced(backbone)]);

    // Presence: each sees the other (names come from the server, through the other instance).
    leader.provider.awareness.setLocalStateField("cursor", { anchor: 1 });
    backbone.provider.awareness.setLocalStateField("cursor", { anchor: 2 });
    await waitFor(() => presentUsers(leader).includes(cast.backbone.id), "the leader to see the backbone member on B");
    await waitFor(() => presentUsers(backbone).includes(cast.leader.id), "the backbone member to see the leader on A");

    // Edits both ways, then both typing at once.
    appendParagraph(leader.doc, "甲：来自实例 A 的第一段");
    appendParagraph(backbone.doc, "乙：来自实例 B 的第一段");
    await waitFor(() => paragraphs(backbone.doc).includes("甲：来自实例 A 的第一段"), "A's edit to reach B");
    await waitFor(() => paragraphs(leader.doc).includes("乙：来自实例 B 的第一段"), "B's edit to reach A");
    const typists = [typist(leader.doc, "甲"), typist(backbone.doc, "乙")];
    typists[0]!.watch(leader.provider);
    typists[1]!.watch(backbone.provider);
    await waitFor(() => typists.every((t) => t.acknowledged.size >= 30), "edits to be acknowledged", 60_000);
    await Promise.all(typists.map((t) => t.stop()));

    // Converged: both editors hold the same body, and so does the database (state + log).
    await waitFor(() => leader.provider.saveState === "saved" && backbone.provider.saveState === "saved", "everything to be saved");
    await waitFor(() => JSON.stringify(paragraphs(leader.doc)) === JSON.stringify(paragraphs(backbone.doc)), "the two editors to converge");
    await waitFor(async () => JSON.stringify(await storedParagraphs(document.id)) === JSON.stringify(paragraphs(leader.doc)), "the stored state to converge");
    for (const token of typists.flatMap((t) => [...t.acknowledged])) expect(paragraphs(backbone.doc)).toContain(token);

    // Leaving: the presence goes on the other instance too.
    backbone.close();
    await waitFor(() => !presentUsers(leader).includes(cast.backbone.id), "the backbone member's presence to go");
    leader.close();
  }, 180_000);

  it("measures edit-to-peer latency on one instance and across two, and on one instance alone (no fan-out)", async () => {
    const [a, b] = apps as [RunningApp, RunningApp];
    // A third app in single-instance mode: the path every edit took before decision 116.
    const alone = await startInstance({ multi: false });
    apps.push(alone);
    const document = await buildDocument({ studio: cast.studio, createdBy: cast.leader, authors: [cast.leader, cast.backbone] });
    const cookieA = await signInOverHttp(a.baseUrl, cast.leader.username, TEST_PASSWORD);
    const cookieB = await signInOverHttp(b.baseUrl, cast.backbone.username, TEST_PASSWORD);
    const onA = open(a, cookieA, document.id);
    const alsoOnA = open(a, cookieB, document.id);
    const onB = open(b, cookieB, document.id);
    const single = await buildDocument({ studio: cast.studio, createdBy: cast.leader, authors: [cast.leader, cast.backbone] });
    const first = open(alone, await signInOverHttp(alone.baseUrl, cast.leader.username, TEST_PASSWORD), single.id);
    const second = open(alone, await signInOverHttp(alone.baseUrl, cast.backbone.username, TEST_PASSWORD), single.id);
    await Promise.all([onA, alsoOnA, onB, first, second].map((client) => synced(client)));
    const singleMode = await editToPeerLatencies(first, second, 40);
    const same = await editToPeerLatencies(onA, alsoOnA, 40);
    const cross = await editToPeerLatencies(onA, onB, 40);
    const p95 = (values: number[]) => +percentile(values, 95).toFixed(1);
    const figures = { single_mode_p95_ms: p95(singleMode), same_instance_p95_ms: p95(same), cross_instance_p95_ms: p95(cross) };
    console.log(`[collab-instances] ${JSON.stringify(figures)}`);
    // Generous on a shared 2-core machine; the bench reports the figures (issue 21: at most 2×).
    expect(figures.cross_instance_p95_ms).toBeLessThan(1_000);
  }, 120_000);

  it("edits made while the instances' listening connections are cut reach the other instance once they reconnect", async () => {
    const [a, b] = apps as [RunningApp, RunningApp];
    const document = await buildDocument({ studio: cast.studio, createdBy: cast.leader, authors: [cast.leader, cast.backbone] });
    const onA = open(a, await signInOverHttp(a.baseUrl, cast.leader.username, TEST_PASSWORD), document.id);
    const onB = open(b, await signInOverHttp(b.baseUrl, cast.backbone.username, TEST_PASSWORD), document.id);
    await Promise.all([synced(onA), synced(onB)]);
    let acked = 0;
    onA.provider.on("acked", (update) => update && acked++);

    // As a database blip does to them: the workers' notification connections drop, and the edit
    // is made before they are back (its announcement goes nowhere).
    const cut = () =>
      prisma.$queryRawUnsafe<unknown[]>(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND application_name IN ('fudao-collab-listen', 'fudao-collab-fanout')`);
    expect((await cut()).length).toBeGreaterThanOrEqual(2);
    // Kept cut for two seconds (each reconnect is cut again), the edit stored meanwhile.
    const until = Date.now() + 2_000;
    const keepCutting = (async () => {
      while (Date.now() < until) {
        await cut();
        await new Promise((resolve) => setTimeout(resolve, 30));
      }
    })();
    await new Promise((resolve) => setTimeout(resolve, 300));
    appendParagraph(onA.doc, "断线期间写下的一段");
    await waitFor(() => acked >= 1, "the edit to be stored");
    await keepCutting;
    // Back: the resync after reconnecting (or, at the latest, A's next compaction announcing "c")
    // brings it; its own announcements were lost.
    await waitFor(() => paragraphs(onB.doc).includes("断线期间写下的一段"), "the edit to reach B after reconnecting", 20_000);
  }, 120_000);

  it("a change of rights decided on A reaches the editors on B (a review locks the text)", async () => {
    const [a, b] = apps as [RunningApp, RunningApp];
    const document = await buildDocument({ studio: cast.studio, createdBy: cast.backbone, authors: [cast.backbone, cast.leader] });
    const leaderOnB = open(b, await signInOverHttp(b.baseUrl, cast.leader.username, TEST_PASSWORD), document.id);
    await synced(leaderOnB);
    await waitFor(() => leaderOnB.provider.canEdit, "the leader to edit on B");

    // The backbone member asks for a review through A, where nobody has the document open.
    const cookieA = await signInOverHttp(a.baseUrl, cast.backbone.username, TEST_PASSWORD);
    const form = new URLSearchParams({ intent: "request", directionId: cast.studio.directions[0]!.id, reviewerIds: cast.mentor.id, note: "" });
    const response = await fetch(`${a.baseUrl}/documents/${document.id}.data`, {
      method: "POST",
      body: form,
      headers: { Cookie: cookieA, Origin: a.baseUrl },
      redirect: "manual",
    });
    const answer = await response.text();
    expect(response.status, `${answer.slice(0, 500)}\n${a.output().slice(-3000)}`).toBe(200);
    expect((await prisma.document.findUniqueOrThrow({ where: { id: document.id }, select: { status: true } })).status).toBe("IN_REVIEW");

    await waitFor(() => !leaderOnB.provider.canEdit && leaderOnB.provider.documentStatus === "IN_REVIEW", "the editor on B to become a reader");
    leaderOnB.close();
  }, 120_000);

  it("loses no acknowledged edit when B is killed mid-edit: its editor reconnects to A, the edits of one that never returns are kept", async () => {
    const [a, b] = apps as [RunningApp, RunningApp];
    const document = await buildDocument({ studio: cast.studio, createdBy: cast.leader, authors: [cast.leader, cast.backbone] });
    const cookieA = await signInOverHttp(a.baseUrl, cast.leader.username, TEST_PASSWORD);
    const cookieB = await signInOverHttp(b.baseUrl, cast.backbone.username, TEST_PASSWORD);
    const onA = open(a, cookieA, document.id);
    const onB = open(b, cookieB, document.id);
    // A second tab on B whose person closes it when B dies: only the database has its edits then.
    const leftOnB = connectClient(b.baseUrl, cookieB, document.id);
    clients.push(leftOnB);
    await Promise.all([synced(onA), synced(onB), synced(leftOnB)]);
    const typists = [typist(onA.doc, "甲"), typist(onB.doc, "乙"), typist(leftOnB.doc, "丙")];
    typists[0]!.watch(onA.provider);
    typists[1]!.watch(onB.provider);
    typists[2]!.watch(leftOnB.provider);
    await waitFor(() => typists.every((t) => t.acknowledged.size >= 20), "edits to be acknowledged", 60_000);

    // kill -9 of B while all keep typing: nothing on B is flushed or shut down.
    b.process.kill("SIGKILL");
    await new Promise((resolve) => (b.process.exitCode !== null || b.process.signalCode ? resolve(null) : b.process.once("exit", resolve)));
    await typists[2]!.stop();
    leftOnB.close();
    // What B acknowledged to the tab that never returns is in A's editor, from the database alone
    // (B's other editor has not come back yet).
    const fromLostTab = [...typists[2]!.acknowledged];
    await waitFor(() => fromLostTab.every((token) => paragraphs(onA.doc).includes(token)), "the lost tab's acknowledged edits on A");
    await waitFor(() => onB.provider.status !== "connected", "B's editor to notice");
    // The load balancer sends B's editor to A: the same document, a new connection (its edits
    // not yet acknowledged go with the handshake).
    onB.provider.destroy();
    const moved = open(a, cookieB, document.id, onB.doc);
    typists[1]!.watch(moved.provider);
    await synced(moved, { timeoutMs: 30_000 });
    const before = typists[1]!.acknowledged.size;
    await waitFor(() => typists[1]!.acknowledged.size >= before + 10, "edits through A after the move", 60_000);
    await Promise.all(typists.map((t) => t.stop()));

    await waitFor(() => onA.provider.saveState === "saved" && moved.provider.saveState === "saved", "everything to be saved");
    await waitFor(() => JSON.stringify(paragraphs(onA.doc)) === JSON.stringify(paragraphs(moved.doc)), "the editors to converge");
    const acknowledged = typists.flatMap((t) => [...t.acknowledged]);
    expect(acknowledged.length).toBeGreaterThanOrEqual(70);
    const seen = new Set(paragraphs(onA.doc));
    expect(acknowledged.filter((token) => !seen.has(token))).toEqual([]);
    // A compacts what it holds (2 s after the last edit): the log empties into Document.yState,
    // and nothing acknowledged is lost on the way.
    await waitFor(async () => (await prisma.documentUpdate.count({ where: { documentId: document.id } })) === 0, "A to compact the log", 30_000);
    const stored = new Set(await storedParagraphs(document.id));
    expect(acknowledged.filter((token) => !stored.has(token))).toEqual([]);
  }, 240_000);
});
