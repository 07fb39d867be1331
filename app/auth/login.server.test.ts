import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { prisma } from "~/db/client.server.ts";
import { buildUser, TEST_PASSWORD as PASSWORD } from "../../tests/support/factories.ts";
import { authenticate } from "./login.server.ts";

/** A fresh client address per test, so the rate limiter's per-address count starts at zero. */
const address = () => `10.0.${crypto.randomInt(255)}.${crypto.randomInt(255)}`;

describe("authenticate", () => {
  it("accepts the right 工号 and password", async () => {
    const user = await buildUser();
    const result = await authenticate(user.username, PASSWORD, address());
    expect(result).toMatchObject({ ok: true });
    expect(result.ok && result.userId).toBe(user.id);
  });

  it("gives the same answer for a wrong password and an unknown 工号", async () => {
    const { username } = await buildUser();
    expect(await authenticate(username, "wrong", address())).toEqual({ ok: false, reason: "invalid" });
    expect(await authenticate("nobody-here", PASSWORD, address())).toEqual({ ok: false, reason: "invalid" });
  });

  it("refuses a disabled account, but only once the password is right", async () => {
    const { id, username } = await buildUser();
    await prisma.user.update({ where: { id }, data: { active: false } });
    expect(await authenticate(username, "wrong", address())).toEqual({ ok: false, reason: "invalid" });
    expect(await authenticate(username, PASSWORD, address())).toEqual({ ok: false, reason: "disabled" });
  });

  it("blocks an address after five failures on one account, even with the right password", async () => {
    const { username } = await buildUser();
    const from = address();
    for (let i = 0; i < 5; i++) expect(await authenticate(username, `guess-${i}`, from)).toMatchObject({ reason: "invalid" });
    const blocked = await authenticate(username, PASSWORD, from);
    expect(blocked).toMatchObject({ ok: false, reason: "blocked" });
    expect(blocked.ok === false && blocked.reason === "blocked" && blocked.retryAfterSeconds).toBeGreaterThan(800);
    // Another address is not affected.
    expect(await authenticate(username, PASSWORD, address())).toMatchObject({ ok: true });
  });

  it("blocks an address that tries many accounts", async () => {
    const { username } = await buildUser();
    const from = address();
    for (let i = 0; i < 50; i++) await authenticate(`nobody-${i}`, "x", from);
    expect(await authenticate(username, PASSWORD, from)).toMatchObject({ ok: false, reason: "blocked" });
    // 51 password hashes: seconds on an idle machine, more when the whole suite shares two cores.
  }, 120_000);

  it("forgets earlier failures after a successful login", async () => {
    const { username } = await buildUser();
    const from = address();
    for (let i = 0; i < 4; i++) await authenticate(username, "wrong", from);
    expect(await authenticate(username, PASSWORD, from)).toMatchObject({ ok: true });
    for (let i = 0; i < 4; i++) await authenticate(username, "wrong", from);
    expect(await authenticate(username, PASSWORD, from)).toMatchObject({ ok: true });
  });
});
