-- ───────────────────────── Meetings in search (issue 19) ─────────────────────────
-- A meeting's record holds its series, agenda (segments, items, their presenters and linked
-- documents), its minutes' text and its invitees (who may find it). Every change to one of those
-- names the meeting in the outbox, in the changing transaction; the worker reads the meeting's
-- current state (app/search/records.server.ts). Row-by-row writes (createMany of invitations,
-- segments) are folded into one outbox row per meeting by statement-level triggers.

CREATE FUNCTION search_outbox_meeting() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND (OLD."seriesId", OLD."startsAt", OLD."place", OLD."status", OLD."minutesDocumentId")
      IS NOT DISTINCT FROM (NEW."seriesId", NEW."startsAt", NEW."place", NEW."status", NEW."minutesDocumentId") THEN
    RETURN NULL; -- e.g. check-in opened, hours set: nothing searchable changed
  END IF;
  IF TG_OP = 'DELETE' THEN PERFORM search_outbox_add('meeting', OLD."id");
  ELSE PERFORM search_outbox_add('meeting', NEW."id");
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER search_outbox AFTER INSERT OR UPDATE OR DELETE ON "Meeting" FOR EACH ROW EXECUTE FUNCTION search_outbox_meeting();

-- Children of a meeting (agenda segments and items, invitations): one outbox row per meeting and statement.
CREATE FUNCTION search_outbox_meeting_child_new() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "SearchOutbox" ("kind", "recordId") SELECT DISTINCT 'meeting', n."meetingId" FROM new_rows n;
  RETURN NULL;
END $$;
CREATE FUNCTION search_outbox_meeting_child_old() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "SearchOutbox" ("kind", "recordId") SELECT DISTINCT 'meeting', o."meetingId" FROM old_rows o;
  RETURN NULL;
END $$;

CREATE TRIGGER search_outbox_insert AFTER INSERT ON "MeetingSegment" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION search_outbox_meeting_child_new();
CREATE TRIGGER search_outbox_update AFTER UPDATE ON "MeetingSegment" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION search_outbox_meeting_child_new();
CREATE TRIGGER search_outbox_delete AFTER DELETE ON "MeetingSegment" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION search_outbox_meeting_child_old();

CREATE TRIGGER search_outbox_insert AFTER INSERT ON "AgendaItem" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION search_outbox_meeting_child_new();
CREATE TRIGGER search_outbox_update AFTER UPDATE ON "AgendaItem" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION search_outbox_meeting_child_new();
CREATE TRIGGER search_outbox_delete AFTER DELETE ON "AgendaItem" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION search_outbox_meeting_child_old();

CREATE TRIGGER search_outbox_insert AFTER INSERT ON "MeetingInvitation" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION search_outbox_meeting_child_new();
CREATE TRIGGER search_outbox_delete AFTER DELETE ON "MeetingInvitation" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION search_outbox_meeting_child_old();

-- The series' title, description and organiser are on each of its meetings.
CREATE FUNCTION search_outbox_meeting_series() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF (OLD."title", OLD."description", OLD."organiserKind", OLD."collegeId", OLD."jointGroupId", OLD."studioId")
      IS DISTINCT FROM (NEW."title", NEW."description", NEW."organiserKind", NEW."collegeId", NEW."jointGroupId", NEW."studioId") THEN
    INSERT INTO "SearchOutbox" ("kind", "recordId") SELECT 'meeting', m."id" FROM "Meeting" m WHERE m."seriesId" = NEW."id";
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER search_outbox AFTER UPDATE ON "MeetingSeries" FOR EACH ROW EXECUTE FUNCTION search_outbox_meeting_series();

-- The minutes' text (a document owned by the meeting) and the titles of documents on the agenda.
CREATE FUNCTION search_outbox_document_meeting() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD."plainText" IS DISTINCT FROM NEW."plainText" AND NEW."studioId" IS NULL THEN
    INSERT INTO "SearchOutbox" ("kind", "recordId") SELECT 'meeting', m."id" FROM "Meeting" m WHERE m."minutesDocumentId" = NEW."id";
  END IF;
  IF OLD."title" IS DISTINCT FROM NEW."title" THEN
    INSERT INTO "SearchOutbox" ("kind", "recordId") SELECT DISTINCT 'meeting', a."meetingId" FROM "AgendaItem" a WHERE a."documentId" = NEW."id";
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER search_outbox_meeting AFTER UPDATE ON "Document" FOR EACH ROW EXECUTE FUNCTION search_outbox_document_meeting();

-- A studio's name and duty are on its series' meetings.
CREATE FUNCTION search_outbox_studio_meeting() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF (OLD."name", OLD."duty") IS DISTINCT FROM (NEW."name", NEW."duty") THEN
    INSERT INTO "SearchOutbox" ("kind", "recordId") SELECT 'meeting', m."id" FROM "Meeting" m JOIN "MeetingSeries" s ON s."id" = m."seriesId" WHERE s."studioId" = NEW."id";
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER search_outbox_meeting AFTER UPDATE ON "Studio" FOR EACH ROW EXECUTE FUNCTION search_outbox_studio_meeting();
