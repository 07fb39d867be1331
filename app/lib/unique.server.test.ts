import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { prisma } from "~/db/client.server.ts";
import { intentAction } from "~/lib/actions.server.ts";
import { isUserError } from "~/lib/user-error.ts";
import { permit } from "~/policy/index.ts";
import { createMentor } from "~/mentors/pool.server.ts";
import { newMentorFormSchema } from "~/mentors/schemas.ts";
import { saveDirection } from "~/studios/directions.server.ts";
import { updateStudioOfficial } from "~/studios/studios.server.ts";
import { createJointGroup, updateJointGroup } from "~/training/organisers.server.ts";
import { createPlatform, updatePlatform } from "~/training/plans.server.ts";
import { buildCast, buildCollege, buildStudio, buildUser, unique } from "../../tests/support/factories.ts";
import { whileAnotherSaves } from "../../tests/support/races.ts";
import { asUser, cookieFor } from "../../tests/support/signed-in.ts";

/**
 * Issue 27, item 4: a name or code that must be unique, saved by two people at the same moment.
 * Both pass the service's check; the database's unique index stops the second, and that person
 * reads the same refusal (409) the check gives one after the other — never a 500.
 */
const refusal = (outcome: PromiseSettledResult<unknown>) => {
  if (outcome.status === "fulfilled") return { saved: true };
  if (!isUserError(outcome.reason)) throw outcome.reason;
  return {
    key: outcome.reason.key,
    params: outcome.reason.params,
    status: outcome.reason.status,
  };
};
const studioInput = (name: string) => ({
  name,
  duty: "CAREER" as const,
  level: "SCHOOL" as const,
  budgetYuan: 1000,
  description: "",
  platform: "",
});

let adminId: string;
beforeAll(async () => {
  adminId = (await buildUser({ roles: ["ADMIN"] })).id;
});

describe("a studio renamed to a name another rename takes at the same moment", () => {
  it("the second is told the name is taken, as when one follows the other", async () => {
    const [first, second] = [await buildStudio(), await buildStudio()];
    const name = unique("同名工作室");
    const outcome = await whileAnotherSaves([[`UPDATE "Studio" SET name = $1 WHERE id = $2`, [name, first.id]]], () =>
      updateStudioOfficial(second.id, studioInput(name), adminId)
    );
    expect(refusal(outcome)).toEqual({
      key: "studios.errors.nameTaken",
      params: { name },
      status: 409,
    });
    expect((await prisma.studio.findUniqueOrThrow({ where: { id: second.id } })).name).toBe(second.name);
    // One after the other: the same answer.
    const sequential = await updateStudioOfficial(second.id, studioInput(name), adminId).then(
      () => null,
      (e: unknown) => e
    );
    expect(isUserError(sequential) && sequential.key).toBe("studios.errors.nameTaken");
  });

  it("two renames at once through the page: one saved, the other 409 with the sentence, no 500", async () => {
    const admin = await buildUser({ roles: ["ADMIN"] });
    const [a, b] = [await buildStudio(), await buildStudio()];
    const edit = await import("~/routes/studios.$studioId.edit.tsx");
    let name = unique("并发改名");
    const post = (studioId: string) =>
      asUser(admin.username, edit.action, `/studios/${studioId}/edit`, {
        params: { studioId },
        form: {
          intent: "official",
          name,
          duty: "CAREER",
          level: "SCHOOL",
          budgetYuan: "1000",
          foundedOn: "2024-09-01",
          platform: "",
          description: "",
        },
      });
    const through = await whileAnotherSaves([[`UPDATE "Studio" SET name = $1 WHERE id = $2`, [name, a.id]]], () => post(b.id));
    expect(through.status).toBe("fulfilled");
    const answer = (through as PromiseFulfilledResult<Awaited<ReturnType<typeof post>>>).value;
    expect(answer.status).toBe(409);
    expect(answer.data).toMatchObject({
      intent: "official",
      status: "error",
      error: `已有名为“${name}”的工作室。`,
    });
    name = unique("并发改名");
    // And the plain race, as two people make it: whichever comes second reads the sentence.
    const both = await Promise.all([post(a.id), post(b.id)]);
    expect(both.map((r) => r.status).sort()).toEqual([200, 409]);
  });
});

describe("a direction renamed at the same moment to the name another takes", () => {
  it("is refused with the direction's sentence", async () => {
    const { studio } = await buildCast({ studio: { directions: 2 } });
    const [one, two] = studio.directions;
    const name = unique("方向");
    const input = {
      name,
      keywords: [],
      internalMentorTarget: 1,
      externalMentorTarget: 0,
    };
    const outcome = await whileAnotherSaves([[`UPDATE "Direction" SET name = $1 WHERE id = $2`, [name, one!.id]]], () =>
      saveDirection(studio.id, two!.id, input, adminId)
    );
    expect(refusal(outcome)).toEqual({
      key: "studios.errors.directionNameTaken",
      params: { name },
      status: 409,
    });
    // A new one with that name, created as the other is renamed: the same.
    const created = await whileAnotherSaves([[`UPDATE "Direction" SET name = $1 WHERE id = $2`, [`${name}·新`, one!.id]]], () =>
      saveDirection(studio.id, undefined, { ...input, name: `${name}·新` }, adminId)
    );
    expect(refusal(created)).toEqual({
      key: "studios.errors.directionNameTaken",
      params: { name: `${name}·新` },
      status: 409,
    });
  });
});

describe("training's joint groups and platform codes", () => {
  it("a group created under a name another group takes at that moment is refused", async () => {
    const [c1, c2] = [await buildCollege(), await buildCollege()];
    const existing = await createJointGroup({ name: unique("联合组"), collegeIds: [c1.id] }, adminId);
    const name = unique("联合组");
    const outcome = await whileAnotherSaves([[`UPDATE "JointTrainingGroup" SET name = $1 WHERE id = $2`, [name, existing]]], () =>
      createJointGroup({ name, collegeIds: [c2.id] }, adminId)
    );
    expect(refusal(outcome)).toEqual({
      key: "training.errors.groupNameTaken",
      params: { name },
      status: 409,
    });
    const renamed = await createJointGroup({ name: unique("联合组"), collegeIds: [c2.id] }, adminId);
    const again = unique("联合组");
    const rename = await whileAnotherSaves([[`UPDATE "JointTrainingGroup" SET name = $1 WHERE id = $2`, [again, existing]]], () =>
      updateJointGroup(renamed, { name: again, collegeIds: [c2.id] }, adminId)
    );
    expect(refusal(rename)).toEqual({
      key: "training.errors.groupNameTaken",
      params: { name: again },
      status: 409,
    });
  });

  it("a platform code taken at that moment is refused with the code's sentence", async () => {
    const platform = (code: string) => ({
      code,
      nameZh: "测试平台",
      nameEn: "Test platform",
      external: false,
      nationalOrProvincial: false,
      induction: false,
      sortOrder: 100,
    });
    const code = `RACE_${Date.now().toString(36).toUpperCase()}`;
    const first = await createPlatform(platform(`${code}_A`), adminId);
    const outcome = await whileAnotherSaves([[`UPDATE "TrainingPlatform" SET code = $1 WHERE id = $2`, [code, first]]], () =>
      createPlatform(platform(code), adminId)
    );
    expect(refusal(outcome)).toEqual({
      key: "training.errors.platformCodeTaken",
      params: { code },
      status: 400,
    });
    const second = await createPlatform(platform(`${code}_B`), adminId);
    const rename = await whileAnotherSaves([[`UPDATE "TrainingPlatform" SET code = $1 WHERE id = $2`, [`${code}_C`, first]]], () =>
      updatePlatform(second, platform(`${code}_C`), adminId)
    );
    expect(refusal(rename)).toEqual({
      key: "training.errors.platformCodeTaken",
      params: { code: `${code}_C` },
      status: 400,
    });
  });
});

describe("a unique violation no service names", () => {
  // A made-up intent writing a taken name straight through Prisma, on the real protocol and database.
  const action = intentAction({
    intents: (intent) => ({
      create: intent({
        schema: z.object({ intent: z.literal("create"), name: z.string() }),
        authorize: ({ user }) => permit(user, "notification:open", { userId: user.id }),
        run: async (_call, { name }) => {
          await prisma.college.create({ data: { code: unique("C").replace(/\W/g, "").slice(-20), name } });
        },
      }),
    }),
  });

  it("answers 409 with a general sentence in the person's language, not the error page", async () => {
    const person = await buildUser();
    const college = await buildCollege();
    const answer = async (lang: string) => {
      const request = new Request(`http://localhost/test?lng=${lang}`, {
        method: "POST",
        headers: { Cookie: await cookieFor(person.username), "Accept-Language": lang },
        body: new URLSearchParams({ intent: "create", name: college.name }),
      });
      const result = (await action({ request, params: {}, context: {} })) as unknown as { data: { status: string; error: string }; init: { status: number } };
      return { status: result.init.status, reply: result.data };
    };
    expect(await answer("zh-CN")).toMatchObject({ status: 409, reply: { status: "error", error: "刚有人保存了同样的名称或编号，请换一个再试。" } });
    expect(await answer("en")).toMatchObject({ status: 409, reply: { error: "Someone has just saved the same name or code; please choose another and try again." } });
  });

  it("other database errors still reach the error page", async () => {
    const person = await buildUser();
    const broken = intentAction({
      intents: (intent) => ({
        go: intent({
          schema: z.object({ intent: z.literal("go") }),
          authorize: ({ user }) => permit(user, "notification:open", { userId: user.id }),
          run: async () => {
            await prisma.studio.update({ where: { id: "no-such-studio" }, data: { name: "x" } });
          },
        }),
      }),
    });
    const request = new Request("http://localhost/test", { method: "POST", headers: { Cookie: await cookieFor(person.username) }, body: new URLSearchParams({ intent: "go" }) });
    await expect(broken({ request, params: {}, context: {} })).rejects.toMatchObject({ code: "P2025" });
  });
});

describe("a new external mentor's account taken at the same moment", () => {
  it("is refused with the account's sentence", async () => {
    const username = `ext-race-${Date.now().toString(36)}`;
    const input = newMentorFormSchema.parse({ kind: "EXTERNAL", username, name: "王律师", organisation: "某律师事务所", rank: "ASSOCIATE", primaryDuty: "CRISIS", capacity: "2", available: true });
    const outcome = await whileAnotherSaves(
      [[`INSERT INTO "User" (id, username, "passwordHash", name, roles, "updatedAt") VALUES ($1, $2, 'x', '同时建的账号', '{MENTOR}', now())`, [`race-${username}`, username]]],
      () => createMentor(adminId, input),
    );
    expect(refusal(outcome)).toEqual({ key: "mentors.errors.usernameTaken", params: { username }, status: 409 });
  });
});
