import { describe, expect, it } from "vitest";
import { createUserSession } from "~/auth/session.server.ts";
import { prisma } from "~/db/client.server.ts";
import { action, loader } from "~/routes/admin.synonyms.tsx";
import { buildAccounts, type AccountKind, type Accounts } from "../../tests/support/factories.ts";
import { deleteSynonymGroup, loadSynonymMap, updateSynonymGroup } from "./synonyms.server.ts";

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

  it("adds, edits and deletes groups, with an audit record each time; deleting asks first", async () => {
    const added = await post("admin", { intent: "create", terms: "宿舍、寝室" });
    expect(added.data).toMatchObject({ intent: "create", status: "success", notice: "已添加同义词组。" });
    const group = await prisma.searchSynonymGroup.findFirstOrThrow({ where: { terms: { has: "宿舍" } } });
    expect(group.terms).toEqual(["宿舍", "寝室"]);
    expect((await post("admin", { intent: "update", groupId: group.id, terms: "宿舍，寝室，公寓" })).data).toMatchObject({ status: "success", notice: "已保存同义词组。" });
    expect((await loadSynonymMap(prisma))["公寓"]).toEqual(["宿舍", "寝室"]);

    // Without confirmed=yes (no JavaScript, or a script) the answer is the question, and the group stays.
    const asked = await post("admin", { intent: "delete", groupId: group.id });
    expect(asked.data).toMatchObject({ intent: "delete", status: "confirm", confirm: { message: "确认删除同义词组“宿舍、寝室、公寓”？ 删除后，这些词在搜索时不再互相等价。", confirmLabel: "确认删除" } });
    expect(await prisma.searchSynonymGroup.count({ where: { id: group.id } })).toBe(1);
    expect((await loadSynonymMap(prisma))["公寓"]).toEqual(["宿舍", "寝室"]);
    const deleted = await post("admin", { intent: "delete", groupId: group.id, confirmed: "yes" });
    expect(deleted.data).toMatchObject({ intent: "delete", status: "success", notice: "已删除同义词组。" });
    expect(await prisma.searchSynonymGroup.count({ where: { id: group.id } })).toBe(0);
    const actions = (await prisma.auditLog.findMany({ where: { entityId: group.id }, orderBy: { id: "asc" } })).map((a) => a.action);
    expect(actions).toEqual(["search-synonyms.create", "search-synonyms.update", "search-synonyms.delete"]);
    // Synonyms apply when a query is planned: an edit leaves no work for the index.
    expect(await prisma.searchOutbox.count({ where: { kind: "synonyms" } })).toBe(0);
  });

  it("refuses others before anything changes, the question included", async () => {
    expect((await post("admin", { intent: "create", terms: "晨读、早读" })).data).toMatchObject({ status: "success" });
    const group = await prisma.searchSynonymGroup.findFirstOrThrow({ where: { terms: { has: "晨读" } } });
    const forms: Array<Record<string, string>> = [{ intent: "update", groupId: group.id, terms: "晨读、晨诵" }, { intent: "delete", groupId: group.id }, { intent: "delete", groupId: group.id, confirmed: "yes" }];
    for (const form of forms) {
      expect(((await post("leader", form)) as Response).status).toBe(403);
    }
    expect((await prisma.searchSynonymGroup.findUniqueOrThrow({ where: { id: group.id } })).terms).toEqual(["晨读", "早读"]);
    await post("admin", { intent: "delete", groupId: group.id, confirmed: "yes" });
  });

  it("explains bad input in Chinese and changes nothing", async () => {
    const tooFew = await post("admin", { intent: "create", terms: "心理" });
    expect(tooFew.init.status).toBe(400);
    expect(tooFew.data.form.error.terms).toEqual(["每组至少需要两个不同的词。"]);
    // A term of another group is refused at the field, like a validation error.
    const taken = await post("admin", { intent: "create", terms: "心理、心理学" });
    expect(taken.init.status).toBe(409);
    expect(taken.data).toMatchObject({ intent: "create", status: "error", error: "表单中有需要修改的内容，请检查后重新提交。" });
    expect(taken.data.form.error.terms).toEqual(["“心理”已在其他同义词组中，每个词只能属于一组。"]);
    expect(((await post("admin", { intent: "update", groupId: "no-such-group", terms: "甲乙、丙丁" })) as Response).status).toBe(404);
    expect(((await post("admin", { intent: "delete", groupId: "no-such-group", confirmed: "yes" })) as Response).status).toBe(404);
    expect(((await post("admin", { intent: "merge", terms: "甲乙、丙丁" })) as Response).status).toBe(400);
    expect((await loadSynonymMap(prisma))["心理学"]).toBeUndefined();
    expect((await loadSynonymMap(prisma))["甲乙"]).toBeUndefined();
  });

  it("a group deleted meanwhile is reported, not half-edited", async () => {
    await cookieOf("admin");
    await expect(updateSynonymGroup("no-such-group", ["甲乙", "丙丁"], people!.admin.id)).rejects.toMatchObject({ key: "search.synonyms.errors.notFound", status: 404 });
    await expect(deleteSynonymGroup("no-such-group", people!.admin.id)).rejects.toMatchObject({ key: "search.synonyms.errors.notFound", status: 404 });
  });
});
