-- CreateTable
CREATE TABLE "Case" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "trackingNumber" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "programme" TEXT,
    "placeCode" TEXT NOT NULL,
    "upazilaCode" TEXT NOT NULL,
    "districtCode" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "tier" TEXT NOT NULL,
    "officeCode" TEXT NOT NULL,
    "urgent" BOOLEAN NOT NULL DEFAULT false,
    "urgentReasons" TEXT NOT NULL DEFAULT '[]',
    "dueAt" DATETIME NOT NULL,
    "contactId" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "phoneSealed" TEXT,
    "shareIdentity" BOOLEAN NOT NULL DEFAULT false,
    "subjectName" TEXT,
    "subjectAge" INTEGER,
    "subjectSex" TEXT,
    "consent" TEXT,
    "duplicateOf" TEXT,
    "createdAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL,
    "closedAt" DATETIME
);

-- CreateTable
CREATE TABLE "CaseEvent" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "caseId" TEXT NOT NULL,
    "at" DATETIME NOT NULL,
    "type" TEXT NOT NULL,
    "fromState" TEXT,
    "toState" TEXT,
    "tier" TEXT,
    "officeCode" TEXT,
    "note" TEXT,
    "actor" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "CaseAttachment" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "caseId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "ref" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "JobLease" (
    "name" TEXT NOT NULL PRIMARY KEY,
    "holder" TEXT NOT NULL,
    "expiresAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "Case_trackingNumber_key" ON "Case"("trackingNumber");

-- CreateIndex
CREATE INDEX "Case_state_dueAt_idx" ON "Case"("state", "dueAt");

-- CreateIndex
CREATE INDEX "Case_contactId_createdAt_idx" ON "Case"("contactId", "createdAt");

-- CreateIndex
CREATE INDEX "Case_officeCode_state_idx" ON "Case"("officeCode", "state");

-- CreateIndex
CREATE INDEX "Case_upazilaCode_subjectName_idx" ON "Case"("upazilaCode", "subjectName");

-- CreateIndex
CREATE INDEX "CaseEvent_caseId_id_idx" ON "CaseEvent"("caseId", "id");

-- CreateIndex
CREATE INDEX "CaseAttachment_caseId_idx" ON "CaseAttachment"("caseId");
