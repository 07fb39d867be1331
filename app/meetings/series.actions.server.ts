import type { TFunction } from "i18next";
import { z } from "zod";
import type { AgendaProposalStatus } from "~/generated/prisma/enums.ts";
import { prisma } from "~/db/client.server.ts";
import { intentAction } from "~/lib/actions.server.ts";
import { permit } from "~/policy/index.ts";
import { loadSeriesAccess } from "./access.server.ts";
import { declineProposal, proposeAgendaItem, takeProposal } from "./agenda.server.ts";
import { generateSchema, proposalSchema, takeProposalSchema } from "./schemas.ts";
import { generateMeetings } from "./series.server.ts";

/** A proposal taken into "meetingId:segmentId" (one choice on the form: the segments of the next meetings). */
const takeFormSchema = takeProposalSchema.omit({ segmentId: true }).extend({
  slot: z.string({ error: "meetings.errors.badChoice" }).regex(/^[^:]+:[^:]+$/, "meetings.errors.badChoice"),
});

/** A series' page: generate more months (organisers), propose for the backlog (invitees), take or decline a proposal (organisers). */
export const action = intentAction({
  load: ({ params }, user) => loadSeriesAccess(user, params.seriesId),
  intents: (intent) => ({
    generate: intent({
      schema: generateSchema,
      authorize: ({ user, ctx }) => permit(user, "meeting-series:manage", ctx.resource),
      run: async ({ user, t, ctx }, { count }) => {
        const created = await generateMeetings(ctx.series.id, count, user.id);
        return { notice: t("meetings.pages.series.generated", { count: created }) };
      },
    }),
    propose: intent({
      schema: proposalSchema,
      authorize: ({ user, ctx }) => permit(user, "meeting-series:propose", ctx.resource),
      run: async ({ user, t, ctx }, input) => {
        await proposeAgendaItem(ctx.series.id, input, user.id);
        return { notice: t("meetings.pages.series.proposed") };
      },
    }),
    take: intent({
      schema: takeFormSchema,
      // The meeting must be one of this series' (another series' is not found here).
      target: async ({ ctx }, { slot }) =>
        (await prisma.meeting.findFirst({ where: { id: slot.split(":")[0], seriesId: ctx.series.id }, select: { id: true } })) ?? notFound(),
      authorize: ({ user, ctx }) => permit(user, "meeting-series:manage", ctx.resource),
      run: async ({ user, t }, { slot, ...input }, meeting) => {
        await takeProposal(meeting.id, { ...input, segmentId: slot.split(":")[1]! }, user.id);
        return { notice: proposalNotice(t, "TAKEN") };
      },
    }),
    decline: intent({
      schema: z.object({ proposalId: z.string().min(1) }),
      target: async ({ ctx }, { proposalId }) =>
        (await prisma.agendaProposal.findFirst({ where: { id: proposalId, seriesId: ctx.series.id }, select: { id: true, title: true } })) ?? notFound(),
      authorize: ({ user, ctx }) => permit(user, "meeting-series:manage", ctx.resource),
      confirm: ({ t }, _input, proposal) => ({ message: t("meetings.pages.series.confirmDecline", { title: proposal.title }), confirmLabel: t("meetings.pages.series.decline") }),
      run: async ({ user, t }, _input, proposal) => {
        await declineProposal(proposal.id, user.id);
        return { notice: proposalNotice(t, "DECLINED") };
      },
    }),
  }),
});

/** "议题状态：已列入议程" — the proposal's new status, in the enum's own words. */
const proposalNotice = (t: TFunction, status: Exclude<AgendaProposalStatus, "OPEN">) => t("meetings.pages.series.proposalDecided", { status: t(`agendaProposalStatus.${status}`) });

function notFound(): never {
  throw new Response("Not Found", { status: 404 });
}
