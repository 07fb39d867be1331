-- CreateEnum
CREATE TYPE "CareerStage" AS ENUM ('NOVICE', 'GROWING', 'EXPERIENCED', 'EXPERT');

-- CreateEnum
CREATE TYPE "TrainingLevel" AS ENUM ('SCHOOL', 'COLLEGE');

-- CreateEnum
CREATE TYPE "TrainingCourseStatus" AS ENUM ('DRAFT', 'PUBLISHED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "SpeakerKind" AS ENUM ('INVITED', 'OUTGOING', 'INTERNAL');

-- CreateEnum
CREATE TYPE "TrainingTargetKind" AS ENUM ('REQUIRED', 'ELECTIVE');

-- CreateEnum
CREATE TYPE "TrainingEnrolmentStatus" AS ENUM ('ENROLLED', 'WAITLISTED', 'WITHDRAWN');

-- CreateEnum
CREATE TYPE "TrainingEnrolmentSource" AS ENUM ('SELF', 'ASSIGNED');

-- CreateEnum
CREATE TYPE "CheckInMethod" AS ENUM ('CODE', 'QR', 'MANUAL');

-- CreateEnum
CREATE TYPE "ExternalTrainingStatus" AS ENUM ('PENDING', 'APPROVED', 'REJECTED');

-- CreateEnum
CREATE TYPE "TrainingHoursSource" AS ENUM ('ATTENDANCE', 'EXTERNAL', 'IMPORT', 'CORRECTION', 'MEETING', 'CAMP');

-- CreateTable
CREATE TABLE "TrainingPlatform" (
    "id" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "nameZh" TEXT NOT NULL,
    "nameEn" TEXT NOT NULL,
    "external" BOOLEAN NOT NULL DEFAULT false,
    "nationalOrProvincial" BOOLEAN NOT NULL DEFAULT false,
    "induction" BOOLEAN NOT NULL DEFAULT false,
    "sortOrder" INTEGER NOT NULL DEFAULT 0,
    "builtIn" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TrainingPlatform_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TrainingPlan" (
    "id" TEXT NOT NULL,
    "stage" "CareerStage" NOT NULL,
    "name" TEXT NOT NULL,
    "phaseGoal" TEXT NOT NULL,
    "focusAreas" TEXT[],
    "yearlyHours" DECIMAL(6,1) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "updatedById" TEXT,

    CONSTRAINT "TrainingPlan_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TrainingPlanItem" (
    "id" TEXT NOT NULL,
    "planId" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "platformId" TEXT,
    "courseId" TEXT,
    "minHours" DECIMAL(6,1),
    "perYear" BOOLEAN NOT NULL DEFAULT true,
    "sortOrder" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "TrainingPlanItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "JointTrainingGroup" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "JointTrainingGroup_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "JointTrainingGroupMember" (
    "groupId" TEXT NOT NULL,
    "collegeId" TEXT NOT NULL,

    CONSTRAINT "JointTrainingGroupMember_pkey" PRIMARY KEY ("groupId","collegeId")
);

-- CreateTable
CREATE TABLE "CollegeTrainingOverride" (
    "collegeId" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "grantedById" TEXT,
    "grantedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CollegeTrainingOverride_pkey" PRIMARY KEY ("collegeId")
);

-- CreateTable
CREATE TABLE "TrainingBudget" (
    "id" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "ownerKey" TEXT NOT NULL,
    "amountYuan" DECIMAL(12,2) NOT NULL,
    "updatedById" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "TrainingBudget_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TrainingCourse" (
    "id" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "platformId" TEXT NOT NULL,
    "level" "TrainingLevel" NOT NULL,
    "collegeId" TEXT,
    "jointGroupId" TEXT,
    "duties" "Duty"[],
    "hours" DECIMAL(6,1) NOT NULL,
    "speaker" TEXT NOT NULL DEFAULT '',
    "speakerKind" "SpeakerKind" NOT NULL DEFAULT 'INTERNAL',
    "capacity" INTEGER,
    "enrolOpensAt" TIMESTAMP(3),
    "enrolClosesAt" TIMESTAMP(3),
    "costYuan" DECIMAL(12,2) NOT NULL DEFAULT 0,
    "year" INTEGER NOT NULL,
    "status" "TrainingCourseStatus" NOT NULL DEFAULT 'DRAFT',
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "TrainingCourse_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TrainingCourseTarget" (
    "id" TEXT NOT NULL,
    "courseId" TEXT NOT NULL,
    "stage" "CareerStage",
    "group" "TargetGroup",
    "kind" "TrainingTargetKind" NOT NULL,

    CONSTRAINT "TrainingCourseTarget_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TrainingSession" (
    "id" TEXT NOT NULL,
    "courseId" TEXT NOT NULL,
    "startsAt" TIMESTAMP(3) NOT NULL,
    "endsAt" TIMESTAMP(3) NOT NULL,
    "place" TEXT NOT NULL DEFAULT '',
    "onlineUrl" TEXT,
    "hours" DECIMAL(6,1) NOT NULL,
    "checkInOpenedAt" TIMESTAMP(3),
    "checkInClosedAt" TIMESTAMP(3),
    "checkInSecret" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TrainingSession_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TrainingEnrolment" (
    "id" TEXT NOT NULL,
    "courseId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "status" "TrainingEnrolmentStatus" NOT NULL,
    "source" "TrainingEnrolmentSource" NOT NULL DEFAULT 'SELF',
    "queuedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "assignedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "TrainingEnrolment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TrainingAttendance" (
    "id" TEXT NOT NULL,
    "sessionId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "method" "CheckInMethod" NOT NULL,
    "recordedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TrainingAttendance_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ExternalTrainingRecord" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "organiser" TEXT NOT NULL DEFAULT '',
    "platformId" TEXT NOT NULL,
    "startsOn" DATE NOT NULL,
    "endsOn" DATE NOT NULL,
    "hours" DECIMAL(6,1) NOT NULL,
    "evidenceFileId" TEXT,
    "status" "ExternalTrainingStatus" NOT NULL DEFAULT 'PENDING',
    "decidedById" TEXT,
    "decidedAt" TIMESTAMP(3),
    "decisionNote" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ExternalTrainingRecord_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TrainingHoursEntry" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "hours" DECIMAL(6,1) NOT NULL,
    "source" "TrainingHoursSource" NOT NULL,
    "sourceId" TEXT,
    "platformId" TEXT,
    "level" "TrainingLevel",
    "schoolLevel" BOOLEAN NOT NULL DEFAULT false,
    "induction" BOOLEAN NOT NULL DEFAULT false,
    "nationalOrProvincial" BOOLEAN NOT NULL DEFAULT false,
    "title" TEXT NOT NULL DEFAULT '',
    "reason" TEXT,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TrainingHoursEntry_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "TrainingPlatform_code_key" ON "TrainingPlatform"("code");

-- CreateIndex
CREATE UNIQUE INDEX "TrainingPlan_stage_key" ON "TrainingPlan"("stage");

-- CreateIndex
CREATE INDEX "TrainingPlanItem_planId_sortOrder_idx" ON "TrainingPlanItem"("planId", "sortOrder");

-- CreateIndex
CREATE UNIQUE INDEX "JointTrainingGroup_name_key" ON "JointTrainingGroup"("name");

-- CreateIndex
CREATE UNIQUE INDEX "JointTrainingGroupMember_collegeId_key" ON "JointTrainingGroupMember"("collegeId");

-- CreateIndex
CREATE UNIQUE INDEX "TrainingBudget_year_ownerKey_key" ON "TrainingBudget"("year", "ownerKey");

-- CreateIndex
CREATE INDEX "TrainingCourse_status_year_idx" ON "TrainingCourse"("status", "year");

-- CreateIndex
CREATE INDEX "TrainingCourse_collegeId_idx" ON "TrainingCourse"("collegeId");

-- CreateIndex
CREATE INDEX "TrainingCourse_jointGroupId_idx" ON "TrainingCourse"("jointGroupId");

-- CreateIndex
CREATE INDEX "TrainingCourseTarget_courseId_idx" ON "TrainingCourseTarget"("courseId");

-- CreateIndex
CREATE INDEX "TrainingCourseTarget_stage_group_idx" ON "TrainingCourseTarget"("stage", "group");

-- CreateIndex
CREATE INDEX "TrainingSession_courseId_startsAt_idx" ON "TrainingSession"("courseId", "startsAt");

-- CreateIndex
CREATE INDEX "TrainingSession_startsAt_idx" ON "TrainingSession"("startsAt");

-- CreateIndex
CREATE INDEX "TrainingEnrolment_courseId_status_queuedAt_idx" ON "TrainingEnrolment"("courseId", "status", "queuedAt");

-- CreateIndex
CREATE INDEX "TrainingEnrolment_userId_status_idx" ON "TrainingEnrolment"("userId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "TrainingEnrolment_courseId_userId_key" ON "TrainingEnrolment"("courseId", "userId");

-- CreateIndex
CREATE INDEX "TrainingAttendance_userId_idx" ON "TrainingAttendance"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "TrainingAttendance_sessionId_userId_key" ON "TrainingAttendance"("sessionId", "userId");

-- CreateIndex
CREATE INDEX "ExternalTrainingRecord_userId_status_idx" ON "ExternalTrainingRecord"("userId", "status");

-- CreateIndex
CREATE INDEX "ExternalTrainingRecord_status_createdAt_idx" ON "ExternalTrainingRecord"("status", "createdAt");

-- CreateIndex
CREATE INDEX "TrainingHoursEntry_userId_year_idx" ON "TrainingHoursEntry"("userId", "year");

-- CreateIndex
CREATE INDEX "TrainingHoursEntry_year_idx" ON "TrainingHoursEntry"("year");

-- CreateIndex
CREATE INDEX "TrainingHoursEntry_source_sourceId_idx" ON "TrainingHoursEntry"("source", "sourceId");

-- AddForeignKey
ALTER TABLE "TrainingPlanItem" ADD CONSTRAINT "TrainingPlanItem_planId_fkey" FOREIGN KEY ("planId") REFERENCES "TrainingPlan"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TrainingPlanItem" ADD CONSTRAINT "TrainingPlanItem_platformId_fkey" FOREIGN KEY ("platformId") REFERENCES "TrainingPlatform"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TrainingPlanItem" ADD CONSTRAINT "TrainingPlanItem_courseId_fkey" FOREIGN KEY ("courseId") REFERENCES "TrainingCourse"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "JointTrainingGroupMember" ADD CONSTRAINT "JointTrainingGroupMember_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "JointTrainingGroup"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "JointTrainingGroupMember" ADD CONSTRAINT "JointTrainingGroupMember_collegeId_fkey" FOREIGN KEY ("collegeId") REFERENCES "College"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CollegeTrainingOverride" ADD CONSTRAINT "CollegeTrainingOverride_collegeId_fkey" FOREIGN KEY ("collegeId") REFERENCES "College"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TrainingCourse" ADD CONSTRAINT "TrainingCourse_platformId_fkey" FOREIGN KEY ("platformId") REFERENCES "TrainingPlatform"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TrainingCourse" ADD CONSTRAINT "TrainingCourse_collegeId_fkey" FOREIGN KEY ("collegeId") REFERENCES "College"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TrainingCourse" ADD CONSTRAINT "TrainingCourse_jointGroupId_fkey" FOREIGN KEY ("jointGroupId") REFERENCES "JointTrainingGroup"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TrainingCourseTarget" ADD CONSTRAINT "TrainingCourseTarget_courseId_fkey" FOREIGN KEY ("courseId") REFERENCES "TrainingCourse"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TrainingSession" ADD CONSTRAINT "TrainingSession_courseId_fkey" FOREIGN KEY ("courseId") REFERENCES "TrainingCourse"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TrainingEnrolment" ADD CONSTRAINT "TrainingEnrolment_courseId_fkey" FOREIGN KEY ("courseId") REFERENCES "TrainingCourse"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TrainingEnrolment" ADD CONSTRAINT "TrainingEnrolment_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TrainingAttendance" ADD CONSTRAINT "TrainingAttendance_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "TrainingSession"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TrainingAttendance" ADD CONSTRAINT "TrainingAttendance_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExternalTrainingRecord" ADD CONSTRAINT "ExternalTrainingRecord_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExternalTrainingRecord" ADD CONSTRAINT "ExternalTrainingRecord_platformId_fkey" FOREIGN KEY ("platformId") REFERENCES "TrainingPlatform"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExternalTrainingRecord" ADD CONSTRAINT "ExternalTrainingRecord_evidenceFileId_fkey" FOREIGN KEY ("evidenceFileId") REFERENCES "UploadedFile"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TrainingHoursEntry" ADD CONSTRAINT "TrainingHoursEntry_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TrainingHoursEntry" ADD CONSTRAINT "TrainingHoursEntry_platformId_fkey" FOREIGN KEY ("platformId") REFERENCES "TrainingPlatform"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- ── The hours ledger is append-only (issue 18): corrections are new entries with a reason. ──
-- The database refuses UPDATE, DELETE and TRUNCATE, whatever the code path (the app, a script, psql).
CREATE FUNCTION training_hours_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '学时台账只增不改，请以更正条目代替 (TrainingHoursEntry is append-only: % refused)', TG_OP
    USING ERRCODE = 'restrict_violation';
END $$;
CREATE TRIGGER training_hours_append_only BEFORE UPDATE OR DELETE ON "TrainingHoursEntry" FOR EACH ROW EXECUTE FUNCTION training_hours_append_only();
CREATE TRIGGER training_hours_no_truncate BEFORE TRUNCATE ON "TrainingHoursEntry" FOR EACH STATEMENT EXECUTE FUNCTION training_hours_append_only();

-- ── The twelve platforms of the issue (学工部 may add more; built-in ones are not removed). ──
INSERT INTO "TrainingPlatform" ("id", "code", "nameZh", "nameEn", "external", "nationalOrProvincial", "induction", "sortOrder", "builtIn") VALUES
  ('tp-lecture',    'LECTURE',             '主题讲堂',       'Themed lecture',                  false, false, false, 1,  true),
  ('tp-special',    'SPECIAL',             '专题培训',       'Special training',                false, false, false, 2,  true),
  ('tp-online',     'ONLINE',              '线上培训',       'Online training',                 true,  false, false, 3,  true),
  ('tp-studio',     'STUDIO',              '工作室活动',     'Studio activity',                 false, false, false, 4,  true),
  ('tp-meeting',    'MONTHLY_MEETING',     '月度交流例会',   'Monthly exchange meeting',        false, false, false, 5,  true),
  ('tp-induction',  'INDUCTION',           '岗前培训',       'Induction training',              false, false, true,  6,  true),
  ('tp-salon',      'SALON',               '沙龙',           'Salon',                           false, false, false, 7,  true),
  ('tp-provincial', 'PROVINCIAL_EXCHANGE', '省级及以上交流', 'Provincial or higher exchange',   true,  true,  false, 8,  true),
  ('tp-national',   'NATIONAL',            '国家级培训',     'National training',               true,  true,  false, 9,  true),
  ('tp-contest',    'COMPETITION',         '素质能力大赛',   'Ability competition',             true,  false, false, 10, true),
  ('tp-degree',     'DEGREE',              '学历提升',       'Degree study',                    true,  false, false, 11, true),
  ('tp-overseas',   'OVERSEAS',            '海外研修',       'Overseas study',                  true,  false, false, 12, true);

-- ── The four stage plans of seed 000 as defaults (学工部 edits them as school settings). ──
INSERT INTO "TrainingPlan" ("id", "stage", "name", "phaseGoal", "focusAreas", "yearlyHours", "updatedAt") VALUES
  ('plan-novice', 'NOVICE', '新任辅导员基础能力提升计划', '工作适应',
    ARRAY['师德师风建设', '角色定位', '工作方法', '工作态度', '发展方向', '政治理论学习', '辅导员业务掌握'], 32, CURRENT_TIMESTAMP),
  ('plan-growing', 'GROWING', '骨干辅导员交流培养计划', '专业探索',
    ARRAY['政治理论提升', '工作方法提升', '专业技能培训', '省级及以上交流学习', '校内外工作交流'], 32, CURRENT_TIMESTAMP),
  ('plan-experienced', 'EXPERIENCED', '资深辅导员助力培养计划', '职业确定',
    ARRAY['政治理论提升', '工作方法提升', '国家级培训与交流', '省级以上素质能力大赛', '校内外工作交流', '学历提升教育', '海外研究进修', '“三个一”工程省级以上推优'], 24, CURRENT_TIMESTAMP),
  ('plan-expert', 'EXPERT', '学生工作专家型辅导员培训计划', '成果展示',
    ARRAY['思想政治理论课程教学', '高水平学术论文', '思想政治教育著作', '高级别科研项目', '工作室“再教育”与“再培训”'], 16, CURRENT_TIMESTAMP);

INSERT INTO "TrainingPlanItem" ("id", "planId", "label", "platformId", "minHours", "perYear", "sortOrder") VALUES
  ('pi-novice-induction',  'plan-novice',      '辅导员岗前培训',         'tp-induction',  NULL, false, 1),
  ('pi-novice-theory',     'plan-novice',      '政治理论学习',           'tp-lecture',    NULL, true,  2),
  ('pi-novice-salon',      'plan-novice',      '辅导员沙龙交流活动',     'tp-salon',      NULL, true,  3),
  ('pi-growing-special',   'plan-growing',     '专业技能专题培训',       'tp-special',    NULL, true,  1),
  ('pi-growing-exchange',  'plan-growing',     '省级及以上交流学习',     'tp-provincial', NULL, false, 2),
  ('pi-exp-lecture',       'plan-experienced', '政治理论提升',           'tp-lecture',    NULL, true,  1),
  ('pi-exp-national',      'plan-experienced', '国家级培训与交流',       'tp-national',   NULL, false, 2),
  ('pi-expert-studio',     'plan-expert',      '工作室“再教育”“再培训”', 'tp-studio',     NULL, true,  1);
