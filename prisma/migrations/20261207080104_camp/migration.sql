-- CreateEnum
CREATE TYPE "CampStatus" AS ENUM ('DRAFT', 'OPEN', 'SCORING', 'RELEASED', 'ARCHIVED');

-- CreateEnum
CREATE TYPE "CampRoundKind" AS ENUM ('KNOWLEDGE_TEST', 'IDENTIFICATION', 'CASE_STUDY', 'TALK');

-- CreateEnum
CREATE TYPE "CampTargetKind" AS ENUM ('STAGE', 'GROUP', 'COLLEGE', 'PERSON');

-- CreateEnum
CREATE TYPE "QuestionKind" AS ENUM ('SINGLE', 'MULTIPLE', 'TRUE_FALSE', 'FILL_IN', 'SHORT_ANSWER');

-- CreateEnum
CREATE TYPE "QuestionSource" AS ENUM ('MANUAL', 'XLSX', 'GIFT');

-- CreateEnum
CREATE TYPE "MultipleChoiceRule" AS ENUM ('ALL_OR_NOTHING', 'PARTIAL');

-- CreateEnum
CREATE TYPE "JudgedScoringRule" AS ENUM ('MEAN', 'TRIMMED_MEAN', 'Z_SCORE');

-- CreateEnum
CREATE TYPE "RoundResultFlag" AS ENUM ('DISAGREEMENT', 'TOO_FEW_JUDGES', 'ABSENT');

-- CreateEnum
CREATE TYPE "QuotaKind" AS ENUM ('PROVINCIAL_TRAINING', 'COMPETITION_TEAM', 'OVERSEAS_STUDY', 'OTHER');

-- CreateEnum
CREATE TYPE "QuotaStatus" AS ENUM ('OPEN', 'DECIDED', 'CANCELLED');

-- CreateTable
CREATE TABLE "Camp" (
    "id" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "year" INTEGER NOT NULL,
    "status" "CampStatus" NOT NULL DEFAULT 'DRAFT',
    "startsOn" DATE,
    "endsOn" DATE,
    "openedAt" TIMESTAMP(3),
    "releasedAt" TIMESTAMP(3),
    "archivedAt" TIMESTAMP(3),
    "personalDataDeletedAt" TIMESTAMP(3),
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Camp_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CampOrganiser" (
    "campId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,

    CONSTRAINT "CampOrganiser_pkey" PRIMARY KEY ("campId","userId")
);

-- CreateTable
CREATE TABLE "CampTarget" (
    "id" TEXT NOT NULL,
    "campId" TEXT NOT NULL,
    "kind" "CampTargetKind" NOT NULL,
    "stage" "CareerStage",
    "group" "TargetGroup",
    "collegeId" TEXT,
    "userId" TEXT,

    CONSTRAINT "CampTarget_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CampParticipant" (
    "campId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "stage" "CareerStage" NOT NULL,
    "collegeId" TEXT,
    "total" DECIMAL(6,2),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CampParticipant_pkey" PRIMARY KEY ("campId","userId")
);

-- CreateTable
CREATE TABLE "CampJudge" (
    "id" TEXT NOT NULL,
    "campId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "collegeId" TEXT,

    CONSTRAINT "CampJudge_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CampRound" (
    "id" TEXT NOT NULL,
    "campId" TEXT NOT NULL,
    "kind" "CampRoundKind" NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "weight" DECIMAL(5,2) NOT NULL,
    "position" INTEGER NOT NULL,
    "opensAt" TIMESTAMP(3),
    "closesAt" TIMESTAMP(3),
    "durationMinutes" INTEGER,
    "cutFromRoundId" TEXT,
    "cutTop" INTEGER,
    "entriesFixedAt" TIMESTAMP(3),
    "multipleChoiceRule" "MultipleChoiceRule" NOT NULL DEFAULT 'ALL_OR_NOTHING',
    "photosPerPerson" INTEGER,
    "decoysPerPerson" INTEGER,
    "identificationPoints" JSONB,
    "rubricId" TEXT,
    "scoringRule" "JudgedScoringRule",
    "judgesPerContestant" INTEGER,
    "disagreementTolerance" DECIMAL(5,2),
    "resultsComputedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CampRound_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CampRoundEntry" (
    "id" TEXT NOT NULL,
    "roundId" TEXT NOT NULL,
    "campId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "panel" TEXT,
    "sequence" INTEGER,
    "topicId" TEXT,
    "drawnAt" TIMESTAMP(3),
    "drawnById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CampRoundEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CampTopic" (
    "id" TEXT NOT NULL,
    "roundId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL DEFAULT '',
    "position" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CampTopic_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Rubric" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "CampRoundKind" NOT NULL,
    "isTemplate" BOOLEAN NOT NULL DEFAULT false,
    "builtIn" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Rubric_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RubricCriterion" (
    "id" TEXT NOT NULL,
    "rubricId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "weight" INTEGER NOT NULL,
    "duties" "Duty"[],

    CONSTRAINT "RubricCriterion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "JudgeAssignment" (
    "id" TEXT NOT NULL,
    "roundId" TEXT NOT NULL,
    "entryId" TEXT NOT NULL,
    "judgeId" TEXT NOT NULL,
    "comment" TEXT NOT NULL DEFAULT '',
    "total" DECIMAL(5,1),
    "submittedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "JudgeAssignment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "JudgeScore" (
    "assignmentId" TEXT NOT NULL,
    "criterionId" TEXT NOT NULL,
    "score" DECIMAL(5,1) NOT NULL,

    CONSTRAINT "JudgeScore_pkey" PRIMARY KEY ("assignmentId","criterionId")
);

-- CreateTable
CREATE TABLE "Question" (
    "id" TEXT NOT NULL,
    "category" TEXT NOT NULL DEFAULT '',
    "source" "QuestionSource" NOT NULL DEFAULT 'MANUAL',
    "currentVersionId" TEXT,
    "retiredAt" TIMESTAMP(3),
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Question_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "QuestionVersion" (
    "id" TEXT NOT NULL,
    "questionId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "kind" "QuestionKind" NOT NULL,
    "stem" TEXT NOT NULL,
    "options" JSONB NOT NULL DEFAULT '[]',
    "answerKey" JSONB NOT NULL,
    "duties" "Duty"[],
    "difficulty" INTEGER NOT NULL,
    "explanation" TEXT NOT NULL DEFAULT '',
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "QuestionVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PaperRule" (
    "id" TEXT NOT NULL,
    "roundId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "duty" "Duty",
    "kind" "QuestionKind",
    "difficultyMin" INTEGER NOT NULL DEFAULT 1,
    "difficultyMax" INTEGER NOT NULL DEFAULT 5,
    "count" INTEGER NOT NULL,
    "pointsEach" DECIMAL(5,1) NOT NULL,

    CONSTRAINT "PaperRule_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CampAttempt" (
    "id" TEXT NOT NULL,
    "roundId" TEXT NOT NULL,
    "campId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deadline" TIMESTAMP(3) NOT NULL,
    "submittedAt" TIMESTAMP(3),
    "autoSubmitted" BOOLEAN NOT NULL DEFAULT false,
    "blindCode" TEXT NOT NULL,
    "score" DECIMAL(7,2),
    "gradedAt" TIMESTAMP(3),

    CONSTRAINT "CampAttempt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AttemptQuestion" (
    "attemptId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "questionVersionId" TEXT NOT NULL,
    "points" DECIMAL(5,1) NOT NULL,
    "optionOrder" INTEGER[],

    CONSTRAINT "AttemptQuestion_pkey" PRIMARY KEY ("attemptId","position")
);

-- CreateTable
CREATE TABLE "AttemptAnswer" (
    "attemptId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "response" JSONB NOT NULL,
    "savedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "score" DECIMAL(5,1),

    CONSTRAINT "AttemptAnswer_pkey" PRIMARY KEY ("attemptId","position")
);

-- CreateTable
CREATE TABLE "ShortAnswerGrade" (
    "attemptId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "judgeId" TEXT NOT NULL,
    "score" DECIMAL(5,1),
    "comment" TEXT NOT NULL DEFAULT '',
    "gradedAt" TIMESTAMP(3),

    CONSTRAINT "ShortAnswerGrade_pkey" PRIMARY KEY ("attemptId","position","judgeId")
);

-- CreateTable
CREATE TABLE "IdentificationStudent" (
    "id" TEXT NOT NULL,
    "campId" TEXT NOT NULL,
    "counselorId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "className" TEXT NOT NULL,
    "dorm" TEXT NOT NULL DEFAULT '',
    "photoFileId" TEXT,
    "uploadedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "IdentificationStudent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IdentificationItem" (
    "attemptId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "studentId" TEXT NOT NULL,
    "decoy" BOOLEAN NOT NULL DEFAULT false,
    "typedName" TEXT,
    "typedClass" TEXT,
    "typedDorm" TEXT,
    "markedNotMine" BOOLEAN NOT NULL DEFAULT false,
    "savedAt" TIMESTAMP(3),
    "score" DECIMAL(4,1),

    CONSTRAINT "IdentificationItem_pkey" PRIMARY KEY ("attemptId","position")
);

-- CreateTable
CREATE TABLE "RoundResult" (
    "roundId" TEXT NOT NULL,
    "campId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "score" DECIMAL(6,2),
    "rule" "JudgedScoringRule",
    "judgeCount" INTEGER NOT NULL DEFAULT 0,
    "flags" "RoundResultFlag"[],
    "computedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RoundResult_pkey" PRIMARY KEY ("roundId","userId")
);

-- CreateTable
CREATE TABLE "CampDutyScore" (
    "campId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "duty" "Duty" NOT NULL,
    "earned" DECIMAL(7,2) NOT NULL,
    "possible" DECIMAL(7,2) NOT NULL,

    CONSTRAINT "CampDutyScore_pkey" PRIMARY KEY ("campId","userId","duty")
);

-- CreateTable
CREATE TABLE "CampRecommendation" (
    "id" TEXT NOT NULL,
    "campId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "courseId" TEXT NOT NULL,
    "duty" "Duty" NOT NULL,
    "reasonKey" TEXT NOT NULL,
    "reasonParams" JSONB NOT NULL DEFAULT '{}',
    "dismissedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CampRecommendation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Quota" (
    "id" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "kind" "QuotaKind" NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "seats" INTEGER NOT NULL,
    "campId" TEXT,
    "eligibleStages" "CareerStage"[],
    "eligibleGroups" "TargetGroup"[],
    "status" "QuotaStatus" NOT NULL DEFAULT 'OPEN',
    "dueOn" DATE,
    "createdById" TEXT,
    "decidedById" TEXT,
    "decidedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Quota_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "QuotaCandidate" (
    "quotaId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "rank" INTEGER NOT NULL,
    "score" DECIMAL(7,2) NOT NULL,
    "reasons" JSONB NOT NULL DEFAULT '[]',
    "chosen" BOOLEAN NOT NULL DEFAULT false,
    "chosenAt" TIMESTAMP(3),
    "notifiedAt" TIMESTAMP(3),

    CONSTRAINT "QuotaCandidate_pkey" PRIMARY KEY ("quotaId","userId")
);

-- CreateIndex
CREATE INDEX "Camp_status_year_idx" ON "Camp"("status", "year");

-- CreateIndex
CREATE INDEX "CampOrganiser_userId_idx" ON "CampOrganiser"("userId");

-- CreateIndex
CREATE INDEX "CampTarget_campId_idx" ON "CampTarget"("campId");

-- CreateIndex
CREATE INDEX "CampParticipant_userId_campId_idx" ON "CampParticipant"("userId", "campId");

-- CreateIndex
CREATE INDEX "CampParticipant_campId_stage_idx" ON "CampParticipant"("campId", "stage");

-- CreateIndex
CREATE INDEX "CampParticipant_campId_collegeId_idx" ON "CampParticipant"("campId", "collegeId");

-- CreateIndex
CREATE INDEX "CampJudge_userId_idx" ON "CampJudge"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "CampJudge_campId_userId_key" ON "CampJudge"("campId", "userId");

-- CreateIndex
CREATE UNIQUE INDEX "CampRound_rubricId_key" ON "CampRound"("rubricId");

-- CreateIndex
CREATE INDEX "CampRound_cutFromRoundId_idx" ON "CampRound"("cutFromRoundId");

-- CreateIndex
CREATE UNIQUE INDEX "CampRound_campId_kind_key" ON "CampRound"("campId", "kind");

-- CreateIndex
CREATE INDEX "CampRoundEntry_campId_userId_idx" ON "CampRoundEntry"("campId", "userId");

-- CreateIndex
CREATE INDEX "CampRoundEntry_topicId_idx" ON "CampRoundEntry"("topicId");

-- CreateIndex
CREATE UNIQUE INDEX "CampRoundEntry_roundId_userId_key" ON "CampRoundEntry"("roundId", "userId");

-- CreateIndex
CREATE INDEX "CampTopic_roundId_position_idx" ON "CampTopic"("roundId", "position");

-- CreateIndex
CREATE INDEX "Rubric_isTemplate_kind_idx" ON "Rubric"("isTemplate", "kind");

-- CreateIndex
CREATE UNIQUE INDEX "RubricCriterion_rubricId_position_key" ON "RubricCriterion"("rubricId", "position");

-- CreateIndex
CREATE INDEX "JudgeAssignment_judgeId_roundId_idx" ON "JudgeAssignment"("judgeId", "roundId");

-- CreateIndex
CREATE INDEX "JudgeAssignment_roundId_submittedAt_idx" ON "JudgeAssignment"("roundId", "submittedAt");

-- CreateIndex
CREATE UNIQUE INDEX "JudgeAssignment_entryId_judgeId_key" ON "JudgeAssignment"("entryId", "judgeId");

-- CreateIndex
CREATE INDEX "JudgeScore_criterionId_idx" ON "JudgeScore"("criterionId");

-- CreateIndex
CREATE UNIQUE INDEX "Question_currentVersionId_key" ON "Question"("currentVersionId");

-- CreateIndex
CREATE INDEX "Question_retiredAt_category_idx" ON "Question"("retiredAt", "category");

-- CreateIndex
CREATE UNIQUE INDEX "QuestionVersion_questionId_number_key" ON "QuestionVersion"("questionId", "number");

-- CreateIndex
CREATE INDEX "PaperRule_roundId_position_idx" ON "PaperRule"("roundId", "position");

-- CreateIndex
CREATE INDEX "CampAttempt_campId_userId_idx" ON "CampAttempt"("campId", "userId");

-- CreateIndex
CREATE INDEX "CampAttempt_submittedAt_deadline_idx" ON "CampAttempt"("submittedAt", "deadline");

-- CreateIndex
CREATE UNIQUE INDEX "CampAttempt_roundId_userId_key" ON "CampAttempt"("roundId", "userId");

-- CreateIndex
CREATE UNIQUE INDEX "CampAttempt_roundId_blindCode_key" ON "CampAttempt"("roundId", "blindCode");

-- CreateIndex
CREATE INDEX "AttemptQuestion_questionVersionId_idx" ON "AttemptQuestion"("questionVersionId");

-- CreateIndex
CREATE INDEX "ShortAnswerGrade_judgeId_gradedAt_idx" ON "ShortAnswerGrade"("judgeId", "gradedAt");

-- CreateIndex
CREATE UNIQUE INDEX "IdentificationStudent_photoFileId_key" ON "IdentificationStudent"("photoFileId");

-- CreateIndex
CREATE INDEX "IdentificationStudent_campId_counselorId_idx" ON "IdentificationStudent"("campId", "counselorId");

-- CreateIndex
CREATE INDEX "IdentificationItem_studentId_idx" ON "IdentificationItem"("studentId");

-- CreateIndex
CREATE INDEX "RoundResult_campId_userId_idx" ON "RoundResult"("campId", "userId");

-- CreateIndex
CREATE INDEX "CampDutyScore_campId_duty_idx" ON "CampDutyScore"("campId", "duty");

-- CreateIndex
CREATE INDEX "CampRecommendation_userId_createdAt_idx" ON "CampRecommendation"("userId", "createdAt");

-- CreateIndex
CREATE INDEX "CampRecommendation_courseId_idx" ON "CampRecommendation"("courseId");

-- CreateIndex
CREATE UNIQUE INDEX "CampRecommendation_campId_userId_courseId_key" ON "CampRecommendation"("campId", "userId", "courseId");

-- CreateIndex
CREATE INDEX "Quota_status_createdAt_idx" ON "Quota"("status", "createdAt");

-- CreateIndex
CREATE INDEX "Quota_campId_idx" ON "Quota"("campId");

-- CreateIndex
CREATE INDEX "QuotaCandidate_userId_chosen_idx" ON "QuotaCandidate"("userId", "chosen");

-- AddForeignKey
ALTER TABLE "CampOrganiser" ADD CONSTRAINT "CampOrganiser_campId_fkey" FOREIGN KEY ("campId") REFERENCES "Camp"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CampOrganiser" ADD CONSTRAINT "CampOrganiser_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CampTarget" ADD CONSTRAINT "CampTarget_campId_fkey" FOREIGN KEY ("campId") REFERENCES "Camp"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CampParticipant" ADD CONSTRAINT "CampParticipant_campId_fkey" FOREIGN KEY ("campId") REFERENCES "Camp"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CampParticipant" ADD CONSTRAINT "CampParticipant_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CampParticipant" ADD CONSTRAINT "CampParticipant_collegeId_fkey" FOREIGN KEY ("collegeId") REFERENCES "College"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CampJudge" ADD CONSTRAINT "CampJudge_campId_fkey" FOREIGN KEY ("campId") REFERENCES "Camp"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CampJudge" ADD CONSTRAINT "CampJudge_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CampRound" ADD CONSTRAINT "CampRound_campId_fkey" FOREIGN KEY ("campId") REFERENCES "Camp"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CampRound" ADD CONSTRAINT "CampRound_cutFromRoundId_fkey" FOREIGN KEY ("cutFromRoundId") REFERENCES "CampRound"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CampRound" ADD CONSTRAINT "CampRound_rubricId_fkey" FOREIGN KEY ("rubricId") REFERENCES "Rubric"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CampRoundEntry" ADD CONSTRAINT "CampRoundEntry_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "CampRound"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CampRoundEntry" ADD CONSTRAINT "CampRoundEntry_campId_userId_fkey" FOREIGN KEY ("campId", "userId") REFERENCES "CampParticipant"("campId", "userId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CampRoundEntry" ADD CONSTRAINT "CampRoundEntry_topicId_fkey" FOREIGN KEY ("topicId") REFERENCES "CampTopic"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CampTopic" ADD CONSTRAINT "CampTopic_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "CampRound"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RubricCriterion" ADD CONSTRAINT "RubricCriterion_rubricId_fkey" FOREIGN KEY ("rubricId") REFERENCES "Rubric"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "JudgeAssignment" ADD CONSTRAINT "JudgeAssignment_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "CampRound"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "JudgeAssignment" ADD CONSTRAINT "JudgeAssignment_entryId_fkey" FOREIGN KEY ("entryId") REFERENCES "CampRoundEntry"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "JudgeAssignment" ADD CONSTRAINT "JudgeAssignment_judgeId_fkey" FOREIGN KEY ("judgeId") REFERENCES "CampJudge"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "JudgeScore" ADD CONSTRAINT "JudgeScore_assignmentId_fkey" FOREIGN KEY ("assignmentId") REFERENCES "JudgeAssignment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "JudgeScore" ADD CONSTRAINT "JudgeScore_criterionId_fkey" FOREIGN KEY ("criterionId") REFERENCES "RubricCriterion"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Question" ADD CONSTRAINT "Question_currentVersionId_fkey" FOREIGN KEY ("currentVersionId") REFERENCES "QuestionVersion"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "QuestionVersion" ADD CONSTRAINT "QuestionVersion_questionId_fkey" FOREIGN KEY ("questionId") REFERENCES "Question"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PaperRule" ADD CONSTRAINT "PaperRule_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "CampRound"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CampAttempt" ADD CONSTRAINT "CampAttempt_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "CampRound"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CampAttempt" ADD CONSTRAINT "CampAttempt_campId_userId_fkey" FOREIGN KEY ("campId", "userId") REFERENCES "CampParticipant"("campId", "userId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AttemptQuestion" ADD CONSTRAINT "AttemptQuestion_attemptId_fkey" FOREIGN KEY ("attemptId") REFERENCES "CampAttempt"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AttemptQuestion" ADD CONSTRAINT "AttemptQuestion_questionVersionId_fkey" FOREIGN KEY ("questionVersionId") REFERENCES "QuestionVersion"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AttemptAnswer" ADD CONSTRAINT "AttemptAnswer_attemptId_position_fkey" FOREIGN KEY ("attemptId", "position") REFERENCES "AttemptQuestion"("attemptId", "position") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ShortAnswerGrade" ADD CONSTRAINT "ShortAnswerGrade_attemptId_position_fkey" FOREIGN KEY ("attemptId", "position") REFERENCES "AttemptQuestion"("attemptId", "position") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ShortAnswerGrade" ADD CONSTRAINT "ShortAnswerGrade_judgeId_fkey" FOREIGN KEY ("judgeId") REFERENCES "CampJudge"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IdentificationStudent" ADD CONSTRAINT "IdentificationStudent_campId_counselorId_fkey" FOREIGN KEY ("campId", "counselorId") REFERENCES "CampParticipant"("campId", "userId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IdentificationStudent" ADD CONSTRAINT "IdentificationStudent_photoFileId_fkey" FOREIGN KEY ("photoFileId") REFERENCES "UploadedFile"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IdentificationItem" ADD CONSTRAINT "IdentificationItem_attemptId_fkey" FOREIGN KEY ("attemptId") REFERENCES "CampAttempt"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IdentificationItem" ADD CONSTRAINT "IdentificationItem_studentId_fkey" FOREIGN KEY ("studentId") REFERENCES "IdentificationStudent"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RoundResult" ADD CONSTRAINT "RoundResult_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "CampRound"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RoundResult" ADD CONSTRAINT "RoundResult_campId_userId_fkey" FOREIGN KEY ("campId", "userId") REFERENCES "CampParticipant"("campId", "userId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CampDutyScore" ADD CONSTRAINT "CampDutyScore_campId_userId_fkey" FOREIGN KEY ("campId", "userId") REFERENCES "CampParticipant"("campId", "userId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CampRecommendation" ADD CONSTRAINT "CampRecommendation_campId_userId_fkey" FOREIGN KEY ("campId", "userId") REFERENCES "CampParticipant"("campId", "userId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CampRecommendation" ADD CONSTRAINT "CampRecommendation_courseId_fkey" FOREIGN KEY ("courseId") REFERENCES "TrainingCourse"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Quota" ADD CONSTRAINT "Quota_campId_fkey" FOREIGN KEY ("campId") REFERENCES "Camp"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "QuotaCandidate" ADD CONSTRAINT "QuotaCandidate_quotaId_fkey" FOREIGN KEY ("quotaId") REFERENCES "Quota"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "QuotaCandidate" ADD CONSTRAINT "QuotaCandidate_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
