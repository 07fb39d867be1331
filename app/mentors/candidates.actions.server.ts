import type { ActionFunctionArgs } from "@remix-run/node";
import { prisma } from "~/db/client.server.ts";
import { intentAction } from "~/lib/actions.server.ts";
import { permit } from "~/policy/index.ts";
import { addByHand, excludePair, unexclude } from "./matching.server.ts";
import { setTargets } from "./preferences.server.ts";
import { addCandidateSchema, assignmentIntent, excludeCandidateSchema, targetsSchema } from "./schemas.ts";

async function loadDirection({ params }: ActionFunctionArgs) {
  const direction = await prisma.direction.findUnique({ where: { id: params.directionId ?? "" }, select: { id: true, studioId: true } });
  if (!direction) throw new Response("Not Found", { status: 404 });
  return direction;
}

const mentorName = async (mentorId: string) => (await prisma.mentor.findUnique({ where: { id: mentorId }, select: { user: { select: { name: true } } } }))?.user.name ?? "";

/** The candidates page of one slot (/admin/matching/directions/:id): targets, add by hand, exclude (asks first), unexclude; 学工部 only. */
export const action = intentAction({
  load: (args) => loadDirection(args),
  intents: (intent) => ({
    targets: intent({
      schema: targetsSchema,
      authorize: ({ user }) => permit(user, "matching:administer", null),
      keepForm: true,
      run: async ({ user, t, ctx }, { internal, external }) => {
        await setTargets(user.id, ctx.studioId, ctx.id, internal, external);
        return { notice: t("mentors.candidates.targetsSaved") };
      },
    }),
    add: intent({
      schema: addCandidateSchema,
      authorize: ({ user }) => permit(user, "matching:administer", null),
      run: async ({ user, t, ctx }, { mentorId }) => {
        await addByHand(user.id, ctx.id, mentorId);
        return { notice: t("mentors.candidates.added", { mentor: await mentorName(mentorId) }) };
      },
    }),
    exclude: intent({
      schema: excludeCandidateSchema,
      target: async (_call, { mentorId }) => (await mentorName(mentorId)) || notFound(),
      authorize: ({ user }) => permit(user, "matching:administer", null),
      confirm: async ({ t, ctx }, _input, name) => {
        const direction = await prisma.direction.findUniqueOrThrow({ where: { id: ctx.id }, select: { name: true } });
        return { message: t("mentors.matching.excludeConfirm", { mentor: name, direction: direction.name }), confirmLabel: t("mentors.matching.excludeConfirmButton") };
      },
      run: async ({ user, t, ctx }, { mentorId }, name) => {
        await excludePair(user.id, { directionId: ctx.id, mentorId });
        return { notice: t("mentors.candidates.excluded", { mentor: name }) };
      },
    }),
    unexclude: intent({
      schema: assignmentIntent("unexclude"),
      authorize: ({ user }) => permit(user, "matching:administer", null),
      run: async ({ user, t }, { assignmentId }) => {
        await unexclude(user.id, assignmentId);
        return { notice: t("mentors.candidates.unexcluded") };
      },
    }),
  }),
});

function notFound(): never {
  throw new Response("Not Found", { status: 404 });
}
