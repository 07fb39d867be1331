import type { Db } from "~/db/client.server.ts";
import { prisma } from "~/db/client.server.ts";
import type { Prisma } from "~/generated/prisma/client.ts";
import { emitToUsers } from "~/realtime/emit.server.ts";

export interface NewNotification {
  userId: string;
  /** i18n key of the text, e.g. "studios.notices.joinApproved". */
  type: string;
  /** Parameters of the text (names, titles); shown in the reader's language. */
  data?: Record<string, string | number>;
  /** Where clicking the notification leads (a same-site path). */
  link?: string;
}

/**
 * Writes notifications in the caller's transaction. Returns a function to call after the commit,
 * which tells the recipients who are online (socket.io); the others find them in their inbox.
 *
 *   const deliver = await prisma.$transaction(async (tx) => { …; return createNotifications(tx, items) });
 *   deliver();
 */
export async function createNotifications(db: Db, items: NewNotification[]): Promise<() => void> {
  if (!items.length) return () => {};
  await db.notification.createMany({
    data: items.map((item) => ({ userId: item.userId, type: item.type, data: (item.data ?? {}) as Prisma.InputJsonValue, link: item.link ?? null })),
  });
  const userIds = [...new Set(items.map((item) => item.userId))];
  return () => emitToUsers(userIds, "notification", { unread: true });
}

export const NOTIFICATIONS_PER_PAGE = 20;

export async function listNotifications(userId: string, page: number) {
  const [total, unread, items] = await Promise.all([
    prisma.notification.count({ where: { userId } }),
    prisma.notification.count({ where: { userId, readAt: null } }),
    prisma.notification.findMany({
      where: { userId },
      orderBy: { createdAt: "desc" },
      skip: (page - 1) * NOTIFICATIONS_PER_PAGE,
      take: NOTIFICATIONS_PER_PAGE,
    }),
  ]);
  return { total, unread, items, pages: Math.max(1, Math.ceil(total / NOTIFICATIONS_PER_PAGE)) };
}

export function countUnread(userId: string): Promise<number> {
  return prisma.notification.count({ where: { userId, readAt: null } });
}

export function findNotification(id: string) {
  return prisma.notification.findUnique({ where: { id } });
}

/** Marks a notification read (authorise with "notification:open" first); returns where it leads. */
export async function markRead(notification: { id: string; readAt: Date | null; link: string | null }): Promise<string> {
  if (!notification.readAt) await prisma.notification.update({ where: { id: notification.id }, data: { readAt: new Date() } });
  return notification.link ?? "/notifications";
}

export async function markAllRead(userId: string): Promise<number> {
  const { count } = await prisma.notification.updateMany({ where: { userId, readAt: null }, data: { readAt: new Date() } });
  return count;
}
