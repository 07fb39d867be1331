import { z } from "zod";
import { fixedTForCookieHeader } from "~/i18n/i18n.server.ts";
import { translateKey, translateKnown } from "~/i18n/keys.ts";
import { isUserError } from "~/lib/user-error.ts";
import { can } from "~/policy/index.ts";
import { sessionIdFromCookieHeader } from "~/auth/session.server.ts";
import { findAnswerContext } from "../access.server.ts";
import { responseSchema } from "./answers.ts";
import { closeOverdueAttempts, saveAnswer } from "./attempts.server.ts";

/**
 * POST /camp/:campId/test/answers — the taker's page posts here as it goes (JSON in, JSON out; no
 * navigation): `save` one answer, or `timeUp` when its countdown reached the server's deadline.
 * 500 people answering at once make this the busiest address of the app, so it is served by the
 * server ahead of Remix (`answersEndpoint` in app/composition/app-hooks.server.ts) with one read
 * (the session's person, the attempt, the question) and one guarded upsert (decision 100). The
 * origin check and the security headers still run before it. Replies:
 *   200 { ok: true, savedAt } · 200 { ok: true, ended: true } (time up, submitted automatically)
 *   409 { ok: false, ended: true, error } (after the deadline or the submission: nothing stored)
 *   422 { ok: false, error } (an answer that does not fit the question)
 *   401 { ok: false, error } (signed out) · 403 / 404 { ok: false, error } otherwise.
 */
const bodySchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("save"), attemptId: z.string().min(1).max(40), position: z.number().int().min(0).max(1000), response: responseSchema }),
  z.object({ intent: z.literal("timeUp"), attemptId: z.string().min(1).max(40) }),
]);

export interface EndpointReply {
  status: number;
  body: Record<string, unknown>;
}

export async function postAnswer({ cookieHeader, body, now = new Date() }: { cookieHeader: string | null; body: unknown; now?: Date }): Promise<EndpointReply> {
  const t = () => fixedTForCookieHeader(cookieHeader);
  const parsed = bodySchema.safeParse(body);
  if (!parsed.success) {
    const message = parsed.error.issues.find((issue) => issue.message.startsWith("camp."))?.message;
    return { status: 422, body: { ok: false, error: message ? translateKnown(await t(), message, { max: 5000 }) : (await t())("camp.test.errors.badAnswer") } };
  }
  const input = parsed.data;
  const sessionId = await sessionIdFromCookieHeader(cookieHeader);
  const context = sessionId ? await findAnswerContext(sessionId, input.attemptId, input.intent === "save" ? input.position : null, now) : null;
  if (!context || context.signedIn.passwordMustChange) return { status: 401, body: { ok: false, error: (await t())("camp.test.errors.signedOut") } };
  const user = context.signedIn.user;
  if (!context.found) return { status: 404, body: { ok: false, error: (await t())("camp.test.errors.noSuchAttempt") } };
  const { attempt, question } = context.found;
  if (!can(user, "camp-attempt:take", attempt)) {
    // The taker's own attempt that ended: say so (and close it now rather than at the next sweep).
    // Anyone else is refused by the policy.
    if (attempt.userId === user.id && attempt.ended) {
      await closeOverdueAttempts(now, [input.attemptId]);
      if (input.intent === "timeUp") return { status: 200, body: { ok: true, ended: true } };
      return { status: 409, body: { ok: false, ended: true, error: (await t())("camp.test.errors.ended") } };
    }
    return { status: 403, body: { ok: false, error: (await t())("camp.test.errors.notYours") } };
  }
  if (input.intent === "timeUp") return { status: 200, body: { ok: true, ended: false } };
  try {
    const savedAt = await saveAnswer(input.attemptId, user.id, input.position, input.response, now, question);
    return { status: 200, body: { ok: true, savedAt: savedAt.toISOString() } };
  } catch (error) {
    if (!isUserError(error)) throw error;
    const ended = error.key === "camp.test.errors.ended";
    return { status: ended ? 409 : error.status, body: { ok: false, ended, error: translateKey(await t(), error.key, error.params) } };
  }
}

/** Where the server mounts it (ahead of Remix), and how. */
export const answersEndpoint = { path: "/camp/:campId/test/answers", maxBytes: 64 * 1024, handle: postAnswer };
