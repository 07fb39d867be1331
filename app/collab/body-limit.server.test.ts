import http from "node:http";
import type { AddressInfo } from "node:net";
import * as encoding from "lib0/encoding";
import * as syncProtocol from "y-protocols/sync";
import * as Y from "yjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAppSocketServer } from "~/composition/socket-features.server.ts";
import { prisma } from "~/db/client.server.ts";
import { jsonToState, stateToJSON } from "~/documents/content.server.ts";
import { jsonTextLength } from "~/documents/body-limit.ts";
import { currentState } from "~/documents/live-body.server.ts";
import { setSocketServer } from "~/realtime/emit.server.ts";
import { updateSchoolSettings } from "~/settings/school-settings.server.ts";
import { appendParagraph, connectClient, paragraphs, synced, waitFor, type TestClient } from "../../tests/support/collab.ts";
import { buildCast, type Cast } from "../../tests/support/factories.ts";
import { cookieFor } from "../../tests/support/signed-in.ts";
import { collabSettings, stopCollabWorker } from "./collab-socket.server.ts";
import type { AckResult } from "./protocol.ts";

/**
 * The length limit while people type (issue 27, item 6; decision 097): the collaboration worker
 * refuses a change that would take the body over the school's limit, whole, before applying it;
 * the editor hears TOO_LONG and nothing of it is stored. Shortening always passes.
 */
let server: http.Server;
let baseUrl: string;
let cast: Cast;
const clients: TestClient[] = [];

beforeAll(async () => {
  collabSettings.saveDebounceMs = 50;
  collabSettings.saveMaxWaitMs = 200;
  collabSettings.unloadDelayMs = 100;
  server = http.createServer();
  createAppSocketServer(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  cast = await buildCast();
  await updateSchoolSettings({ documentMaxChars: 1_000 }, cast.admin.id);
});

afterAll(async () => {
  for (const client of clients) client.close();
  await stopCollabWorker();
  setSocketServer(null);
  await new Promise((resolve) => server.close(resolve));
});

async function newDocument(text: string) {
  const document = await prisma.document.create({
    data: {
      studioId: cast.studio.id,
      type: "RESEARCH_NOTE",
      title: "长度上限测试",
      createdById: cast.leader.id,
      yState: jsonToState({ type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text }] }] }),
    },
  });
  return document.id;
}

async function open(documentId: string): Promise<TestClient> {
  const client = connectClient(baseUrl, await cookieFor(cast.leader.username), documentId);
  clients.push(client);
  await synced(client);
  return client;
}

/** What the server stores (and the page and exports show). */
const storedLength = async (documentId: string) => jsonTextLength(stateToJSON(await currentState(documentId)));

/** A change of `client`'s as one update, sent with an acknowledgement (as the editor sends it). */
function send(client: TestClient, change: (doc: Y.Doc) => void): Promise<AckResult> {
  const updates: Uint8Array[] = [];
  const collect = (update: Uint8Array, origin: unknown) => origin !== client.provider && updates.push(update);
  // Kept from the provider: this test sends the change itself, to read the server's answer.
  client.doc.off("update", (client.provider as unknown as { onDocUpdate: () => void }).onDocUpdate);
  client.doc.on("update", collect);
  change(client.doc);
  client.doc.off("update", collect);
  client.doc.on("update", (client.provider as unknown as { onDocUpdate: () => void }).onDocUpdate);
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, syncProtocol.messageYjsUpdate);
  encoding.writeVarUint8Array(encoder, Y.mergeUpdates(updates));
  return new Promise((resolve) => client.provider.sendRaw("sync", encoding.toUint8Array(encoder), resolve));
}

describe("the collaboration worker holds typing to the school's length limit", () => {
  it("stores changes up to the limit and refuses, whole, the one that would go over it", async () => {
    const documentId = await newDocument("初始内容");
    const leader = await open(documentId);
    expect(await send(leader, (doc) => appendParagraph(doc, "写".repeat(990)))).toEqual({ ok: true });
    expect(await storedLength(documentId)).toBe(994);

    // 994 + 10 > 1,000: refused, and said on the channel too (the editor reloads the stored body).
    expect(await send(leader, (doc) => appendParagraph(doc, "超".repeat(10)))).toEqual({ ok: false, code: "TOO_LONG" });
    await waitFor(() => leader.errors.includes("TOO_LONG"), "the TOO_LONG notice");
    expect(leader.provider.status).toBe("connected");
    expect(await storedLength(documentId)).toBe(994);

    // The editor starts again from the stored body (what the page does on TOO_LONG): the refused change is not in it.
    leader.close();
    const again = await open(documentId);
    expect(paragraphs(again.doc)).toEqual(["初始内容", "写".repeat(990)]);
    // Six more fit exactly.
    expect(await send(again, (doc) => appendParagraph(doc, "满".repeat(6)))).toEqual({ ok: true });
    expect(await storedLength(documentId)).toBe(1_000);
    expect(await send(again, (doc) => appendParagraph(doc, "多"))).toEqual({ ok: false, code: "TOO_LONG" });
  });

  it("lets a body over a lowered limit be shortened, and a replacement that does not lengthen it through", async () => {
    const documentId = await newDocument("旧".repeat(1_200));
    const leader = await open(documentId);
    const text = () => (leader.doc.getXmlFragment("default").get(0) as Y.XmlElement).get(0) as Y.XmlText;
    expect(await send(leader, () => text().delete(0, 100))).toEqual({ ok: true });
    expect(await storedLength(documentId)).toBe(1_100);
    // Still over: replacing 50 characters by 50 others passes, adding one does not.
    expect(await send(leader, (doc) => doc.transact(() => (text().delete(0, 50), text().insert(0, "新".repeat(50)))))).toEqual({ ok: true });
    expect(await send(leader, () => text().insert(0, "加"))).toEqual({ ok: false, code: "TOO_LONG" });
    expect(await storedLength(documentId)).toBe(1_100);
  });
});
