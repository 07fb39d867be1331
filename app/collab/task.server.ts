import { documentsWithPendingUpdates } from "~/documents/body-storage.server.ts";
import type { BackgroundTask } from "~/infra/background-task.ts";
import { foldDocuments, stopCollabWorker } from "./collab-socket.server.ts";

/**
 * Start: fold in increments left by a crash (the text, word count and search index then match
 * the stored content). Stop (before the database stops): the worker saves every open document.
 */
export const collabTask: BackgroundTask = {
  name: "collab",
  async start(log) {
    const pending = await documentsWithPendingUpdates();
    if (!pending.length) return;
    const folded = await foldDocuments(pending).catch((error) => {
      log(`整理上次异常退出前保存的修改失败：${error}`);
      return 0;
    });
    if (folded) log(`已整理 ${folded} 篇文档在上次异常退出前保存的修改。`);
  },
  async stop() {
    await stopCollabWorker();
  },
};
