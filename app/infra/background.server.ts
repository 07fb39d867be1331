import { runningServicesTask } from "~/cli/running-services.server.ts";
import { searchOutboxTask } from "~/search/outbox.server.ts";
import { collabTask } from "~/collab/task.server.ts";
import { nameKeysTask } from "~/people/name-keys.server.ts";

/**
 * Work that runs beside request handling (e.g. draining the search outbox, compacting document
 * updates). Started once the server listens; stopped on shutdown after HTTP is closed and
 * before the database goes away, so a task can flush what it holds.
 */
export interface BackgroundTask {
  name: string;
  start(log: (line: string) => void): Promise<void> | void;
  stop(): Promise<void> | void;
}

/** Features add their task here (one line each). */
const TASKS: BackgroundTask[] = [runningServicesTask, searchOutboxTask(), collabTask, nameKeysTask];

export async function startBackgroundTasks(log: (line: string) => void): Promise<void> {
  for (const task of TASKS) await task.start(log);
}

export async function stopBackgroundTasks(log: (line: string) => void): Promise<void> {
  for (const task of [...TASKS].reverse()) {
    await Promise.resolve(task.stop()).catch((error) => log(`停止后台任务 ${task.name} 时出错：${error}`));
  }
}
