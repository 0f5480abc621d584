-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_WebhookEvent" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "channel" TEXT NOT NULL,
    "platformKey" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "bodySealed" TEXT NOT NULL,
    "receivedAt" DATETIME NOT NULL,
    "handledAt" DATETIME,
    "attempts" INTEGER NOT NULL DEFAULT 0
);
INSERT INTO "new_WebhookEvent" ("bodySealed", "channel", "handledAt", "id", "platformKey", "receivedAt", "userId") SELECT "bodySealed", "channel", "handledAt", "id", "platformKey", "receivedAt", "userId" FROM "WebhookEvent";
DROP TABLE "WebhookEvent";
ALTER TABLE "new_WebhookEvent" RENAME TO "WebhookEvent";
CREATE INDEX "WebhookEvent_channel_handledAt_idx" ON "WebhookEvent"("channel", "handledAt");
CREATE UNIQUE INDEX "WebhookEvent_channel_platformKey_key" ON "WebhookEvent"("channel", "platformKey");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
