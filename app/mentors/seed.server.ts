import type { SeedContext } from "~/seed/steps.server.ts";
import { inferRank } from "./rank.ts";

/**
 * Demo data for the mentor matching: title ranks derived from the mentors' titles (教授 → 正高级…),
 * and one studio that has stated a preferred mentor before the first run. The matching itself is
 * left for 学工部 to run in the demo.
 */
export async function seedMentorMatching({ db }: SeedContext): Promise<void> {
  const mentors = await db.mentor.findMany({ orderBy: { id: "asc" }, select: { id: true, title: true } });
  for (const mentor of mentors) {
    await db.mentor.update({ where: { id: mentor.id }, data: { rank: inferRank(mentor.title) } });
  }
  const studio = await db.studio.findFirst({
    where: { duty: "RESEARCH" },
    orderBy: { name: "asc" },
    select: { id: true, memberships: { where: { role: "LEADER" }, select: { userId: true } } },
  });
  const preferred = await db.mentor.findFirst({ where: { user: { username: "mentor" } }, select: { id: true } });
  if (studio && preferred) {
    await db.mentorPreference.create({ data: { studioId: studio.id, mentorId: preferred.id, rank: 1, createdById: studio.memberships[0]?.userId ?? null } });
  }
}
