import { z } from "zod";
import { prisma } from "~/db/client.server.ts";
import { intentAction } from "~/lib/actions.server.ts";
import { isoDay } from "~/lib/calendar-date.ts";
import { formatDateTime } from "~/lib/format.ts";
import { permit } from "~/policy/index.ts";
import { loadActionItemAccess, loadMeetingAccess } from "./access.server.ts";
import { recordOutcome, updateActionItem } from "./action-items.server.ts";
import { addAgendaItem, cancelMeeting, moveMeeting, publishAgenda, removeAgendaItem, updateAgendaItem } from "./agenda.server.ts";
import { closeMeeting, confirmMinutes } from "./minutes.server.ts";
import { actionUpdateSchema, agendaItemSchema, agendaItemUpdateSchema, moveSchema, outcomeSchema } from "./schemas.ts";

const nothing = z.object({});
const itemId = z.object({ itemId: z.string().min(1) });

/**
 * A meeting's page (decision 054): the organisers edit the agenda, publish it, move or cancel the
 * meeting, record outcomes, close it and confirm (签发) the minutes; an action item's owner or an
 * organiser updates its status. The services refuse a closed or cancelled meeting with the reason.
 */
export const action = intentAction({
  load: ({ params }, user) => loadMeetingAccess(user, params.meetingId),
  intents: (intent) => ({
    addItem: intent({
      schema: agendaItemSchema,
      authorize: ({ user, ctx }) => permit(user, "meeting:manage", ctx.resource),
      run: async ({ user, t, ctx }, input) => {
        await addAgendaItem(ctx.meeting.id, input, user.id);
        return { notice: t("meetings.pages.agenda.added", { title: input.title }) };
      },
    }),
    updateItem: intent({
      schema: agendaItemUpdateSchema.extend(itemId.shape),
      target: ({ ctx }, input) => itemOf(ctx.meeting.id, input.itemId),
      authorize: ({ user, ctx }) => permit(user, "meeting:manage", ctx.resource),
      // Back to the agenda (the form was open through `?item=`), which says it is saved.
      run: async ({ user, ctx }, { itemId: _itemId, ...input }, item) => {
        await updateAgendaItem(item.id, input, user.id);
        return { redirectTo: `/meetings/${ctx.meeting.id}?itemSaved=1` };
      },
    }),
    removeItem: intent({
      schema: itemId,
      target: ({ ctx }, input) => itemOf(ctx.meeting.id, input.itemId),
      authorize: ({ user, ctx }) => permit(user, "meeting:manage", ctx.resource),
      confirm: ({ t }, _input, item) => ({ message: t("meetings.pages.agenda.confirmRemove", { title: item.title }), confirmLabel: t("meetings.pages.agenda.remove") }),
      run: async ({ user, t }, _input, item) => {
        await removeAgendaItem(item.id, user.id);
        return { notice: t("meetings.pages.agenda.removed", { title: item.title }) };
      },
    }),
    publish: intent({
      schema: nothing,
      authorize: ({ user, ctx }) => permit(user, "meeting:manage", ctx.resource),
      confirm: ({ t }) => ({ message: t("meetings.pages.meeting.confirmPublish"), confirmLabel: t("meetings.pages.meeting.publish") }),
      run: async ({ user, t, ctx }) => {
        const { invited, uninvited } = await publishAgenda(ctx.meeting.id, user);
        return { notice: uninvited ? t("meetings.pages.meeting.republishedNotice", { invited, uninvited }) : t("meetings.pages.meeting.publishedNotice") };
      },
    }),
    move: intent({
      schema: moveSchema,
      authorize: ({ user, ctx }) => permit(user, "meeting:manage", ctx.resource),
      confirm: ({ t, locale }, input) => ({ message: t("meetings.pages.meeting.confirmMove", { date: formatDateTime(input.startsAt, locale) }), confirmLabel: t("meetings.pages.meeting.move") }),
      run: async ({ user, t, locale, ctx }, input) => {
        await moveMeeting(ctx.meeting.id, input, user);
        return { notice: t("meetings.pages.meeting.moved", { date: formatDateTime(input.startsAt, locale) }) };
      },
    }),
    cancel: intent({
      schema: nothing,
      authorize: ({ user, ctx }) => permit(user, "meeting:manage", ctx.resource),
      confirm: ({ t }) => ({ message: t("meetings.pages.meeting.confirmCancel"), confirmLabel: t("meetings.pages.meeting.cancel") }),
      run: async ({ user, t, ctx }) => {
        await cancelMeeting(ctx.meeting.id, user);
        return { notice: t("meetings.pages.meeting.cancelled") };
      },
    }),
    outcome: intent({
      schema: z.intersection(z.object({ agendaItemId: z.string().min(1) }), outcomeSchema),
      target: ({ ctx }, input) => itemOf(ctx.meeting.id, input.agendaItemId),
      authorize: ({ user, ctx }) => permit(user, "meeting:manage", ctx.resource),
      run: async ({ user, t }, { agendaItemId: _agendaItemId, ...input }, item) => {
        // The service reads the form's shape again: the due day goes back as its calendar text.
        await recordOutcome(item.id, input.kind === "ACTION" ? { ...input, dueOn: isoDay(input.dueOn) } : input, user);
        return { notice: t("meetings.pages.outcomes.recorded", { kind: t(`agendaOutcomeKind.${input.kind}`) }) };
      },
    }),
    updateAction: intent({
      schema: actionUpdateSchema.extend({ actionItemId: z.string().min(1) }),
      // An action item of this meeting's series (followed up here); another series' is not found here.
      target: async ({ user, ctx }, { actionItemId }) => {
        const access = await loadActionItemAccess(user, actionItemId);
        return access.actionItem.seriesId === ctx.meeting.seriesId ? access : notFound();
      },
      authorize: ({ user }, _input, item) => permit(user, "action-item:update", item.resource),
      run: async ({ user, t, ctx }, { actionItemId: _id, ...input }, item) => {
        await updateActionItem(item.actionItem.id, input, user.id, { meetingId: ctx.meeting.id });
        return { notice: t("meetings.pages.actions.updated", { title: item.actionItem.title }) };
      },
    }),
    close: intent({
      schema: nothing,
      authorize: ({ user, ctx }) => permit(user, "meeting:manage", ctx.resource),
      confirm: ({ t }) => ({ message: t("meetings.pages.meeting.confirmClose"), confirmLabel: t("meetings.pages.meeting.close") }),
      run: async ({ user, t, ctx }) => {
        await closeMeeting(ctx.meeting.id, user);
        return { notice: t("meetings.pages.meeting.closed") };
      },
    }),
    confirmMinutes: intent({
      schema: nothing,
      authorize: ({ user, ctx }) => permit(user, "meeting:manage", ctx.resource),
      confirm: ({ t }) => ({ message: t("meetings.pages.meeting.confirmConfirmMinutes"), confirmLabel: t("meetings.pages.meeting.confirmMinutes") }),
      run: async ({ user, t, ctx }) => {
        await confirmMinutes(ctx.meeting.id, user);
        return { notice: t("meetings.pages.meeting.minutesConfirmedNotice") };
      },
    }),
  }),
});

/** An agenda item of this meeting (another meeting's is not found here). */
async function itemOf(meetingId: string, agendaItemId: string) {
  return (await prisma.agendaItem.findFirst({ where: { id: agendaItemId, meetingId }, select: { id: true, title: true } })) ?? notFound();
}

function notFound(): never {
  throw new Response("Not Found", { status: 404 });
}
