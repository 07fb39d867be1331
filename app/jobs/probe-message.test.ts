import { describe, expect, it } from "vitest";
import { isProbeMessage, MAX_PROBES_PER_MESSAGE } from "./probe-message.ts";

describe("the probe's IPC message", () => {
  it("accepts a well-formed request", () => {
    expect(isProbeMessage({ type: "fudao:jobs-probe", id: "1", items: [{ key: "a" }, { key: "b", holdMs: 500 }] })).toBe(true);
    expect(isProbeMessage({ type: "fudao:jobs-probe", id: "1", items: [] })).toBe(true);
  });

  it("ignores other messages and malformed ones", () => {
    for (const message of [
      null,
      "fudao:jobs-probe",
      { ready: true, port: 3000 },
      { type: "fudao:jobs-probe", items: [{ key: "a" }] },
      { type: "fudao:jobs-probe", id: "1", items: "a" },
      { type: "fudao:jobs-probe", id: "1", items: [null] },
      { type: "fudao:jobs-probe", id: "1", items: [{ key: "" }] },
      { type: "fudao:jobs-probe", id: "1", items: [{ key: 7 }] },
      { type: "fudao:jobs-probe", id: "1", items: [{ key: "x".repeat(201) }] },
      { type: "fudao:jobs-probe", id: "1", items: [{ key: "a", holdMs: "10" }] },
      { type: "fudao:jobs-probe", id: "1", items: [{ key: "a", holdMs: Number.NaN }] },
      { type: "fudao:jobs-probe", id: "1", items: Array.from({ length: MAX_PROBES_PER_MESSAGE + 1 }, (_, i) => ({ key: `k${i}` })) },
    ]) {
      expect(isProbeMessage(message), JSON.stringify(message)?.slice(0, 80)).toBe(false);
    }
  });
});
