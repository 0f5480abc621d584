-- CreateTable
CREATE TABLE "FollowUp" (
    "id" SERIAL NOT NULL,
    "caseId" TEXT NOT NULL,
    "audience" TEXT NOT NULL,
    "contactId" TEXT NOT NULL,
    "round" INTEGER NOT NULL,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "sentAt" TIMESTAMP(3),
    "answer" TEXT,
    "answeredAt" TIMESTAMP(3),
    "grievanceId" TEXT,

    CONSTRAINT "FollowUp_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OfficeNotice" (
    "id" TEXT NOT NULL,
    "fromArea" TEXT NOT NULL,
    "fromOfficerId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "OfficeNotice_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OfficeNoticeRead" (
    "noticeId" TEXT NOT NULL,
    "officerId" TEXT NOT NULL,
    "readAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "OfficeNoticeRead_pkey" PRIMARY KEY ("noticeId","officerId")
);

-- CreateIndex
CREATE INDEX "FollowUp_dueAt_sentAt_idx" ON "FollowUp"("dueAt", "sentAt");

-- CreateIndex
CREATE INDEX "FollowUp_contactId_sentAt_idx" ON "FollowUp"("contactId", "sentAt");

-- CreateIndex
CREATE UNIQUE INDEX "FollowUp_caseId_audience_round_key" ON "FollowUp"("caseId", "audience", "round");

-- CreateIndex
CREATE INDEX "OfficeNotice_fromArea_createdAt_idx" ON "OfficeNotice"("fromArea", "createdAt");
