/** The probe's data (app/jobs/probe.server.ts). */
export interface ProbeData {
  key: string;
  /** Holds the run this long between its start and its effect (to be killed mid-run); at most 10 s. */
  holdMs?: number;
}

/** What a parent process sends over the IPC channel to have probes enqueued. */
export interface ProbeMessage {
  type: "fudao:jobs-probe";
  id: string;
  items: ProbeData[];
}

export const MAX_PROBES_PER_MESSAGE = 10_000;

/** Anything else on the channel (another message, a malformed one) is ignored. */
export function isProbeMessage(message: unknown): message is ProbeMessage {
  if (typeof message !== "object" || message === null) return false;
  const m = message as Partial<ProbeMessage>;
  return (
    m.type === "fudao:jobs-probe" &&
    typeof m.id === "string" &&
    Array.isArray(m.items) &&
    m.items.length <= MAX_PROBES_PER_MESSAGE &&
    m.items.every(
      (item: unknown) =>
        typeof item === "object" &&
        item !== null &&
        typeof (item as ProbeData).key === "string" &&
        (item as ProbeData).key.length > 0 &&
        (item as ProbeData).key.length <= 200 &&
        ((item as ProbeData).holdMs === undefined || (typeof (item as ProbeData).holdMs === "number" && Number.isFinite((item as ProbeData).holdMs))),
    )
  );
}
