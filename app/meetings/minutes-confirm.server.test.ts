import http from "node:http";
import type { AddressInfo } from "node:net";
import * as Y from "yjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { collabSettings, stopCollabWorker } from "~/collab/collab-socket.server.ts";
import { createAppSocketServer } from "~/composition/socket-features.server.ts";
import { prisma } from "~/db/client.server.ts";
import { bodyNode, stateToJSON } from "~/documents/content.server.ts";
import { currentState } from "~/documents/live-body.server.ts";
import { setSocketServer } from "~/realtime/emit.server.ts";
import { appendParagraph, connectClient, paragraphs, synced, waitFor, type TestClient } from "../../tests/support/collab.ts";
import { buildMeetingSeries, buildUser } from "../../tests/support/factories.ts";
import { sessionCookie } from "../../tests/support/sessions.ts";
import { closeMeeting, confirmMinutes, createMinutes, setNoteTaker } from "./minutes.server.ts";
import { splitIntoGroups } from "./meetings.server.ts";

/**
 * "Nothing typed before close is lost": two note-takers write the minutes with real Yjs clients
 * through the real collaboration server; the organiser confirms while one of them is still typing.
 * Every change the server acknowledged before confirming is in the confirmed version, and changes
 * after it are refused.
 */

let server: http.Server;
let baseUrl: string;
const clients: TestClient[] = [];

beforeAll(async () => {
  collabSettings.saveDebounceMs = 50;
  collabSettings.saveMaxWaitMs = 200;
  collabSettings.unloadDelayMs = 100;
  server = http.createServer();
  createAppSocketServer(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const client of clients) client.close();
  await stopCollabWorker();
  setSocketServer(null);
  await new Promise((resolve) => server.close(resolve));
});

/**
 * Appends a paragraph; resolves true when the server acknowledged it as stored, false when it
 * refused it or the connection became read-only first (the provider then keeps it unsent).
 */
function appendAndAwaitAck(client: TestClient, text: string): Promise<boolean> {
  if (!client.provider.canEdit) return Promise.resolve(false);
  const updates: Uint8Array[] = [];
  const collect = (update: Uint8Array) => updates.push(update);
  client.doc.on("update", collect);
  appendParagraph(client.doc, text);
  client.doc.off("update", collect);
  const last = updates.at(-1)!;
  return new Promise<boolean>((resolve) => {
    const done = (stored: boolean) => {
      clearInterval(watch);
      client.provider.off("acked", onAcked);
      client.provider.off("error", onError);
      resolve(stored);
    };
    const onAcked = (update: Uint8Array | null) => update === last && done(true);
    const onError = (code: string) => code === "READ_ONLY" && done(false);
    // Made a reader while the change was waiting: the provider keeps it and sends nothing more.
    const watch = setInterval(() => !client.provider.canEdit && client.provider.status !== "failed" && done(false), 20);
    client.provider.on("acked", onAcked);
    client.provider.on("error", onError);
  });
}

describe("confirming the minutes while someone is still typing", () => {
  it("keeps every acknowledged edit in the confirmed version and refuses later ones", async () => {
    const organiser = await buildUser();
    const noteTaker = await buildUser();
    const series = await buildMeetingSeries({ organiser, invitees: [noteTaker] }, [new Date(Date.now() - 3_600_000)]);
    const meetingId = series.meetings[0]!.id;
    const documentId = await createMinutes(meetingId, organiser.id);
    await setNoteTaker(meetingId, noteTaker.id, true, organiser.id);

    const writer = connectClient(baseUrl, await sessionCookie(noteTaker.username), documentId);
    const chair = connectClient(baseUrl, await sessionCookie(organiser.username), documentId);
    clients.push(writer, chair);
    await synced(writer);
    await synced(chair);
    expect(writer.provider.canEdit && chair.provider.canEdit).toBe(true);

    expect(await appendAndAwaitAck(chair, "主持人：会议开始")).toBe(true);
    await closeMeeting(meetingId, organiser);
    // The note-taker keeps typing line after line while the organiser confirms.
    const acknowledged: string[] = [];
    let typing = true;
    const typist = (async () => {
      for (let line = 1; typing && line <= 200; line += 1) {
        const text = `记录第${line}行`;
        if (!(await appendAndAwaitAck(writer, text))) break;
        acknowledged.push(text);
      }
    })();
    await waitFor(() => acknowledged.length >= 3, "a few acknowledged lines");
    const ackedBeforeConfirm = [...acknowledged];
    await confirmMinutes(meetingId, organiser);
    typing = false;
    await typist;

    const meeting = await prisma.meeting.findUniqueOrThrow({ where: { id: meetingId }, select: { minutesVersion: { select: { yState: true } } } });
    const version = new Y.Doc();
    Y.applyUpdate(version, meeting.minutesVersion!.yState);
    const confirmed = paragraphs(version);
    expect(confirmed).toContain("主持人：会议开始");
    for (const line of ackedBeforeConfirm) expect(confirmed).toContain(line);
    // Whatever the server acknowledged at all was acknowledged before the connection became read-only.
    for (const line of acknowledged) expect(confirmed).toContain(line);

    await waitFor(() => !writer.provider.canEdit && !chair.provider.canEdit, "both editors become readers");
    expect(await appendAndAwaitAck(writer, "签发后补写")).toBe(false);
    const body = new Y.Doc();
    Y.applyUpdate(body, (await currentState(documentId))!);
    expect(paragraphs(body)).not.toContain("签发后补写");
  }, 60_000);
});

describe("groups split after the minutes exist", () => {
  /** The minutes' headings as "h2 text" / "h3 text", in order. */
  const outline = (json: { content?: Array<{ type?: string; attrs?: Record<string, unknown>; content?: Array<{ text?: string }> }> }) =>
    (json.content ?? []).filter((node) => node.type === "heading").map((node) => `h${String(node.attrs?.level)} ${(node.content ?? []).map((part) => part.text ?? "").join("")}`);

  it("get their sections in the 分组研讨 part, seen at once by a note-taker, whose typing is kept; a second split adds only new groups", async () => {
    const organiser = await buildUser();
    const invitees = [await buildUser({ name: "甲一" }), await buildUser({ name: "乙二" }), await buildUser({ name: "丙三" }), await buildUser({ name: "丁四" })];
    const series = await buildMeetingSeries({ organiser, invitees }, [new Date(Date.now() + 3_600_000)]);
    const meetingId = series.meetings[0]!.id;
    const documentId = await createMinutes(meetingId, organiser.id);
    await setNoteTaker(meetingId, invitees[0]!.id, true, organiser.id);
    const writer = connectClient(baseUrl, await sessionCookie(invitees[0]!.username), documentId);
    clients.push(writer);
    await synced(writer);
    expect(await appendAndAwaitAck(writer, "记录：理论学习环节已开始")).toBe(true);

    await splitIntoGroups(meetingId, { count: 2 }, organiser.id);
    const groups = await prisma.discussionGroup.findMany({ where: { meetingId }, orderBy: { position: "asc" }, select: { name: true, reporter: { select: { name: true } } } });
    const first = groups.map((group) => `h3 ${group.name}（汇报人：${group.reporter!.name}）`);
    let headings = outline(stateToJSON(await currentState(documentId)));
    const part = headings.indexOf("h2 分组研讨");
    expect(part).toBeGreaterThan(0);
    expect(headings.slice(part + 1, part + 3)).toEqual(first);
    expect(headings[part + 3]).toBe("h2 议定事项");
    // The note-taker's editor shows them without reloading, and what they typed is still there.
    await waitFor(() => outline(bodyNode(writer.doc).toJSON()).includes(first[1]!), "the groups in the note-taker's copy");
    expect(paragraphs(writer.doc)).toContain("记录：理论学习环节已开始");

    // Splitting again into three: the first two groups keep their one section, the third gets one.
    await splitIntoGroups(meetingId, { count: 3 }, organiser.id);
    headings = outline(stateToJSON(await currentState(documentId)));
    expect(headings.filter((heading) => heading.startsWith("h3 第1组"))).toHaveLength(1);
    expect(headings.filter((heading) => heading.startsWith("h3 第2组"))).toHaveLength(1);
    expect(headings.filter((heading) => heading.startsWith("h3 第3组"))).toHaveLength(1);
    expect(headings.indexOf("h2 议定事项")).toBeGreaterThan(headings.findIndex((heading) => heading.startsWith("h3 第3组")));
    expect(paragraphs(writer.doc)).toContain("记录：理论学习环节已开始");
  }, 60_000);
});
