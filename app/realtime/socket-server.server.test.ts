import http from "node:http";
import type { AddressInfo } from "node:net";
import { io as connect, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUserSession } from "~/auth/session.server.ts";
import { buildUser } from "../../tests/support/factories.ts";
import { createSocketServer } from "./socket-server.server.ts";

let server: http.Server;
let url: string;
beforeAll(async () => {
  server = http.createServer();
  createSocketServer(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function open(cookie?: string): Socket {
  return connect(url, { transports: ["websocket"], extraHeaders: cookie ? { Cookie: cookie } : {}, reconnection: false });
}

describe("socket.io handshake", () => {
  it("admits a signed-in person and tells them who they are", async () => {
    const user = await buildUser();
    const response = await createUserSession(new Request("http://localhost/login"), user.id, "/");
    const cookie = response.headers.get("Set-Cookie")!.split(";")[0]!;
    const socket = open(cookie);
    const session = await new Promise<{ userId: string; name: string }>((resolve, reject) => {
      socket.on("session", resolve);
      socket.on("connect_error", reject);
    });
    expect(session).toEqual({ userId: user.id, name: user.name });
    socket.disconnect();
  });

  it.each([
    ["no cookie", undefined],
    ["a forged cookie", "fudao_session=forged.value"],
  ])("refuses a connection with %s", async (_label, cookie) => {
    const socket = open(cookie);
    const error = await new Promise<Error>((resolve) => socket.on("connect_error", resolve));
    expect(error.message).toBe("UNAUTHENTICATED");
    expect(socket.connected).toBe(false);
    socket.disconnect();
  });
});
