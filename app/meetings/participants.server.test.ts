import { describe, expect, it } from "vitest";
import { prisma } from "~/db/client.server.ts";
import { loader as participantsLoader } from "~/routes/meetings.$meetingId_.participants.tsx";
import { loader as meetingLoader } from "~/routes/meetings.$meetingId.tsx";
import { buildMeetingSeries, buildUser, unique } from "../../tests/support/factories.ts";
import { asUser } from "../../tests/support/signed-in.ts";
import { recordOutcome } from "./action-items.server.ts";
import { addAgendaItem } from "./agenda.server.ts";
import { PARTICIPANT_LIST_MAX } from "./pages.server.ts";

/**
 * A school-wide meeting invites thousands: its forms cannot list them all, and must not list only
 * some. Above PARTICIPANT_LIST_MAX the meeting page lists none and the organiser finds any
 * participant with the person picker (its lookup: the meeting's participants only, for organisers);
 * the forms then post a 工号, which the services accept as they accept an id.
 */
describe("presenters and owners in a meeting too large for a list", () => {
  it("are found by name, pinyin or 工号 among the participants, and named by 工号 in the forms", async () => {
    const organiser = await buildUser();
    const owner = await buildUser({ name: "欧阳明" });
    const outsider = await buildUser({ name: "欧阳亮" });
    const series = await buildMeetingSeries({ organiser, invitees: [owner] }, [new Date(Date.now() + 86_400_000)]);
    const meetingId = series.meetings[0]!.id;
    // As many more invitees as it takes to be past the list.
    const prefix = unique("p");
    await prisma.user.createMany({ data: Array.from({ length: PARTICIPANT_LIST_MAX }, (_, i) => ({ username: `${prefix}${i}`, name: `参会人${i}`, passwordHash: "x" })) });
    const filler = await prisma.user.findMany({ where: { username: { startsWith: prefix } }, select: { id: true } });
    await prisma.meetingInvitation.createMany({ data: [owner, ...filler].map((u) => ({ meetingId, userId: u.id })), skipDuplicates: true });

    const page = (await asUser(organiser.username, meetingLoader, `/meetings/${meetingId}`, { params: { meetingId } })).data as { participants: { people: unknown[]; total: number } };
    expect(page.participants).toEqual({ people: [], total: PARTICIPANT_LIST_MAX + 1 });

    const lookup = async (who: { username: string }, q: string) => asUser(who.username, participantsLoader, `/meetings/${meetingId}/participants?q=${encodeURIComponent(q)}`, { params: { meetingId } });
    for (const q of ["欧阳", "ouyang", "oym", owner.username]) {
      const found = await lookup(organiser, q);
      expect(found.status).toBe(200);
      // The invited 欧阳明 is found; 欧阳亮, not invited, is not.
      expect((found.data as { people: Array<{ username: string }> }).people.map((p) => p.username)).toEqual([owner.username]);
    }
    expect((await lookup(owner, "欧阳")).status).toBe(403);
    const empty = await lookup(organiser, " ");
    expect(empty.status).toBe(400);
    expect((empty.data as { error: string }).error).toMatch(/[\u4e00-\u9fa5]/);

    // The picker posts the 工号: the presenter and the owner are taken by it.
    const segmentId = (await prisma.meetingSegment.findFirstOrThrow({ where: { meetingId }, select: { id: true } })).id;
    const item = await addAgendaItem(meetingId, { segmentId, title: "学业预警帮扶经验交流", presenterId: owner.username, minutes: 10 }, organiser.id);
    expect(await prisma.agendaItem.findUniqueOrThrow({ where: { id: item.id }, select: { presenterId: true } })).toEqual({ presenterId: owner.id });
    const due = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
    await recordOutcome(item.id, { kind: "ACTION", text: "提交帮扶台账", ownerId: owner.username, dueOn: due }, organiser);
    expect(await prisma.actionItem.findMany({ where: { meetingId }, select: { ownerId: true } })).toEqual([{ ownerId: owner.id }]);

    // Someone not invited, and a 工号 nobody has, are refused by name and nothing is written.
    await expect(recordOutcome(item.id, { kind: "ACTION", text: "另一项", ownerId: outsider.username, dueOn: due }, organiser)).rejects.toMatchObject({ key: "meetings.errors.ownerNotParticipant" });
    await expect(recordOutcome(item.id, { kind: "ACTION", text: "另一项", ownerId: "no-such-person", dueOn: due }, organiser)).rejects.toMatchObject({ key: "meetings.errors.ownerUnknown" });
    await expect(addAgendaItem(meetingId, { segmentId, title: "另一议题", presenterId: "no-such-person", minutes: 10 }, organiser.id)).rejects.toMatchObject({ key: "meetings.errors.presenterUnknown" });
    expect(await prisma.actionItem.count({ where: { meetingId } })).toBe(1);
    expect(await prisma.agendaItem.count({ where: { meetingId } })).toBe(1);
  }, 60_000);

  it("a meeting within the list still lists everyone, in name order", async () => {
    const organiser = await buildUser();
    const invitees = [await buildUser({ name: "赵一" }), await buildUser({ name: "安二" })];
    const series = await buildMeetingSeries({ organiser, invitees }, [new Date(Date.now() + 86_400_000)]);
    const meetingId = series.meetings[0]!.id;
    await prisma.meetingInvitation.createMany({ data: invitees.map((u) => ({ meetingId, userId: u.id })), skipDuplicates: true });
    const page = (await asUser(organiser.username, meetingLoader, `/meetings/${meetingId}`, { params: { meetingId } })).data as { participants: { people: Array<{ name: string }>; total: number } };
    expect(page.participants.total).toBe(2);
    expect(page.participants.people.map((p) => p.name)).toEqual(["安二", "赵一"]);
  });
});
