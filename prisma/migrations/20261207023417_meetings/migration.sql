-- CreateEnum
CREATE TYPE "MeetingOrganiserKind" AS ENUM ('SCHOOL', 'COLLEGE', 'JOINT_GROUP', 'STUDIO');

-- CreateEnum
CREATE TYPE "MeetingStatus" AS ENUM ('SCHEDULED', 'IN_PROGRESS', 'CLOSED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "MeetingTargetKind" AS ENUM ('STAGE', 'GROUP', 'COLLEGE', 'STUDIO', 'PERSON');

-- CreateEnum
CREATE TYPE "AgendaProposalStatus" AS ENUM ('OPEN', 'TAKEN', 'DECLINED');

-- CreateEnum
CREATE TYPE "AgendaOutcomeKind" AS ENUM ('INFORMATION', 'DECISION', 'ACTION');

-- CreateEnum
CREATE TYPE "ActionItemStatus" AS ENUM ('OPEN', 'IN_PROGRESS', 'DONE', 'DROPPED');

-- AlterTable
ALTER TABLE "Document" ALTER COLUMN "studioId" DROP NOT NULL;

-- CreateTable
CREATE TABLE "MeetingSeries" (
    "id" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "organiserKind" "MeetingOrganiserKind" NOT NULL,
    "collegeId" TEXT,
    "jointGroupId" TEXT,
    "studioId" TEXT,
    "weekOfMonth" INTEGER NOT NULL,
    "weekday" INTEGER NOT NULL,
    "startTime" TEXT NOT NULL,
    "durationMinutes" INTEGER NOT NULL,
    "place" TEXT NOT NULL DEFAULT '',
    "segmentTemplate" JSONB NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "MeetingSeries_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MeetingSeriesOrganiser" (
    "seriesId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,

    CONSTRAINT "MeetingSeriesOrganiser_pkey" PRIMARY KEY ("seriesId","userId")
);

-- CreateTable
CREATE TABLE "MeetingSeriesTarget" (
    "id" TEXT NOT NULL,
    "seriesId" TEXT NOT NULL,
    "kind" "MeetingTargetKind" NOT NULL,
    "stage" "CareerStage",
    "group" "TargetGroup",
    "collegeId" TEXT,
    "studioId" TEXT,
    "userId" TEXT,

    CONSTRAINT "MeetingSeriesTarget_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Meeting" (
    "id" TEXT NOT NULL,
    "seriesId" TEXT NOT NULL,
    "scheduledOn" DATE NOT NULL,
    "startsAt" TIMESTAMP(3) NOT NULL,
    "endsAt" TIMESTAMP(3) NOT NULL,
    "place" TEXT NOT NULL DEFAULT '',
    "status" "MeetingStatus" NOT NULL DEFAULT 'SCHEDULED',
    "movedFromStartsAt" TIMESTAMP(3),
    "cancelledAt" TIMESTAMP(3),
    "agendaPublishedAt" TIMESTAMP(3),
    "closedAt" TIMESTAMP(3),
    "closedById" TEXT,
    "minutesConfirmedAt" TIMESTAMP(3),
    "minutesConfirmedById" TEXT,
    "minutesDocumentId" TEXT,
    "minutesVersionId" TEXT,
    "hours" DECIMAL(6,1),
    "checkInSecret" TEXT NOT NULL,
    "checkInOpenedAt" TIMESTAMP(3),
    "checkInClosedAt" TIMESTAMP(3),
    "studioActivityId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Meeting_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MeetingSegment" (
    "id" TEXT NOT NULL,
    "meetingId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "plannedMinutes" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,

    CONSTRAINT "MeetingSegment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AgendaItem" (
    "id" TEXT NOT NULL,
    "meetingId" TEXT NOT NULL,
    "segmentId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "presenterId" TEXT,
    "minutes" INTEGER NOT NULL,
    "notes" TEXT NOT NULL DEFAULT '',
    "position" INTEGER NOT NULL,
    "documentId" TEXT,
    "outputId" TEXT,
    "url" TEXT,
    "fromProposalId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AgendaItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AgendaProposal" (
    "id" TEXT NOT NULL,
    "seriesId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "notes" TEXT NOT NULL DEFAULT '',
    "proposedById" TEXT,
    "status" "AgendaProposalStatus" NOT NULL DEFAULT 'OPEN',
    "decidedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AgendaProposal_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MeetingInvitation" (
    "meetingId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "noteTaker" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MeetingInvitation_pkey" PRIMARY KEY ("meetingId","userId")
);

-- CreateTable
CREATE TABLE "MeetingAttendance" (
    "id" TEXT NOT NULL,
    "meetingId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "method" "CheckInMethod" NOT NULL,
    "recordedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MeetingAttendance_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DiscussionGroup" (
    "id" TEXT NOT NULL,
    "meetingId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "reporterId" TEXT,
    "position" INTEGER NOT NULL,

    CONSTRAINT "DiscussionGroup_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DiscussionGroupMember" (
    "groupId" TEXT NOT NULL,
    "meetingId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,

    CONSTRAINT "DiscussionGroupMember_pkey" PRIMARY KEY ("groupId","userId")
);

-- CreateTable
CREATE TABLE "AgendaOutcome" (
    "id" TEXT NOT NULL,
    "meetingId" TEXT NOT NULL,
    "agendaItemId" TEXT NOT NULL,
    "kind" "AgendaOutcomeKind" NOT NULL,
    "text" TEXT NOT NULL,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AgendaOutcome_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ActionItem" (
    "id" TEXT NOT NULL,
    "seriesId" TEXT NOT NULL,
    "meetingId" TEXT NOT NULL,
    "outcomeId" TEXT,
    "title" TEXT NOT NULL,
    "ownerId" TEXT NOT NULL,
    "dueOn" DATE NOT NULL,
    "status" "ActionItemStatus" NOT NULL DEFAULT 'OPEN',
    "closedAt" TIMESTAMP(3),
    "overdueNotifiedAt" TIMESTAMP(3),
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ActionItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ActionItemUpdate" (
    "id" TEXT NOT NULL,
    "actionItemId" TEXT NOT NULL,
    "fromStatus" "ActionItemStatus",
    "toStatus" "ActionItemStatus",
    "note" TEXT NOT NULL DEFAULT '',
    "meetingId" TEXT,
    "authorId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ActionItemUpdate_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "MeetingSeries_organiserKind_active_idx" ON "MeetingSeries"("organiserKind", "active");

-- CreateIndex
CREATE INDEX "MeetingSeries_collegeId_idx" ON "MeetingSeries"("collegeId");

-- CreateIndex
CREATE INDEX "MeetingSeries_jointGroupId_idx" ON "MeetingSeries"("jointGroupId");

-- CreateIndex
CREATE INDEX "MeetingSeries_studioId_idx" ON "MeetingSeries"("studioId");

-- CreateIndex
CREATE INDEX "MeetingSeriesOrganiser_userId_idx" ON "MeetingSeriesOrganiser"("userId");

-- CreateIndex
CREATE INDEX "MeetingSeriesTarget_seriesId_idx" ON "MeetingSeriesTarget"("seriesId");

-- CreateIndex
CREATE UNIQUE INDEX "Meeting_minutesDocumentId_key" ON "Meeting"("minutesDocumentId");

-- CreateIndex
CREATE UNIQUE INDEX "Meeting_minutesVersionId_key" ON "Meeting"("minutesVersionId");

-- CreateIndex
CREATE UNIQUE INDEX "Meeting_studioActivityId_key" ON "Meeting"("studioActivityId");

-- CreateIndex
CREATE INDEX "Meeting_seriesId_startsAt_idx" ON "Meeting"("seriesId", "startsAt");

-- CreateIndex
CREATE INDEX "Meeting_startsAt_idx" ON "Meeting"("startsAt");

-- CreateIndex
CREATE INDEX "Meeting_status_startsAt_idx" ON "Meeting"("status", "startsAt");

-- CreateIndex
CREATE UNIQUE INDEX "Meeting_seriesId_scheduledOn_key" ON "Meeting"("seriesId", "scheduledOn");

-- CreateIndex
CREATE INDEX "MeetingSegment_meetingId_position_idx" ON "MeetingSegment"("meetingId", "position");

-- CreateIndex
CREATE UNIQUE INDEX "AgendaItem_fromProposalId_key" ON "AgendaItem"("fromProposalId");

-- CreateIndex
CREATE INDEX "AgendaItem_meetingId_segmentId_position_idx" ON "AgendaItem"("meetingId", "segmentId", "position");

-- CreateIndex
CREATE INDEX "AgendaItem_segmentId_idx" ON "AgendaItem"("segmentId");

-- CreateIndex
CREATE INDEX "AgendaItem_documentId_idx" ON "AgendaItem"("documentId");

-- CreateIndex
CREATE INDEX "AgendaProposal_seriesId_status_createdAt_idx" ON "AgendaProposal"("seriesId", "status", "createdAt");

-- CreateIndex
CREATE INDEX "MeetingInvitation_userId_meetingId_idx" ON "MeetingInvitation"("userId", "meetingId");

-- CreateIndex
CREATE INDEX "MeetingAttendance_userId_idx" ON "MeetingAttendance"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "MeetingAttendance_meetingId_userId_key" ON "MeetingAttendance"("meetingId", "userId");

-- CreateIndex
CREATE INDEX "DiscussionGroup_meetingId_position_idx" ON "DiscussionGroup"("meetingId", "position");

-- CreateIndex
CREATE INDEX "DiscussionGroupMember_userId_idx" ON "DiscussionGroupMember"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "DiscussionGroupMember_meetingId_userId_key" ON "DiscussionGroupMember"("meetingId", "userId");

-- CreateIndex
CREATE INDEX "AgendaOutcome_agendaItemId_idx" ON "AgendaOutcome"("agendaItemId");

-- CreateIndex
CREATE INDEX "AgendaOutcome_meetingId_idx" ON "AgendaOutcome"("meetingId");

-- CreateIndex
CREATE UNIQUE INDEX "ActionItem_outcomeId_key" ON "ActionItem"("outcomeId");

-- CreateIndex
CREATE INDEX "ActionItem_ownerId_status_dueOn_idx" ON "ActionItem"("ownerId", "status", "dueOn");

-- CreateIndex
CREATE INDEX "ActionItem_seriesId_status_idx" ON "ActionItem"("seriesId", "status");

-- CreateIndex
CREATE INDEX "ActionItem_meetingId_idx" ON "ActionItem"("meetingId");

-- CreateIndex
CREATE INDEX "ActionItem_status_dueOn_idx" ON "ActionItem"("status", "dueOn");

-- CreateIndex
CREATE INDEX "ActionItemUpdate_actionItemId_createdAt_idx" ON "ActionItemUpdate"("actionItemId", "createdAt");

-- CreateIndex
CREATE INDEX "ActionItemUpdate_meetingId_idx" ON "ActionItemUpdate"("meetingId");

-- AddForeignKey
ALTER TABLE "MeetingSeries" ADD CONSTRAINT "MeetingSeries_collegeId_fkey" FOREIGN KEY ("collegeId") REFERENCES "College"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MeetingSeries" ADD CONSTRAINT "MeetingSeries_jointGroupId_fkey" FOREIGN KEY ("jointGroupId") REFERENCES "JointTrainingGroup"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MeetingSeries" ADD CONSTRAINT "MeetingSeries_studioId_fkey" FOREIGN KEY ("studioId") REFERENCES "Studio"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MeetingSeries" ADD CONSTRAINT "MeetingSeries_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MeetingSeriesOrganiser" ADD CONSTRAINT "MeetingSeriesOrganiser_seriesId_fkey" FOREIGN KEY ("seriesId") REFERENCES "MeetingSeries"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MeetingSeriesOrganiser" ADD CONSTRAINT "MeetingSeriesOrganiser_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MeetingSeriesTarget" ADD CONSTRAINT "MeetingSeriesTarget_seriesId_fkey" FOREIGN KEY ("seriesId") REFERENCES "MeetingSeries"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Meeting" ADD CONSTRAINT "Meeting_seriesId_fkey" FOREIGN KEY ("seriesId") REFERENCES "MeetingSeries"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Meeting" ADD CONSTRAINT "Meeting_closedById_fkey" FOREIGN KEY ("closedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Meeting" ADD CONSTRAINT "Meeting_minutesConfirmedById_fkey" FOREIGN KEY ("minutesConfirmedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Meeting" ADD CONSTRAINT "Meeting_minutesDocumentId_fkey" FOREIGN KEY ("minutesDocumentId") REFERENCES "Document"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Meeting" ADD CONSTRAINT "Meeting_minutesVersionId_fkey" FOREIGN KEY ("minutesVersionId") REFERENCES "DocumentVersion"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Meeting" ADD CONSTRAINT "Meeting_studioActivityId_fkey" FOREIGN KEY ("studioActivityId") REFERENCES "StudioActivity"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MeetingSegment" ADD CONSTRAINT "MeetingSegment_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AgendaItem" ADD CONSTRAINT "AgendaItem_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AgendaItem" ADD CONSTRAINT "AgendaItem_segmentId_fkey" FOREIGN KEY ("segmentId") REFERENCES "MeetingSegment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AgendaItem" ADD CONSTRAINT "AgendaItem_presenterId_fkey" FOREIGN KEY ("presenterId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AgendaItem" ADD CONSTRAINT "AgendaItem_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "Document"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AgendaItem" ADD CONSTRAINT "AgendaItem_outputId_fkey" FOREIGN KEY ("outputId") REFERENCES "Output"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AgendaItem" ADD CONSTRAINT "AgendaItem_fromProposalId_fkey" FOREIGN KEY ("fromProposalId") REFERENCES "AgendaProposal"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AgendaProposal" ADD CONSTRAINT "AgendaProposal_seriesId_fkey" FOREIGN KEY ("seriesId") REFERENCES "MeetingSeries"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AgendaProposal" ADD CONSTRAINT "AgendaProposal_proposedById_fkey" FOREIGN KEY ("proposedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MeetingInvitation" ADD CONSTRAINT "MeetingInvitation_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MeetingInvitation" ADD CONSTRAINT "MeetingInvitation_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MeetingAttendance" ADD CONSTRAINT "MeetingAttendance_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MeetingAttendance" ADD CONSTRAINT "MeetingAttendance_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DiscussionGroup" ADD CONSTRAINT "DiscussionGroup_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DiscussionGroup" ADD CONSTRAINT "DiscussionGroup_reporterId_fkey" FOREIGN KEY ("reporterId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DiscussionGroupMember" ADD CONSTRAINT "DiscussionGroupMember_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "DiscussionGroup"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DiscussionGroupMember" ADD CONSTRAINT "DiscussionGroupMember_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AgendaOutcome" ADD CONSTRAINT "AgendaOutcome_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AgendaOutcome" ADD CONSTRAINT "AgendaOutcome_agendaItemId_fkey" FOREIGN KEY ("agendaItemId") REFERENCES "AgendaItem"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AgendaOutcome" ADD CONSTRAINT "AgendaOutcome_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ActionItem" ADD CONSTRAINT "ActionItem_seriesId_fkey" FOREIGN KEY ("seriesId") REFERENCES "MeetingSeries"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ActionItem" ADD CONSTRAINT "ActionItem_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ActionItem" ADD CONSTRAINT "ActionItem_outcomeId_fkey" FOREIGN KEY ("outcomeId") REFERENCES "AgendaOutcome"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ActionItem" ADD CONSTRAINT "ActionItem_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ActionItem" ADD CONSTRAINT "ActionItem_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ActionItemUpdate" ADD CONSTRAINT "ActionItemUpdate_actionItemId_fkey" FOREIGN KEY ("actionItemId") REFERENCES "ActionItem"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ActionItemUpdate" ADD CONSTRAINT "ActionItemUpdate_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ActionItemUpdate" ADD CONSTRAINT "ActionItemUpdate_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
