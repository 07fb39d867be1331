import http from "node:http";
import type { AddressInfo } from "node:net";
import * as encoding from "lib0/encoding";
import * as syncProtocol from "y-protocols/sync";
import * as Y from "yjs";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createAppSocketServer } from "~/composition/socket-features.server.ts";
import { prisma } from "~/db/client.server.ts";
import { jsonToState } from "~/documents/content.server.ts";
import { loadDocumentPage } from "~/documents/document-page.server.ts";
import { uploadImage } from "~/documents/images.server.ts";
import { setSocketServer } from "~/realtime/emit.server.ts";
import { pngImage } from "../../tests/support/fixtures.ts";
import { connectClient, paragraphs, synced, waitFor, type TestClient } from "../../tests/support/collab.ts";
import { sessionCookie, studioCast } from "../../tests/support/sessions.ts";
import { sessionUser } from "../../tests/support/signed-in.ts";
import { collabSettings, isDocumentLoaded, stopCollabWorker } from "./collab-socket.server.ts";

/**
 * Pictures over the co-editing socket: a document shows only its own uploads. A picture from
 * anywhere else, sent in a raw Yjs update by an editor, is taken out before anyone receives it and
 * is never stored; one of the document's own uploads stays.
 */
const EVIL = "https://evil.example/p.png";

let server: http.Server;
let baseUrl: string;
let documentId: string;
let ownImage: string;
let leaderId: string;
const clients: TestClient[] = [];
const cookies: Record<string, string> = {};

beforeAll(async () => {
  collabSettings.saveDebounceMs = 50;
  collabSettings.saveMaxWaitMs = 200;
  collabSettings.unloadDelayMs = 100;
  server = http.createServer();
  createAppSocketServer(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const cast = await studioCast();
  for (const who of ["leader", "backbone"]) cookies[who] = await sessionCookie(cast.usernames[who as "leader"]);
  leaderId = cast.studio.memberships.find((m) => m.role === "LEADER")!.userId;
});

beforeEach(async () => {
  const cast = await studioCast();
  const document = await prisma.document.create({
    data: {
      studioId: cast.studio.id,
      type: "RESEARCH_NOTE",
      title: "图片来源测试",
      createdById: leaderId,
      yState: jsonToState({ type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "初始内容" }] }] }),
    },
  });
  documentId = document.id;
  ownImage = (await uploadImage(documentId, leaderId, "现场.png", new Uint8Array(pngImage(6, 4)))).url;
});

afterAll(async () => {
  for (const client of clients) client.close();
  await stopCollabWorker();
  setSocketServer(null);
  await new Promise((resolve) => server.close(resolve));
});

function open(who: string): TestClient {
  const client = connectClient(baseUrl, cookies[who]!, documentId);
  clients.push(client);
  return client;
}

/** Image sources in a Y.Doc's body, in order (as the editor would show them). */
function imageSources(doc: Y.Doc): unknown[] {
  const sources: unknown[] = [];
  const walk = (node: Y.XmlFragment) => {
    for (const child of node.toArray()) {
      if (!(child instanceof Y.XmlElement)) continue;
      if (child.nodeName === "image") sources.push(child.getAttribute("src"));
      walk(child);
    }
  };
  walk(doc.getXmlFragment("default"));
  return sources;
}

/**
 * Everything stored of the document: the compacted state and every increment, as raw bytes too.
 * Read in one snapshot, so that a compaction in between cannot hide an increment.
 */
async function stored(): Promise<{ doc: Y.Doc; bytes: Buffer[] }> {
  const [document, rows] = await prisma.$transaction(
    [
      prisma.document.findUniqueOrThrow({ where: { id: documentId }, select: { yState: true } }),
      prisma.documentUpdate.findMany({ where: { documentId }, orderBy: { id: "asc" } }),
    ],
    { isolationLevel: "RepeatableRead" },
  );
  const doc = new Y.Doc();
  const bytes: Buffer[] = [];
  if (document.yState) {
    Y.applyUpdate(doc, document.yState);
    bytes.push(Buffer.from(document.yState));
  }
  for (const row of rows) {
    Y.applyUpdate(doc, row.update);
    bytes.push(Buffer.from(row.update));
  }
  return { doc, bytes };
}

/** Appends an image (and, in the same change, a paragraph to wait for) as an editor would. */
function insertImage(doc: Y.Doc, src: string, marker: string) {
  const fragment = doc.getXmlFragment("default");
  doc.transact(() => {
    const image = new Y.XmlElement("image");
    image.setAttribute("src", src);
    image.setAttribute("alt", "图片");
    const paragraph = new Y.XmlElement("paragraph");
    paragraph.insert(0, [new Y.XmlText(marker)]);
    fragment.insert(fragment.length, [image, paragraph]);
  });
}

/** Records every picture source a client ever shows, after each change it applies. */
function watchSources(client: TestClient): Set<unknown> {
  const seen = new Set<unknown>();
  client.doc.on("afterTransaction", () => {
    for (const src of imageSources(client.doc)) seen.add(src);
  });
  return seen;
}

function syncUpdate(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, syncProtocol.messageYjsUpdate);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}

describe("pictures sent over the co-editing socket", () => {
  it("keeps a picture uploaded to the document", async () => {
    const editor = open("backbone");
    const reader = open("leader");
    await Promise.all([synced(editor), synced(reader)]);
    insertImage(editor.doc, ownImage, "自己的图片之后");
    await waitFor(async () => paragraphs((await stored()).doc).includes("自己的图片之后"), "the change stored");
    expect(imageSources((await stored()).doc)).toEqual([ownImage]);
    await waitFor(() => imageSources(reader.doc).length === 1, "the picture at the other editor");
    expect(imageSources(reader.doc)).toEqual([ownImage]);
    expect(imageSources(editor.doc)).toEqual([ownImage]);
  });

  it.each([
    ["another site", EVIL],
    ["a protocol-relative address", "//evil.example/p.png"],
    ["a javascript: address", "javascript:alert(1)"],
    ["another document's picture", "/documents/another-document/images/abc"],
    ["a path that climbs out of the document", "/documents/DOC/images/../../other/images/x"],
  ])("takes out a picture from %s before anyone sees it, and never stores it", async (_label, source) => {
    const src = source.replace("DOC", documentId);
    const attacker = open("backbone");
    const bystander = open("leader");
    await Promise.all([synced(attacker), synced(bystander)]);
    const bystanderSaw = watchSources(bystander);
    insertImage(attacker.doc, src, "图片之后的段落");
    await waitFor(async () => paragraphs((await stored()).doc).includes("图片之后的段落"), "the change stored");
    await waitFor(() => paragraphs(bystander.doc).includes("图片之后的段落"), "the change at the bystander");
    // The rest of the change stays; the picture is gone everywhere, the sender's own editor included.
    expect(imageSources((await stored()).doc)).toEqual([]);
    expect(imageSources(bystander.doc)).toEqual([]);
    expect([...bystanderSaw]).toEqual([]);
    await waitFor(() => imageSources(attacker.doc).length === 0, "the sender's editor to drop the picture");
    for (const bytes of (await stored()).bytes) expect(bytes.includes(Buffer.from(src))).toBe(false);
  });

  it("takes out a picture whose source is re-pointed elsewhere after it was inserted", async () => {
    const editor = open("backbone");
    const reader = open("leader");
    await Promise.all([synced(editor), synced(reader)]);
    insertImage(editor.doc, ownImage, "第一段");
    await waitFor(() => imageSources(reader.doc).length === 1, "the picture at the other editor");
    const image = editor.doc.getXmlFragment("default").toArray().find((node) => node instanceof Y.XmlElement && node.nodeName === "image") as Y.XmlElement;
    image.setAttribute("src", EVIL);
    await waitFor(() => imageSources(reader.doc).length === 0, "the picture taken out at the other editor");
    await waitFor(async () => imageSources((await stored()).doc).length === 0, "the picture taken out of the store");
    expect(paragraphs((await stored()).doc)).toEqual(["初始内容", "第一段"]);
  });

  it("takes out a picture that arrives before the change it depends on", async () => {
    const editor = open("backbone");
    await synced(editor);
    // Two other clients, built off-line: one writes a paragraph, the other a picture after it.
    const first = new Y.Doc();
    Y.applyUpdate(first, Y.encodeStateAsUpdate(editor.doc));
    const before = Y.encodeStateVector(first);
    const paragraph = new Y.XmlElement("paragraph");
    paragraph.insert(0, [new Y.XmlText("先到的段落")]);
    first.getXmlFragment("default").push([paragraph]);
    const paragraphUpdate = Y.encodeStateAsUpdate(first, before);
    const second = new Y.Doc();
    Y.applyUpdate(second, Y.encodeStateAsUpdate(first));
    const beforeImage = Y.encodeStateVector(second);
    const image = new Y.XmlElement("image");
    image.setAttribute("src", EVIL);
    second.getXmlFragment("default").push([image]);
    const imageUpdate = Y.encodeStateAsUpdate(second, beforeImage);
    // The picture first: the server cannot place it yet, and holds it until the paragraph comes.
    editor.provider.sendRaw("sync", syncUpdate(imageUpdate));
    editor.provider.sendRaw("sync", syncUpdate(paragraphUpdate));
    await waitFor(async () => paragraphs((await stored()).doc).includes("先到的段落"), "the paragraph stored");
    await waitFor(() => paragraphs(editor.doc).includes("先到的段落"), "the paragraph at the editor");
    expect(imageSources((await stored()).doc)).toEqual([]);
    expect(imageSources(editor.doc)).toEqual([]);
  });

  it("cleans a body stored before pictures were checked: the editor, the page and the store lose the foreign one", async () => {
    await prisma.document.update({
      where: { id: documentId },
      data: {
        yState: jsonToState({
          type: "doc",
          content: [
            { type: "image", attrs: { src: EVIL, alt: "跟踪像素" } },
            { type: "image", attrs: { src: ownImage, alt: "现场照片" } },
            { type: "paragraph", content: [{ type: "text", text: "旧正文" }] },
          ],
        }),
      },
    });
    const page = await loadDocumentPage(new Request(`http://localhost/documents/${documentId}`), documentId, await sessionUser("leader"));
    const html = await page.bodyHtml();
    expect(html).not.toContain("evil.example");
    expect(html).toContain(ownImage);

    const reader = open("leader");
    await synced(reader);
    expect(imageSources(reader.doc)).toEqual([ownImage]);
    reader.close();
    // Nobody typed: the cleaning alone is saved when the last person leaves.
    await waitFor(async () => !(await isDocumentLoaded(documentId)), "the document to be unloaded");
    await waitFor(async () => imageSources((await stored()).doc).length === 1, "the cleaned body stored");
    expect(imageSources((await stored()).doc)).toEqual([ownImage]);
    expect(paragraphs((await stored()).doc)).toContain("旧正文");
  });
});
