import { intentAction, type IntentCall } from "~/lib/actions.server.ts";
import { UserError } from "~/lib/user-error.ts";
import { permit } from "~/policy/index.ts";
import { countPending, excludePair, findAssignment, publish, releaseAssignment, removeProposal, runMatching, setLocked, unexclude } from "./matching.server.ts";
import { assignmentIntent, publishSchema, runSchema } from "./schemas.ts";

/** The buttons of the matching board (/admin/matching), each one intent; 学工部 only. */
const administer = ({ user }: IntentCall<unknown>) => permit(user, "matching:administer", null);

async function pair(_call: unknown, { assignmentId }: { assignmentId: string }) {
  const found = await findAssignment(assignmentId);
  if (!found) throw new Response("Not Found", { status: 404 });
  return found;
}

export const action = intentAction({
  intents: (intent) => ({
    run: intent({
      schema: runSchema,
      authorize: administer,
      run: async ({ user, t }) => {
        const outcome = await runMatching(user.id);
        // What contradicts what is shown as a list under the refusal.
        if (!outcome.ok) throw new UserError("mentors.matching.problemsTitle", {}, { details: { problems: outcome.problems } });
        return { notice: t("mentors.matching.ran", { filled: outcome.stats.filled, slots: outcome.stats.slots, removed: outcome.removed }) };
      },
    }),
    publish: intent({
      schema: publishSchema,
      authorize: administer,
      confirm: async ({ t }) => {
        const count = await countPending();
        return { message: t("mentors.matching.publishConfirm", { count }), confirmLabel: t("mentors.matching.publishConfirmButton") };
      },
      run: async ({ user, t }) => ({ notice: t("mentors.matching.published", { count: await publish(user.id) }) }),
    }),
    lock: intent({
      schema: assignmentIntent("lock"),
      target: pair,
      authorize: administer,
      run: async ({ user, t }, { assignmentId }) => {
        await setLocked(user.id, assignmentId, true);
        return { notice: t("mentors.matching.done.lock") };
      },
    }),
    unlock: intent({
      schema: assignmentIntent("unlock"),
      target: pair,
      authorize: administer,
      confirm: ({ t }, _input, found) => ({ message: t("mentors.matching.unlockConfirm", { mentor: found.mentor, direction: found.direction }), confirmLabel: t("mentors.matching.unlockConfirmButton") }),
      run: async ({ user, t }, { assignmentId }) => {
        await setLocked(user.id, assignmentId, false);
        return { notice: t("mentors.matching.done.unlock") };
      },
    }),
    exclude: intent({
      schema: assignmentIntent("exclude"),
      target: pair,
      authorize: administer,
      confirm: ({ t }, _input, found) => ({ message: t("mentors.matching.excludeConfirm", { mentor: found.mentor, direction: found.direction }), confirmLabel: t("mentors.matching.excludeConfirmButton") }),
      run: async ({ user, t }, { assignmentId }) => {
        await excludePair(user.id, { assignmentId });
        return { notice: t("mentors.matching.done.exclude") };
      },
    }),
    unexclude: intent({
      schema: assignmentIntent("unexclude"),
      target: pair,
      authorize: administer,
      run: async ({ user, t }, { assignmentId }) => {
        await unexclude(user.id, assignmentId);
        return { notice: t("mentors.matching.done.unexclude") };
      },
    }),
    remove: intent({
      schema: assignmentIntent("remove"),
      target: pair,
      authorize: administer,
      confirm: ({ t }, _input, found) => ({ message: t("mentors.matching.removeConfirm", { mentor: found.mentor, direction: found.direction }), confirmLabel: t("mentors.matching.removeConfirmButton") }),
      run: async ({ user, t }, { assignmentId }) => {
        await removeProposal(user.id, assignmentId);
        return { notice: t("mentors.matching.done.remove") };
      },
    }),
    release: intent({
      schema: assignmentIntent("release"),
      target: pair,
      authorize: administer,
      confirm: ({ t }, _input, found) => ({ message: t("mentors.matching.releaseConfirm", { mentor: found.mentor, direction: found.direction }), confirmLabel: t("mentors.matching.releaseConfirmButton") }),
      run: async ({ user, t }, { assignmentId }) => {
        await releaseAssignment(user.id, assignmentId);
        return { notice: t("mentors.matching.done.release") };
      },
    }),
  }),
});
