/** Retry delays of the outbox worker (pure). */

const MAX_ROW_BACKOFF_S = 600;

/** Backoff for a row Meilisearch rejected: 2, 4, 8 … seconds, at most ten minutes. */
export function rowBackoffSeconds(attempts: number): number {
  return Math.min(MAX_ROW_BACKOFF_S, 2 ** Math.max(1, attempts));
}

/** Backoff of the whole worker while Meilisearch is unreachable: 1, 2, 4 … 30 seconds. */
export function engineBackoffMs(failures: number): number {
  return Math.min(30_000, 1000 * 2 ** Math.max(0, failures - 1));
}

