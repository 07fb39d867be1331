import type { SeedContext } from "~/seed/steps.server.ts";
import { DEFAULT_SYNONYM_GROUPS } from "./default-synonyms.ts";

/**
 * The default synonym groups come with the migrations, so a fresh database (a school's or the
 * demo's) already has them. `npm run db:seed -- --reset` empties every table first: then the
 * demo gets them back here. A table with any group in it is 学工部's and is left alone.
 */
export async function seedSynonyms({ db }: SeedContext): Promise<void> {
  if ((await db.searchSynonymGroup.count()) > 0) return;
  await db.searchSynonymGroup.createMany({ data: DEFAULT_SYNONYM_GROUPS.map((group) => ({ id: group.id, terms: [...group.terms] })) });
}
