import { describe, expect, it } from "vitest";
import { prisma } from "~/db/client.server.ts";
import { action as editAction, loader as editLoader } from "~/routes/camp.$campId_.edit.tsx";
import { action as newAction, loader as newLoader } from "~/routes/camp.new.tsx";
import { buildCollege, buildMentor, buildUser } from "../../../tests/support/factories.ts";
import { campForm } from "../../../tests/support/camp-setup-forms.ts";
import { asUser } from "../../../tests/support/signed-in.ts";
import { openCamp } from "./transitions.server.ts";

/**
 * Creating and changing a camp (/camp/new, /camp/:id/edit): 学工部 creates it with the seed's four
 * rounds weighted 30/20/25/25 and a copy of the built-in rubric for each judged round; bad settings
 * are refused in Chinese with nothing written; counselors, college admins and mentors may not;
 * once open only the schedule of the rounds may change.
 */

const createdId = (response: Response | null) => response!.headers.get("Location")!.split("/").at(-1)!;
const text = (data: unknown) => JSON.stringify(data);

describe("creating a camp", () => {
  it("makes a draft with the four rounds of the seed, their defaults and a rubric copied from the built-in templates", async () => {
    const admin = await buildUser({ roles: ["ADMIN"] });
    const organiser = await buildUser();
    const shown = await asUser(admin.username, newLoader, "/camp/new");
    expect(shown.status).toBe(200);
    const title = `训练营-${organiser.username}`;
    const created = await asUser(admin.username, newAction, "/camp/new", { form: { intent: "create", ...campForm(title, { organisers: organiser.username }) } });
    expect(created.status).toBe(302);
    const campId = createdId(created.response);
    const camp = await prisma.camp.findUniqueOrThrow({
      where: { id: campId },
      select: {
        status: true,
        year: true,
        createdById: true,
        organisers: { select: { userId: true } },
        rounds: { orderBy: { position: "asc" }, select: { kind: true, enabled: true, weight: true, position: true, durationMinutes: true, photosPerPerson: true, identificationPoints: true, scoringRule: true, rubricId: true } },
      },
    });
    expect(camp).toMatchObject({ status: "DRAFT", year: 2026, createdById: admin.id, organisers: [{ userId: organiser.id }] });
    expect(camp.rounds.map((r) => [r.kind, r.enabled, Number(r.weight), r.position])).toEqual([
      ["KNOWLEDGE_TEST", true, 30, 1],
      ["IDENTIFICATION", true, 20, 2],
      ["CASE_STUDY", true, 25, 3],
      ["TALK", true, 25, 4],
    ]);
    expect(camp.rounds[1]).toMatchObject({ photosPerPerson: 10, identificationPoints: { name: 3, className: 1, dorm: 1 } });
    expect(camp.rounds[3]).toMatchObject({ scoringRule: "TRIMMED_MEAN" });
    expect(camp.rounds.slice(0, 2).every((r) => r.rubricId === null)).toBe(true);

    // The talk's rubric is the issue's: a copy of the built-in template, not the template itself.
    const talk = await prisma.rubric.findUniqueOrThrow({ where: { id: camp.rounds[3]!.rubricId! }, select: { isTemplate: true, criteria: { orderBy: { position: "asc" }, select: { name: true, weight: true } } } });
    expect(talk.isTemplate).toBe(false);
    expect(talk.criteria.map((c) => `${c.name} ${c.weight}`)).toEqual(["抓住主题 25", "以理服人 25", "语言与态度 20", "消除顾虑 20", "效果 10"]);

    // A second camp reuses the built-in templates (one per kind) and gets copies of its own.
    const again = await asUser(admin.username, newAction, "/camp/new", { form: { intent: "create", ...campForm(`${title}-2`) } });
    expect(again.status).toBe(302);
    const templates = await prisma.rubric.groupBy({ by: ["kind"], where: { isTemplate: true, builtIn: true }, _count: { _all: true } });
    expect(templates.map((t) => [t.kind, t._count._all]).sort()).toEqual([["CASE_STUDY", 1], ["TALK", 1]]);
    const rubricIds = await prisma.campRound.findMany({ where: { campId: { in: [campId, createdId(again.response)] }, rubricId: { not: null } }, select: { rubricId: true } });
    expect(new Set(rubricIds.map((r) => r.rubricId)).size).toBe(4);
  });

  it("switches rounds off and sets a cut from an earlier round", async () => {
    const admin = await buildUser({ roles: ["ADMIN"] });
    const title = `无人物辨识-${admin.username}`;
    const created = await asUser(admin.username, newAction, "/camp/new", {
      form: { intent: "create", ...campForm(title, { "rounds.IDENTIFICATION.enabled": "", "rounds.IDENTIFICATION.weight": "0", "rounds.CASE_STUDY.cutFrom": "KNOWLEDGE_TEST", "rounds.CASE_STUDY.cutTop": "30" }) },
    });
    expect(created.status).toBe(302);
    const rounds = await prisma.campRound.findMany({ where: { campId: createdId(created.response) }, select: { id: true, kind: true, enabled: true, cutFromRoundId: true, cutTop: true } });
    const byKind = Object.fromEntries(rounds.map((r) => [r.kind, r]));
    expect(byKind.IDENTIFICATION!.enabled).toBe(false);
    expect(byKind.CASE_STUDY).toMatchObject({ cutFromRoundId: byKind.KNOWLEDGE_TEST!.id, cutTop: 30 });
    expect(byKind.TALK!.cutFromRoundId).toBeNull();
  });

  it("refuses bad settings in Chinese and writes nothing", async () => {
    const admin = await buildUser({ roles: ["ADMIN"] });
    const title = `错误设置-${admin.username}`;
    const attempts: Array<[Record<string, string>, string]> = [
      [{ title: " " }, "请填写训练营名称"],
      [{ "rounds.TALK.weight": "0" }, "已开启的环节权重须大于 0"],
      [{ "rounds.TALK.weight": "120" }, "权重须为 0 到 100 的整数"],
      [{ "rounds.KNOWLEDGE_TEST.enabled": "", "rounds.IDENTIFICATION.enabled": "", "rounds.CASE_STUDY.enabled": "", "rounds.TALK.enabled": "" }, "至少要有一个启用且权重大于 0 的环节"],
      [{ "rounds.KNOWLEDGE_TEST.cutFrom": "TALK", "rounds.KNOWLEDGE_TEST.cutTop": "5" }, "只有人物辨识、案例研讨和谈心谈话可以设置晋级"],
      [{ "rounds.CASE_STUDY.cutFrom": "TALK", "rounds.CASE_STUDY.cutTop": "5" }, "晋级须来自之前且已开启的环节"],
      [{ "rounds.TALK.cutFrom": "KNOWLEDGE_TEST" }, "设置晋级时请同时选择来源环节并填写晋级人数"],
      [{ "rounds.IDENTIFICATION.namePoints": "0", "rounds.IDENTIFICATION.classPoints": "0", "rounds.IDENTIFICATION.dormPoints": "0" }, "姓名、班级、寝室至少有一项须计分"],
      [{ "rounds.KNOWLEDGE_TEST.opensAt": "2026-12-10T14:00", "rounds.KNOWLEDGE_TEST.closesAt": "2026-12-10T13:00" }, "结束时间须晚于开始时间"],
      [{ organisers: "nobody-by-this-number" }, "找不到这些工号的账号：nobody-by-this-number"],
    ];
    for (const [overrides, message] of attempts) {
      const refused = await asUser(admin.username, newAction, "/camp/new", { form: { intent: "create", ...campForm(title, overrides) } });
      expect(refused.status, message).toBe(400);
      expect(text(refused.data), message).toContain(message);
    }
    expect(await prisma.camp.count({ where: { title } })).toBe(0);
  });

  it("is for 学工部 alone: counselors, college admins and mentors are refused", async () => {
    const college = await buildCollege();
    const people = [await buildUser({ college }), await buildUser({ roles: ["COLLEGE_ADMIN"], college }), (await buildMentor()).user];
    for (const person of people) {
      const title = `越权-${person.username}`;
      expect((await asUser(person.username, newLoader, "/camp/new")).status).toBe(403);
      expect((await asUser(person.username, newAction, "/camp/new", { form: { intent: "create", ...campForm(title) } })).status).toBe(403);
      expect(await prisma.camp.count({ where: { title } })).toBe(0);
    }
  });
});

describe("changing a camp", () => {
  it("changes everything of a draft, only the schedule once open, and nothing for others", async () => {
    const admin = await buildUser({ roles: ["ADMIN"] });
    const named = await buildUser();
    const outsider = await buildUser({ roles: ["COLLEGE_ADMIN"] });
    const title = `修改-${admin.username}`;
    const created = await asUser(admin.username, newAction, "/camp/new", { form: { intent: "create", ...campForm(title) } });
    const campId = createdId(created.response);
    const url = `/camp/${campId}/edit`;
    const params = { campId };
    expect((await asUser(outsider.username, editLoader, url, { params })).status).toBe(403);
    expect((await asUser(outsider.username, editAction, url, { params, form: { intent: "update", ...campForm("改名") } })).status).toBe(403);

    const shown = await asUser(admin.username, editLoader, url, { params });
    expect((shown.data as { values: { rounds: { TALK: { weight: string } } } }).values.rounds.TALK.weight).toBe("25");
    const draftChange = await asUser(admin.username, editAction, url, { params, form: { intent: "update", ...campForm(title, { "rounds.TALK.weight": "40", "rounds.TALK.scoringRule": "MEAN" }) } });
    expect(draftChange.status).toBe(200);
    expect(await prisma.campRound.findFirstOrThrow({ where: { campId, kind: "TALK" }, select: { weight: true, scoringRule: true } })).toMatchObject({ scoringRule: "MEAN" });

    await prisma.campTarget.create({ data: { campId, kind: "PERSON", userId: named.id } });
    await openCamp(campId, admin.id);
    const base = { "rounds.TALK.weight": "40", "rounds.TALK.scoringRule": "MEAN" };
    // A round's settings no longer change: refused, nothing written.
    const refused = await asUser(admin.username, editAction, url, { params, form: { intent: "update", ...campForm("新名字", { ...base, "rounds.TALK.weight": "10" }) } });
    expect(refused.status).toBe(409);
    expect(text(refused.data)).toContain("训练营已发布：环节设置不能再修改，只能修改时间。");
    expect(await prisma.camp.findUniqueOrThrow({ where: { id: campId }, select: { title: true } })).toEqual({ title });
    // The schedule (and the name) do.
    const scheduled = await asUser(admin.username, editAction, url, {
      params,
      form: { intent: "update", ...campForm("新名字", { ...base, "rounds.TALK.opensAt": "2026-12-20T09:00", "rounds.TALK.closesAt": "2026-12-20T17:00" }) },
    });
    expect(scheduled.status).toBe(200);
    expect(await prisma.campRound.findFirstOrThrow({ where: { campId, kind: "TALK" }, select: { opensAt: true, weight: true } })).toEqual({
      opensAt: new Date("2026-12-20T01:00:00Z"),
      weight: expect.anything(),
    });
    expect((await prisma.camp.findUniqueOrThrow({ where: { id: campId }, select: { title: true } })).title).toBe("新名字");
  });
});
