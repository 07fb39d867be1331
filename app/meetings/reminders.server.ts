import type { BackgroundTask } from "~/infra/background-task.ts";
import { sendOverdueReminders } from "./action-items.server.ts";

/** How often the overdue action items are looked for: a reminder a day late is no worse than an hour. */
const PASS_EVERY_MS = 60 * 60_000;

let timer: NodeJS.Timeout | null = null;
let running: Promise<unknown> | null = null;

/** 督办事项逾期提醒: one in-app notice per action item once it is overdue (sendOverdueReminders is idempotent). */
export const overdueRemindersTask: BackgroundTask = {
  name: "meetings-overdue-reminders",
  start(log) {
    const pass = () => {
      running = sendOverdueReminders().then(
        (told) => {
          if (told) log(`已提醒 ${told} 项逾期的督办事项。`);
        },
        (error) => log(`发送督办事项逾期提醒失败：${error}`),
      );
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
