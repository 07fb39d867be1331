import { periodicTask } from "~/infra/background-task.ts";
import { closeOverdueAttempts } from "./attempts.server.ts";

/**
 * 自动交卷: knowledge-test attempts past their deadline are submitted (autoSubmitted) and graded.
 * The taker's page submits at its deadline itself; this pass is for the browser that is gone, so a
 * few seconds late is fine (the answers stopped at the deadline either way).
 */
export const campTestSweepTask = periodicTask({
  name: "camp-test-auto-submit",
  everyMs: 15_000,
  pass: () => closeOverdueAttempts(),
  done: (closed) => `已自动提交 ${closed} 份超时的基础知识测试答卷。`,
  failed: (error) => `自动提交超时答卷失败：${error}`,
});
