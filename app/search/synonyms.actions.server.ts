import { intentAction } from "~/lib/actions.server.ts";
import { permit } from "~/policy/index.ts";
import { synonymDeleteSchema, synonymGroupSchema, synonymUpdateSchema } from "./schemas.ts";
import { createSynonymGroup, deleteSynonymGroup, findSynonymGroup, forgetSynonymCache, updateSynonymGroup } from "./synonyms.server.ts";

/** /admin/synonyms: 学工部 adds, edits and deletes synonym groups (deleting asks first). */
export const action = intentAction({
  intents: (intent) => ({
    create: intent({
      schema: synonymGroupSchema,
      authorize: ({ user }) => permit(user, "search:administer", null),
      run: async ({ user, t }, { terms }) => {
        await createSynonymGroup(terms, user.id);
        forgetSynonymCache();
        return { notice: t("search.synonyms.addedNotice") };
      },
    }),
    update: intent({
      schema: synonymUpdateSchema,
      target: async (_call, { groupId }) => (await findSynonymGroup(groupId)) ?? notFound(),
      authorize: ({ user }) => permit(user, "search:administer", null),
      run: async ({ user, t }, { terms }, group) => {
        await updateSynonymGroup(group.id, terms, user.id);
        forgetSynonymCache();
        return { notice: t("search.synonyms.savedNotice") };
      },
    }),
    delete: intent({
      schema: synonymDeleteSchema,
      target: async (_call, { groupId }) => (await findSynonymGroup(groupId)) ?? notFound(),
      authorize: ({ user }) => permit(user, "search:administer", null),
      confirm: ({ t }, _input, group) => ({
        message: `${t("search.synonyms.confirmTitle", { terms: group.terms.join("、") })} ${t("search.synonyms.confirmBody")}`,
        confirmLabel: t("search.synonyms.confirm"),
      }),
      run: async ({ user, t }, _input, group) => {
        await deleteSynonymGroup(group.id, user.id);
        forgetSynonymCache();
        return { notice: t("search.synonyms.deletedNotice") };
      },
    }),
  }),
});

function notFound(): never {
  throw new Response("Not Found", { status: 404 });
}
