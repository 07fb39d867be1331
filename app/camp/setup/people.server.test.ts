import { describe, expect, it } from "vitest";
import { prisma } from "~/db/client.server.ts";
import { action as campAction, loader as campLoader } from "~/routes/camp.$campId.tsx";
import { action as peopleAction, loader as peopleLoader } from "~/routes/camp.$campId_.people.tsx";
import { buildCollege, buildMentor, buildUser } from "../../../tests/support/factories.ts";
import { asUser } from "../../../tests/support/signed-in.ts";
import { createCamp } from "./camps.server.ts";
import { defaultCampInput } from "./schemas.ts";

/**
 * Who takes part and who judges (/camp/:id/people), and the camp's transitions on its page:
 * opening resolves the targets (stage, group, college, named) into participants with a snapshot
 * of their stage and college, creates the entries of the judged rounds without a cut, and tells
 * participants and judges; closing goes to scoring. Bad input and others are refused.
 */

const text = (data: unknown) => JSON.stringify(data);

async function draftCamp(title: string, cutTalk = false) {
  const admin = await buildUser({ roles: ["ADMIN"] });
  const input = defaultCampInput(2026);
  input.title = title;
  if (cutTalk) input.rounds.TALK = { ...input.rounds.TALK, cutFrom: "KNOWLEDGE_TEST", cutTop: 2 };
  const { id } = await createCamp(input, admin.id);
  return { admin, campId: id, url: `/camp/${id}/people`, params: { campId: id } };
}

describe("the people of a camp and its opening", () => {
  it("resolves each kind of target into participants with their stage and college of the moment, and opens the camp in one go", async () => {
    const { admin, campId, url, params } = await draftCamp("参加对象训练营", true);
    const college = await buildCollege();
    const otherCollege = await buildCollege();
    // A stage: an experienced counselor (and a novice who is not of that stage and not targeted otherwise).
    const experienced = await buildUser({ stage: "EXPERIENCED", college: otherCollege });
    const novice = await buildUser({ stage: "NOVICE", college: otherCollege });
    // A group (辅导员 group of the training programme).
    const inGroup = await buildUser({ groups: ["BACKBONE"], college: otherCollege });
    // A college: everyone of it.
    const ofCollege = await buildUser({ college, stage: "GROWING" });
    // A named person: any active account, even without a counselor profile.
    const named = await buildUser({ roles: ["COLLEGE_ADMIN"], college: otherCollege, profile: false });
    const judge = await buildUser({ college });

    const targets = await asUser(admin.username, peopleAction, url, { params, form: { intent: "saveTargets", stages: "EXPERIENCED", groups: "BACKBONE", colleges: college.id } });
    expect(targets.status).toBe(200);
    expect((await asUser(admin.username, peopleAction, url, { params, form: { intent: "addPerson", username: named.username } })).status).toBe(200);
    expect((await asUser(admin.username, peopleAction, url, { params, form: { intent: "addJudge", username: judge.username } })).status).toBe(200);

    // Bad input: an unknown 工号, a college that does not exist, a person named twice: Chinese messages, nothing added.
    const unknown = await asUser(admin.username, peopleAction, url, { params, form: { intent: "addPerson", username: "no-such-person" } });
    expect(unknown.status).toBe(400);
    expect(text(unknown.data)).toContain("找不到这些工号的账号：no-such-person");
    const twice = await asUser(admin.username, peopleAction, url, { params, form: { intent: "addPerson", username: named.username } });
    expect(text(twice.data)).toContain("已在点名名单中");
    const badCollege = await asUser(admin.username, peopleAction, url, { params, form: { intent: "saveTargets", colleges: "no-such-college" } });
    expect(badCollege.status).toBe(400);
    expect(await prisma.campTarget.count({ where: { campId } })).toBe(4);

    const page = await asUser(admin.username, peopleLoader, url, { params });
    const shown = (page.data as { people: { matching: number; people: Array<{ username: string }>; judges: Array<{ username: string; college: string }> } }).people;
    expect(shown.people.map((p) => p.username)).toEqual([named.username]);
    expect(shown.judges).toMatchObject([{ username: judge.username, college: college.name }]);

    const campUrl = `/camp/${campId}`;
    // Opening asks first.
    const asked = await asUser(admin.username, campAction, campUrl, { params, form: { intent: "open" } });
    expect((asked.data as { status: string }).status).toBe("confirm");
    expect(await prisma.camp.findUniqueOrThrow({ where: { id: campId }, select: { status: true } })).toEqual({ status: "DRAFT" });
    const opened = await asUser(admin.username, campAction, campUrl, { params, form: { intent: "open", confirmed: "yes" } });
    expect(opened.status).toBe(200);

    const participants = new Map(
      (await prisma.campParticipant.findMany({ where: { campId }, select: { userId: true, stage: true, collegeId: true } })).map((p) => [p.userId, p]),
    );
    expect(participants.get(experienced.id)).toMatchObject({ stage: "EXPERIENCED", collegeId: otherCollege.id });
    expect(participants.get(inGroup.id)).toMatchObject({ stage: "NOVICE", collegeId: otherCollege.id });
    expect(participants.get(ofCollege.id)).toMatchObject({ stage: "GROWING", collegeId: college.id });
    expect(participants.get(named.id)).toMatchObject({ stage: "NOVICE", collegeId: otherCollege.id });
    expect(participants.has(novice.id)).toBe(false);
    expect(participants.size).toBe(shown.matching);

    const camp = await prisma.camp.findUniqueOrThrow({ where: { id: campId }, select: { status: true, openedAt: true, rounds: { select: { kind: true, entriesFixedAt: true, _count: { select: { entries: true } } } } } });
    expect(camp.status).toBe("OPEN");
    expect(camp.openedAt).not.toBeNull();
    const rounds = Object.fromEntries(camp.rounds.map((r) => [r.kind, r]));
    // 案例研讨 has no cut: everyone is entered; 谈心谈话 waits for its cut; timed rounds have no entries.
    expect(rounds.CASE_STUDY).toMatchObject({ _count: { entries: participants.size } });
    expect(rounds.CASE_STUDY!.entriesFixedAt).not.toBeNull();
    expect(rounds.TALK).toMatchObject({ entriesFixedAt: null, _count: { entries: 0 } });
    expect(rounds.KNOWLEDGE_TEST!._count.entries).toBe(0);

    expect(await prisma.notification.count({ where: { userId: experienced.id, type: "camp.setup.notices.opened", link: campUrl } })).toBe(1);
    expect(await prisma.notification.count({ where: { userId: judge.id, type: "camp.setup.notices.judging" } })).toBe(1);
    expect(await prisma.auditLog.count({ where: { entityId: campId, action: "camp.open" } })).toBe(1);

    // Fixed now: targets refused in Chinese, a second opening too.
    const late = await asUser(admin.username, peopleAction, url, { params, form: { intent: "saveTargets", stages: "NOVICE" } });
    expect(late.status).toBe(409);
    expect(text(late.data)).toContain("训练营已发布，参加对象不能再修改。");
    const again = await asUser(admin.username, campAction, campUrl, { params, form: { intent: "open", confirmed: "yes" } });
    expect(text(again.data)).toContain("只有筹备中的训练营可以发布。");

    // A participant sees the camp and their rounds; closing goes to scoring.
    const mine = await asUser(experienced.username, campLoader, campUrl, { params });
    expect(mine.status).toBe(200);
    expect((mine.data as { camp: { rounds: Array<{ kind: string; viewerIn: boolean }> } }).camp.rounds.filter((r) => r.viewerIn).map((r) => r.kind)).toEqual(["KNOWLEDGE_TEST", "IDENTIFICATION", "CASE_STUDY"]);
    expect((await asUser(experienced.username, campAction, campUrl, { params, form: { intent: "close", confirmed: "yes" } })).status).toBe(403);
    expect((await asUser(admin.username, campAction, campUrl, { params, form: { intent: "close", confirmed: "yes" } })).status).toBe(200);
    expect(await prisma.camp.findUniqueOrThrow({ where: { id: campId }, select: { status: true } })).toEqual({ status: "SCORING" });
  });

  it("refuses to open a camp whose targets give nobody", async () => {
    const { admin, campId, params } = await draftCamp("无人训练营");
    const refused = await asUser(admin.username, campAction, `/camp/${campId}`, { params, form: { intent: "open", confirmed: "yes" } });
    expect(refused.status).toBe(409);
    expect(text(refused.data)).toContain("按目前的参加对象没有人参加：请先设置参加对象。");
    expect(await prisma.camp.findUniqueOrThrow({ where: { id: campId }, select: { status: true } })).toEqual({ status: "DRAFT" });
  });

  it("is for the organisers: counselors, college admins and mentors may neither see nor change the people or open the camp", async () => {
    const { campId, url, params } = await draftCamp("越权训练营");
    const college = await buildCollege();
    const named = await buildUser({ college });
    await prisma.campTarget.create({ data: { campId, kind: "PERSON", userId: named.id } });
    const people = [named, await buildUser({ roles: ["COLLEGE_ADMIN"], college }), (await buildMentor()).user];
    for (const person of people) {
      expect((await asUser(person.username, peopleLoader, url, { params })).status).toBe(403);
      expect((await asUser(person.username, peopleAction, url, { params, form: { intent: "addJudge", username: person.username } })).status).toBe(403);
      expect((await asUser(person.username, campLoader, `/camp/${campId}`, { params })).status).toBe(403);
      expect((await asUser(person.username, campAction, `/camp/${campId}`, { params, form: { intent: "open", confirmed: "yes" } })).status).toBe(403);
    }
    expect(await prisma.campJudge.count({ where: { campId } })).toBe(0);
    expect(await prisma.camp.findUniqueOrThrow({ where: { id: campId }, select: { status: true } })).toEqual({ status: "DRAFT" });
  });

  it("lets a named organiser who is not 学工部 set the camp up", async () => {
    const { campId, url, params } = await draftCamp("点名组织者训练营");
    const organiser = await buildUser();
    await prisma.campOrganiser.create({ data: { campId, userId: organiser.id } });
    const judge = await buildUser();
    expect((await asUser(organiser.username, peopleLoader, url, { params })).status).toBe(200);
    expect((await asUser(organiser.username, peopleAction, url, { params, form: { intent: "addJudge", username: judge.username } })).status).toBe(200);
    const removed = await asUser(organiser.username, peopleAction, url, { params, form: { intent: "removeJudge", userId: judge.id, confirmed: "yes" } });
    expect(removed.status).toBe(200);
    expect(await prisma.campJudge.count({ where: { campId } })).toBe(0);
  });
});
