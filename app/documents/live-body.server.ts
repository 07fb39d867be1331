import * as Y from "yjs";
import type { SessionUser } from "~/auth/session.server.ts";
import { singleton } from "~/infra/runtime.server.ts";
import { can } from "~/policy/index.ts";
import { loadDocumentAccess } from "./access.server.ts";
import { loadStoredState } from "./body-storage.server.ts";
import { stateToDoc } from "./content.server.ts";
import type { DocEventKind } from "./live.ts";

/**
 * A document's body while people edit it lives in the collaboration worker (decision 035). These
 * are the operations documents need on it. The worker's supervisor (app/collab) implements
 * `LiveBodies`; app/composition connects it at start-up (decision 052). Until then nothing is
 * live: bodies are read from the database and notices go nowhere.
 */

/** A connected person's rights after a re-check: editor or reader, or no longer allowed in. */
export type AccessDecision = { connectionId: string } & ({ canEdit: boolean; status: string } | { forbidden: true });

/** What documents ask of the live copies. */
export interface LiveBodies {
  /** The live state, or null when the document is not loaded (the database then has it all). */
  state(documentId: string): Promise<Uint8Array | null>;
  /** Loads the document (a change is about to follow) and returns its live state; null when it is gone. */
  load(documentId: string): Promise<Uint8Array | null>;
  /** Applies a server-made change, an update computed against `load`'s state; false when the document is gone. */
  change(documentId: string, userId: string | null, update: Uint8Array): Promise<boolean>;
  /** Tells everyone on the document that a panel's data changed. */
  notify(documentId: string, kind: DocEventKind): void;
  /** Who is connected to the document now. */
  connections(documentId: string): Promise<Array<{ connectionId: string; user: SessionUser }>>;
  /** Applies re-checked rights to open connections, without reconnecting them. */
  access(documentId: string, decisions: AccessDecision[]): Promise<void>;
  /** A deleted document: everyone is told and disconnected, nothing more is saved. */
  close(documentId: string): Promise<void>;
}

const notConnected = async (): Promise<never> => {
  throw new Error("文档的实时副本未接入：协同服务须在启动时接入（app/composition/collaboration.server.ts）。");
};

const NOTHING_LIVE: LiveBodies = {
  state: async () => null,
  load: notConnected,
  change: notConnected,
  notify: () => {},
  connections: async () => [],
  access: async () => {},
  close: async () => {},
};

// On globalThis: the server entry and the Remix bundle may each load their own copy of this module.
const connection = singleton("liveBodies", () => ({ live: NOTHING_LIVE }));

/** Called once at start-up by the composition root. */
export function connectLiveBodies(live: LiveBodies): void {
  connection.live = live;
}

/** Tells everyone on a document that a panel's data changed (comments, versions, status, details). */
export function notifyDocument(documentId: string, kind: DocEventKind): void {
  connection.live.notify(documentId, kind);
}

/**
 * Re-checks each connected person's rights after a status change (review locks the text) or a
 * membership change: editors may become readers and vice versa, without reconnecting.
 */
export async function refreshDocumentAccess(documentId: string): Promise<void> {
  const connections = await connection.live.connections(documentId);
  // Told even with no one connected here: other instances' editors may be (decision 116).
  await connection.live.access(documentId, connections.length ? await accessDecisions(documentId, connections) : []);
}

/**
 * The rights of some open connections to a document, checked afresh. Also asked by the
 * collaboration worker of another instance for its own connections, after a change decided here
 * (decision 116).
 */
export async function accessDecisions(documentId: string, connections: Array<{ connectionId: string; user: SessionUser }>): Promise<AccessDecision[]> {
  // One check per person, however many tabs they have open.
  const people = new Map(connections.map(({ user }) => [user.id, user]));
  const accessOf = new Map(
    await Promise.all(
      [...people.values()].map(async (user) => {
        const access = await loadDocumentAccess(documentId, user);
        return [user.id, access && can(user, "document:read", access.resource) ? { canEdit: can(user, "document:edit", access.resource), status: access.resource.status } : null] as const;
      }),
    ),
  );
  return connections.map(({ connectionId, user }): AccessDecision => {
    const access = accessOf.get(user.id);
    return access ? { connectionId, ...access } : { connectionId, forbidden: true };
  });
}

/** A deleted document: everyone is told and disconnected, nothing more is saved. */
export async function closeDocument(documentId: string): Promise<void> {
  await connection.live.close(documentId);
}

/**
 * A change the server makes to a body (restore a version, fill from an import): computed here
 * against the current state, applied to the live document so connected editors see it at once,
 * stored like any other change.
 */
export async function changeDocumentBody(documentId: string, userId: string | null, change: (doc: Y.Doc) => void): Promise<void> {
  // Loaded now, so the change below finds it in memory (one load, not two).
  const before = await connection.live.load(documentId);
  if (!before) throw new Response("Not Found", { status: 404 });
  const doc = stateToDoc(before);
  const stateVector = Y.encodeStateVector(doc);
  doc.transact(() => change(doc));
  const update = Y.encodeStateAsUpdate(doc, stateVector);
  doc.destroy();
  if (!(await connection.live.change(documentId, userId, update))) throw new Response("Not Found", { status: 404 });
}

/** The body as stored now (live copy when loaded, else database state plus increments). */
export async function currentState(documentId: string): Promise<Uint8Array | null> {
  const live = await connection.live.state(documentId);
  if (live) return live;
  const stored = await loadStoredState(documentId);
  if (!stored) return null;
  const parts = [stored.state, ...stored.updates].filter((part): part is Uint8Array => !!part && part.length > 0);
  if (!parts.length) return new Uint8Array(Y.encodeStateAsUpdate(new Y.Doc()));
  return parts.length === 1 ? parts[0]! : Y.mergeUpdates(parts);
}
