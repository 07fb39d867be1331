-- Training data (issue 18): session reminders, the personal calendar feed, courses in search.

-- AlterTable
ALTER TABLE "TrainingSession" ADD COLUMN     "reminderSentAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "TrainingCalendarFeed" (
    "userId" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TrainingCalendarFeed_pkey" PRIMARY KEY ("userId")
);

-- CreateIndex
CREATE UNIQUE INDEX "TrainingCalendarFeed_tokenHash_key" ON "TrainingCalendarFeed"("tokenHash");

-- CreateIndex
CREATE INDEX "TrainingSession_reminderSentAt_startsAt_idx" ON "TrainingSession"("reminderSentAt", "startsAt");

-- AddForeignKey
ALTER TABLE "TrainingCalendarFeed" ADD CONSTRAINT "TrainingCalendarFeed_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- ───────────────────────── Training courses in search (issue 18) ─────────────────────────
-- A course's record names its platform, its organising college or joint group: their renames
-- reach it too. The worker reads the course's current state (app/search/records.server.ts).
CREATE FUNCTION search_outbox_training_course() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN PERFORM search_outbox_add('course', OLD."id");
  ELSE PERFORM search_outbox_add('course', NEW."id");
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER search_outbox AFTER INSERT OR UPDATE OR DELETE ON "TrainingCourse" FOR EACH ROW EXECUTE FUNCTION search_outbox_training_course();

CREATE FUNCTION search_outbox_training_platform() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD."nameZh" IS DISTINCT FROM NEW."nameZh" THEN
    INSERT INTO "SearchOutbox" ("kind", "recordId") SELECT 'course', c."id" FROM "TrainingCourse" c WHERE c."platformId" = NEW."id";
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER search_outbox AFTER UPDATE ON "TrainingPlatform" FOR EACH ROW EXECUTE FUNCTION search_outbox_training_platform();

CREATE FUNCTION search_outbox_joint_training_group() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD."name" IS DISTINCT FROM NEW."name" THEN
    INSERT INTO "SearchOutbox" ("kind", "recordId") SELECT 'course', c."id" FROM "TrainingCourse" c WHERE c."jointGroupId" = NEW."id";
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER search_outbox AFTER UPDATE ON "JointTrainingGroup" FOR EACH ROW EXECUTE FUNCTION search_outbox_joint_training_group();

CREATE OR REPLACE FUNCTION search_outbox_college() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD."name" IS DISTINCT FROM NEW."name" THEN
    INSERT INTO "SearchOutbox" ("kind", "recordId") SELECT 'person', u."id" FROM "User" u WHERE u."collegeId" = NEW."id";
    INSERT INTO "SearchOutbox" ("kind", "recordId") SELECT 'course', c."id" FROM "TrainingCourse" c WHERE c."collegeId" = NEW."id";
  END IF;
  RETURN NULL;
END $$;
