import { defineMessages } from "~/i18n/define-messages.ts";

export const notificationMessages = defineMessages(
  {
    title: "通知",
    bell: "通知（{{count}} 条未读）",
    bellNone: "通知（没有未读）",
    empty: "暂时没有通知。",
    markAllRead: "全部标为已读",
    markedAllRead: "已将全部通知标为已读。",
    unread: "未读",
    open: "查看",
    previous: "上一页",
    next: "下一页",
    page: "第 {{page}} 页，共 {{pages}} 页",
    unknown: "一条通知",
    welcome: "欢迎使用辅导员工作室协同平台，{{name}}！",
  },
  {
    title: "Notifications",
    bell: "Notifications ({{count}} unread)",
    bellNone: "Notifications (none unread)",
    empty: "No notifications yet.",
    markAllRead: "Mark all as read",
    markedAllRead: "All notifications marked as read.",
    unread: "Unread",
    open: "Open",
    previous: "Previous",
    next: "Next",
    page: "Page {{page}} of {{pages}}",
    unknown: "A notification",
    welcome: "Welcome to the counselor studio workspace, {{name}}!",
  },
);
