import type { IntentBuilder, IntentCall } from "~/lib/actions.server.ts";
import { permit, type Actor } from "~/policy/index.ts";
import { getSchoolSettings } from "~/settings/school-settings.server.ts";
import { loadStudioAccess } from "./access.server.ts";
import { decideJoinRequest, findJoinRequest, withdrawJoinRequest } from "./membership.server.ts";
import { approveJoinSchema, declineJoinSchema, withdrawJoinSchema } from "./schemas.ts";

/**
 * Approve, decline or withdraw a join request or invitation: the same three intents wherever they
 * are offered (the studio page, the studio list). The policy decides who may do which to which
 * kind of request: the leader answers applications, the invitee answers invitations, the
 * applicant withdraws.
 *
 *   intents: (intent) => ({ ...joinIntents(intent), … })
 */
export function joinIntents<Ctx>(intent: IntentBuilder<Ctx>) {
  return {
    approve: intent({
      schema: approveJoinSchema,
      target: ({ user }, { requestId }) => joinRequest(user, requestId),
      authorize: ({ user }, _input, { resource }) => permit(user, "join-request:decide", resource),
      run: (call, { note }, target) => decide(call, "approve", note, target),
    }),
    decline: intent({
      schema: declineJoinSchema,
      target: ({ user }, { requestId }) => joinRequest(user, requestId),
      authorize: ({ user }, _input, { resource }) => permit(user, "join-request:decide", resource),
      run: (call, { note }, target) => decide(call, "decline", note, target),
    }),
    withdraw: intent({
      schema: withdrawJoinSchema,
      target: ({ user }, { requestId }) => joinRequest(user, requestId),
      authorize: ({ user }, _input, { resource }) => permit(user, "join-request:withdraw", resource),
      run: async (call, _input, { request }) => {
        await withdrawJoinRequest(request.id, call.user.id);
        return { notice: call.t("studios.team.withdrawn") };
      },
    }),
  };
}

type JoinTarget = Awaited<ReturnType<typeof joinRequest>>;

/** The request named by the form (404 when there is none), with the viewer's relation to its studio. */
async function joinRequest(user: Actor, requestId: string) {
  const request = await findJoinRequest(requestId);
  if (!request) throw new Response("Not Found", { status: 404 });
  const access = await loadStudioAccess(user, request.studioId);
  return { request, studioName: access.studio.name, resource: { kind: request.kind, userId: request.userId, studio: access.resource } };
}

async function decide<Ctx>(call: IntentCall<Ctx>, decision: "approve" | "decline", note: string | undefined, { request, studioName }: JoinTarget) {
  const settings = await getSchoolSettings();
  await decideJoinRequest(request.id, decision, note, call.user, settings);
  if (request.kind === "INVITATION") {
    return { notice: decision === "approve" ? call.t("studios.page.joined", { studio: studioName }) : call.t("studios.page.invitationDeclined") };
  }
  return { notice: call.t(decision === "approve" ? "studios.team.approved" : "studios.team.declined", { name: request.user.name }) };
}
