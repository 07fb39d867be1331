/**
 * The link between the app process and the collaboration worker (decision 035): requests with
 * replies over Node's IPC channel, in both directions. Messages are structured-cloned
 * (`serialization: "advanced"`), so Uint8Array and BigInt cross as they are.
 */
import type { SessionUser } from "~/auth/session.server.ts";
import type { StoredState } from "~/documents/body-storage.server.ts";
import type { Admission } from "~/documents/live-body-handlers.server.ts";
import type { AccessDecision } from "~/documents/live-body.server.ts";
import type { DocEventKind } from "~/documents/live.ts";

/** Timings of the worker; tests shorten them. */
export interface CollabSettings {
  /** Save (compact) this long after the last change… */
  saveDebounceMs: number;
  /** …but at least this often while people keep typing. */
  saveMaxWaitMs: number;
  /**
   * A save refreshes the searchable text (plain text, word count) at most this often while people
   * keep working; saves in between store only the Yjs state. Each refresh makes the search engine
   * re-index the whole document (about a second of a core for a long one on a small server).
   * Leaving, server-side changes and shutdown always refresh it.
   */
  textRefreshMs: number;
  /** Keep a document in memory this long after the last person left. */
  unloadDelayMs: number;
}

/** What the worker starts with: the tuning above and the app's mode, from the app's configuration. */
export interface WorkerStart extends CollabSettings {
  /** One of several instances on one database (decision 116): edits fan out through PostgreSQL. */
  multiInstance: boolean;
}

/**
 * What the worker asks of the app: the policy, and the cold path of storage. Documents answer
 * (app/documents/live-body-handlers.server.ts); app/composition hands their handlers over.
 */
export interface AppRequests {
  /** Who the cookie belongs to and what they may do with the document. */
  admit(input: { cookie: string | undefined; documentId: string }): Admission;
  /** The stored body and the school's length limit for it (decision 097). */
  load(input: { documentId: string }): (StoredState & { maxChars: number }) | null;
  /**
   * Folds increments up to `watermark` into the stored state, and with `text` refreshes the plain
   * text and word count from it; false when the document is gone.
   */
  compact(input: { documentId: string; state: Uint8Array; watermark: bigint; text: boolean }): boolean;
  /**
   * The rights of this worker's open connections to a document, checked afresh: another instance
   * changed them (review, membership; decision 116) and this one's editors must follow.
   */
  reaccess(input: { documentId: string; connections: Array<{ connectionId: string; user: SessionUser }> }): AccessDecision[];
}

/** What the app asks of the worker: the live documents. */
export interface WorkerRequests {
  notify(input: { documentId: string; kind: DocEventKind }): void;
  connections(input: { documentId: string }): Array<{ connectionId: string; user: SessionUser }>;
  access(input: { documentId: string; decisions: AccessDecision[] }): void;
  close(input: { documentId: string }): void;
  /**
   * The live state, or null when the document is not loaded (the database then has it all).
   * With `load`, the worker loads it first (a change is about to follow) and null means it is gone.
   */
  state(input: { documentId: string; load?: boolean }): Uint8Array | null;
  /** A change made by the server (restore, import), as an update computed against the live state. */
  change(input: { documentId: string; userId: string | null; update: Uint8Array }): boolean;
  loaded(input: { documentId: string }): boolean;
  /** The documents open in memory and their connections (for /metrics, decision 128). */
  stats(input: Record<string, never>): { documents: number; connections: number };
  /** Loads, saves and frees documents (increments left by a crash). */
  fold(input: { documentIds: string[] }): number;
  shutdown(input: Record<string, never>): void;
}

export type Handlers<T> = { [K in keyof T]: T[K] extends (input: infer I) => infer O ? (input: I) => O | Promise<O> : never };
type Input<T, K extends keyof T> = T[K] extends (input: infer I) => unknown ? I : never;
type Output<T, K extends keyof T> = T[K] extends (input: never) => infer O ? O : never;

interface Envelope {
  rpc: "request" | "reply";
  id: number;
  method?: string;
  input?: unknown;
  output?: unknown;
  error?: string;
}

export interface Channel {
  send(message: unknown): unknown;
  on(event: "message", listener: (message: unknown, handle?: unknown) => void): unknown;
}

/**
 * One end of the link: `request` calls the other side's handler and resolves with its result;
 * `serve` answers the other side's requests. Pending requests fail when the channel closes.
 */
export class Link<Local, Remote> {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  private handlers: Partial<Handlers<Local>> = {};

  constructor(private readonly channel: Channel) {
    channel.on("message", (message) => {
      if (!message || typeof message !== "object" || !("rpc" in message)) return;
      void this.receive(message as Envelope);
    });
  }

  serve(handlers: Handlers<Local>) {
    this.handlers = handlers;
  }

  request<K extends keyof Remote & string>(method: K, input: Input<Remote, K>): Promise<Output<Remote, K>> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      try {
        this.channel.send({ rpc: "request", id, method, input } satisfies Envelope);
      } catch (error) {
        this.pending.delete(id);
        reject(error as Error);
      }
    });
  }

  /** The other side went away: nothing pending will be answered. */
  closed(reason: string) {
    for (const { reject } of this.pending.values()) reject(new Error(reason));
    this.pending.clear();
  }

  private async receive(message: Envelope) {
    if (message.rpc === "reply") {
      const waiting = this.pending.get(message.id);
      if (!waiting) return;
      this.pending.delete(message.id);
      if (message.error !== undefined) waiting.reject(new Error(message.error));
      else waiting.resolve(message.output);
      return;
    }
    const handler = (this.handlers as Record<string, ((input: unknown) => unknown) | undefined>)[message.method ?? ""];
    let reply: Envelope;
    try {
      if (!handler) throw new Error(`unknown request ${message.method}`);
      reply = { rpc: "reply", id: message.id, output: await handler(message.input) };
    } catch (error) {
      reply = { rpc: "reply", id: message.id, error: error instanceof Error ? error.message : String(error) };
    }
    try {
      this.channel.send(reply);
    } catch {
      // The other side is gone; it has failed its own pending requests.
    }
  }
}

/** The message that hands an upgraded HTTP connection (socket handle attached) to the worker. */
export interface UpgradeMessage {
  upgrade: { method: string; url: string; headers: Record<string, string | string[] | undefined>; head: Uint8Array };
}
