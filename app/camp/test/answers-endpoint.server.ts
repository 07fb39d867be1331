import { z } from "zod";
import { fixedTForCookieHeader } from "~/i18n/i18n.server.ts";
import { translateKnown } from "~/i18n/keys.ts";
import { can } from "~/policy/index.ts";
import { sessionIdFromCookieHeader } from "~/auth/session.server.ts";
import { findAnswerContext } from "../access.server.ts";
import { responseError, responseSchema } from "./answers.ts";
import { closeOverdueAttempts, saveAnswerOfSession } from "./attempts.server.ts";

/**
 * POST /camp/:campId/test/answers — the taker's page posts here as it goes (JSON in, JSON out; no
 * navigation): `save` one answer, or `timeUp` when its countdown reached the server's deadline.
 * 500 people answering at once make this the busiest address of the app, so it is served by the
 * server ahead of Remix (`answersEndpoint` in app/composition/app-hooks.server.ts) with one
 * statement that reads the session's person, the attempt and the question and stores the answer
 * when they allow it (decision 100). The origin check and the security headers still run before
 * it. Replies:
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
  const context = !sessionId
    ? null
    : input.intent === "save"
      ? await saveAnswerOfSession(sessionId, input.attemptId, input.position, input.response, now)
      : { ...(await findAnswerContext(sessionId, input.attemptId, null, now)), savedAt: null };
  if (!context?.signedIn || context.signedIn.passwordMustChange) return { status: 401, body: { ok: false, error: (await t())("camp.test.errors.signedOut") } };
  const user = context.signedIn.user;
  if (!context.found) return { status: 404, body: { ok: false, error: (await t())("camp.test.errors.noSuchAttempt") } };
  const { attempt, question } = context.found;
  // The statement stored the answer only where these same checks, on what it read, let it (a test
  // holds the two together); a store they refuse would be a bug, never a reply.
  const refuse = (reply: EndpointReply) => {
    if (context.savedAt) throw new Error(`An answer to attempt ${input.attemptId} was stored that the checks refuse (${reply.status})`);
    return reply;
  };
  if (!can(user, "camp-attempt:take", attempt)) {
    // The taker's own attempt that ended: say so (and close it now rather than at the next sweep).
    // Anyone else is refused by the policy.
    if (attempt.userId === user.id && attempt.ended) {
      await closeOverdueAttempts(now, [input.attemptId]);
      if (input.intent === "timeUp") return refuse({ status: 200, body: { ok: true, ended: true } });
      return refuse({ status: 409, body: { ok: false, ended: true, error: (await t())("camp.test.errors.ended") } });
    }
    return refuse({ status: 403, body: { ok: false, error: (await t())("camp.test.errors.notYours") } });
  }
  if (input.intent === "timeUp") return { status: 200, body: { ok: true, ended: false } };
  if (!question) return refuse({ status: 404, body: { ok: false, error: (await t())("camp.test.errors.noSuchQuestion") } });
  const error = responseError(question, input.response);
  if (error) return refuse({ status: 422, body: { ok: false, ended: false, error: (await t())(error) } });
  // Everything allowed it, yet nothing was stored: the submission or the deadline came first.
  if (!context.savedAt) return { status: 409, body: { ok: false, ended: true, error: (await t())("camp.test.errors.ended") } };
  return { status: 200, body: { ok: true, savedAt: context.savedAt.toISOString() } };
}

/** Where the server mounts it (ahead of Remix), and how. */
export const answersEndpoint = { path: "/camp/:campId/test/answers", maxBytes: 64 * 1024, handle: postAnswer };
