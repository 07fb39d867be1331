import { describe, expect, it } from "vitest";
import { prisma } from "~/db/client.server.ts";
import { loader as campLoader } from "~/routes/camp.$campId.tsx";
import { loader as homeLoader } from "~/routes/camp._index.tsx";
import { buildCollege, buildUser } from "../../../tests/support/factories.ts";
import { asUser } from "../../../tests/support/signed-in.ts";
import { createCamp } from "./camps.server.ts";
import { defaultCampInput } from "./schemas.ts";
import { openCamp } from "./transitions.server.ts";

/**
 * The home page (/camp) and the camp page as each person sees them: a participant their camp and
 * rounds with links to the round pages, a judge the way to judging, a named organiser what they
 * organise, 学工部 every camp (paginated); nobody but the organisers sees a draft.
 */

type Home = {
  organising: Array<{ id: string }>;
  taking: Array<{ id: string; rounds: Array<{ kind: string; link: string }> }>;
  judging: Array<{ id: string }>;
  all: { total: number; camps: Array<{ id: string }> } | null;
  abilities: Record<string, boolean>;
};

describe("the camp home and camp pages", () => {
  it("show each person what concerns them, and a draft only to its organisers", async () => {
    const admin = await buildUser({ roles: ["ADMIN"] });
    const college = await buildCollege();
    const participant = await buildUser({ college });
    const judge = await buildUser();
    const organiser = await buildUser();
    const collegeAdmin = await buildUser({ roles: ["COLLEGE_ADMIN"], college });
    const stranger = await buildUser();

    const input = { ...defaultCampInput(2026), title: "首页训练营" };
    const { id: campId } = await createCamp(input, admin.id);
    await prisma.campOrganiser.create({ data: { campId, userId: organiser.id } });
    await prisma.campTarget.create({ data: { campId, kind: "PERSON", userId: participant.id } });
    await prisma.campJudge.create({ data: { campId, userId: judge.id } });
    const params = { campId };

    // A draft: its organisers see it; the participant-to-be and the judge do not yet.
    expect((await asUser(organiser.username, campLoader, `/camp/${campId}`, { params })).status).toBe(200);
    for (const person of [participant, judge, collegeAdmin]) expect((await asUser(person.username, campLoader, `/camp/${campId}`, { params })).status).toBe(403);
    const before = (await asUser(participant.username, homeLoader, "/camp")).data as Home;
    expect(before.taking).toEqual([]);

    await openCamp(campId, admin.id);
    const taking = (await asUser(participant.username, homeLoader, "/camp")).data as Home;
    expect(taking.taking).toHaveLength(1);
    const roundIds = Object.fromEntries((await prisma.campRound.findMany({ where: { campId }, select: { id: true, kind: true } })).map((r) => [r.kind, r.id]));
    expect(taking.taking[0]!.rounds.map((r) => r.link)).toEqual([`/camp/${campId}/test`, `/camp/${campId}/identification`, `/camp/${campId}/rounds/${roundIds.CASE_STUDY}`, `/camp/${campId}/rounds/${roundIds.TALK}`]);
    expect(taking.all).toBeNull();
    expect(taking.abilities["camp:create"]).toBe(false);

    const judging = (await asUser(judge.username, homeLoader, "/camp")).data as Home;
    expect(judging.judging.map((c) => c.id)).toEqual([campId]);
    const organising = (await asUser(organiser.username, homeLoader, "/camp")).data as Home;
    expect(organising.organising.map((c) => c.id)).toEqual([campId]);
    const everything = (await asUser(admin.username, homeLoader, "/camp")).data as Home;
    expect(everything.all!.camps.map((c) => c.id)).toContain(campId);
    expect(everything.abilities["camp:create"]).toBe(true);

    // Open: the college admin of a participant's college sees the camp page, a stranger does not, and sees nothing on the home page.
    expect((await asUser(collegeAdmin.username, campLoader, `/camp/${campId}`, { params })).status).toBe(200);
    expect((await asUser(stranger.username, campLoader, `/camp/${campId}`, { params })).status).toBe(403);
    const nothing = (await asUser(stranger.username, homeLoader, "/camp")).data as Home;
    expect([nothing.taking, nothing.judging, nothing.organising]).toEqual([[], [], []]);
    // The participant's page shows their rounds, not the organisers' set-up abilities.
    const page = (await asUser(participant.username, campLoader, `/camp/${campId}`, { params })).data as { abilities: Record<string, boolean>; viewer: { participates: boolean } };
    expect(page.viewer.participates).toBe(true);
    expect(page.abilities["camp:manage"]).toBe(false);
  });

  it("pages 学工部's list of every camp", async () => {
    const admin = await buildUser({ roles: ["ADMIN"] });
    const existing = await prisma.camp.count();
    await prisma.camp.createMany({ data: Array.from({ length: 21 }, (_, i) => ({ title: `分页训练营 ${i}`, year: 2000 + i })) });
    const first = (await asUser(admin.username, homeLoader, "/camp")).data as Home;
    expect(first.all).toMatchObject({ total: existing + 21 });
    expect(first.all!.camps).toHaveLength(20);
    const second = (await asUser(admin.username, homeLoader, "/camp?page=2")).data as Home;
    expect(second.all!.camps.length).toBe(existing + 1);
  });
});
