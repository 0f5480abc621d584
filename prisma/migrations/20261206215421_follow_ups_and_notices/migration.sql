-- CreateTable
CREATE TABLE "FollowUp" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "caseId" TEXT NOT NULL,
    "audience" TEXT NOT NULL,
    "contactId" TEXT NOT NULL,
    "round" INTEGER NOT NULL,
    "dueAt" DATETIME NOT NULL,
    "sentAt" DATETIME,
    "answer" TEXT,
    "answeredAt" DATETIME,
    "grievanceId" TEXT
);

-- CreateTable
CREATE TABLE "OfficeNotice" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "fromArea" TEXT NOT NULL,
    "fromOfficerId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "OfficeNoticeRead" (
    "noticeId" TEXT NOT NULL,
    "officerId" TEXT NOT NULL,
    "readAt" DATETIME NOT NULL,

    PRIMARY KEY ("noticeId", "officerId")
);

-- CreateIndex
CREATE INDEX "FollowUp_dueAt_sentAt_idx" ON "FollowUp"("dueAt", "sentAt");

-- CreateIndex
CREATE INDEX "FollowUp_contactId_sentAt_idx" ON "FollowUp"("contactId", "sentAt");

-- CreateIndex
CREATE UNIQUE INDEX "FollowUp_caseId_audience_round_key" ON "FollowUp"("caseId", "audience", "round");

-- CreateIndex
CREATE INDEX "OfficeNotice_fromArea_createdAt_idx" ON "OfficeNotice"("fromArea", "createdAt");
