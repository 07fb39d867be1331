import { periodicTask } from "~/infra/background-task.ts";
import { removeDeletedPhotoDirectories } from "./archive.server.ts";
import { submitOverdueIdentifications } from "./round.server.ts";

/**
 * 人物辨识's work beside requests: at start, the photo directories an interrupted archive left
 * behind; then, every few seconds, the automatic submission of attempts past their deadline (the
 * page also submits an overdue attempt when it is opened, so a late sweep costs nobody points).
 */
export const identificationSweepTask = periodicTask({
  name: "camp-identification-sweep",
  everyMs: 5_000,
  atStart: async (log) => {
    try {
      const removed = await removeDeletedPhotoDirectories();
      if (removed) log(`已删除 ${removed} 个已归档训练营遗留的学生照片目录。`);
    } catch (error) {
      log(`清理已归档训练营的学生照片失败：${error}`);
    }
  },
  pass: () => submitOverdueIdentifications(),
  done: (submitted) => `人物辨识：已自动交卷 ${submitted} 份。`,
  failed: (error) => `人物辨识自动交卷失败：${error}`,
});
