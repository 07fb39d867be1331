-- An agenda item's version for its edit form (issue 27, decision 095): two organisers saving the
-- same item at once no longer overwrite each other silently.
ALTER TABLE "AgendaItem" ADD COLUMN "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;
