import type { TFunction } from "i18next";
import { z } from "zod";
import type { SessionUser } from "~/auth/session.server.ts";
import { translateKey } from "~/i18n/keys.ts";
import type { IntentBuilder, IntentCall } from "~/lib/actions.server.ts";
import { isUserError } from "~/lib/user-error.ts";
import { authorize, permit } from "~/policy/index.ts";
import { getSchoolSettings } from "~/settings/school-settings.server.ts";
import { loadStudioAccess } from "./access.server.ts";
import { decideJoinRequest, findJoinRequest, withdrawJoinRequest } from "./membership.server.ts";

const joinDecisionSchema = z.object({
  intent: z.enum(["approve", "decline", "withdraw"]),
  requestId: z.string().min(1),
  note: z.string().trim().max(300, "validation.tooLong").optional(),
});

export const JOIN_INTENTS = ["approve", "decline", "withdraw"] as const;
type JoinIntent = (typeof JOIN_INTENTS)[number];

const schemaFor = <I extends JoinIntent>(intent: I) => joinDecisionSchema.extend({ intent: z.literal(intent) });

/** The request named by the form and the relation of the viewer to its studio (404 when missing). */
async function joinTarget({ user }: IntentCall<unknown>, { requestId }: { requestId: string }) {
  const request = await findJoinRequest(requestId);
  if (!request) throw new Response("Not Found", { status: 404 });
  const access = await loadStudioAccess(user, request.studioId);
  return { request, studio: access.studio, resource: { kind: request.kind, userId: request.userId, studio: access.resource } };
}

/**
 * Approve, decline or withdraw a join request or invitation, as intents of a page's action (the
 * team page). The policy decides who may do which to which kind of request.
 */
export function joinIntents<Ctx>(intent: IntentBuilder<Ctx>) {
  const decide = (decision: "approve" | "decline") =>
    intent({
      schema: schemaFor(decision),
      target: joinTarget,
      authorize: ({ user }, _input, { resource }) => permit(user, "join-request:decide", resource),
      run: async ({ user, t }, { note }, { request, studio }) => {
        await decideJoinRequest(request.id, decision, note, user, await getSchoolSettings());
        if (request.kind === "INVITATION") {
          return { notice: decision === "approve" ? t("studios.page.joined", { studio: studio.name }) : t("studios.page.invitationDeclined") };
        }
        return { notice: t(decision === "approve" ? "studios.team.approved" : "studios.team.declined", { name: request.user.name }) };
      },
    });
  return {
    approve: decide("approve"),
    decline: decide("decline"),
    withdraw: intent({
      schema: schemaFor("withdraw"),
      target: joinTarget,
      authorize: ({ user }, _input, { resource }) => permit(user, "join-request:withdraw", resource),
      run: async ({ user, t }, _input, { request }) => {
        await withdrawJoinRequest(request.id, user.id);
        return { notice: t("studios.team.withdrawn") };
      },
    }),
  };
}

/**
 * The same decisions for the pages not yet on the action protocol (the studio page and the studio
 * list); they go once those pages declare `joinIntents`.
 */
export async function handleJoinDecision(user: SessionUser, form: FormData, t: TFunction, _locale?: string): Promise<{ notice?: string; error?: string }> {
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
    if (!isUserError(error)) throw error;
    return { error: translateKey(t, error.key, error.params) };
  }
}
