import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/db/client.server.ts";
import { xlsxRoster } from "../../tests/support/rosters.ts";
import { asUser, sessionUser } from "../../tests/support/signed-in.ts";
import { refreshNameKeys } from "./name-keys.server.ts";
import { checkRoster, importRoster } from "./roster.server.ts";

/**
 * People are listed by the reading of their surname (沈 shěn, 翟 zhái), then by 工号: in the
 * directory, the roster export, after renaming and re-importing. The people are imported through
 * the real roster import into a college of their own, and removed afterwards.
 */
const COLLEGE = { code: "PYPX", name: "拼音排序测试学院" };
const HEADER = ["工号", "姓名", "学院", "辅导员工作起始日期", "职称"];
const PEOPLE = [
  ["PY0001", "翟亮"],
  ["PY0002", "丁一"],
  ["PY0003", "沈明"],
  ["PY0004", "包拯"],
  ["PY0005", "戴安"],
  ["PY0007", "陈晨"],
  ["PY0006", "陈晨"],
] as const;
const usernames = PEOPLE.map(([username]) => username);
let collegeId = "";

async function importPeople(rows: ReadonlyArray<readonly [string, string]>) {
  const admin = await sessionUser("admin");
  const file = await xlsxRoster([HEADER, ...rows.map(([username, name]) => [username, name, COLLEGE.name, "2024-09-01", "讲师"])]);
  const check = await checkRoster(admin, file, "名单.xlsx");
  expect(check.issues).toEqual([]);
  await importRoster(admin, check, { initialPassword: "Chushi@2026", fileName: "名单.xlsx" });
}

/** Names and 工号 of the directory page filtered to the test college, in the order shown. */
async function directoryOrder() {
  const directory = await import("~/routes/people._index.tsx");
  const { data } = await asUser("admin", directory.loader as never, `/people?collegeId=${collegeId}`);
  return (data as { rows: Array<{ name: string; username: string }> }).rows.map((r) => `${r.name} ${r.username}`);
}

beforeAll(async () => {
  collegeId = (await prisma.college.create({ data: COLLEGE })).id;
  await importPeople(PEOPLE);
});

afterAll(async () => {
  const ids = (await prisma.user.findMany({ where: { username: { in: usernames } }, select: { id: true } })).map((u) => u.id);
  await prisma.$transaction([
    prisma.auditLog.deleteMany({ where: { OR: [{ entityId: { in: ids } }, { action: "people.import" }] } }),
    prisma.studioMembership.deleteMany({ where: { userId: { in: ids } } }),
    prisma.counselorProfile.deleteMany({ where: { userId: { in: ids } } }),
    prisma.user.deleteMany({ where: { id: { in: ids } } }),
    prisma.college.delete({ where: { id: collegeId } }),
  ]);
});

const EXPECTED = ["包拯 PY0004", "陈晨 PY0006", "陈晨 PY0007", "戴安 PY0005", "丁一 PY0002", "沈明 PY0003", "翟亮 PY0001"];

describe("people in the order of their surnames' pinyin", () => {
  it("/people puts 沈 (shěn) after 陈 and 丁, 翟 (zhái) after 丁, and people of one name by 工号", async () => {
    expect(await directoryOrder()).toEqual(EXPECTED);
  });

  it("the roster export lists them in the same order", async () => {
    const exporting = await import("~/routes/people.export.tsx");
    const { response } = await asUser("admin", exporting.loader as never, `/people/export?collegeId=${collegeId}`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await response!.arrayBuffer()) as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    const rows: string[] = [];
    sheet.eachRow((row, number) => {
      if (number > 1) rows.push(`${row.getCell(2).text} ${row.getCell(1).text}`);
    });
    expect(rows).toEqual(EXPECTED);
  });

  it("a studio's team: the leader first, then each role by name", async () => {
    const studio = await prisma.studio.findFirstOrThrow({ where: { archivedAt: null, memberships: { some: { role: "LEADER" } } }, orderBy: { name: "asc" } });
    const people = await prisma.user.findMany({ where: { username: { in: ["PY0001", "PY0003", "PY0006", "PY0004"] } } });
    const id = (username: string) => people.find((p) => p.username === username)!.id;
    // Fixture rows: joined in the opposite of name order, so joining order cannot pass for name order.
    await prisma.studioMembership.createMany({
      data: [
        { studioId: studio.id, userId: id("PY0001"), role: "NEWCOMER", joinedAt: new Date("2026-01-01") },
        { studioId: studio.id, userId: id("PY0003"), role: "NEWCOMER", joinedAt: new Date("2026-02-01") },
        { studioId: studio.id, userId: id("PY0006"), role: "NEWCOMER", joinedAt: new Date("2026-03-01") },
        { studioId: studio.id, userId: id("PY0004"), role: "BACKBONE", joinedAt: new Date("2026-04-01") },
      ],
    });
    const teamPage = await import("~/routes/studios.$studioId.team.tsx");
    const leader = await prisma.user.findFirstOrThrow({ where: { memberships: { some: { studioId: studio.id, role: "LEADER" } } } });
    const { data } = await asUser(leader.username, teamPage.loader as never, `/studios/${studio.id}/team`, { params: { studioId: studio.id } });
    const team = (data as { team: Array<{ name: string; role: string }> }).team;
    expect(team[0]?.role).toBe("LEADER");
    const ours = team.filter((m) => ["翟亮", "沈明", "陈晨", "包拯"].includes(m.name)).map((m) => `${m.role} ${m.name}`);
    expect(ours).toEqual(["BACKBONE 包拯", "NEWCOMER 陈晨", "NEWCOMER 沈明", "NEWCOMER 翟亮"]);
    const roles = team.map((m) => m.role);
    expect(roles).toEqual([...roles].sort((a, b) => ["LEADER", "BACKBONE", "NEWCOMER"].indexOf(a) - ["LEADER", "BACKBONE", "NEWCOMER"].indexOf(b)));
  });

  it("a new name takes its place at once: renamed on the edit page, or by a re-imported roster", async () => {
    const edit = await import("~/routes/people.$userId.edit.tsx");
    const bao = await prisma.user.findUniqueOrThrow({ where: { username: "PY0004" } });
    const renamed = await asUser("admin", edit.action as never, `/people/${bao.id}/edit`, {
      params: { userId: bao.id },
      form: { intent: "record", name: "邹拯", title: "LECTURER", counselorSince: "2024-09-01" },
    });
    expect(renamed.status).toBe(200);
    expect(await directoryOrder()).toEqual([...EXPECTED.slice(1), "邹拯 PY0004"]);
    // The roster of the college, re-imported with 丁一 now written 曾一 (曾 as a surname: zēng).
    await importPeople([["PY0002", "曾一"]]);
    expect(await directoryOrder()).toEqual(["陈晨 PY0006", "陈晨 PY0007", "戴安 PY0005", "沈明 PY0003", "曾一 PY0002", "翟亮 PY0001", "邹拯 PY0004"]);
    expect(await prisma.user.findUniqueOrThrow({ where: { username: "PY0002" }, select: { namePinyin: true, nameInitials: true } })).toEqual({ namePinyin: "zengyi", nameInitials: "zy" });
  });

  it("keys missing (rows from before the migration) or stale (a name changed outside the app) are corrected at start-up", async () => {
    await prisma.user.update({ where: { username: "PY0003" }, data: { nameSortKey: null, namePinyin: null, nameInitials: null } });
    await prisma.$executeRaw`UPDATE "User" SET name = '单明' WHERE username = 'PY0005'`;
    expect(await refreshNameKeys()).toBe(2);
    expect(await prisma.user.findMany({ where: { username: { in: ["PY0003", "PY0005"] } }, orderBy: { username: "asc" }, select: { nameSortKey: true, nameInitials: true } })).toEqual([
      { nameSortKey: "shen3ming2", nameInitials: "sm" },
      { nameSortKey: "shan4ming2", nameInitials: "sm" },
    ]);
    // Everyone else, the demo university included, was already current.
    expect(await refreshNameKeys()).toBe(0);
  });
});
