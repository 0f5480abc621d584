-- AlterTable
ALTER TABLE "OutboxMessage" ADD COLUMN     "purpose" TEXT NOT NULL DEFAULT 'reply';

-- CreateTable
CREATE TABLE "WebhookEvent" (
    "id" SERIAL NOT NULL,
    "channel" TEXT NOT NULL,
    "platformKey" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "bodySealed" TEXT NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "WebhookEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "WebhookEvent_channel_platformKey_key" ON "WebhookEvent"("channel", "platformKey");
