-- CreateTable
CREATE TABLE "Case" (
    "id" TEXT NOT NULL,
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
    "dueAt" TIMESTAMP(3) NOT NULL,
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
    "createdAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "closedAt" TIMESTAMP(3),

    CONSTRAINT "Case_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CaseEvent" (
    "id" SERIAL NOT NULL,
    "caseId" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "type" TEXT NOT NULL,
    "fromState" TEXT,
    "toState" TEXT,
    "tier" TEXT,
    "officeCode" TEXT,
    "note" TEXT,
    "actor" TEXT NOT NULL,

    CONSTRAINT "CaseEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CaseAttachment" (
    "id" SERIAL NOT NULL,
    "caseId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "ref" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CaseAttachment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "JobLease" (
    "name" TEXT NOT NULL,
    "holder" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "JobLease_pkey" PRIMARY KEY ("name")
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
