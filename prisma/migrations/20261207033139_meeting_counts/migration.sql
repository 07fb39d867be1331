-- AlterTable
ALTER TABLE "Meeting" ADD COLUMN     "invitedCount" INTEGER,
ADD COLUMN     "presentCount" INTEGER;

-- Meetings closed before this migration: their counts as they stand (nothing changes after closing).
UPDATE "Meeting" m SET
  "invitedCount" = (SELECT COUNT(*) FROM "MeetingInvitation" i WHERE i."meetingId" = m."id"),
  "presentCount" = (SELECT COUNT(*) FROM "MeetingAttendance" a WHERE a."meetingId" = m."id")
WHERE m."status" = 'CLOSED';
