-- CreateTable
CREATE TABLE "SearchOutbox" (
    "id" BIGSERIAL NOT NULL,
    "kind" TEXT NOT NULL,
    "recordId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "availableAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastError" TEXT,

    CONSTRAINT "SearchOutbox_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SearchSynonymGroup" (
    "id" TEXT NOT NULL,
    "terms" TEXT[],
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SearchSynonymGroup_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApiToken" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3),
    "lastUsedAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "ApiToken_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SearchOutbox_availableAt_id_idx" ON "SearchOutbox"("availableAt", "id");

-- CreateIndex
CREATE UNIQUE INDEX "ApiToken_tokenHash_key" ON "ApiToken"("tokenHash");

-- CreateIndex
CREATE INDEX "ApiToken_userId_createdAt_idx" ON "ApiToken"("userId", "createdAt");

-- AddForeignKey
ALTER TABLE "ApiToken" ADD CONSTRAINT "ApiToken_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- ───────────────────────── Search outbox triggers (issue 6) ─────────────────────────
-- Every change to a row that something in the search index is built from writes an outbox row
-- in the same transaction, so no write path has to remember the index and a Meilisearch outage
-- loses nothing. The worker (app/search/outbox.server.ts) reads each record's current state, so
-- rows only name what to refresh. Prisma's schema diff does not read triggers or functions.

CREATE FUNCTION search_outbox_add(p_kind TEXT, p_id TEXT) RETURNS void LANGUAGE sql AS $$
  INSERT INTO "SearchOutbox" ("kind", "recordId") SELECT p_kind, p_id WHERE p_id IS NOT NULL;
$$;

-- Wake the worker once per transaction (PostgreSQL folds identical notifications).
CREATE FUNCTION search_outbox_wake() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('search_outbox', '');
  RETURN NULL;
END $$;
CREATE TRIGGER search_outbox_wake AFTER INSERT ON "SearchOutbox" FOR EACH STATEMENT EXECUTE FUNCTION search_outbox_wake();

CREATE FUNCTION search_outbox_document() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND (OLD."type", OLD."title", OLD."status", OLD."duty", OLD."tags", OLD."plainText", OLD."studioId", OLD."directionId", OLD."createdById", OLD."createdAt")
      IS NOT DISTINCT FROM (NEW."type", NEW."title", NEW."status", NEW."duty", NEW."tags", NEW."plainText", NEW."studioId", NEW."directionId", NEW."createdById", NEW."createdAt") THEN
    RETURN NULL; -- e.g. only the Yjs state was saved: nothing searchable changed
  END IF;
  IF TG_OP = 'DELETE' THEN PERFORM search_outbox_add('document', OLD."id");
  ELSE PERFORM search_outbox_add('document', NEW."id");
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER search_outbox AFTER INSERT OR UPDATE OR DELETE ON "Document" FOR EACH ROW EXECUTE FUNCTION search_outbox_document();

CREATE FUNCTION search_outbox_document_author() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN PERFORM search_outbox_add('document', OLD."documentId"); END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') THEN PERFORM search_outbox_add('document', NEW."documentId"); END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER search_outbox AFTER INSERT OR UPDATE OR DELETE ON "DocumentAuthor" FOR EACH ROW EXECUTE FUNCTION search_outbox_document_author();

-- A studio's record; its name and duty also appear on its documents, outputs and members.
CREATE FUNCTION search_outbox_studio() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    PERFORM search_outbox_add('studio', OLD."id");
    RETURN NULL;
  END IF;
  PERFORM search_outbox_add('studio', NEW."id");
  IF TG_OP = 'UPDATE' AND (OLD."name", OLD."duty") IS DISTINCT FROM (NEW."name", NEW."duty") THEN
    INSERT INTO "SearchOutbox" ("kind", "recordId") SELECT 'document', d."id" FROM "Document" d WHERE d."studioId" = NEW."id";
    INSERT INTO "SearchOutbox" ("kind", "recordId") SELECT 'output', o."id" FROM "Output" o WHERE o."studioId" = NEW."id";
    INSERT INTO "SearchOutbox" ("kind", "recordId") SELECT 'person', m."userId" FROM "StudioMembership" m WHERE m."studioId" = NEW."id";
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER search_outbox AFTER INSERT OR UPDATE OR DELETE ON "Studio" FOR EACH ROW EXECUTE FUNCTION search_outbox_studio();

-- Membership: the person's studios and the studio's team (leader, size).
CREATE FUNCTION search_outbox_membership() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    PERFORM search_outbox_add('person', OLD."userId");
    PERFORM search_outbox_add('studio', OLD."studioId");
  END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') THEN
    PERFORM search_outbox_add('person', NEW."userId");
    PERFORM search_outbox_add('studio', NEW."studioId");
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER search_outbox AFTER INSERT OR UPDATE OR DELETE ON "StudioMembership" FOR EACH ROW EXECUTE FUNCTION search_outbox_membership();

-- Directions are part of their studio's record; a renamed direction also renames it on documents.
CREATE FUNCTION search_outbox_direction() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN PERFORM search_outbox_add('studio', OLD."studioId"); END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') THEN PERFORM search_outbox_add('studio', NEW."studioId"); END IF;
  IF TG_OP = 'UPDATE' AND OLD."name" IS DISTINCT FROM NEW."name" THEN
    INSERT INTO "SearchOutbox" ("kind", "recordId") SELECT 'document', d."id" FROM "Document" d WHERE d."directionId" = NEW."id";
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER search_outbox AFTER INSERT OR UPDATE OR DELETE ON "Direction" FOR EACH ROW EXECUTE FUNCTION search_outbox_direction();

-- People; a person's name also appears on the documents they wrote and the studios they lead.
CREATE FUNCTION search_outbox_user() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    PERFORM search_outbox_add('person', OLD."id");
    RETURN NULL;
  END IF;
  IF TG_OP = 'UPDATE' AND (OLD."name", OLD."active", OLD."roles", OLD."collegeId") IS NOT DISTINCT FROM (NEW."name", NEW."active", NEW."roles", NEW."collegeId") THEN
    RETURN NULL; -- e.g. a changed password or language
  END IF;
  PERFORM search_outbox_add('person', NEW."id");
  IF TG_OP = 'UPDATE' AND OLD."name" IS DISTINCT FROM NEW."name" THEN
    INSERT INTO "SearchOutbox" ("kind", "recordId")
      SELECT 'document', a."documentId" FROM "DocumentAuthor" a WHERE a."userId" = NEW."id"
      UNION SELECT 'document', d."id" FROM "Document" d WHERE d."createdById" = NEW."id";
    INSERT INTO "SearchOutbox" ("kind", "recordId")
      SELECT 'studio', m."studioId" FROM "StudioMembership" m WHERE m."userId" = NEW."id" AND m."role" = 'LEADER';
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER search_outbox AFTER INSERT OR UPDATE OR DELETE ON "User" FOR EACH ROW EXECUTE FUNCTION search_outbox_user();

CREATE FUNCTION search_outbox_person_part() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN PERFORM search_outbox_add('person', OLD."userId"); END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') THEN PERFORM search_outbox_add('person', NEW."userId"); END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER search_outbox AFTER INSERT OR UPDATE OR DELETE ON "CounselorProfile" FOR EACH ROW EXECUTE FUNCTION search_outbox_person_part();
CREATE TRIGGER search_outbox AFTER INSERT OR UPDATE OR DELETE ON "Mentor" FOR EACH ROW EXECUTE FUNCTION search_outbox_person_part();

CREATE FUNCTION search_outbox_college() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD."name" IS DISTINCT FROM NEW."name" THEN
    INSERT INTO "SearchOutbox" ("kind", "recordId") SELECT 'person', u."id" FROM "User" u WHERE u."collegeId" = NEW."id";
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER search_outbox AFTER UPDATE ON "College" FOR EACH ROW EXECUTE FUNCTION search_outbox_college();

CREATE FUNCTION search_outbox_output() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN PERFORM search_outbox_add('output', OLD."id");
  ELSE PERFORM search_outbox_add('output', NEW."id");
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER search_outbox AFTER INSERT OR UPDATE OR DELETE ON "Output" FOR EACH ROW EXECUTE FUNCTION search_outbox_output();

CREATE FUNCTION search_outbox_output_author() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN PERFORM search_outbox_add('output', OLD."outputId"); END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') THEN PERFORM search_outbox_add('output', NEW."outputId"); END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER search_outbox AFTER INSERT OR UPDATE OR DELETE ON "OutputAuthor" FOR EACH ROW EXECUTE FUNCTION search_outbox_output_author();

CREATE FUNCTION search_outbox_synonyms() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM search_outbox_add('synonyms', '*');
  RETURN NULL;
END $$;
CREATE TRIGGER search_outbox AFTER INSERT OR UPDATE OR DELETE ON "SearchSynonymGroup" FOR EACH STATEMENT EXECUTE FUNCTION search_outbox_synonyms();

-- The domain synonyms every school starts with; 学工部 edits them at /admin/synonyms.
INSERT INTO "SearchSynonymGroup" ("id", "terms", "updatedAt") VALUES
  ('syn-ideology', ARRAY['思政', '思想政治'], CURRENT_TIMESTAMP),
  ('syn-mental', ARRAY['心理', '心理健康'], CURRENT_TIMESTAMP),
  ('syn-career', ARRAY['就业', '职业规划', '生涯规划'], CURRENT_TIMESTAMP),
  ('syn-online', ARRAY['网络思政', '网络思想政治教育'], CURRENT_TIMESTAMP),
  ('syn-crisis', ARRAY['危机干预', '危机应对'], CURRENT_TIMESTAMP),
  ('syn-aid', ARRAY['资助', '奖助'], CURRENT_TIMESTAMP),
  ('syn-league', ARRAY['团支部', '团组织'], CURRENT_TIMESTAMP),
  ('syn-peer', ARRAY['朋辈', '同伴'], CURRENT_TIMESTAMP),
  ('syn-party', ARRAY['党建', '党的建设'], CURRENT_TIMESTAMP),
  ('syn-study', ARRAY['学风', '学习风气'], CURRENT_TIMESTAMP),
  ('syn-freshman', ARRAY['新生', '大一新生'], CURRENT_TIMESTAMP);
