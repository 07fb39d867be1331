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
export function connectClient(baseUrl: string, cookie: string | null, documentId: string, options: { reconnection?: boolean; doc?: Y.Doc } = {}): TestClient {
  // An existing document: the same editor connecting again (e.g. through another instance).
  const doc = options.doc ?? new Y.Doc();
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

/**
 * Edit-to-peer latency (issue 21's bench): `sender` appends a paragraph, the time until
 * `receiver`'s document has it, `samples` times one after another. Milliseconds, in order.
 */
export async function editToPeerLatencies(sender: TestClient, receiver: TestClient, samples = 50, { pauseMs = 20, timeoutMs = 10_000 } = {}): Promise<number[]> {
  const fragment = receiver.doc.getXmlFragment("default");
  const latencies: number[] = [];
  for (let i = 0; i < samples; i++) {
    const token = `lat-${Math.random().toString(36).slice(2)}-${i}`;
    const arrived = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        fragment.unobserveDeep(check);
        reject(new Error(`edit ${token} did not reach the peer in ${timeoutMs} ms`));
      }, timeoutMs);
      function check() {
        if (!paragraphs(receiver.doc).includes(token)) return;
        clearTimeout(timer);
        fragment.unobserveDeep(check);
        resolve();
      }
      fragment.observeDeep(check);
    });
    const started = performance.now();
    appendParagraph(sender.doc, token);
    await arrived;
    latencies.push(performance.now() - started);
    await new Promise((resolve) => setTimeout(resolve, pauseMs));
  }
  return latencies;
}

/** The p-th percentile (0–100) of some numbers, nearest rank. */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
}

/**
 * One typist: appends "who-n" paragraphs every `everyMs`, remembering which the server
 * acknowledged (stored), across the providers it is given (a reconnect to another instance).
 */
export function typist(doc: Y.Doc, who: string, everyMs = 15) {
  const acknowledged = new Set<string>();
  const tokenOf = new WeakMap<Uint8Array, string>();
  let current = "";
  let stopped = false;
  doc.on("update", (update: Uint8Array, origin: unknown) => {
    if (origin == null) tokenOf.set(update, current);
  });
  const watch = (provider: CollabProvider) =>
    provider.on("acked", (update) => {
      const token = update && tokenOf.get(update);
      if (token) acknowledged.add(token);
    });
  const done = (async () => {
    for (let n = 0; !stopped; n++) {
      current = `${who}-${n}`;
      appendParagraph(doc, current);
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  })();
  return {
    acknowledged,
    watch,
    stop: async () => {
      stopped = true;
      await done;
    },
  };
}
