import { recurringPass } from "~/infra/background-task.ts";
import { closeOverdueAttempts } from "./attempts.server.ts";

/**
 * 自动交卷: knowledge-test attempts past their deadline are submitted (autoSubmitted) and graded.
 * The taker's page submits at its deadline itself; this pass is for the browser that is gone, so a
 * few seconds late is fine (the answers stopped at the deadline either way). Once per 15 s across all
 * instances on the job queue (decision 113); each attempt is claimed in its own transaction.
 */
export const campTestSweepPass = recurringPass({
  name: "camp-test-auto-submit",
  everyMs: 15_000,
  expireInSeconds: 120,
  pass: () => closeOverdueAttempts(),
  done: (closed) => `已自动提交 ${closed} 份超时的基础知识测试答卷。`,
  failed: (error) => `自动提交超时答卷失败：${error}`,
});
