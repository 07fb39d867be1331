import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/db/client.server.ts";
import type { Actor } from "~/policy/index.ts";
import { buildMentor, buildStudio, buildUser } from "../../tests/support/factories.ts";
import { createDocument } from "../../tests/support/search.ts";
import { defaultEngine, dropIndexes } from "./engine.server.ts";
import { createOutboxWorker, type OutboxWorker } from "./outbox.server.ts";
import { searchParamsSchema } from "./schemas.ts";
import { search } from "./search.server.ts";
import { createSynonymGroup, deleteSynonymGroup, forgetSynonymCache } from "./synonyms.server.ts";

/** Search on the real database and Meilisearch: the index follows the database through the outbox. */

let worker: OutboxWorker;
const who: Record<string, Actor & { name: string }> = {};
let studio: { id: string; name: string };
let otherStudio: { id: string; name: string };

const params = (input: Record<string, unknown>) => searchParamsSchema.parse(input);
const titles = async (actor: Actor, q: string, extra: Record<string, unknown> = {}) =>
  (await search(actor, params({ q, ...extra }))).hits.map((h) => h.title.join(""));

beforeAll(async () => {
  // Built before the worker starts, so the first index build takes them in with the demo school:
  // a mental-health studio guided by an internal and an external mentor, a career studio, 学工部,
  // a college admin and a counselor in no studio.
  const [mentor, external] = [await buildMentor({ kind: "INTERNAL" }), await buildMentor({ kind: "EXTERNAL" })];
  const built = await buildStudio({ duty: "MENTAL_HEALTH", directions: 2, mentors: [mentor, external] });
  const other = await buildStudio({ duty: "CAREER" });
  studio = { id: built.id, name: built.name };
  otherStudio = { id: other.id, name: other.name };
  Object.assign(who, {
    admin: await buildUser({ roles: ["ADMIN"] }),
    college: await buildUser({ roles: ["COLLEGE_ADMIN"] }),
    leader: built.leader,
    backbone: built.backbone[0]!,
    counselor: await buildUser(),
    mentor: mentor.user,
    external: external.user,
    newcomer: built.newcomers[0]!,
  });
  worker = createOutboxWorker({ pollMs: 500 });
  await worker.start(() => {});
  await worker.idle(120_000);
}, 180_000);

afterAll(async () => {
  await worker.stop();
  await dropIndexes(defaultEngine());
});

describe("the index follows the database", () => {
  it("builds the index from the database: studios, people and outputs", async () => {
    expect(await titles(who.counselor!, studio.name)).toContain(studio.name);
    const people = await search(who.counselor!, params({ q: who.leader!.name, type: "PERSON" }));
    expect(people.hits.map((h) => h.title.join(""))).toContain(who.leader!.name);
    const outputs = await search(who.counselor!, params({ q: "", type: "OUTPUT" }));
    expect(outputs.total).toBe(await prisma.output.count());
  });

  it("finds a new document once the outbox is drained, with its new title after an edit, and not after deletion", async () => {
    const id = await createDocument({ studioId: studio.id, title: "宿舍矛盾调解记录", plainText: "本周调解了一起宿舍矛盾，涉及三名学生。", createdById: who.leader!.id });
    await worker.idle();
    expect(await titles(who.leader!, "宿舍矛盾")).toContain("宿舍矛盾调解记录");

    await prisma.document.update({ where: { id }, data: { title: "寝室关系调解记录" } });
    await worker.idle();
    expect(await titles(who.leader!, "寝室关系")).toContain("寝室关系调解记录");
    expect(await titles(who.leader!, "宿舍矛盾调解")).not.toContain("宿舍矛盾调解记录");

    await prisma.document.delete({ where: { id } });
    await worker.idle();
    expect(await titles(who.leader!, "寝室关系")).not.toContain("寝室关系调解记录");
  });
});

describe("a person never sees a document they could not open", () => {
  it("shows a studio's document to its members, its accepted mentors and 学工部 only", async () => {
    await createDocument({ studioId: studio.id, title: "朋辈心理委员培训方案", plainText: "培训内容包括心理危机识别。", createdById: who.leader!.id });
    await worker.idle();
    const sees: Record<string, boolean> = {};
    for (const [name, actor] of Object.entries(who)) sees[name] = (await titles(actor, "朋辈心理委员培训方案")).includes("朋辈心理委员培训方案");
    expect(sees).toEqual({
      admin: true,
      college: false,
      leader: true,
      backbone: true,
      counselor: false,
      mentor: true,
      external: true,
      newcomer: true,
    });
  });
});

describe("results: facets, filters, sorting, pages, snippets", () => {
  let ids: string[] = [];
  beforeAll(async () => {
    const make = (title: string, plainText: string, extra: Partial<Parameters<typeof createDocument>[0]> = {}) =>
      createDocument({ studioId: studio.id, title, plainText, createdById: who.leader!.id, ...extra });
    ids = [
      await make("课业互助周报一", "本周开展课业互助，待处理的学生名单已更新。", { type: "MEETING_MINUTES", status: "PUBLISHED", createdAt: new Date("2024-03-01T02:00:00Z"), updatedAt: new Date("2024-03-02T02:00:00Z") }),
      await make("课业互助周报二", "课业互助进展顺利。", { type: "MEETING_MINUTES", status: "DRAFT", authorIds: [who.leader!.id, who.backbone!.id], createdAt: new Date("2025-05-01T02:00:00Z"), updatedAt: new Date("2025-05-03T02:00:00Z") }),
      await make("课业互助案例", "背景：一名学生多门课程不及格，开展课业互助。", { type: "CASE_STUDY", status: "PUBLISHED", authorIds: [who.backbone!.id], createdAt: new Date("2025-06-01T02:00:00Z"), updatedAt: new Date("2025-06-09T02:00:00Z") }),
      await createDocument({ studioId: otherStudio.id, title: "课业互助经验（启航）", plainText: "课业互助与生涯规划结合。", createdById: who.admin!.id, type: "RESEARCH_NOTE" }),
    ];
    await worker.idle();
  });

  it("counts facets over what the person may see", async () => {
    const leaderView = await search(who.leader!, params({ q: "课业互助", type: "" }));
    const types = Object.fromEntries(leaderView.facets.type.map((f) => [f.value, f.count]));
    expect(types).toMatchObject({ MEETING_MINUTES: 2, CASE_STUDY: 1 });
    expect(types.RESEARCH_NOTE).toBeUndefined(); // the other studio's note is not the leader's to see
    const studios = leaderView.facets.studioIds.map((f) => f.name);
    expect(studios).toContain(studio.name);
    expect(studios).not.toContain(otherStudio.name);
    const years = Object.fromEntries(leaderView.facets.year.map((f) => [f.value, f.count]));
    expect(years).toMatchObject({ "2024": 1, "2025": 2 });
    const authors = Object.fromEntries(leaderView.facets.authorIds.map((f) => [f.name, f.count]));
    expect(authors).toMatchObject({ [who.leader!.name]: 2, [who.backbone!.name]: 2 });
    const adminView = await search(who.admin!, params({ q: "课业互助" }));
    expect(adminView.facets.studioIds.map((f) => f.name)).toContain(otherStudio.name);
  });

  it("narrows by type, status, year, author, duty and studio", async () => {
    expect((await titles(who.leader!, "课业互助", { type: "CASE_STUDY" }))).toEqual(["课业互助案例"]);
    expect((await titles(who.leader!, "课业互助", { status: "DRAFT" }))).toEqual(["课业互助周报二"]);
    expect((await titles(who.leader!, "课业互助", { year: 2024 }))).toEqual(["课业互助周报一"]);
    expect((await titles(who.leader!, "课业互助", { author: who.backbone!.id })).sort()).toEqual(["课业互助案例", "课业互助周报二"].sort());
    expect(await titles(who.admin!, "课业互助", { studio: otherStudio.id, type: "RESEARCH_NOTE" })).toEqual(["课业互助经验（启航）"]);
    expect(await titles(who.admin!, "课业互助", { duty: "CAREER", type: "RESEARCH_NOTE" })).toEqual(["课业互助经验（启航）"]);
  });

  it("searches within a studio, including its people", async () => {
    const inStudio = await search(who.leader!, params({ q: "", studio: studio.id }));
    expect(inStudio.names.studio).toBe(studio.name);
    expect(inStudio.hits.every((h) => h.kind !== "document" || h.studioName === studio.name)).toBe(true);
    const people = await search(who.leader!, params({ q: who.leader!.name, studio: studio.id, type: "PERSON" }));
    expect(people.hits.map((h) => h.title.join(""))).toEqual([who.leader!.name]);
  });

  it("sorts by date, newest first, and pages through results", async () => {
    const byDate = await titles(who.leader!, "课业互助", { sort: "date", type: "" });
    expect(byDate.slice(0, 3)).toEqual(["课业互助案例", "课业互助周报二", "课业互助周报一"]);
    const first = await search(who.leader!, params({ q: "课业互助", sort: "date", limit: 2 }));
    const second = await search(who.leader!, params({ q: "课业互助", sort: "date", limit: 2, page: 2 }));
    expect(first.pages).toBeGreaterThanOrEqual(2);
    expect(first.hits.map((h) => h.id)).not.toEqual(expect.arrayContaining(second.hits.map((h) => h.id)));
    expect(second.page).toBe(2);
  });

  it("marks matches in titles and snippets, also for parts of words", async () => {
    const result = await search(who.leader!, params({ q: "处理", type: "MEETING_MINUTES" }));
    const hit = result.hits.find((h) => h.id === ids[0]);
    expect(hit?.snippet.filter((_, i) => i % 2 === 1)).toContain("处理");
    expect(hit?.snippet.join("")).toContain("待处理的学生名单");
    // Meilisearch marks whole words ("学生"); the part of "待处理" that was searched is marked too.
    const phrase = (await search(who.leader!, params({ q: "处理的学生", type: "MEETING_MINUTES" }))).hits.find((h) => h.id === ids[0]);
    expect(phrase?.snippet.filter((_, i) => i % 2 === 1)).toContain("处理的学生");
    const titled = await search(who.leader!, params({ q: "互助案例" }));
    expect(titled.hits[0]?.title).toEqual(["课业", "互助案例", ""]);
  });

  it("says there are no results when nothing matches", async () => {
    const none = await search(who.leader!, params({ q: "不存在的词语组合甲乙丙" }));
    expect(none.total).toBe(0);
    expect(none.hits).toEqual([]);
  });
});

describe("every change reaches the index (triggers → outbox → worker)", () => {
  it("renaming a studio renames it on its documents and its members' cards", async () => {
    const id = await createDocument({ studioId: otherStudio.id, title: "就业市场调研笔记", createdById: who.admin!.id });
    await worker.idle();
    await prisma.studio.update({ where: { id: otherStudio.id }, data: { name: "“远航”生涯发展工作室" } });
    await worker.idle();
    const doc = (await search(who.admin!, params({ q: "就业市场调研" }))).hits.find((h) => h.id === id);
    expect(doc?.studioName).toBe("“远航”生涯发展工作室");
    expect(await titles(who.counselor!, "远航生涯发展")).toContain("“远航”生涯发展工作室");
    // Members' cards carry the new name (a member of several studios shows their first on the card).
    const members = await prisma.studioMembership.findMany({ where: { studioId: otherStudio.id }, select: { user: { select: { name: true } } }, orderBy: { joinedAt: "asc" } });
    expect(members.length).toBeGreaterThan(0);
    const cards = await titles(who.counselor!, "远航生涯发展", { type: "PERSON", limit: 50 });
    for (const member of members) expect(cards).toContain(member.user.name);
    expect(await titles(who.counselor!, otherStudio.name, { type: "STUDIO" })).not.toContain(otherStudio.name);
    await prisma.studio.update({ where: { id: otherStudio.id }, data: { name: otherStudio.name } });
    await worker.idle();
  });

  it("renaming a person renames them as an author", async () => {
    const id = await createDocument({ studioId: studio.id, title: "团体辅导活动设计", createdById: who.backbone!.id });
    await worker.idle();
    // A name no one else has: the factories and the demo school never use this surname with it.
    const renamed = "闻人雪梅";
    await prisma.user.update({ where: { id: who.backbone!.id }, data: { name: renamed } });
    await worker.idle();
    expect((await search(who.leader!, params({ q: "团体辅导活动设计" }))).hits.find((h) => h.id === id)?.authors).toEqual([renamed]);
    expect(await titles(who.counselor!, renamed, { type: "PERSON" })).toEqual([renamed]);
    await prisma.user.update({ where: { id: who.backbone!.id }, data: { name: who.backbone!.name } });
    await worker.idle();
  });

  it("joining a studio puts it on the person's card; a disabled account disappears from people", async () => {
    await prisma.studioMembership.create({ data: { studioId: otherStudio.id, userId: who.counselor!.id, role: "NEWCOMER" } });
    await worker.idle();
    const mine = await search(who.admin!, params({ q: "", type: "PERSON", studio: otherStudio.id }));
    const name = who.counselor!.name;
    expect(mine.hits.map((h) => h.title.join(""))).toContain(name);
    await prisma.studioMembership.deleteMany({ where: { studioId: otherStudio.id, userId: who.counselor!.id } });
    await prisma.user.update({ where: { id: who.counselor!.id }, data: { active: false } });
    await worker.idle();
    expect(await titles(who.admin!, name, { type: "PERSON" })).not.toContain(name);
    await prisma.user.update({ where: { id: who.counselor!.id }, data: { active: true } });
    await worker.idle();
    expect(await titles(who.admin!, name, { type: "PERSON" })).toContain(name);
  });

  it("profiles, mentors, colleges, directions and outputs are followed too", async () => {
    await prisma.counselorProfile.update({ where: { userId: who.counselor!.id }, data: { specialtyTags: ["沙盘游戏辅导"] } });
    await prisma.mentor.update({ where: { userId: who.external!.id }, data: { bio: "擅长叙事疗法督导。" } });
    const college = await prisma.college.findFirstOrThrow({ where: { users: { some: { id: who.counselor!.id } } } });
    await prisma.college.update({ where: { id: college.id }, data: { name: "智能科学与技术学院" } });
    const direction = await prisma.direction.findFirstOrThrow({ where: { studioId: studio.id } });
    await prisma.direction.update({ where: { id: direction.id }, data: { name: "校园心理剧创作" } });
    const output = await prisma.output.create({ data: { studioId: studio.id, type: "COURSE", title: "情绪管理微课程", date: new Date("2025-09-01"), authors: { create: [{ name: "校外专家甲", position: 0 }] } } });
    await worker.idle();
    expect(await titles(who.counselor!, "沙盘游戏", { type: "PERSON" })).toContain(who.counselor!.name);
    expect(await titles(who.counselor!, "叙事疗法", { type: "PERSON" })).toContain(who.external!.name);
    expect(await titles(who.counselor!, "智能科学", { type: "PERSON", limit: 50 })).toContain(who.counselor!.name);
    expect(await titles(who.counselor!, "心理剧创作", { type: "STUDIO" })).toContain(studio.name);
    const found = await search(who.counselor!, params({ q: "情绪管理", type: "OUTPUT" }));
    expect(found.hits.map((h) => h.authors)).toContainEqual(["校外专家甲"]);
    await prisma.output.delete({ where: { id: output.id } });
    await prisma.college.update({ where: { id: college.id }, data: { name: college.name } });
    await worker.idle();
    expect(await titles(who.counselor!, "情绪管理", { type: "OUTPUT" })).not.toContain("情绪管理微课程");
  });

  it("writes nothing to the outbox when the change is rolled back", async () => {
    const before = await prisma.searchOutbox.count();
    await expect(
      prisma.$transaction(async (tx) => {
        await tx.document.create({ data: { studioId: studio.id, title: "不会保存的文档", type: "RESEARCH_NOTE", createdById: who.leader!.id } });
        expect(await tx.searchOutbox.count()).toBe(before + 1);
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");
    expect(await prisma.searchOutbox.count()).toBe(before);
  });

  it("does not index a document again when only its editor state is saved", async () => {
    const id = await createDocument({ studioId: studio.id, title: "只保存编辑状态", createdById: who.leader!.id });
    await worker.idle();
    await prisma.document.update({ where: { id }, data: { yState: Buffer.from([1, 2, 3]) } });
    expect(await prisma.searchOutbox.count({ where: { kind: "document", recordId: id } })).toBe(0);
  });
});

describe("synonyms are data 学工部 edits", () => {
  it("the defaults apply from the start: 思政 finds 思想政治 and back, 心理辅导 finds 心理咨询", async () => {
    const ids = [
      await createDocument({ studioId: studio.id, title: "大学生思想政治素养调查报告", createdById: who.leader!.id }),
      await createDocument({ studioId: studio.id, title: "专业课程思政协同方案", createdById: who.leader!.id }),
      await createDocument({ studioId: studio.id, title: "朋辈心理咨询站值班安排", createdById: who.leader!.id }),
    ];
    await worker.idle();
    // Research notes only: the demo school's studios and people say 思政 often.
    const notes = { type: "RESEARCH_NOTE", limit: 50 };
    const ideology = await search(who.leader!, params({ q: "思政", ...notes }));
    expect(ideology.hits.map((h) => h.title.join(""))).toEqual(expect.arrayContaining(["大学生思想政治素养调查报告", "专业课程思政协同方案"]));
    expect(ideology.partial).toBe(false);
    expect(await titles(who.leader!, "思想政治", notes)).toEqual(expect.arrayContaining(["大学生思想政治素养调查报告", "专业课程思政协同方案"]));
    // Newest first across the variants, counted once each.
    const byDate = await search(who.leader!, params({ q: "思政", ...notes, sort: "date" }));
    const dates = byDate.hits.map((h) => h.date ?? 0);
    expect(dates).toEqual([...dates].sort((x, y) => y - x));
    expect(byDate.total).toBe(ideology.total);
    expect(new Set(byDate.hits.map((h) => h.id)).size).toBe(byDate.hits.length);
    expect(byDate.hits.map((h) => h.title.join(""))).toEqual(expect.arrayContaining(["大学生思想政治素养调查报告", "专业课程思政协同方案"]));
    const counseling = await search(who.leader!, params({ q: "心理辅导值班", ...notes }));
    expect(counseling.hits.map((h) => h.title.join(""))).toContain("朋辈心理咨询站值班安排");
    expect(counseling.partial).toBe(false);
    // The synonym is marked where it matched.
    expect(ideology.hits.find((h) => h.title.join("") === "大学生思想政治素养调查报告")!.title).toEqual(["大学生", "思想政治", "素养调查报告"]);
    await prisma.document.deleteMany({ where: { id: { in: ids } } });
    await worker.idle();
  });

  it("a new group takes effect in search at once, and a deleted one stops", async () => {
    await createDocument({ studioId: studio.id, title: "寝室文化节方案", plainText: "寝室文化节包括内务评比。", createdById: who.leader!.id });
    await worker.idle();
    const before = await search(who.leader!, params({ q: "宿舍文化节" }));
    // Only 文化节 matches: a partial match, not the answer to the query.
    expect(before.partial).toBe(true);
    const group = await createSynonymGroup(["宿舍", "寝室"], who.admin!.id);
    forgetSynonymCache();
    const after = await search(who.leader!, params({ q: "宿舍文化节" }));
    expect(after.partial).toBe(false);
    expect(after.hits.map((h) => h.title.join(""))).toEqual(["寝室文化节方案"]);
    const audit = await prisma.auditLog.findFirst({ where: { action: "search-synonyms.create", entityId: group.id } });
    expect(audit?.actorId).toBe(who.admin!.id);
    await deleteSynonymGroup(group.id, who.admin!.id);
    forgetSynonymCache();
    expect((await search(who.leader!, params({ q: "宿舍文化节" }))).partial).toBe(true);
  });
});

describe("when nothing matches the whole query", () => {
  const docs: Record<string, string> = {};
  /** Documents of the test's studio only: the demo school's own records stay out of the ranking checks. */
  const inStudio = () => ({ studioIds: [studio.id], seesPublic: false, courses: { published: false, draftIds: [] }, meetings: { seriesIds: [], inviteeId: null } });
  beforeAll(async () => {
    for (const title of ["网络舆情研判与引导机制", "突发事件网络舆情应对预案", "新生入学引导手册", "校园网络舆情监测周报"]) {
      docs[title] = await createDocument({ studioId: studio.id, title, plainText: `${title}。本周工作记录。`, createdById: who.leader!.id });
    }
    await worker.idle();
  });

  it("舆论引导 finds the 舆情…引导 documents through the default synonyms, as a full match", async () => {
    const result = await search(who.leader!, params({ q: "舆论引导" }));
    expect(result.partial).toBe(false);
    expect(result.hits.map((h) => h.title.join(""))).toContain("网络舆情研判与引导机制");
    expect(result.hits.map((h) => h.title.join(""))).not.toContain("新生入学引导手册");
  });

  it("falls back to partial matches, flagged, ranked by how much of the query they cover", async () => {
    const result = await search(who.leader!, params({ q: "舆论引导锦囊", limit: 50 }), { scope: inStudio() });
    expect(result.partial).toBe(true);
    const found = result.hits.map((h) => h.title.join(""));
    // 舆论(→舆情) and 引导 cover four of six characters; the others one word of the query.
    const both = found.indexOf("网络舆情研判与引导机制");
    expect(both).toBeGreaterThanOrEqual(0);
    for (const title of ["突发事件网络舆情应对预案", "新生入学引导手册", "校园网络舆情监测周报"]) expect(found.indexOf(title)).toBeGreaterThan(both);
    expect(result.total).toBe(result.hits.length);
    // Matched parts are marked.
    expect(result.hits[both]!.title).toEqual(["网络", "舆情", "研判与", "引导", "机制"]);
  });

  it("without the synonym group, 舆论引导 still finds the 舆情…引导 documents, as partial matches", async () => {
    const group = await prisma.searchSynonymGroup.findUniqueOrThrow({ where: { id: "syn-opinion" } });
    await deleteSynonymGroup(group.id, who.admin!.id);
    forgetSynonymCache();
    try {
      const result = await search(who.leader!, params({ q: "舆论引导", limit: 50 }), { scope: inStudio() });
      expect(result.partial).toBe(true);
      expect(result.hits.map((h) => h.title.join(""))).toEqual(expect.arrayContaining(["网络舆情研判与引导机制", "新生入学引导手册"]));
    } finally {
      await createSynonymGroup(group.terms, who.admin!.id);
      forgetSynonymCache();
    }
  });

  it("counts facets and pages over the partial matches, and keeps filters", async () => {
    const all = await search(who.leader!, params({ q: "舆论引导锦囊", limit: 2 }));
    expect(all.partial).toBe(true);
    expect(all.total).toBeGreaterThan(2);
    expect(all.pages).toBe(Math.ceil(all.total / 2));
    const second = await search(who.leader!, params({ q: "舆论引导锦囊", limit: 2, page: 2 }));
    expect(second.hits).toHaveLength(2);
    expect(second.hits.map((h) => h.id)).not.toContain(all.hits[0]!.id);
    expect(all.facets.type.reduce((sum, v) => sum + v.count, 0)).toBe(all.total);
    const cases = await search(who.leader!, params({ q: "舆论引导锦囊", type: "RESEARCH_NOTE", limit: 50 }));
    expect(cases.partial).toBe(true);
    expect(cases.hits.length).toBeGreaterThan(0);
    expect(cases.hits.every((h) => h.type === "RESEARCH_NOTE")).toBe(true);
  });

  it("never flags an exact match as partial", async () => {
    for (const title of Object.keys(docs)) {
      for (const q of [title, title.slice(0, 4), title.slice(2, 7)]) {
        const result = await search(who.leader!, params({ q }));
        expect(result.partial, q).toBe(false);
        expect(result.hits.map((h) => h.id), q).toContain(docs[title]);
      }
    }
  });

  it("says nothing was found when no part matches either", async () => {
    const none = await search(who.leader!, params({ q: "甲乙丙丁戊己庚" }));
    expect(none).toMatchObject({ total: 0, hits: [], partial: false });
  });
});
