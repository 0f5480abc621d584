-- AlterTable
ALTER TABLE "WebhookEvent" ADD COLUMN     "handledAt" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "WebhookEvent_channel_handledAt_idx" ON "WebhookEvent"("channel", "handledAt");
