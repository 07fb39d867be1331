-- A participant's groups as they were when the camp opened (issue 20, decision 130): ranking per
-- group reads this snapshot, as the stage median reads the stage and judging the college.
ALTER TABLE "CampParticipant" ADD COLUMN "groups" "TargetGroup"[] DEFAULT ARRAY[]::"TargetGroup"[];

-- Existing camps: the groups people have now (the best there is; nothing older was kept).
UPDATE "CampParticipant" cp SET "groups" = COALESCE(p."groups", ARRAY[]::"TargetGroup"[])
FROM "CounselorProfile" p WHERE p."userId" = cp."userId";

-- 人物辨识 is taken by those on its list (decision 131): a running camp opened before this change
-- has no list for it yet, so everyone who takes part is put on it, as opening now does.
INSERT INTO "CampRoundEntry" ("id", "roundId", "campId", "userId", "createdAt")
SELECT 'ide' || md5(r."id" || ':' || cp."userId"), r."id", cp."campId", cp."userId", CURRENT_TIMESTAMP
FROM "CampRound" r
JOIN "Camp" c ON c."id" = r."campId"
JOIN "CampParticipant" cp ON cp."campId" = r."campId"
WHERE r."kind" = 'IDENTIFICATION' AND r."enabled" AND r."cutFromRoundId" IS NULL AND c."status" = 'OPEN'
  AND NOT EXISTS (SELECT 1 FROM "CampRoundEntry" e WHERE e."roundId" = r."id")
ON CONFLICT DO NOTHING;
UPDATE "CampRound" r SET "entriesFixedAt" = CURRENT_TIMESTAMP
WHERE r."kind" = 'IDENTIFICATION' AND r."entriesFixedAt" IS NULL
  AND EXISTS (SELECT 1 FROM "CampRoundEntry" e WHERE e."roundId" = r."id");
