import type { BackgroundTask } from "~/infra/background.server.ts";
import { documentsWithPendingUpdates } from "./persistence.server.ts";
import { registry, writerIdle } from "./shared-doc.server.ts";

/**
 * Start: fold in increments left by a crash (the text, word count and search index then match
 * the stored content). Stop (before the database stops): save every open document.
 */
export const collabTask: BackgroundTask = {
  name: "collab",
  async start(log) {
    const pending = await documentsWithPendingUpdates();
    for (const documentId of pending) {
      const doc = await registry.get(documentId);
      if (!doc) continue;
      await doc.save().catch((error) => log(`整理文档 ${documentId} 的未合并修改失败：${error}`));
      await registry.unload(doc);
    }
    if (pending.length) log(`已整理 ${pending.length} 篇文档在上次异常退出前保存的修改。`);
  },
  async stop() {
    await registry.closeAll("SHUTDOWN");
    await writerIdle();
  },
};
