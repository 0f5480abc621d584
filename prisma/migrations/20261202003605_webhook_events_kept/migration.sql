-- AlterTable
ALTER TABLE "WebhookEvent" ADD COLUMN "handledAt" DATETIME;

-- CreateIndex
CREATE INDEX "WebhookEvent_channel_handledAt_idx" ON "WebhookEvent"("channel", "handledAt");
