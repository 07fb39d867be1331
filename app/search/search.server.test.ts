import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/db/client.server.ts";
import type { Actor } from "~/policy/index.ts";
import { createDocument, demoActor, demoStudio } from "../../tests/support/search.ts";
import { defaultEngine, dropIndexes } from "./engine.server.ts";
import { createOutboxWorker, type OutboxWorker } from "./outbox.server.ts";
import { searchParamsSchema } from "./schemas.ts";
import { search } from "./search.server.ts";

/** Search on the real database and Meilisearch: the index follows the database through the outbox. */

let worker: OutboxWorker;
const who: Record<string, Actor & { name: string }> = {};
let studio: { id: string; name: string };
let otherStudio: { id: string; name: string };

const params = (input: Record<string, unknown>) => searchParamsSchema.parse(input);
const titles = async (actor: Actor, q: string, extra: Record<string, unknown> = {}) =>
  (await search(actor, params({ q, ...extra }))).hits.map((h) => h.title.join(""));

beforeAll(async () => {
  worker = createOutboxWorker({ pollMs: 500 });
  await worker.start(() => {});
  for (const username of ["admin", "college", "leader", "backbone", "counselor", "mentor", "external"]) who[username] = await demoActor(username);
  studio = await demoStudio();
  otherStudio = await prisma.studio.findFirstOrThrow({ where: { name: { contains: "启航" } }, select: { id: true, name: true } });
  const newcomer = await prisma.studioMembership.findFirstOrThrow({ where: { studioId: studio.id, role: "NEWCOMER" }, select: { userId: true } });
  who.newcomer = await prisma.user.findUniqueOrThrow({ where: { id: newcomer.userId }, select: { id: true, roles: true, collegeId: true, name: true } });
  await worker.idle(120_000);
}, 180_000);

afterAll(async () => {
  await worker.stop();
  await dropIndexes(defaultEngine());
});

describe("the index follows the database", () => {
  it("builds the index from the seeded university: studios, people and outputs", async () => {
    expect(await titles(who.counselor!, "心晴")).toContain(studio.name);
    const people = await search(who.counselor!, params({ q: "张明华", type: "PERSON" }));
    expect(people.hits.map((h) => h.title.join(""))).toContain("张明华");
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
