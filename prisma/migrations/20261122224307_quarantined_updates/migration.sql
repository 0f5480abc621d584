-- CreateTable
CREATE TABLE "QuarantinedUpdate" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "channel" TEXT NOT NULL,
    "platformKey" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "error" TEXT NOT NULL,
    "at" DATETIME NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "QuarantinedUpdate_channel_platformKey_key" ON "QuarantinedUpdate"("channel", "platformKey");
