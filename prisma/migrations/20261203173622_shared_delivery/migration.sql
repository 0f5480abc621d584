-- CreateTable
CREATE TABLE "ProcessBeat" (
    "holder" TEXT NOT NULL PRIMARY KEY,
    "beatAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "SendPace" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "nextAt" BIGINT NOT NULL
);
