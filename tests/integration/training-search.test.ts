import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/db/client.server.ts";
import type { Actor } from "~/policy/index.ts";
import { defaultEngine, dropIndexes } from "~/search/engine.server.ts";
import { createOutboxWorker, type OutboxWorker } from "~/search/outbox.server.ts";
import { searchParamsSchema } from "~/search/schemas.ts";
import { search } from "~/search/search.server.ts";
import { addSession, createCourse, publishCourse } from "~/training/catalogue.server.ts";
import { courseSchema, sessionSchema } from "~/training/schemas.ts";
import { buildCollege, buildMentor, buildUser, unique } from "../support/factories.ts";

/**
 * Training courses in the site search: their own type (and facet value), indexed through the
 * outbox triggers, found only by those the list scope "training-course:view" lets see them among
 * the people who may browse the catalogue — drafts by their organisers alone.
 */

let worker: OutboxWorker;
const YEAR = new Date().getUTCFullYear();
const WORD = unique("培训检索");

async function course(organiser: Actor, title: string, options: { level?: "SCHOOL" | "COLLEGE"; collegeId?: string; publish?: boolean } = {}) {
  const platformId = (await prisma.trainingPlatform.findUniqueOrThrow({ where: { code: "SPECIAL" } })).id;
  const id = await createCourse(
    courseSchema.parse({ title, description: `关于${WORD}的专题培训`, platformId, level: options.level ?? "SCHOOL", collegeId: options.collegeId, year: YEAR, duties: ["CAREER"] }),
    organiser.id,
  );
  const start = new Date(Date.now() + 10 * 86_400_000);
  await addSession(id, sessionSchema.parse({ startsAt: start, endsAt: new Date(start.getTime() + 3_600_000), hours: 1 }), organiser.id);
  if (options.publish) await publishCourse(id, organiser.id);
  return id;
}

const found = async (actor: Actor, extra: Record<string, string> = {}) => {
  const result = await search(actor, searchParamsSchema.parse({ q: WORD, limit: 50, ...extra }));
  return result.hits.filter((hit) => hit.kind === "course").map((hit) => hit.title.join("")).sort();
};

let people: Record<"admin" | "collegeAdmin" | "otherCollegeAdmin" | "counselor" | "mentor", Actor>;
const titles = { published: `${WORD}公开课`, schoolDraft: `${WORD}校级草稿`, collegeDraft: `${WORD}院级草稿` };
let collegeDraftId = "";

beforeAll(async () => {
  worker = createOutboxWorker({ pollMs: 300 });
  await worker.start(() => {});
  const college = await buildCollege();
  people = {
    admin: await buildUser({ roles: ["ADMIN"] }),
    collegeAdmin: await buildUser({ roles: ["COLLEGE_ADMIN"], college }),
    otherCollegeAdmin: await buildUser({ roles: ["COLLEGE_ADMIN"] }),
    counselor: await buildUser({ college }),
    mentor: (await buildMentor({ kind: "EXTERNAL" })).user,
  };
  // The college organises on its own (≥6 full-time counselors), so its draft is its admin's.
  for (let i = 0; i < 6; i++) await buildUser({ college });
  await course(people.admin, titles.published, { publish: true });
  await course(people.admin, titles.schoolDraft);
  collegeDraftId = await course(people.collegeAdmin, titles.collegeDraft, { level: "COLLEGE", collegeId: college.id });
  await worker.idle(120_000);
}, 180_000);

afterAll(async () => {
  await worker?.stop();
  await dropIndexes(defaultEngine());
});

describe("courses in search", () => {
  it("are found by who may see them: published by all staff, drafts by their organisers, nothing by a mentor", { timeout: 120_000 }, async () => {
    // A change Meilisearch refused while the whole suite loads it is retried after a pause, and the
    // worker reports idle meanwhile: wait for the index rather than for the worker.
    await expect.poll(() => found(people.admin), { timeout: 90_000, interval: 500 }).toEqual([titles.collegeDraft, titles.published, titles.schoolDraft].sort());
    expect(await found(people.collegeAdmin)).toEqual([titles.collegeDraft, titles.published].sort());
    expect(await found(people.otherCollegeAdmin)).toEqual([titles.published]);
    expect(await found(people.counselor)).toEqual([titles.published]);
    expect(await found(people.mentor)).toEqual([]);
  });

  it("have their own type in the facet and filter, and lead to the course page", async () => {
    const result = await search(people.counselor, searchParamsSchema.parse({ q: WORD, type: "COURSE" }));
    expect(result.hits.map((hit) => hit.type)).toEqual(["COURSE"]);
    expect(result.hits[0]!.url).toMatch(/^\/training\/courses\/.+/);
    expect(result.hits[0]!.detail).toContain("专题培训");
    expect(result.facets.type).toEqual([{ value: "COURSE", count: 1 }]);
  });

  it("follow changes through the outbox: a published draft is found by everyone, a removed course by no one", { timeout: 240_000 }, async () => {
    await publishCourse(collegeDraftId, people.collegeAdmin.id);
    await worker.idle();
    await expect.poll(() => found(people.counselor), { timeout: 90_000, interval: 500 }).toEqual([titles.collegeDraft, titles.published].sort());
    await prisma.trainingCourse.delete({ where: { id: collegeDraftId } });
    await worker.idle();
    await expect.poll(() => found(people.admin), { timeout: 90_000, interval: 500 }).toEqual([titles.published, titles.schoolDraft].sort());
  });
});
