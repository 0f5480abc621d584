-- CreateTable
CREATE TABLE "Officer" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "username" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "areaCode" TEXT NOT NULL,
    "passwordHash" TEXT,
    "language" TEXT NOT NULL DEFAULT 'bn',
    "sessionEpoch" INTEGER NOT NULL DEFAULT 0,
    "telegramChatId" TEXT,
    "createdAt" DATETIME NOT NULL,
    "disabledAt" DATETIME
);

-- CreateTable
CREATE TABLE "OfficerSession" (
    "tokenHash" TEXT NOT NULL PRIMARY KEY,
    "officerId" TEXT NOT NULL,
    "epoch" INTEGER NOT NULL,
    "csrfSecret" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "lastSeenAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "OfficerToken" (
    "tokenHash" TEXT NOT NULL PRIMARY KEY,
    "officerId" TEXT NOT NULL,
    "purpose" TEXT NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "usedAt" DATETIME,
    "createdAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "SignInFailure" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "key" TEXT NOT NULL,
    "at" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "AuditEntry" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "at" DATETIME NOT NULL,
    "actor" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "caseId" TEXT,
    "detail" TEXT NOT NULL DEFAULT '{}'
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Case" (
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
    "eligibility" TEXT,
    "assignedTo" TEXT,
    "enteredBy" TEXT,
    "source" TEXT NOT NULL DEFAULT 'chat',
    "rating" INTEGER,
    "ratedAt" DATETIME,
    "createdAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL,
    "closedAt" DATETIME
);
INSERT INTO "new_Case" ("category", "channel", "closedAt", "consent", "contactId", "createdAt", "description", "districtCode", "dueAt", "duplicateOf", "eligibility", "id", "kind", "language", "officeCode", "phoneSealed", "placeCode", "programme", "shareIdentity", "state", "subjectAge", "subjectName", "subjectSex", "tier", "trackingNumber", "upazilaCode", "updatedAt", "urgent", "urgentReasons") SELECT "category", "channel", "closedAt", "consent", "contactId", "createdAt", "description", "districtCode", "dueAt", "duplicateOf", "eligibility", "id", "kind", "language", "officeCode", "phoneSealed", "placeCode", "programme", "shareIdentity", "state", "subjectAge", "subjectName", "subjectSex", "tier", "trackingNumber", "upazilaCode", "updatedAt", "urgent", "urgentReasons" FROM "Case";
DROP TABLE "Case";
ALTER TABLE "new_Case" RENAME TO "Case";
CREATE UNIQUE INDEX "Case_trackingNumber_key" ON "Case"("trackingNumber");
CREATE INDEX "Case_state_dueAt_idx" ON "Case"("state", "dueAt");
CREATE INDEX "Case_contactId_createdAt_idx" ON "Case"("contactId", "createdAt");
CREATE INDEX "Case_officeCode_state_idx" ON "Case"("officeCode", "state");
CREATE INDEX "Case_upazilaCode_subjectName_idx" ON "Case"("upazilaCode", "subjectName");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "Officer_username_key" ON "Officer"("username");

-- CreateIndex
CREATE INDEX "Officer_areaCode_idx" ON "Officer"("areaCode");

-- CreateIndex
CREATE INDEX "OfficerSession_officerId_idx" ON "OfficerSession"("officerId");

-- CreateIndex
CREATE INDEX "SignInFailure_key_at_idx" ON "SignInFailure"("key", "at");

-- CreateIndex
CREATE INDEX "AuditEntry_actor_at_idx" ON "AuditEntry"("actor", "at");

-- CreateIndex
CREATE INDEX "AuditEntry_caseId_idx" ON "AuditEntry"("caseId");
