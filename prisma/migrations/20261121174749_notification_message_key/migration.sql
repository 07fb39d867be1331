-- AlterTable
ALTER TABLE "Notification" DROP COLUMN "body",
DROP COLUMN "title",
ADD COLUMN     "data" JSONB NOT NULL DEFAULT '{}';
