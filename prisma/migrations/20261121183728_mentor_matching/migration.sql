-- CreateEnum
CREATE TYPE "MentorRank" AS ENUM ('SENIOR', 'ASSOCIATE', 'INTERMEDIATE', 'JUNIOR');

-- CreateEnum
CREATE TYPE "MatchingRunKind" AS ENUM ('FULL', 'SLOT');

-- AlterTable
ALTER TABLE "Mentor" ADD COLUMN     "rank" "MentorRank" NOT NULL DEFAULT 'INTERMEDIATE';

-- AlterTable
ALTER TABLE "MentorAssignment" ADD COLUMN     "invitedAt" TIMESTAMP(3),
ADD COLUMN     "responseNote" TEXT,
ADD COLUMN     "runId" TEXT;

-- CreateTable
CREATE TABLE "MatchingRun" (
    "id" TEXT NOT NULL,
    "kind" "MatchingRunKind" NOT NULL,
    "directionId" TEXT,
    "startedById" TEXT,
    "settings" JSONB NOT NULL,
    "slotsTotal" INTEGER NOT NULL,
    "slotsFilled" INTEGER NOT NULL,
    "firstSlotsTotal" INTEGER NOT NULL,
    "firstSlotsFilled" INTEGER NOT NULL,
    "objective" DOUBLE PRECISION NOT NULL,
    "greedyObjective" DOUBLE PRECISION,
    "unfilled" JSONB NOT NULL DEFAULT '[]',
    "durationMs" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MatchingRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MentorPreference" (
    "id" TEXT NOT NULL,
    "studioId" TEXT NOT NULL,
    "mentorId" TEXT NOT NULL,
    "rank" INTEGER NOT NULL,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MentorPreference_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "MatchingRun_createdAt_idx" ON "MatchingRun"("createdAt");

-- CreateIndex
CREATE INDEX "MentorPreference_mentorId_idx" ON "MentorPreference"("mentorId");

-- CreateIndex
CREATE UNIQUE INDEX "MentorPreference_studioId_mentorId_key" ON "MentorPreference"("studioId", "mentorId");

-- AddForeignKey
ALTER TABLE "MentorAssignment" ADD CONSTRAINT "MentorAssignment_runId_fkey" FOREIGN KEY ("runId") REFERENCES "MatchingRun"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MentorPreference" ADD CONSTRAINT "MentorPreference_studioId_fkey" FOREIGN KEY ("studioId") REFERENCES "Studio"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MentorPreference" ADD CONSTRAINT "MentorPreference_mentorId_fkey" FOREIGN KEY ("mentorId") REFERENCES "Mentor"("id") ON DELETE CASCADE ON UPDATE CASCADE;
