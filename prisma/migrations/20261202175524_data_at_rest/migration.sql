-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_InboundMessage" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "channel" TEXT NOT NULL,
    "platformKey" TEXT NOT NULL,
    "contactId" TEXT NOT NULL,
    "receivedAt" DATETIME NOT NULL
);
INSERT INTO "new_InboundMessage" ("channel", "contactId", "id", "platformKey", "receivedAt") SELECT "channel", "contactId", "id", "platformKey", "receivedAt" FROM "InboundMessage";
DROP TABLE "InboundMessage";
ALTER TABLE "new_InboundMessage" RENAME TO "InboundMessage";
CREATE INDEX "InboundMessage_contactId_receivedAt_idx" ON "InboundMessage"("contactId", "receivedAt");
CREATE INDEX "InboundMessage_receivedAt_idx" ON "InboundMessage"("receivedAt");
CREATE UNIQUE INDEX "InboundMessage_channel_platformKey_key" ON "InboundMessage"("channel", "platformKey");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "AuditEntry_at_idx" ON "AuditEntry"("at");
