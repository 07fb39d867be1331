import type { TFunction } from "i18next";
import { z } from "zod";
import type { SessionUser } from "~/auth/session.server.ts";
import { authorize } from "~/policy/index.ts";
import { getSchoolSettings } from "~/settings/school-settings.server.ts";
import { loadStudioAccess } from "./access.server.ts";
import { ruleMessage } from "./chrome.server.ts";
import { decideJoinRequest, findJoinRequest, withdrawJoinRequest } from "./membership.server.ts";

const joinDecisionSchema = z.object({
  intent: z.enum(["approve", "decline", "withdraw"]),
  requestId: z.string().min(1),
  note: z.string().trim().max(300).optional(),
});

export const JOIN_INTENTS = ["approve", "decline", "withdraw"] as const;

/**
 * Approve, decline or withdraw a join request or invitation — from the leader's team page, the
 * studio page or the studio list. The policy decides who may do which to which kind of request.
 */
export async function handleJoinDecision(user: SessionUser, form: FormData, t: TFunction, locale: string): Promise<{ notice?: string; error?: string }> {
  const parsed = joinDecisionSchema.safeParse(Object.fromEntries([...form.entries()].filter(([, v]) => v !== "")));
  if (!parsed.success) return { error: t("kit.invalidRequest") };
  const { intent, requestId, note } = parsed.data;
  const request = await findJoinRequest(requestId);
  if (!request || request.status !== "PENDING") return { error: t("studios.errors.requestMissing") };
  const access = await loadStudioAccess(user, request.studioId);
  const resource = { kind: request.kind, userId: request.userId, studio: access.resource };
  try {
    if (intent === "withdraw") {
      authorize(user, "join-request:withdraw", resource);
      await withdrawJoinRequest(request.id, user.id);
      return { notice: t("studios.team.withdrawn") };
    }
    authorize(user, "join-request:decide", resource);
    await decideJoinRequest(request.id, intent, note, user, await getSchoolSettings());
    if (request.kind === "INVITATION") {
      return { notice: intent === "approve" ? t("studios.page.joined", { studio: access.studio.name }) : t("studios.page.invitationDeclined") };
    }
    return { notice: t(intent === "approve" ? "studios.team.approved" : "studios.team.declined", { name: request.user.name }) };
  } catch (error) {
    return { error: ruleMessage(error, t, locale) };
  }
}
