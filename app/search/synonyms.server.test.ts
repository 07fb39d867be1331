import { describe, expect, it } from "vitest";
import { createUserSession } from "~/auth/session.server.ts";
import { prisma } from "~/db/client.server.ts";
import { action, loader } from "~/routes/admin.synonyms.tsx";
import { buildAccounts, type AccountKind, type Accounts } from "../../tests/support/factories.ts";
import { loadSynonymMap } from "./synonyms.server.ts";

/** /admin/synonyms: 学工部 keeps the synonym groups; everyone else is refused. */

/** One of each kind of account, built for this file. */
let people: Accounts | undefined;
async function cookieOf(who: AccountKind | "newcomer") {
  people ??= await buildAccounts();
  const user = who === "newcomer" ? people.studio.newcomers[0]! : people[who];
  return (await createUserSession(new Request("http://localhost/login"), user.id, "/")).headers.get("Set-Cookie")!.split(";")[0]!;
}

async function post(username: AccountKind | "newcomer", fields: Record<string, string>) {
  const request = new Request("http://localhost/admin/synonyms", {
    method: "POST",
    body: new URLSearchParams(fields),
    headers: { Cookie: await cookieOf(username), "Content-Type": "application/x-www-form-urlencoded" },
  });
  return action({ request, params: {}, context: {} }).catch((e: unknown) => e) as Promise<any>;
}

describe("/admin/synonyms", () => {
  it("is 学工部's only: every other kind of person is refused", async () => {
    for (const username of ["college", "leader", "backbone", "newcomer", "counselor", "mentor", "external"] as const) {
      const page = await loader({ request: new Request("http://localhost/admin/synonyms", { headers: { Cookie: await cookieOf(username) } }), params: {}, context: {} }).catch((e: Response) => e);
      expect((page as Response).status, username).toBe(403);
      expect(((await post(username, { intent: "create", terms: "宿舍、寝室" })) as Response).status, username).toBe(403);
    }
    expect((await loadSynonymMap(prisma))["宿舍"]).toBeUndefined();
  });

  it("adds, edits and deletes groups, with an audit record each time", async () => {
    const added = (await post("admin", { intent: "create", terms: "宿舍、寝室" })) as Response;
    expect(added.headers.get("Location")).toBe("/admin/synonyms?notice=added");
    const group = await prisma.searchSynonymGroup.findFirstOrThrow({ where: { terms: { has: "宿舍" } } });
    expect(group.terms).toEqual(["宿舍", "寝室"]);
    expect(((await post("admin", { intent: "update", groupId: group.id, terms: "宿舍，寝室，公寓" })) as Response).headers.get("Location")).toBe("/admin/synonyms?notice=saved");
    expect((await loadSynonymMap(prisma))["公寓"]).toEqual(["宿舍", "寝室"]);
    expect(((await post("admin", { intent: "delete", groupId: group.id })) as Response).headers.get("Location")).toBe("/admin/synonyms?notice=deleted");
    expect(await prisma.searchSynonymGroup.count({ where: { id: group.id } })).toBe(0);
    const actions = (await prisma.auditLog.findMany({ where: { entityId: group.id }, orderBy: { id: "asc" } })).map((a) => a.action);
    expect(actions).toEqual(["search-synonyms.create", "search-synonyms.update", "search-synonyms.delete"]);
    // Synonyms apply when a query is planned: an edit leaves no work for the index.
    expect(await prisma.searchOutbox.count({ where: { kind: "synonyms" } })).toBe(0);
  });

  it("explains bad input in Chinese and changes nothing", async () => {
    const tooFew = await post("admin", { intent: "create", terms: "心理" });
    expect(tooFew.init.status).toBe(400);
    expect(tooFew.data.result.error.terms).toEqual(["每组至少需要两个不同的词。"]);
    const taken = await post("admin", { intent: "create", terms: "心理、心理学" });
    expect(taken.init.status).toBe(409);
    expect(taken.data.result.error.terms).toEqual(["“心理”已在其他同义词组中，每个词只能属于一组。"]);
    const gone = await post("admin", { intent: "update", groupId: "no-such-group", terms: "甲乙、丙丁" });
    expect(gone.init.status).toBe(404);
    expect(gone.data.result.error[""]).toEqual(["该同义词组不存在或已被删除。"]);
    expect(((await post("admin", { intent: "delete", groupId: "no-such-group" })) as Response).status).toBe(404);
    expect((await loadSynonymMap(prisma))["心理学"]).toBeUndefined();
  });
});
