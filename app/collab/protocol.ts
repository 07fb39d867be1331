/**
 * Wire protocol of the collaboration channel, shared by the server and the provider.
 *
 * One socket.io namespace, `/collab`, on its own engine path (`/collab-socket`, served by the
 * collaboration worker) with the msgpack parser: each message is one binary WebSocket frame.
 * The handshake carries `{ documentId }` in `auth` and the session cookie. Payloads are
 * y-protocols messages as binary:
 *   "sync"       client ⇄ server  y-protocols sync message (SyncStep1, SyncStep2, Update).
 *                                 Client → server messages take an acknowledgement callback that
 *                                 is called once the change is durable in PostgreSQL.
 *   "awareness"  client ⇄ server  y-protocols awareness update (presence, carets)
 *   "access"     server → client  { canEdit, status } at connection and whenever it changes
 *   "doc-event"  server → client  { kind } comments/status/versions/details changed: refresh panels
 *                                 (both payloads are documents' own: app/documents/live.ts)
 *   "collab-error" server → client { code } before the server closes the channel, or for a
 *                                 rejected change (READ_ONLY, TOO_LONG)
 */
export const COLLAB_NAMESPACE = "/collab";
export const COLLAB_PATH = "/collab-socket";

/** Largest single message accepted (a large paste)… */
export const MAX_MESSAGE_BYTES = 1024 * 1024;
/** …and the size above which socket.io closes the connection without reading further. */
export const MAX_SOCKET_MESSAGE_BYTES = 2 * 1024 * 1024;

export type AckResult = { ok: true } | { ok: false; code: "READ_ONLY" | "SAVE_FAILED" | "TOO_LONG" };

export type CollabErrorCode =
  | "MALFORMED"
  | "OVERSIZED"
  | "READ_ONLY"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "UNAUTHENTICATED"
  /** The session ended while the document was open (sign-out, password change or reset, account disabled). */
  | "SESSION_ENDED"
  | "DELETED"
  | "SHUTDOWN"
  /** A change refused because the body would exceed the school's length limit (decision 097); the channel stays open. */
  | "TOO_LONG";

/** What each person's presence carries (set by the server from the session, not the client). */
export interface PresenceUser {
  id: string;
  name: string;
  color: string;
}

/**
 * Carets and the presence avatars (white initials on the colour): Tailwind's 700 shades, each at
 * least 4.5:1 against white (the 600 shades of amber, lime, cyan, orange and emerald are not).
 */
export const PRESENCE_COLORS = ["#1d4ed8", "#b91c1c", "#047857", "#b45309", "#6d28d9", "#be185d", "#0e7490", "#4d7c0f", "#c2410c", "#4338ca"];

/** A stable colour per person, so a caret keeps its colour across sessions. */
export function colorFor(userId: string): string {
  let hash = 0;
  for (const char of userId) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return PRESENCE_COLORS[hash % PRESENCE_COLORS.length]!;
}
