import { recurringPass } from "~/infra/background-task.ts";
import { sendOverdueReminders } from "./action-items.server.ts";

/** 督办事项逾期提醒: one in-app notice per action item once it is overdue (sendOverdueReminders is idempotent: it claims each item in its own transaction); once an hour across all instances on the job queue (decision 113); a reminder a day late is no worse than an hour. */
export const overdueRemindersPass = recurringPass({
  name: "meetings-overdue-reminders",
  everyMs: 60 * 60_000,
  expireInSeconds: 300,
  pass: sendOverdueReminders,
  done: (told) => `已提醒 ${told} 项逾期的督办事项。`,
  failed: (error) => `发送督办事项逾期提醒失败：${error}`,
});
