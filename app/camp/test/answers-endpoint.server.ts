import type { ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { requireUser } from "~/auth/session.server.ts";
import { getFixedT } from "~/i18n/i18n.server.ts";
import { translateKey, translateKnown } from "~/i18n/keys.ts";
import { isUserError } from "~/lib/user-error.ts";
import { authorize, can } from "~/policy/index.ts";
import { findAttemptAccess } from "../access.server.ts";
import { responseSchema } from "./answers.ts";
import { closeOverdueAttempts, saveAnswer } from "./attempts.server.ts";

/**
 * The taker's page posts here as it goes (JSON in, JSON out; no navigation): `save` one answer, or
 * `timeUp` when its countdown reached the server's deadline. Replies:
 *   200 { ok: true, savedAt } · 200 { ok: true, ended: true } (time up, submitted automatically)
 *   409 { ok: false, ended: true, error } (after the deadline or the submission: nothing stored)
 *   422 { ok: false, error } (an answer that does not fit the question) · 403/404 otherwise.
 */
const bodySchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("save"), attemptId: z.string().min(1).max(40), position: z.number().int().min(0).max(1000), response: responseSchema }),
  z.object({ intent: z.literal("timeUp"), attemptId: z.string().min(1).max(40) }),
]);

const json = (body: unknown, status = 200) => Response.json(body, { status, headers: { "Cache-Control": "no-store" } });

export async function answersAction({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const t = await getFixedT(request);
  const parsed = bodySchema.safeParse(await request.json().catch(() => null));
  if (!parsed.success) {
    const message = parsed.error.issues.find((issue) => issue.message.startsWith("camp."))?.message;
    return json({ ok: false, error: message ? translateKnown(t, message, { max: 5000 }) : t("camp.test.errors.badAnswer") }, 422);
  }
  const input = parsed.data;
  const now = new Date();
  const attempt = await findAttemptAccess(user, input.attemptId, now);
  if (!attempt) throw new Response("Not Found", { status: 404 });
  if (!can(user, "camp-attempt:take", attempt)) {
    // The taker's own attempt that ended: say so (and close it now rather than at the next sweep).
    // Anyone else is refused by the policy.
    if (attempt.userId === user.id && attempt.ended) {
      await closeOverdueAttempts(now, [input.attemptId]);
      if (input.intent === "timeUp") return json({ ok: true, ended: true });
      return json({ ok: false, ended: true, error: t("camp.test.errors.ended") }, 409);
    }
    authorize(user, "camp-attempt:take", attempt);
  }
  if (input.intent === "timeUp") return json({ ok: true, ended: false });
  try {
    const savedAt = await saveAnswer(input.attemptId, user.id, input.position, input.response, now);
    return json({ ok: true, savedAt: savedAt.toISOString() });
  } catch (error) {
    if (!isUserError(error)) throw error;
    const ended = error.key === "camp.test.errors.ended";
    return json({ ok: false, ended, error: translateKey(t, error.key, error.params) }, ended ? 409 : error.status);
  }
}
