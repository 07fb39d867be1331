import { defineMessages } from "~/i18n/define-messages.ts";

/** Shared controls (pagination, confirmations, progress) used by several features. */
export const kitMessages = defineMessages(
  {
    pagination: "分页",
    page: "第 {{page}} 页，共 {{pages}} 页",
    total: "共 {{count}} 条",
    previous: "上一页",
    next: "下一页",
    cancel: "取消",
    working: "正在处理…",
    saving: "正在保存…",
    save: "保存",
    loading: "正在加载…",
    saved: "已保存。",
    formInvalid: "表单中有需要修改的内容，请检查后重新提交。",
    invalidRequest: "请求内容无效，请刷新页面后重试。",
    chartDataTable: "查看数据表",
    noData: "暂无数据。",
  },
  {
    pagination: "Pagination",
    page: "Page {{page}} of {{pages}}",
    total: "{{count}} in total",
    previous: "Previous",
    next: "Next",
    cancel: "Cancel",
    working: "Working…",
    saving: "Saving…",
    save: "Save",
    loading: "Loading…",
    saved: "Saved.",
    formInvalid: "Some fields need attention. Please check and submit again.",
    invalidRequest: "The request was not valid. Please reload the page and try again.",
    chartDataTable: "Show the data as a table",
    noData: "No data yet.",
  },
);
