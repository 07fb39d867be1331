import { defineMessages } from "~/i18n/define-messages.ts";

/** Shared controls (pagination, confirmations, progress) used by several features. */
export const kitMessages = defineMessages({
  pagination: ["分页", "Pagination"],
  page: ["第 {{page}} 页，共 {{pages}} 页", "Page {{page}} of {{pages}}"],
  total: ["共 {{count}} 条", "{{count}} in total"],
  previous: ["上一页", "Previous"],
  next: ["下一页", "Next"],
  cancel: ["取消", "Cancel"],
  working: ["正在处理…", "Working…"],
  saving: ["正在保存…", "Saving…"],
  save: ["保存", "Save"],
  saved: ["已保存。", "Saved."],
  formInvalid: ["表单中有需要修改的内容，请检查后重新提交。", "Some fields need attention. Please check and submit again."],
  chartDataTable: ["查看数据表", "Show the data as a table"],
  notUnique: ["刚有人保存了同样的名称或编号，请换一个再试。", "Someone has just saved the same name or code; please choose another and try again."],
  editedByOthers: [
    "已被他人修改：你打开这页之后，有人保存了新的内容。你的修改尚未保存，仍在表单中；请对照下面的当前值，确认后再次保存（将以你的内容为准）。",
    "Changed by someone else: since you opened this page, someone saved new content. Your changes are not saved and are still in the form; compare them with the current values below and save again to keep yours.",
  ],
  conflictField: ["内容", "Field"],
  conflictTheirs: ["当前值", "Current value"],
  conflictYours: ["你的修改", "Your change"],
  conflictEmpty: ["（空）", "(empty)"],
  yes: ["是", "Yes"],
  no: ["否", "No"],
  uploadUnreadable: ["无法读取上传的内容，请重新选择文件后再试。", "The upload could not be read. Please choose the file again and retry."],
});
