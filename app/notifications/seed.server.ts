import { DEMO_ACCOUNTS } from "~/seed/demo-data.ts";
import type { SeedContext } from "~/seed/steps.server.ts";

/** Each demo account starts with one notification, so the inbox is not empty in a demo. */
export async function seedWelcomeNotifications({ db, now }: SeedContext): Promise<void> {
  const users = await db.user.findMany({
    where: { username: { in: DEMO_ACCOUNTS.map((a) => a.username) } },
    orderBy: { username: "asc" },
    select: { id: true, name: true },
  });
  await db.notification.createMany({
    data: users.map((user) => ({ userId: user.id, type: "notifications.welcome", data: { name: user.name }, link: "/", createdAt: now })),
  });
}
