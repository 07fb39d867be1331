import type { BackgroundTask } from "~/infra/background-task.ts";
import { removeDeletedPhotoDirectories } from "./archive.server.ts";
import { submitOverdueIdentifications } from "./round.server.ts";

const PASS_EVERY_MS = 5_000;

let timer: NodeJS.Timeout | null = null;
let running: Promise<unknown> | null = null;

/**
 * 人物辨识's work beside requests: at start, the photo directories an interrupted archive left
 * behind; then, every few seconds, the automatic submission of attempts past their deadline (the
 * page also submits an overdue attempt when it is opened, so a late sweep costs nobody points).
 */
export const identificationSweepTask: BackgroundTask = {
  name: "camp-identification-sweep",
  start(log) {
    running = removeDeletedPhotoDirectories().then(
      (removed) => {
        if (removed) log(`已删除 ${removed} 个已归档训练营遗留的学生照片目录。`);
      },
      (error) => log(`清理已归档训练营的学生照片失败：${error}`),
    );
    const pass = () => {
      running = submitOverdueIdentifications().then(
        (submitted) => {
          if (submitted) log(`人物辨识：已自动交卷 ${submitted} 份。`);
        },
        (error) => log(`人物辨识自动交卷失败：${error}`),
      );
    };
    timer = setInterval(pass, PASS_EVERY_MS);
    timer.unref();
  },
  async stop() {
    if (timer) clearInterval(timer);
    timer = null;
    await running;
  },
};
