import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/db/client.server.ts";
import { xlsxRoster } from "../../tests/support/rosters.ts";
import { asUser, sessionUser } from "../../tests/support/signed-in.ts";
import { nameKeys } from "./name-keys.ts";
import { checkRoster, importRoster } from "./roster.server.ts";

/**
 * GET /people/lookup, behind the person pickers (inviting a team member, appointing a leader):
 * counselors by name, full pinyin, initials or 工号, for whoever may list people. Three counselors
 * come in through the roster import (so their keys are the import's) and leave afterwards.
 */
const IMPORTED = [
  ["LK0001", "单雄飞"],
  ["LK0002", "张明远"],
  ["LK0003", "尉迟敬"],
] as const;

type Answer = { q: string | null; people: Array<{ username: string; name: string; college: string | null }>; error: string | null };

async function lookup(q: string | null, as: string | null = "leader") {
  const route = await import("~/routes/people.lookup.tsx");
  const url = q === null ? "/people/lookup" : `/people/lookup?q=${encodeURIComponent(q)}`;
  const { status, data, response } = await asUser(as, route.loader as never, url);
  return { status, answer: data as Answer, response };
}
const found = async (q: string) => (await lookup(q)).answer.people.map((p) => p.username);

beforeAll(async () => {
  const admin = await sessionUser("admin");
  const file = await xlsxRoster([["工号", "姓名", "学院", "辅导员工作起始日期"], ...IMPORTED.map(([username, name]) => [username, name, "文学院", "2024-09-01"])]);
  const check = await checkRoster(admin, file, "lookup.xlsx");
  expect(check.issues).toEqual([]);
  await importRoster(admin, check, { initialPassword: "Chushi@2026", fileName: "lookup.xlsx" });
});

afterAll(async () => {
  const usernames = IMPORTED.map(([username]) => username);
  await prisma.$transaction([
    prisma.auditLog.deleteMany({ where: { action: "people.import" } }),
    prisma.counselorProfile.deleteMany({ where: { user: { username: { in: usernames } } } }),
    prisma.user.deleteMany({ where: { username: { in: usernames } } }),
  ]);
});

describe("finding a person for a picker", () => {
  it("finds 张明华 by name, part of it, full pinyin, initials and 工号", async () => {
    for (const q of ["张明华", "明华", "zhangminghua", "Zhang Minghua", "zhang'ming", "zmh", "ZMH", "leader"]) {
      expect({ q, found: await found(q) }).toEqual({ q, found: expect.arrayContaining(["leader"]) });
    }
    const { answer } = await lookup("zmh");
    expect(answer.people.find((p) => p.username === "leader")).toEqual({ username: "leader", name: "张明华", college: expect.any(String) });
  });

  it("zhang: everyone whose name starts with that syllable, in the order of the people lists", async () => {
    const { answer } = await lookup("zhang");
    expect(answer.people.map((p) => p.username)).toEqual(expect.arrayContaining(["leader", "LK0002"]));
    for (const person of answer.people) expect(nameKeys(person.name).namePinyin).toMatch(/^zhang/);
    const keys = answer.people.map((p) => [nameKeys(p.name).nameSortKey, p.username].join(" "));
    expect(keys).toEqual([...keys].sort());
  });

  it("reads surnames as surnames: shan and sxf find 单雄飞, dan does not; yuchi finds 尉迟敬", async () => {
    expect(await found("shan")).toContain("LK0001");
    expect(await found("sxf")).toContain("LK0001");
    expect(await found("danxiong")).toEqual([]);
    expect(await found("yuchijing")).toEqual(["LK0003"]);
    expect(await found("ycj")).toContain("LK0003");
  });

  it("finds only counselors who can still sign in", async () => {
    expect(await found("陈静")).toEqual([]); // 学工部, not a counselor
    await prisma.user.update({ where: { username: "LK0002" }, data: { active: false } });
    try {
      expect(await found("张明远")).toEqual([]);
    } finally {
      await prisma.user.update({ where: { username: "LK0002" }, data: { active: true } });
    }
  });

  it("is refused to whoever may not list people, and to the signed-out", async () => {
    expect((await lookup("zhang", "external")).status).toBe(403);
    expect((await lookup("zhang", "mentor")).status).toBe(403);
    const signedOut = await lookup("zhang", null);
    expect(signedOut.status).toBe(302);
    expect(signedOut.response?.headers.get("Location")).toMatch(/^\/login/);
  });

  it("answers an empty or overlong query with the reason, and reads % and _ as themselves", async () => {
    for (const q of [null, "", "   "]) {
      expect(await lookup(q)).toMatchObject({ status: 400, answer: { people: [], error: "请输入要查找的姓名、拼音或工号。" } });
    }
    expect(await lookup("张".repeat(41))).toMatchObject({ status: 400, answer: { people: [], error: "查找内容过长，最多 40 个字符。" } });
    expect((await lookup("张".repeat(40))).status).toBe(200);
    expect(await found("%")).toEqual([]);
    expect(await found("_")).toEqual([]);
    expect(await found("z%")).toEqual([]);
  });
});
