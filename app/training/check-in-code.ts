import crypto from "node:crypto";

/**
 * Rotating check-in codes (签到码) and QR payloads, like 雨课堂's sign-in QR code: both are
 * HMAC-SHA256 of the session's own secret and the current time step, so the server needs to
 * store nothing per step, and a photographed code stops working a step later. A code is
 * accepted in its own step and the one before it (someone typing as the screen changes); an older
 * one is "expired" (a photo passed on), anything else "wrong". A QR payload carries its step and
 * signature, so a forged or altered payload is told apart from an old one.
 */

export const DEFAULT_STEP_SECONDS = 10;
/** How far back an old code or payload is still recognised as expired rather than wrong (5 minutes at 10 s). */
const RECOGNISED_STEPS = 30;

export function stepAt(now: Date, stepSeconds = DEFAULT_STEP_SECONDS): number {
  return Math.floor(now.getTime() / 1000 / stepSeconds);
}

function mac(secret: string, message: string): Buffer {
  return crypto.createHmac("sha256", secret).update(message).digest();
}

/** The 6-digit code of one step (HOTP's dynamic truncation, RFC 4226, over SHA-256). */
export function codeFor(secret: string, sessionId: string, step: number): string {
  const digest = mac(secret, `code:${sessionId}:${step}`);
  const offset = digest[digest.length - 1]! & 0x0f;
  const value = digest.readUInt32BE(offset) & 0x7fffffff;
  return String(value % 1_000_000).padStart(6, "0");
}

const signature = (secret: string, sessionId: string, step: number) => mac(secret, `qr:${sessionId}:${step}`).subarray(0, 16).toString("base64url");

/** What the QR code on the screen encodes: `<sessionId>.<step>.<signature>`. */
export function qrPayloadFor(secret: string, sessionId: string, step: number): string {
  return `${sessionId}.${step}.${signature(secret, sessionId, step)}`;
}

/** The session a QR payload names (to load its secret), or null when it is not one of ours at all. */
export function sessionOfPayload(payload: string): string | null {
  const match = /^([a-z0-9]{10,40})\.(\d{1,12})\.([A-Za-z0-9_-]{22})$/.exec(payload.trim());
  return match ? match[1]! : null;
}

export type CodeVerdict = "ok" | "expired" | "wrong";
export type PayloadVerdict = "ok" | "expired" | "forged";

const sameText = (a: string, b: string) => a.length === b.length && crypto.timingSafeEqual(Buffer.from(a), Buffer.from(b));

export function verifyCode(secret: string, sessionId: string, code: string, now: Date, stepSeconds = DEFAULT_STEP_SECONDS): CodeVerdict {
  const current = stepAt(now, stepSeconds);
  const typed = code.trim();
  if (!/^\d{6}$/.test(typed)) return "wrong";
  if (sameText(codeFor(secret, sessionId, current), typed) || sameText(codeFor(secret, sessionId, current - 1), typed)) return "ok";
  for (let step = current - 2; step > current - RECOGNISED_STEPS; step -= 1) {
    if (sameText(codeFor(secret, sessionId, step), typed)) return "expired";
  }
  return "wrong";
}

export function verifyPayload(secret: string, payload: string, now: Date, stepSeconds = DEFAULT_STEP_SECONDS): PayloadVerdict {
  const match = /^([a-z0-9]{10,40})\.(\d{1,12})\.([A-Za-z0-9_-]{22})$/.exec(payload.trim());
  if (!match) return "forged";
  const [, sessionId, stepText, signed] = match as unknown as [string, string, string, string];
  const step = Number(stepText);
  if (!sameText(signature(secret, sessionId, step), signed)) return "forged";
  const current = stepAt(now, stepSeconds);
  // A genuine payload from the future cannot exist: the server signs only the current step.
  if (step > current) return "forged";
  return step >= current - 1 ? "ok" : "expired";
}
