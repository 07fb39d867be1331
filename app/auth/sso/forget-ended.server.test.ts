import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { backgroundTaskNames } from "~/composition/background.server.ts";
import { prisma } from "~/db/client.server.ts";
import { buildUser } from "../../../tests/support/factories.ts";
import { forgetEndedSignIns, SIGN_IN_RECORD_KEPT_MS, ssoSignInsPass } from "./forget-ended.server.ts";

const HOUR = 60 * 60_000;

describe("records of campus sign-ins", () => {
  it("are forgotten a day on once their session has ended, kept while it lives or while young", async () => {
    const person = await buildUser();
    const now = new Date();
    const live = await prisma.session.create({ data: { userId: person.id, expiresAt: new Date(now.getTime() + HOUR) } });
    const expired = await prisma.session.create({ data: { userId: person.id, expiresAt: new Date(now.getTime() - HOUR) } });
    const record = (sessionId: string, ageMs: number) =>
      prisma.ssoSignIn.create({
        data: { protocol: "cas", ticketHash: crypto.randomBytes(32).toString("hex"), sessionId, userId: person.id, createdAt: new Date(now.getTime() - ageMs) },
      });
    const old = SIGN_IN_RECORD_KEPT_MS + HOUR;
    const signedOut = await record("no-such-session", old);
    const expiredOld = await record(expired.id, old);
    const liveOld = await record(live.id, old);
    const young = await record("no-such-session", HOUR);

    expect(await forgetEndedSignIns(now)).toBe(2);
    const left = await prisma.ssoSignIn.findMany({ where: { userId: person.id }, select: { id: true } });
    expect(left.map((row) => row.id).sort()).toEqual([liveOld.id, young.id].sort());
    expect(left.map((row) => row.id)).not.toContain(signedOut.id);
    expect(left.map((row) => row.id)).not.toContain(expiredOld.id);
    expect(await forgetEndedSignIns(now)).toBe(0);
  });

  it("are cleaned by a recurring background pass", () => {
    expect(backgroundTaskNames()).toContain(ssoSignInsPass.name);
  });
});
