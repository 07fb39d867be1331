import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/db/client.server.ts";
import type { MentorAssignmentStatus, Role, StudioRole } from "~/generated/prisma/enums.ts";
import type { Actor } from "~/policy/index.ts";
import { defaultEngine, dropIndexes } from "~/search/engine.server.ts";
import { createOutboxWorker, type OutboxWorker } from "~/search/outbox.server.ts";
import { searchParamsSchema } from "~/search/schemas.ts";
import { search } from "~/search/search.server.ts";
import { random } from "../fixtures/search/corpus.ts";

/**
 * Randomised: people with random roles, studios, memberships, mentor assignments in every
 * status and documents; then every person's search results are checked, both ways (nothing they
 * may not open, everything they may), against an expectation written here from the rule itself
 * — 学工部 reads every studio's documents, a member (any role) their studio's, a mentor those of
 * the studios where one of their assignments is ACCEPTED; nobody else (college admins, other
 * counselors, mentors whose assignment is proposed, invited, declined or excluded) — and read
 * straight from the database. Search filters by the policy module, so the expectation must not
 * ask the policy too: a broken rule would then change both sides and pass.
 */

const TOKEN = "权限核验";
const rand = random(6006);
const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;
const id = () => crypto.randomUUID();

let worker: OutboxWorker;
const users: Array<Actor & { name: string }> = [];
const studios: Array<{ id: string; directionIds: string[] }> = [];
const documentStudio = new Map<string, string>();

type Via = "admin" | "member" | "mentor";

/**
 * The documents of this test the person may open, by which of the three ways in; and how many
 * they may not although they have an assignment to one of its studio's directions that is not
 * ACCEPTED (the case a careless rule lets through).
 */
async function expectedFor(actor: Actor): Promise<{ visible: Map<string, Via>; shutOutMentorships: number }> {
  const rows = await prisma.$queryRaw<Array<{ id: string; member: boolean; mentor: boolean; otherAssignment: boolean }>>`
    SELECT doc."id",
      EXISTS (SELECT 1 FROM "StudioMembership" m WHERE m."studioId" = doc."studioId" AND m."userId" = ${actor.id}) AS "member",
      EXISTS (
        SELECT 1 FROM "MentorAssignment" a
        JOIN "Mentor" mt ON mt."id" = a."mentorId"
        JOIN "Direction" dir ON dir."id" = a."directionId"
        WHERE dir."studioId" = doc."studioId" AND mt."userId" = ${actor.id} AND a."status" = 'ACCEPTED'
      ) AS "mentor",
      EXISTS (
        SELECT 1 FROM "MentorAssignment" a
        JOIN "Mentor" mt ON mt."id" = a."mentorId"
        JOIN "Direction" dir ON dir."id" = a."directionId"
        WHERE dir."studioId" = doc."studioId" AND mt."userId" = ${actor.id} AND a."status" <> 'ACCEPTED'
      ) AS "otherAssignment"
    FROM "Document" doc
    WHERE doc."id" = ANY(${[...documentStudio.keys()]}::text[])`;
  const visible = new Map<string, Via>();
  let shutOutMentorships = 0;
  for (const row of rows) {
    if (actor.roles.includes("ADMIN")) visible.set(row.id, "admin");
    else if (row.member) visible.set(row.id, "member");
    else if (row.mentor) visible.set(row.id, "mentor");
    else if (row.otherAssignment) shutOutMentorships += 1;
  }
  return { visible, shutOutMentorships };
}

async function foundBy(actor: Actor): Promise<Set<string>> {
  const found = new Set<string>();
  for (let page = 1; ; page++) {
    const result = await search(actor, searchParamsSchema.parse({ q: TOKEN, limit: 50, page }));
    for (const hit of result.hits) if (hit.kind === "document") found.add(hit.id);
    if (page >= result.pages) break;
  }
  return found;
}

/** Checks every person; returns how often each case occurred, so a test can tell it was not vacuous. */
async function checkEveryone() {
  const found = { admin: 0, member: 0, mentor: 0, shutOutMentorships: 0, peopleWithNothing: 0 };
  for (const user of users) {
    const [{ visible, shutOutMentorships }, hits] = await Promise.all([expectedFor(user), foundBy(user)]);
    expect([...hits].filter((d) => !visible.has(d)), `${user.name} sees documents they may not open`).toEqual([]);
    expect([...visible.keys()].filter((d) => !hits.has(d)), `${user.name} misses documents they may open`).toEqual([]);
    for (const via of visible.values()) found[via] += 1;
    found.shutOutMentorships += shutOutMentorships;
    if (hits.size === 0) found.peopleWithNothing += 1;
  }
  return found;
}

beforeAll(async () => {
  const roleSets: Role[][] = [["COUNSELOR"], ["COUNSELOR"], ["COUNSELOR"], ["MENTOR"], ["MENTOR"], ["ADMIN"], ["COLLEGE_ADMIN"], ["COUNSELOR", "MENTOR"]];
  const passwordHash = (await prisma.user.findFirstOrThrow({ select: { passwordHash: true } })).passwordHash;
  for (let i = 0; i < 24; i++) {
    const roles = pick(roleSets);
    const user = await prisma.user.create({
      data: { id: id(), username: `perm${i}`, name: `权限用户${i}`, passwordHash, roles, ...(roles.includes("MENTOR") ? { mentor: { create: { kind: pick(["INTERNAL", "EXTERNAL"] as const) } } } : {}) },
      select: { id: true, roles: true, collegeId: true, name: true },
    });
    users.push(user);
  }
  for (let s = 0; s < 6; s++) {
    const studio = await prisma.studio.create({
      data: { id: id(), name: `随机工作室${s}`, duty: "RESEARCH", directions: { create: [{ name: "方向甲" }, { name: "方向乙" }] } },
      select: { id: true, directions: { select: { id: true } } },
    });
    studios.push({ id: studio.id, directionIds: studio.directions.map((d) => d.id) });
    const roles: StudioRole[] = ["LEADER", "BACKBONE", "NEWCOMER", "NEWCOMER"];
    const members = users.filter(() => rand() < 0.25);
    await prisma.studioMembership.createMany({ data: members.map((u, i) => ({ studioId: studio.id, userId: u.id, role: roles[Math.min(i, 3)]! })) });
  }
  const mentors = await prisma.mentor.findMany({ where: { userId: { in: users.map((u) => u.id) } } });
  const statuses: MentorAssignmentStatus[] = ["PROPOSED", "INVITED", "ACCEPTED", "DECLINED", "EXCLUDED"];
  for (const mentor of mentors) {
    for (const studio of studios) {
      if (rand() < 0.4) await prisma.mentorAssignment.create({ data: { mentorId: mentor.id, directionId: pick(studio.directionIds), status: pick(statuses) } });
    }
  }
  const authors = users.filter((u) => u.roles.includes("COUNSELOR"));
  for (let d = 0; d < 60; d++) {
    const studio = pick(studios);
    const doc = await prisma.document.create({
      data: { studioId: studio.id, title: `${TOKEN}文档${d}`, plainText: `第${d}份用于${TOKEN}的材料。`, type: pick(["RESEARCH_NOTE", "CASE_STUDY", "MEETING_MINUTES"] as const), createdById: pick(authors).id },
    });
    documentStudio.set(doc.id, studio.id);
  }
  worker = createOutboxWorker({ pollMs: 500 });
  await worker.start(() => {});
  await worker.idle(120_000);
}, 180_000);

afterAll(async () => {
  await worker?.stop();
  await dropIndexes(defaultEngine());
});

describe("search results show exactly what each person may open", () => {
  it("for random people, studios, memberships and mentor assignments", async () => {
    const found = await checkEveryone();
    // Every way in, and every way of being shut out, occurs among the random people.
    expect(found.admin).toBeGreaterThan(0);
    expect(found.member).toBeGreaterThan(0);
    expect(found.mentor).toBeGreaterThan(0);
    expect(found.shutOutMentorships).toBeGreaterThan(0);
    expect(found.peopleWithNothing).toBeGreaterThan(0);
  });

  it("and still after memberships and mentor assignments change", async () => {
    for (let round = 0; round < 3; round++) {
      const memberships = await prisma.studioMembership.findMany({ where: { studioId: { in: studios.map((s) => s.id) } } });
      for (const m of memberships) if (rand() < 0.3) await prisma.studioMembership.delete({ where: { id: m.id } });
      for (const user of users) {
        const studio = pick(studios);
        if (rand() < 0.3) await prisma.studioMembership.upsert({ where: { studioId_userId: { studioId: studio.id, userId: user.id } }, create: { studioId: studio.id, userId: user.id, role: "NEWCOMER" }, update: {} });
      }
      const assignments = await prisma.mentorAssignment.findMany({ where: { direction: { studioId: { in: studios.map((s) => s.id) } } } });
      for (const a of assignments) {
        if (rand() < 0.5) await prisma.mentorAssignment.update({ where: { id: a.id }, data: { status: pick(["ACCEPTED", "DECLINED", "INVITED"] as const) } });
      }
      // Documents move between studios too.
      for (const [docId] of documentStudio) {
        if (rand() < 0.1) {
          const studio = pick(studios);
          await prisma.document.update({ where: { id: docId }, data: { studioId: studio.id } });
          documentStudio.set(docId, studio.id);
        }
      }
      await worker.idle(60_000);
      await checkEveryone();
    }
  }, 120_000);
});
