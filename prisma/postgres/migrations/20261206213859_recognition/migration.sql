-- CreateTable
CREATE TABLE "Recognition" (
    "code" TEXT NOT NULL,
    "contactId" TEXT NOT NULL,
    "milestone" INTEGER NOT NULL,
    "districtCode" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Recognition_pkey" PRIMARY KEY ("code")
);

-- CreateIndex
CREATE UNIQUE INDEX "Recognition_contactId_milestone_key" ON "Recognition"("contactId", "milestone");
