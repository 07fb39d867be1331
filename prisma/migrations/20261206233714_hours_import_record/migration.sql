-- AlterTable
ALTER TABLE "TrainingHoursEntry" ADD COLUMN     "importRecord" TEXT;

-- Entries imported before carry their platform record in "sourceId" (platform code:record number;
-- an import without record numbers names its batch, "import:…"). The earliest of each keeps it.
UPDATE "TrainingHoursEntry" AS e SET "importRecord" = e."sourceId"
FROM (
  SELECT DISTINCT ON ("sourceId") id FROM "TrainingHoursEntry"
  WHERE "source" = 'IMPORT' AND "sourceId" IS NOT NULL AND "sourceId" NOT LIKE 'import:%'
  ORDER BY "sourceId", "createdAt", id
) AS first
WHERE e.id = first.id;

-- CreateIndex
CREATE UNIQUE INDEX "TrainingHoursEntry_importRecord_key" ON "TrainingHoursEntry"("importRecord");
