-- DropIndex
DROP INDEX "ActionItem_status_dueOn_idx";

-- CreateIndex
CREATE INDEX "ActionItem_status_dueOn_seriesId_idx" ON "ActionItem"("status", "dueOn", "seriesId");

-- CreateIndex
CREATE INDEX "ActionItem_createdAt_seriesId_idx" ON "ActionItem"("createdAt", "seriesId");

-- CreateIndex
CREATE INDEX "ActionItem_closedAt_status_seriesId_idx" ON "ActionItem"("closedAt", "status", "seriesId");
