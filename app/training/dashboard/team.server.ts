import { trainingYear } from "../ledger.server.ts";
import { teamProgress } from "../progress.server.ts";
import { teamRequiredItems } from "./dashboard.server.ts";

/**
 * A studio's team progress (authorise "training:view-team" on the studio): each member's hours
 * this year against their stage plan (teamProgress) and their plan's required items done.
 */
export async function teamTraining(studioId: string, now = new Date()) {
  const [members, items] = await Promise.all([teamProgress(studioId, now), teamRequiredItems(studioId, now)]);
  return {
    year: trainingYear(now),
    members: members.map((m) => {
      const done = items.get(m.id) ?? { total: 0, done: 0, completed: m.compliance.plan.short === 0 };
      return {
        id: m.id,
        name: m.name,
        college: m.college,
        stage: m.stage,
        hours: m.compliance.plan.done,
        planHours: m.compliance.plan.required,
        short: m.compliance.plan.short,
        itemsDone: done.done,
        itemsTotal: done.total,
        completed: done.completed,
      };
    }),
  };
}
