-- CreateTable
CREATE TABLE "Recognition" (
    "code" TEXT NOT NULL PRIMARY KEY,
    "contactId" TEXT NOT NULL,
    "milestone" INTEGER NOT NULL,
    "districtCode" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "Recognition_contactId_milestone_key" ON "Recognition"("contactId", "milestone");
