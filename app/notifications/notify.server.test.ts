import http from "node:http";
import type { AddressInfo } from "node:net";
import { io as connect } from "socket.io-client";
import { describe, expect, it } from "vitest";
import { createUserSession } from "~/auth/session.server.ts";
import { prisma } from "~/db/client.server.ts";
import { createSocketServer } from "~/realtime/socket-server.server.ts";
import { setSocketServer } from "~/realtime/emit.server.ts";
import { buildUser } from "../../tests/support/factories.ts";
import { cookieFor } from "../../tests/support/signed-in.ts";
import { createNotifications, listNotifications, markAllRead, markRead, NOTIFICATIONS_PER_PAGE } from "./notify.server.ts";



describe("notifications", () => {
  it("are written with the caller's transaction and vanish with its rollback", async () => {
    const { id, name } = await buildUser();
    const before = await prisma.notification.count({ where: { userId: id } });
    await expect(
      prisma.$transaction(async (tx) => {
        await createNotifications(tx, [{ userId: id, type: "notifications.welcome", data: { name } }]);
        throw new Error("later step failed");
      }),
    ).rejects.toThrow("later step failed");
    expect(await prisma.notification.count({ where: { userId: id } })).toBe(before);
  });

  it("reach a person who is online at once, after the commit", async () => {
    const { id, name } = await buildUser();
    const server = http.createServer();
    createSocketServer(server);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const response = await createUserSession(new Request("http://localhost/login"), id, "/");
    const socket = connect(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, {
      transports: ["websocket"],
      extraHeaders: { Cookie: response.headers.get("Set-Cookie")!.split(";")[0]! },
    });
    await new Promise((resolve) => socket.on("session", resolve));
    const received = new Promise((resolve) => socket.on("notification", resolve));

    const deliver = await prisma.$transaction((tx) =>
      createNotifications(tx, [{ userId: id, type: "notifications.welcome", data: { name }, link: "/" }]),
    );
    deliver();
    await expect(received).resolves.toEqual({ unread: true });

    socket.disconnect();
    setSocketServer(null);
    await new Promise((resolve) => server.close(resolve));
  });

  it("page twenty at a time, newest first, and count what is unread", async () => {
    const { id } = await buildUser();
    // One read already, then 25 new ones.
    await prisma.notification.create({ data: { userId: id, type: "notifications.welcome", data: { name: "欢迎" }, readAt: new Date() } });
    await prisma.notification.createMany({
      data: Array.from({ length: 25 }, (_, i) => ({
        userId: id,
        type: "notifications.welcome",
        data: { name: `第${i}条` },
        createdAt: new Date(Date.now() + (i + 1) * 60_000),
      })),
    });
    const first = await listNotifications(id, 1);
    expect(first.items).toHaveLength(NOTIFICATIONS_PER_PAGE);
    expect(first.unread).toBe(25);
    expect(first.total).toBe(26);
    expect(first.pages).toBe(2);
    expect(first.items[0]!.data).toEqual({ name: "第24条" });
    const second = await listNotifications(id, 2);
    expect(second.items.map((n) => (n.data as { name: string }).name)).toContain("第0条");

    expect(await markRead(first.items[0]!)).toBe("/notifications");
    expect((await listNotifications(id, 1)).unread).toBe(24);
    expect(await markAllRead(id)).toBe(24);
    expect((await listNotifications(id, 1)).unread).toBe(0);
  });
});

describe("opening a notification (route)", () => {
  /** A person with an unread welcome notice that links to the home page. */
  async function recipient() {
    const user = await buildUser();
    const notice = await prisma.notification.create({ data: { userId: user.id, type: "notifications.welcome", data: { name: user.name }, link: "/" } });
    return { user, notice };
  }

  it("refuses someone else's notification with 403 and leaves it unread", async () => {
    const { action } = await import("~/routes/notifications.$id.open.tsx");
    const { notice: theirs } = await recipient();
    const someoneElse = await buildUser();
    const request = new Request(`http://localhost/notifications/${theirs.id}/open`, { method: "POST", headers: { Cookie: await cookieFor(someoneElse.username) } });
    const thrown = await action({ request, params: { id: theirs.id }, context: {} }).catch((e: Response) => e);
    expect((thrown as Response).status).toBe(403);
    expect((await prisma.notification.findUniqueOrThrow({ where: { id: theirs.id } })).readAt).toBeNull();
  });

  it("marks the recipient's own notification read and follows its link", async () => {
    const { action } = await import("~/routes/notifications.$id.open.tsx");
    const { user, notice: own } = await recipient();
    const request = new Request(`http://localhost/notifications/${own.id}/open`, { method: "POST", headers: { Cookie: await cookieFor(user.username) } });
    const response = await action({ request, params: { id: own.id }, context: {} });
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/");
    expect((await prisma.notification.findUniqueOrThrow({ where: { id: own.id } })).readAt).not.toBeNull();
  });
});

describe("marking the whole inbox read (route)", () => {
  it("marks only the poster's own notifications read; a signed-out post goes to the login and changes nothing", async () => {
    const { action } = await import("~/routes/notifications._index.tsx");
    const [me, other] = await Promise.all([buildUser(), buildUser()]);
    await prisma.notification.createMany({
      data: [me, me, other].map((user) => ({ userId: user.id, type: "notifications.welcome", data: { name: user.name } })),
    });
    const post = async (fields: Record<string, string>, cookie?: string) => {
      const request = new Request("http://localhost/notifications", { method: "POST", body: new URLSearchParams(fields), headers: cookie ? { Cookie: cookie } : {} });
      return action({ request, params: {}, context: {} }).catch((thrown: unknown) => thrown);
    };
    const unread = (userId: string) => prisma.notification.count({ where: { userId, readAt: null } });

    const anonymous = (await post({ intent: "markAllRead" })) as Response;
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("Location")).toMatch(/^\/login/);
    expect(((await post({ intent: "markEverythingRead" }, await cookieFor(me.username))) as Response).status).toBe(400);
    expect(await unread(me.id)).toBe(2);

    const done = (await post({ intent: "markAllRead" }, await cookieFor(me.username))) as { data: unknown };
    expect(done.data).toMatchObject({ intent: "markAllRead", status: "success" });
    expect(await unread(me.id)).toBe(0);
    expect(await unread(other.id)).toBe(1);
  });
});
