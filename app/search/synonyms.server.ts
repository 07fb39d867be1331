import { recordAudit } from "~/audit/audit.server.ts";
import { prisma, type Db } from "~/db/client.server.ts";
import { UserError } from "~/lib/user-error.ts";
import { synonymMap } from "./index-settings.ts";

/**
 * Domain synonyms are data: groups of equivalent terms in SearchSynonymGroup, edited by 学工部
 * (a fresh database starts with the defaults of default-synonyms.ts). They are applied when a
 * query is planned (chinese.ts planQuery), so an edit works at once, without touching the index.
 */

export async function loadSynonymMap(db: Db): Promise<Record<string, string[]>> {
  const groups = await db.searchSynonymGroup.findMany({ select: { terms: true }, orderBy: { createdAt: "asc" } });
  return synonymMap(groups.map((g) => g.terms));
}

export function listSynonymGroups() {
  return prisma.searchSynonymGroup.findMany({ orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
}

export function findSynonymGroup(id: string) {
  return prisma.searchSynonymGroup.findUnique({ where: { id } });
}

/** Deleted meanwhile (the page showed it a moment ago). */
const gone = () => new UserError("search.synonyms.errors.notFound", {}, { status: 404 });

/** A term belongs to one group only, so the equivalences stay easy to read. */
async function assertTermsFree(db: Db, terms: string[], exceptId?: string) {
  const clash = await db.searchSynonymGroup.findFirst({
    where: { terms: { hasSome: terms }, ...(exceptId ? { NOT: { id: exceptId } } : {}) },
    select: { terms: true },
  });
  if (clash) throw new UserError("search.synonyms.errors.duplicate", { term: terms.find((t) => clash.terms.includes(t))! }, { field: "terms" });
}

export async function createSynonymGroup(terms: string[], actorId: string) {
  return prisma.$transaction(async (tx) => {
    await assertTermsFree(tx, terms);
    const group = await tx.searchSynonymGroup.create({ data: { terms } });
    await recordAudit(tx, { actorId, action: "search-synonyms.create", entityType: "SearchSynonymGroup", entityId: group.id, data: { terms } });
    return group;
  });
}

export async function updateSynonymGroup(id: string, terms: string[], actorId: string) {
  return prisma.$transaction(async (tx) => {
    const before = await tx.searchSynonymGroup.findUnique({ where: { id } });
    if (!before) throw gone();
    await assertTermsFree(tx, terms, id);
    const group = await tx.searchSynonymGroup.update({ where: { id }, data: { terms } });
    await recordAudit(tx, { actorId, action: "search-synonyms.update", entityType: "SearchSynonymGroup", entityId: id, data: { before: before.terms, after: terms } });
    return group;
  });
}

export async function deleteSynonymGroup(id: string, actorId: string) {
  return prisma.$transaction(async (tx) => {
    const before = await tx.searchSynonymGroup.findUnique({ where: { id } });
    if (!before) throw gone();
    await tx.searchSynonymGroup.delete({ where: { id } });
    await recordAudit(tx, { actorId, action: "search-synonyms.delete", entityType: "SearchSynonymGroup", entityId: id, data: { terms: before.terms } });
    return before;
  });
}

// ───────────── for queries ─────────────

interface SynonymCache {
  at: number;
  terms: string[];
  alternatives: Map<string, string[]>;
}
let cache: SynonymCache | null = null;
const CACHE_MS = 30_000;

/**
 * The synonym terms and their alternatives, for planning queries and marking snippets. Cached
 * briefly: edits in this process clear the cache at once, other processes see them within 30 s.
 */
export async function synonymTerms(db: Db = prisma): Promise<{ terms: string[]; alternatives: Map<string, string[]> }> {
  if (cache && Date.now() - cache.at < CACHE_MS) return cache;
  const map = await loadSynonymMap(db);
  cache = { at: Date.now(), terms: Object.keys(map), alternatives: new Map(Object.entries(map)) };
  return cache;
}

export function forgetSynonymCache(): void {
  cache = null;
}
