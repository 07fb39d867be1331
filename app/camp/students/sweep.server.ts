import { recurringPass, type BackgroundTask } from "~/infra/background-task.ts";
import { removeDeletedPhotoDirectories } from "./archive.server.ts";
import { submitOverdueIdentifications } from "./round.server.ts";

/**
 * 人物辨识's work beside requests. At start, in this process: the photo directories an interrupted
 * archive left behind (files of the data directory, so each instance looks at its own).
 */
let cleaning: Promise<void> | null = null;
export const identificationCleanupTask: BackgroundTask = {
  name: "camp-identification-cleanup",
  start(log) {
    cleaning = removeDeletedPhotoDirectories().then(
      (removed) => {
        if (removed) log(`已删除 ${removed} 个已归档训练营遗留的学生照片目录。`);
      },
      (error) => log(`清理已归档训练营的学生照片失败：${error}`),
    );
  },
  async stop() {
    await cleaning;
  },
};

/**
 * Every few seconds, once across all instances on the job queue (decision 113): the automatic
 * submission of attempts past their deadline (the page also submits an overdue attempt when it is
 * opened, so a late sweep costs nobody points; each submission is claimed in its own transaction).
 */
export const identificationSweepPass = recurringPass({
  name: "camp-identification-sweep",
  everyMs: 5_000,
  expireInSeconds: 120,
  pass: () => submitOverdueIdentifications(),
  done: (submitted) => `人物辨识：已自动交卷 ${submitted} 份。`,
  failed: (error) => `人物辨识自动交卷失败：${error}`,
});
