import { prisma } from "~/db/client.server.ts";
import type { Prisma } from "~/generated/prisma/client.ts";
import { can, whereCan, type Actor } from "~/policy/index.ts";
import { CUT_KINDS, type RoundKind } from "./schemas.ts";

/**
 * What the camp pages read (issue 20 §1): the home page's lists and the camp page. Every list is
 * narrowed by the policy's "camp:view" scope first; the route has authorised the camp itself.
 */

export const CAMPS_PER_PAGE = 20;

/**
 * Where a round is taken or run, as the camp's areas route them: the test and 人物辨识 per camp,
 * a judged round by its id.
 */
export function roundLink(campId: string, round: { id: string; kind: string }): string {
  if (round.kind === "KNOWLEDGE_TEST") return `/camp/${campId}/test`;
  if (round.kind === "IDENTIFICATION") return `/camp/${campId}/identification`;
  return `/camp/${campId}/rounds/${round.id}`;
}

const roundSelect = { id: true, kind: true, enabled: true, opensAt: true, closesAt: true, durationMinutes: true, position: true } satisfies Prisma.CampRoundSelect;

/** The home page: camps I organise, take part in or judge; for who may create camps, every camp by year (paginated). */
export async function campHome(actor: Actor, page: number) {
  const visible = whereCan(actor, "camp:view");
  const [organising, taking, judging] = await Promise.all([
    prisma.camp.findMany({
      where: { AND: [visible, { organisers: { some: { userId: actor.id } } }, { status: { not: "ARCHIVED" } }] },
      select: { id: true, title: true, year: true, status: true },
      orderBy: [{ year: "desc" }, { createdAt: "desc" }],
      take: 50,
    }),
    prisma.campParticipant.findMany({
      where: { userId: actor.id, camp: { AND: [visible, { status: { in: ["OPEN", "SCORING", "RELEASED"] } }] } },
      select: {
        camp: { select: { id: true, title: true, year: true, status: true, rounds: { where: { enabled: true }, select: roundSelect, orderBy: { position: "asc" } } } },
        entries: { select: { roundId: true } },
      },
      orderBy: { createdAt: "desc" },
      take: 20,
    }),
    prisma.campJudge.findMany({
      where: { userId: actor.id, camp: { AND: [visible, { status: { in: ["OPEN", "SCORING"] } }] } },
      select: { camp: { select: { id: true, title: true, year: true, status: true } } },
      orderBy: { camp: { createdAt: "desc" } },
      take: 20,
    }),
  ]);
  const all = can(actor, "camp:create", null) ? await allCamps(visible, page) : null;
  return {
    organising,
    taking: taking.map(({ camp, entries }) => {
      const entered = new Set(entries.map((e) => e.roundId));
      // A round with a list is theirs once they have an entry in it (behind a cut: once they went on).
      const rounds = camp.rounds.filter((r) => !CUT_KINDS.includes(r.kind as RoundKind) || entered.has(r.id));
      return { id: camp.id, title: camp.title, year: camp.year, status: camp.status, rounds: rounds.map((r) => ({ ...r, link: roundLink(camp.id, r) })) };
    }),
    judging: judging.map((j) => j.camp),
    all,
  };
}

async function allCamps(visible: Prisma.CampWhereInput, page: number) {
  const [total, camps] = await Promise.all([
    prisma.camp.count({ where: visible }),
    prisma.camp.findMany({
      where: visible,
      select: { id: true, title: true, year: true, status: true, _count: { select: { participants: true } } },
      orderBy: [{ year: "desc" }, { createdAt: "desc" }],
      skip: (page - 1) * CAMPS_PER_PAGE,
      take: CAMPS_PER_PAGE,
    }),
  ]);
  return { total, page, pages: Math.max(1, Math.ceil(total / CAMPS_PER_PAGE)), camps: camps.map(({ _count, ...c }) => ({ ...c, participants: _count.participants })) };
}

/** The camp page: its set-up, rounds with their counts and links, and the viewer's own rounds. */
export async function campPage(campId: string, viewerId: string) {
  const camp = await prisma.camp.findUnique({
    where: { id: campId },
    select: {
      id: true,
      title: true,
      description: true,
      year: true,
      status: true,
      startsOn: true,
      endsOn: true,
      openedAt: true,
      organisers: { select: { user: { select: { name: true } } }, orderBy: { userId: "asc" } },
      rounds: {
        orderBy: { position: "asc" },
        select: {
          ...roundSelect,
          weight: true,
          cutTop: true,
          cutFromRoundId: true,
          entriesFixedAt: true,
          scoringRule: true,
          judgesPerContestant: true,
          photosPerPerson: true,
          _count: { select: { entries: true, attempts: true, results: true } },
        },
      },
      _count: { select: { participants: true, judges: true, targets: true } },
    },
  });
  if (!camp) throw new Response("Not Found", { status: 404 });
  const mine = await prisma.campRoundEntry.findMany({ where: { campId, userId: viewerId }, select: { roundId: true } });
  const entered = new Set(mine.map((e) => e.roundId));
  const kindOf = new Map(camp.rounds.map((r) => [r.id, r.kind]));
  const rounds = camp.rounds.map(({ _count, weight, cutFromRoundId, ...r }) => ({
    ...r,
    weight: Number(weight),
    cutFrom: cutFromRoundId ? (kindOf.get(cutFromRoundId) ?? null) : null,
    entries: _count.entries,
    attempts: _count.attempts,
    results: _count.results,
    link: roundLink(camp.id, r),
    /** The viewer takes part in it (the knowledge test: every participant; a round with a list: with an entry). */
    viewerIn: CUT_KINDS.includes(r.kind as RoundKind) ? entered.has(r.id) : true,
  }));
  const { _count, organisers, ...rest } = camp;
  return { ...rest, organisers: organisers.map((o) => o.user.name), participants: _count.participants, judges: _count.judges, targets: _count.targets, rounds };
}
