-- CreateTable
CREATE TABLE "OfficeInfo" (
    "officeCode" TEXT NOT NULL,
    "address" TEXT,
    "hours" TEXT,
    "phone" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "updatedBy" TEXT,

    CONSTRAINT "OfficeInfo_pkey" PRIMARY KEY ("officeCode")
);
