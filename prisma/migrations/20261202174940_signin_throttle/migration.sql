-- DropTable
PRAGMA foreign_keys=off;
DROP TABLE "SignInFailure";
PRAGMA foreign_keys=on;

-- CreateTable
CREATE TABLE "SignInThrottle" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "count" INTEGER NOT NULL,
    "since" DATETIME NOT NULL,
    "lastAt" DATETIME NOT NULL,
    "notBefore" DATETIME NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 0
);

-- CreateIndex
CREATE INDEX "SignInThrottle_lastAt_idx" ON "SignInThrottle"("lastAt");
