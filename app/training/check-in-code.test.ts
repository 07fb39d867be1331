import { describe, expect, it } from "vitest";
import { codeFor, qrPayloadFor, sessionOfPayload, stepAt, verifyCode, verifyPayload } from "./check-in-code.ts";

const SECRET = "a-session-secret-of-enough-length";
const OTHER_SECRET = "another-session-secret-entirely";
const SESSION = "clsession00000000000001";
const at = (seconds: number) => new Date(1_800_000_000_000 + seconds * 1000);

describe("rotating check-in codes", () => {
  it("are six digits that change every step", () => {
    const step = stepAt(at(0));
    const codes = Array.from({ length: 20 }, (_, i) => codeFor(SECRET, SESSION, step + i));
    for (const code of codes) expect(code).toMatch(/^\d{6}$/);
    expect(new Set(codes).size).toBeGreaterThan(18);
    expect(codeFor(SECRET, SESSION, step)).not.toBe(codeFor(OTHER_SECRET, SESSION, step));
  });

  it("accept the code on screen and the one just before it, refuse an older one as expired", () => {
    const shown = codeFor(SECRET, SESSION, stepAt(at(0)));
    expect(verifyCode(SECRET, SESSION, shown, at(0))).toBe("ok");
    expect(verifyCode(SECRET, SESSION, shown, at(10))).toBe("ok");
    expect(verifyCode(SECRET, SESSION, shown, at(20))).toBe("expired");
    expect(verifyCode(SECRET, SESSION, shown, at(200))).toBe("expired");
  });

  it("call a code that never was shown wrong, and the code of another session too", () => {
    const shown = codeFor(SECRET, SESSION, stepAt(at(0)));
    const wrong = String((Number(shown) + 1) % 1_000_000).padStart(6, "0");
    expect(verifyCode(SECRET, SESSION, wrong, at(0))).toBe("wrong");
    expect(verifyCode(SECRET, SESSION, "12ab56", at(0))).toBe("wrong");
    expect(verifyCode(OTHER_SECRET, SESSION, shown, at(0))).toBe("wrong");
  });
});

describe("signed QR payloads", () => {
  it("name their session and are accepted in their step and the next", () => {
    const payload = qrPayloadFor(SECRET, SESSION, stepAt(at(0)));
    expect(sessionOfPayload(payload)).toBe(SESSION);
    expect(verifyPayload(SECRET, payload, at(0))).toBe("ok");
    expect(verifyPayload(SECRET, payload, at(10))).toBe("ok");
    expect(verifyPayload(SECRET, payload, at(20))).toBe("expired");
  });

  it("are forged when altered, signed with another secret, from the future or not ours at all", () => {
    const step = stepAt(at(0));
    const payload = qrPayloadFor(SECRET, SESSION, step);
    const [id, , sig] = payload.split(".");
    expect(verifyPayload(SECRET, `${id}.${step + 1}.${sig}`, at(10))).toBe("forged");
    expect(verifyPayload(SECRET, qrPayloadFor(OTHER_SECRET, SESSION, step), at(0))).toBe("forged");
    expect(verifyPayload(SECRET, qrPayloadFor(SECRET, SESSION, step + 3), at(0))).toBe("forged");
    expect(verifyPayload(SECRET, "https://example.com/?check-in", at(0))).toBe("forged");
    expect(sessionOfPayload("not a payload")).toBeNull();
  });
});
