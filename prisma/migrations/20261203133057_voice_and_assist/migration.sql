-- AlterTable
ALTER TABLE "CaseAttachment" ADD COLUMN "transcript" TEXT;

-- AlterTable
ALTER TABLE "CaseEvent" ADD COLUMN "noteTranslated" TEXT;

-- CreateTable
CREATE TABLE "CaseAssist" (
    "caseId" TEXT NOT NULL PRIMARY KEY,
    "lang" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "category" TEXT,
    "urgent" BOOLEAN,
    "translation" TEXT,
    "model" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL
);
