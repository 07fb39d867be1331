import type { BackgroundTask } from "~/infra/background-task.ts";
import { closeOverdueAttempts } from "./attempts.server.ts";

/**
 * How often overdue attempts are looked for. The taker's page submits at its deadline itself; this
 * pass is for the browser that is gone, so a few seconds late is fine (the answers stopped at the
 * deadline either way).
 */
const PASS_EVERY_MS = 15_000;

let timer: NodeJS.Timeout | null = null;
let running: Promise<unknown> | null = null;

/** 自动交卷: knowledge-test attempts past their deadline are submitted (autoSubmitted) and graded. */
export const campTestSweepTask: BackgroundTask = {
  name: "camp-test-auto-submit",
  start(log) {
    const pass = () => {
      // One pass at a time: a slow pass (500 papers) is not overtaken by the next.
      if (running) return;
      running = closeOverdueAttempts()
        .then(
          (closed) => {
            if (closed) log(`已自动提交 ${closed} 份超时的基础知识测试答卷。`);
          },
          (error) => log(`自动提交超时答卷失败：${error}`),
        )
        .finally(() => {
          running = null;
        });
    };
    pass();
    timer = setInterval(pass, PASS_EVERY_MS);
    timer.unref();
  },
  async stop() {
    if (timer) clearInterval(timer);
    timer = null;
    await running;
  },
};
