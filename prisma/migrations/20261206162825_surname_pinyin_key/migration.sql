-- AlterTable
ALTER TABLE "User" ADD COLUMN     "nameInitials" TEXT,
ADD COLUMN     "namePinyin" TEXT,
ADD COLUMN     "nameSortKey" TEXT;

-- CreateIndex
CREATE INDEX "User_nameSortKey_username_idx" ON "User"("nameSortKey", "username");
