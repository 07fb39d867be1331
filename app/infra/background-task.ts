/**
 * Work that runs beside request handling (e.g. draining the search outbox, compacting document
 * updates). Started once the server listens; stopped on shutdown after HTTP is closed and
 * before the database goes away, so a task can flush what it holds. Features export one; the
 * list is `TASKS` in app/composition/background.server.ts.
 */
export interface BackgroundTask {
  name: string;
  start(log: (line: string) => void): Promise<void> | void;
  stop(): Promise<void> | void;
}

/**
 * A task that runs one pass now and then every `everyMs`: never two passes at once (a slow pass is
 * not overtaken by the next), and stopping waits for the pass under way. `pass` returns how much
 * it did; `done` says so in the log when that is not nothing.
 */
export function periodicTask(options: {
  name: string;
  everyMs: number;
  pass: () => Promise<number>;
  done: (count: number) => string;
  failed: (error: unknown) => string;
  /** Work once at start, before the first pass (e.g. clearing what an interrupted run left). */
  atStart?: (log: (line: string) => void) => Promise<void>;
}): BackgroundTask {
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<unknown> | null = null;
  let stopped = false;
  return {
    name: options.name,
    start(log) {
      stopped = false;
      const pass = () => {
        if (running || stopped) return;
        running = options
          .pass()
          .then(
            (count) => {
              if (count) log(options.done(count));
            },
            (error) => log(options.failed(error)),
          )
          .finally(() => {
            running = null;
          });
      };
      if (options.atStart) {
        running = options.atStart(log).finally(() => {
          running = null;
          pass();
        });
      } else pass();
      timer = setInterval(pass, options.everyMs);
      timer.unref();
    },
    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      timer = null;
      await running;
    },
  };
}

/**
 * Work shared by every instance: a pass (one function, safe to repeat: it claims what it does in
 * its own transaction) run once per slot of `everyMs` across all instances on the database's job
 * queue (app/jobs/queue.server.ts, decision 113), not once per process. `repeat: false` runs it
 * once per start-up slot only (e.g. a check after an upgrade). The list is `PASSES` in
 * app/composition/background.server.ts.
 */
export interface RecurringPass {
  name: string;
  everyMs: number;
  /** Longest a pass may take before the queue considers its instance gone and runs it elsewhere. */
  expireInSeconds: number;
  repeat: boolean;
  pass: () => Promise<number>;
  done: (count: number) => string;
  failed: (error: unknown) => string;
  /** One pass here and now, logged as the queue logs it (tests, scripts). */
  runOnce(log: (line: string) => void): Promise<number>;
}

export function recurringPass(options: {
  name: string;
  everyMs: number;
  expireInSeconds?: number;
  repeat?: boolean;
  pass: () => Promise<number>;
  done: (count: number) => string;
  failed: (error: unknown) => string;
}): RecurringPass {
  const { expireInSeconds = 600, repeat = true } = options;
  return {
    ...options,
    expireInSeconds,
    repeat,
    async runOnce(log) {
      try {
        const count = await options.pass();
        if (count) log(options.done(count));
        return count;
      } catch (error) {
        log(options.failed(error));
        return 0;
      }
    },
  };
}
