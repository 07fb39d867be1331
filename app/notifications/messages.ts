import { defineMessages } from "~/i18n/define-messages.ts";

export const notificationMessages = defineMessages({
  title: ["通知", "Notifications"],
  // The name starts with the count, the bell's only visible text (WCAG 2.5.3).
  bell: ["{{count}} 条未读通知", "{{count}} unread notifications"],
  bellMany: ["99+ 条未读通知", "99+ unread notifications"],
  bellNone: ["通知（没有未读）", "Notifications (none unread)"],
  empty: ["暂时没有通知。", "No notifications yet."],
  markAllRead: ["全部标为已读", "Mark all as read"],
  unread: ["未读", "Unread"],
  open: ["查看", "Open"],
  unknown: ["一条通知", "A notification"],
  welcome: ["欢迎使用辅导员工作室协同平台，{{name}}！", "Welcome to the counselor studio workspace, {{name}}!"],
});
