import pg from "pg";

/**
 * Two people saving at the same moment, made to happen every time rather than by luck: "the other
 * person's" change is written by a plain SQL transaction that stays open, `run` (ours, through the
 * app) starts meanwhile — it has checked what it checks and waits on the row or the unique index the
 * other transaction holds — and only then does the other transaction commit. What `run` answers is
 * what the second of two simultaneous saves answers. Returns `run`'s outcome, settled.
 */
export async function whileAnotherSaves<T>(statements: Array<[string, unknown[]?]>, run: () => Promise<T>): Promise<PromiseSettledResult<T>> {
  const other = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await other.connect();
  try {
    await other.query("BEGIN");
    for (const [sql, params] of statements) await other.query(sql, params ?? []);
    const ours = run().then(
      (value) => ({ status: "fulfilled", value } as const),
      (reason: unknown) => ({ status: "rejected", reason } as const)
    );
    // Ours is waiting for a lock held by the other transaction (or has finished: then it did not need one).
    const otherPid = (await other.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows[0]!.pid;
    let settled = false;
    void ours.then(() => (settled = true));
    for (let i = 0; i < 400 && !settled; i++) {
      const waiting = await other.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND $1 = ANY(pg_blocking_pids(pid))",
        [otherPid]
      );
      if (waiting.rows[0]!.n > 0) break;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    await other.query("COMMIT");
    return await ours;
  } finally {
    await other.end();
  }
}
