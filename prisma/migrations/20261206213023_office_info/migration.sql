-- CreateTable
CREATE TABLE "OfficeInfo" (
    "officeCode" TEXT NOT NULL PRIMARY KEY,
    "address" TEXT,
    "hours" TEXT,
    "phone" TEXT,
    "updatedAt" DATETIME NOT NULL,
    "updatedBy" TEXT
);
