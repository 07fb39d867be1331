import type { Actor } from "./actor.ts";

export const notificationRules = {
  notification: {
    /** A notification is its recipient's alone. */
    "notification:open": (actor: Actor, notification: { userId: string }) => actor.id === notification.userId,
  },
};
