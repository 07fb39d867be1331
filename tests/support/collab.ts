import * as Y from "yjs";
import { CollabProvider } from "~/collab/provider.ts";

/** Helpers for driving the collaboration server from Node, as a browser's editor would. */

/** Polls until `check` returns a truthy value (or throws after `timeoutMs`). */
export async function waitFor<T>(check: () => T | Promise<T>, what: string, timeoutMs = 10_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value as NonNullable<T>;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${last}` : ""}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export interface TestClient {
  doc: Y.Doc;
  provider: CollabProvider;
  errors: string[];
  close(): void;
}

/** A Yjs client connected to `documentId` with a session cookie, like one open editor. */
export function connectClient(baseUrl: string, cookie: string | null, documentId: string, options: { reconnection?: boolean } = {}): TestClient {
  const doc = new Y.Doc();
  const provider = new CollabProvider(doc, {
    documentId,
    url: baseUrl,
    socketOptions: {
      reconnection: options.reconnection ?? false,
      reconnectionDelay: 100,
      reconnectionDelayMax: 500,
      extraHeaders: cookie ? { Cookie: cookie } : {},
    },
  });
  const errors: string[] = [];
  provider.on("error", (code) => errors.push(code));
  return {
    doc,
    provider,
    errors,
    close() {
      provider.destroy();
      doc.destroy();
    },
  };
}

export async function synced(client: TestClient, { timeoutMs }: { timeoutMs?: number } = {}): Promise<boolean> {
  try {
    return await waitFor(() => client.provider.synced, "initial sync", timeoutMs);
  } catch (error) {
    const errors = client.errors.join(", ") || "none";
    throw new Error(`${(error as Error).message} (connection ${client.provider.status}, errors: ${errors})`);
  }
}

/** Appends a paragraph, as typing a line and pressing Enter does in the editor. */
export function appendParagraph(doc: Y.Doc, text: string): void {
  const fragment = doc.getXmlFragment("default");
  doc.transact(() => {
    const paragraph = new Y.XmlElement("paragraph");
    paragraph.insert(0, [new Y.XmlText(text)]);
    fragment.insert(fragment.length, [paragraph]);
  });
}

/** The text of every paragraph of the body, in order. */
export function paragraphs(doc: Y.Doc): string[] {
  return doc
    .getXmlFragment("default")
    .toArray()
    .map((node) => (node instanceof Y.XmlElement ? node.toArray().map((child) => (child instanceof Y.XmlText ? child.toString() : "")).join("") : ""));
}
