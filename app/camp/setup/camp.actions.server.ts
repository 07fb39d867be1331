import { z } from "zod";
import { prisma } from "~/db/client.server.ts";
import { translateKey } from "~/i18n/keys.ts";
import { intentAction } from "~/lib/actions.server.ts";
import { permit } from "~/policy/index.ts";
import { loadCampAccess } from "../access.server.ts";
import { loadEntry } from "../judged/access.server.ts";
import { roundKindKey } from "../judged/labels.ts";
import { drawTopic } from "../judged/round.server.ts";
import { entryIdSchema } from "../judged/schemas.ts";
import { emptySchema } from "./schemas.ts";
import { closeCamp, openCamp } from "./transitions.server.ts";

/** A contestant's entry of this camp (404 for one of another camp), with its round's kind for the question. */
async function entryOfCamp(user: { id: string }, campId: string, entryId: string) {
  const entry = await loadEntry(user, entryId);
  if (entry.resource.camp.campId !== campId) throw new Response("Not Found", { status: 404 });
  const { round } = await prisma.campRoundEntry.findUniqueOrThrow({ where: { id: entryId }, select: { round: { select: { kind: true } } } });
  return { ...entry, kind: round.kind };
}

/**
 * The camp page's transitions: open (DRAFT → OPEN) and close to scoring (OPEN → SCORING), each asked
 * first; and a contestant's own draw (抽签) from MyJudgedRounds, which posts here so that it works as
 * a plain form without JavaScript (the question and the drawn topic come back on this page; the
 * round page is the organisers'). Recorded exactly as the organisers' draw (drawTopic).
 */
export const campAction = intentAction({
  load: ({ params }, user) => loadCampAccess(user, params.campId),
  intents: (intent) => ({
    open: intent({
      schema: emptySchema,
      authorize: ({ user, ctx }) => permit(user, "camp:manage", ctx),
      confirm: ({ t }) => ({ message: t("camp.setup.page.openConfirm"), confirmLabel: t("camp.setup.page.open") }),
      run: async ({ user, ctx, t }) => {
        const { participants } = await openCamp(ctx.campId, user.id);
        return { notice: t("camp.setup.page.opened", { count: participants }) };
      },
    }),
    draw: intent({
      schema: entryIdSchema.extend({ name: z.string().max(100).optional().default("") }),
      target: ({ user, ctx }, { entryId }) => entryOfCamp(user, ctx.campId, entryId),
      authorize: ({ user }, _input, entry) => permit(user, "camp-entry:draw", entry.resource),
      confirm: ({ t }, _input, entry) => ({
        message: t("camp.judged.mine.drawQuestion", { round: translateKey(t, roundKindKey(entry.kind)) }),
        confirmLabel: t("camp.judged.mine.draw"),
      }),
      run: async ({ user, t }, { entryId }) => {
        const drawn = await drawTopic(entryId, user.id);
        return { notice: t("camp.judged.notice.drawn", { title: drawn.title }) };
      },
    }),
    close: intent({
      schema: emptySchema,
      authorize: ({ user, ctx }) => permit(user, "camp:manage", ctx),
      confirm: ({ t }) => ({ message: t("camp.setup.page.closeConfirm"), confirmLabel: t("camp.setup.page.close") }),
      run: async ({ user, ctx, t }) => {
        await closeCamp(ctx.campId, user.id);
        return { notice: t("camp.setup.page.closed") };
      },
    }),
  }),
});
