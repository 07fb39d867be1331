-- CreateTable
CREATE TABLE "SsoSignIn" (
    "id" TEXT NOT NULL,
    "protocol" TEXT NOT NULL,
    "ticketHash" TEXT NOT NULL,
    "sessionId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "idToken" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SsoSignIn_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "SsoSignIn_ticketHash_key" ON "SsoSignIn"("ticketHash");

-- CreateIndex
CREATE INDEX "SsoSignIn_sessionId_idx" ON "SsoSignIn"("sessionId");

-- CreateIndex
CREATE INDEX "SsoSignIn_createdAt_idx" ON "SsoSignIn"("createdAt");
