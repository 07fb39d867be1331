-- AlterTable
ALTER TABLE "User" ADD COLUMN     "initialPasswordHash" TEXT,
ADD COLUMN     "passwordChangedAt" TIMESTAMP(3),
ADD COLUMN     "passwordMustChange" BOOLEAN NOT NULL DEFAULT false;

-- Ended sessions (decision 009). Whatever deletes a session row — sign-out, a password change or
-- reset, disabling the account, a DBA by hand, on any app instance — tells every listener (each
-- instance's socket.io server and collaboration worker) which sessions ended, when the deletion
-- commits; they close those sessions' sockets. Ids are sent in batches of 200 (a notification
-- carries at most 8000 bytes). Prisma's schema diff does not read triggers or functions.
CREATE FUNCTION session_ended_notify() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  batch TEXT;
BEGIN
  FOR batch IN
    SELECT string_agg(id, ',') FROM (SELECT id, (row_number() OVER ()) / 200 AS chunk FROM ended) numbered GROUP BY chunk
  LOOP
    PERFORM pg_notify('session_ended', batch);
  END LOOP;
  RETURN NULL;
END $$;
CREATE TRIGGER session_ended AFTER DELETE ON "Session" REFERENCING OLD TABLE AS ended FOR EACH STATEMENT EXECUTE FUNCTION session_ended_notify();
