import { dailyBackupTask } from "~/backup/daily.server.ts";
import { identificationSweepTask } from "~/camp/students/sweep.server.ts";
import { campTestSweepTask } from "~/camp/test/sweep.server.ts";
import { runningServicesTask } from "~/cli/running-services.server.ts";
import { collabTask } from "~/collab/task.server.ts";
import type { BackgroundTask } from "~/infra/background-task.ts";
import { overdueRemindersTask } from "~/meetings/reminders.server.ts";
import { nameKeysTask } from "~/people/name-keys.server.ts";
import { searchOutboxTask } from "~/search/outbox.server.ts";
import { sessionRemindersTask } from "~/training/reminders.server.ts";

/**
 * Work beside requests (app/infra/background-task.ts): started after the server listens, stopped
 * before the database. Features add their task here (one line each).
 */
const TASKS: BackgroundTask[] = [runningServicesTask, searchOutboxTask(), collabTask, nameKeysTask, sessionRemindersTask, overdueRemindersTask, identificationSweepTask, campTestSweepTask, dailyBackupTask()];

/** The registered tasks by name (a test checks that each feature's task is in the list). */
export const backgroundTaskNames = () => TASKS.map((task) => task.name);

export async function startBackgroundTasks(log: (line: string) => void): Promise<void> {
  for (const task of TASKS) await task.start(log);
}

export async function stopBackgroundTasks(log: (line: string) => void): Promise<void> {
  for (const task of [...TASKS].reverse()) {
    await Promise.resolve(task.stop()).catch((error) => log(`停止后台任务 ${task.name} 时出错：${error}`));
  }
}
