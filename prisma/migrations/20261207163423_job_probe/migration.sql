-- CreateTable
CREATE TABLE "JobProbeRun" (
    "id" BIGSERIAL NOT NULL,
    "key" TEXT NOT NULL,
    "jobId" TEXT NOT NULL,
    "pid" INTEGER NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "JobProbeRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "JobProbeEffect" (
    "key" TEXT NOT NULL,
    "jobId" TEXT NOT NULL,
    "pid" INTEGER NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "JobProbeEffect_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "JobProbeRun_key_idx" ON "JobProbeRun"("key");
