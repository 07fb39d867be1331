-- CreateEnum
CREATE TYPE "ActivityKind" AS ENUM ('SEMINAR', 'TRAINING', 'LECTURE', 'FIELDWORK', 'MEETING', 'OTHER');

-- CreateTable
CREATE TABLE "StudioActivity" (
    "id" TEXT NOT NULL,
    "studioId" TEXT NOT NULL,
    "kind" "ActivityKind" NOT NULL,
    "title" TEXT NOT NULL,
    "date" DATE NOT NULL,
    "location" TEXT NOT NULL DEFAULT '',
    "participants" INTEGER,
    "summary" TEXT NOT NULL DEFAULT '',
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StudioActivity_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "StudioActivity_studioId_date_idx" ON "StudioActivity"("studioId", "date");

-- AddForeignKey
ALTER TABLE "StudioActivity" ADD CONSTRAINT "StudioActivity_studioId_fkey" FOREIGN KEY ("studioId") REFERENCES "Studio"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StudioActivity" ADD CONSTRAINT "StudioActivity_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
