import PgBoss from "pg-boss";
import { withAdvisoryLock } from "~/db/client.server.ts";
import type { BackgroundTask, RecurringPass } from "~/infra/background-task.ts";
import { getRuntime } from "~/infra/runtime.server.ts";

/**
 * The job queue in PostgreSQL (pg-boss 10, decision 113), in every mode: the embedded database
 * of a single `npm start` as well as the shared one of several instances.
 *
 * - A job is taken by one worker (`FOR UPDATE SKIP LOCKED`); a job whose instance died (kill -9,
 *   a lost machine) stays `active` until its `expireInSeconds` have passed, then pg-boss'
 *   maintenance (run by whichever instance's turn it is) puts it back for a retry elsewhere.
 *   Delivery is therefore at least once: each job kind says how its effect stays once (a claim in
 *   its own transaction, or an idempotency key).
 * - A recurring pass is sent by every instance's clock with a throttle slot (`singletonSeconds`):
 *   pg-boss' unique index on (queue, slot) keeps one job per slot however many instances send it,
 *   so the pass runs once per slot across all of them.
 * - The workers are our own small loops over `fetch` / `complete` / `fail` (pg-boss' `work()`
 *   leaves its `complete` unawaited: during a database restart that rejection would end the
 *   process), one job at a time per queue and loop; stopping lets the job in hand finish.
 * - Its own connections: a pool of at most 3 beside Prisma's 10 (`application_name` fudao-jobs).
 *   A database restart only fails queries for a while; the loops log it once and go on.
 */

export interface JobKind<T extends object = object> {
  name: string;
  /** How long a run may take before its instance is taken for dead and the job is run elsewhere. */
  expireInSeconds: number;
  retryLimit: number;
  /** Jobs of this kind run at once in one instance (loops). */
  concurrency?: number;
  run(data: T, job: { id: string }): Promise<unknown>;
}

export interface JobQueue extends BackgroundTask {
  /** Adds a job (from any instance); resolves to its id. */
  send<T extends object>(name: string, data: T): Promise<string | null>;
  sendMany<T extends object>(name: string, items: T[]): Promise<void>;
}

const SCHEMA = "pgboss";
const POLL_MS = 1_000;
const MAX_CONNECTIONS = 3;

export function createJobQueue({
  passes,
  kinds,
  databaseUrl = () => getRuntime().databaseUrl,
}: {
  passes: readonly RecurringPass[];
  kinds: readonly JobKind<never>[];
  databaseUrl?: () => string;
}): JobQueue {
  let boss: PgBoss | null = null;
  let running = false;
  let log: (line: string) => void = () => {};
  const timers: NodeJS.Timeout[] = [];
  const loops: Promise<void>[] = [];
  const wakers = new Set<() => void>();
  let failing = false;

  const reportError = (error: unknown) => {
    // One line per outage, not one per poll (a database restart fails every query for a while).
    if (failing) return;
    failing = true;
    log(`任务队列暂时无法访问数据库，将自动重试：${describe(error)}`);
  };
  const recovered = () => {
    if (!failing) return;
    failing = false;
    log("任务队列已恢复。");
  };

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        wakers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      wakers.add(done);
    });

  async function workLoop(name: string, handle: (job: PgBoss.Job<object>) => Promise<void>) {
    while (running && boss) {
      let job: PgBoss.Job<object> | undefined;
      try {
        job = (await boss.fetch<object>(name, { batchSize: 1 }))?.[0];
        recovered();
      } catch (error) {
        reportError(error);
      }
      if (!job) {
        if (running) await sleep(POLL_MS);
        continue;
      }
      let outcome: { ok: true } | { ok: false; error: unknown };
      try {
        await handle(job);
        outcome = { ok: true };
      } catch (error) {
        outcome = { ok: false, error };
      }
      // Settling may fail while the database is away: the job then stays active and is retried
      // after its expiry, which each kind's effect tolerates (see JobKind).
      try {
        if (outcome.ok) await boss.complete(name, job.id);
        else await boss.fail(name, job.id, { message: describe(outcome.error) });
      } catch (error) {
        reportError(error);
      }
    }
  }

  function sendPass(pass: RecurringPass) {
    const slot = Math.max(1, Math.round(pass.everyMs / 1000));
    boss?.sendThrottled(pass.name, {}, {}, slot).then(
      (id) => {
        recovered();
        if (id) for (const wake of wakers) wake();
      },
      reportError,
    );
  }

  return {
    name: "job-queue",
    async start(logLine) {
      if (running) return;
      log = logLine;
      const created = new PgBoss({
        connectionString: databaseUrl(),
        schema: SCHEMA,
        max: MAX_CONNECTIONS,
        application_name: "fudao-jobs",
        // Recurring work is sent by our clocks with throttle slots (seconds, not cron's minutes).
        schedule: false,
        supervise: true,
        migrate: true,
        // Expired jobs (a dead instance's) are noticed within seconds; one instance at a time does it.
        maintenanceIntervalSeconds: 5,
        archiveCompletedAfterSeconds: 2 * 3600,
        deleteAfterHours: 24,
      });
      created.on("error", reportError);
      // Installs or upgrades its schema "pgboss" (under its own advisory lock: instances starting
      // together wait for one another), beside our Prisma migrations in "public".
      await created.start();
      // One instance at a time: instances starting together on a fresh database otherwise
      // deadlock inside createQueue (seen with three).
      await withAdvisoryLock(QUEUES_LOCK, async () => {
        for (const pass of passes) await ensureQueue(created, pass.name, { expireInSeconds: pass.expireInSeconds, retryLimit: 2 });
        for (const kind of kinds) await ensureQueue(created, kind.name, { expireInSeconds: kind.expireInSeconds, retryLimit: kind.retryLimit });
      });
      boss = created;
      running = true;

      for (const pass of passes) {
        loops.push(
          workLoop(pass.name, async () => {
            let count: number;
            try {
              count = await pass.pass();
            } catch (error) {
              log(pass.failed(error));
              throw error;
            }
            if (count) log(pass.done(count));
          }),
        );
        sendPass(pass);
        if (pass.repeat) {
          // Ticks at twice the slot's rate so that every slot is sent by someone; the slot's
          // unique index drops the duplicates.
          const timer = setInterval(() => sendPass(pass), Math.min(pass.everyMs / 2, 30_000));
          timer.unref();
          timers.push(timer);
        }
      }
      for (const kind of kinds) {
        for (let i = 0; i < (kind.concurrency ?? 1); i++) loops.push(workLoop(kind.name, async (job) => void (await kind.run(job.data as never, { id: job.id }))));
      }
    },
    async stop() {
      if (!running) return;
      running = false;
      for (const timer of timers.splice(0)) clearInterval(timer);
      for (const wake of [...wakers]) wake();
      // The jobs in hand finish and are settled before the pool closes.
      await Promise.all(loops.splice(0));
      const stopping = boss;
      boss = null;
      await stopping?.stop({ graceful: true, wait: true, timeout: 5_000 });
    },
    async send(name, data) {
      if (!boss) throw new Error("任务队列尚未启动");
      const id = await boss.send(name, data);
      for (const wake of wakers) wake();
      return id;
    },
    async sendMany(name, items) {
      if (!boss) throw new Error("任务队列尚未启动");
      await boss.insert(items.map((data) => ({ name, data })));
      for (const wake of wakers) wake();
    },
  };
}

/** Held while an instance creates or updates the queues. */
const QUEUES_LOCK = 7_240_113;

async function ensureQueue(boss: PgBoss, name: string, options: { expireInSeconds: number; retryLimit: number }) {
  const settings = { ...options, retryDelay: 1, policy: "standard" as const };
  await boss.createQueue(name, { name, ...settings });
  // createQueue keeps an existing queue's settings: bring them to this version's.
  await boss.updateQueue(name, { name, ...settings });
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The queue as one of the server's background tasks, with the probe's IPC channel while it runs. */
export function jobQueueTask(queue: JobQueue, listen: (queue: JobQueue) => () => void): BackgroundTask {
  let unlisten: (() => void) | null = null;
  return {
    name: queue.name,
    async start(log) {
      await queue.start(log);
      unlisten = listen(queue);
    },
    async stop() {
      unlisten?.();
      unlisten = null;
      await queue.stop();
    },
  };
}
