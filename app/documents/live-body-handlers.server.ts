import { getSignedInFromCookieHeader, type SessionUser } from "~/auth/session.server.ts";
import { can } from "~/policy/index.ts";
import { loadDocumentAccess } from "./access.server.ts";
import { compact, loadStoredState } from "./body-storage.server.ts";
import { textStats } from "./content.server.ts";
import { maybeCreateAutoVersion } from "./versions.server.ts";
import { getSchoolSettings } from "~/settings/school-settings.server.ts";

/**
 * What the collaboration worker asks of documents (decision 035): who may open a body (the
 * policy), and the cold path of its storage. app/composition hands these handlers to the
 * worker's supervisor at start-up (decision 052); the worker itself knows only their answers.
 */

/** A connection let in (as editor or reader), or why not. */
export type Admission =
  | { ok: true; user: SessionUser; sessionId: string; documentId: string; canEdit: boolean; status: string }
  | { ok: false; code: "UNAUTHENTICATED" | "NOT_FOUND" | "FORBIDDEN" };

export const liveBodyHandlers = {
  /** Who the cookie belongs to and what they may do with the document. */
  async admit({ cookie, documentId }: { cookie: string | undefined; documentId: string }): Promise<Admission> {
    const signedIn = await getSignedInFromCookieHeader(cookie);
    // A session waiting for its first password opens no document.
    if (!signedIn || signedIn.passwordMustChange) return { ok: false, code: "UNAUTHENTICATED" };
    const { user, sessionId } = signedIn;
    const access = await loadDocumentAccess(documentId, user);
    if (!access) return { ok: false, code: "NOT_FOUND" };
    if (!can(user, "document:read", access.resource)) return { ok: false, code: "FORBIDDEN" };
    const canEdit = can(user, "document:edit", access.resource);
    return { ok: true, user, sessionId, documentId: access.documentId, canEdit, status: access.resource.status };
  },

  /** The stored body, with the longest body the school allows: the worker holds people's changes to it (decision 097). */
  async load({ documentId }: { documentId: string }) {
    const [stored, settings] = await Promise.all([loadStoredState(documentId), getSchoolSettings()]);
    return stored && { ...stored, maxChars: settings.documentMaxChars };
  },

  /**
   * Folds increments up to `watermark` into the stored state, and with `text` refreshes the plain
   * text and word count from it; takes an automatic version when one is due. False when the
   * document is gone.
   */
  async compact({ documentId, state, watermark, text }: { documentId: string; state: Uint8Array; watermark: bigint; text: boolean }): Promise<boolean> {
    const stats = text ? textStats(state) : undefined;
    const exists = await compact({ documentId, state, watermark, ...stats });
    if (exists) await maybeCreateAutoVersion(documentId, state);
    return exists;
  },
};
