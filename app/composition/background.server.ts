import { dailyBackupTask } from "~/backup/daily.server.ts";
import { identificationCleanupTask, identificationSweepPass } from "~/camp/students/sweep.server.ts";
import { campTestSweepPass } from "~/camp/test/sweep.server.ts";
import { runningServicesTask } from "~/cli/running-services.server.ts";
import { collabTask } from "~/collab/task.server.ts";
import type { BackgroundTask, RecurringPass } from "~/infra/background-task.ts";
import { listenForProbes, probeJob } from "~/jobs/probe.server.ts";
import { createJobQueue, jobQueueTask, type JobKind } from "~/jobs/queue.server.ts";
import { overdueRemindersPass } from "~/meetings/reminders.server.ts";
import { nameKeysPass } from "~/people/name-keys.server.ts";
import { ssoSignInsPass } from "~/auth/sso/forget-ended.server.ts";
import { searchOutboxTask } from "~/search/outbox.server.ts";
import { sessionRemindersPass } from "~/training/reminders.server.ts";

/**
 * Work shared by all instances: passes run once per slot across them on the job queue in
 * PostgreSQL (app/jobs, decision 113). Features add their pass here (one line each).
 */
const PASSES: RecurringPass[] = [nameKeysPass, sessionRemindersPass, overdueRemindersPass, identificationSweepPass, campTestSweepPass, ssoSignInsPass];

/** Job kinds other than the passes. */
const JOB_KINDS: JobKind<never>[] = [probeJob as JobKind<never>];

const jobQueue = createJobQueue({ passes: PASSES, kinds: JOB_KINDS });

/**
 * Work beside requests (app/infra/background-task.ts): started after the server listens, stopped
 * before the database, in reverse order (the queue first: the job in hand finishes). Tasks about
 * this process only stay here; the search outbox has its own single drainer (decision 041: an
 * advisory lock, released the moment its instance's connection dies; see decision 113).
 */
const TASKS: BackgroundTask[] = [runningServicesTask, searchOutboxTask(), collabTask, identificationCleanupTask, dailyBackupTask(), jobQueueTask(jobQueue, listenForProbes)];

/** The registered tasks and passes by name (a test checks that each feature's work is in the list). */
export const backgroundTaskNames = () => [...TASKS.map((task) => task.name), ...PASSES.map((pass) => pass.name)];

export async function startBackgroundTasks(log: (line: string) => void): Promise<void> {
  for (const task of TASKS) await task.start(log);
}

export async function stopBackgroundTasks(log: (line: string) => void): Promise<void> {
  for (const task of [...TASKS].reverse()) {
    await Promise.resolve(task.stop()).catch((error) => log(`停止后台任务 ${task.name} 时出错：${error}`));
  }
}
