-- AlterTable
ALTER TABLE "OutboxMessage" ADD COLUMN "claimedAt" DATETIME;
ALTER TABLE "OutboxMessage" ADD COLUMN "claimedBy" TEXT;
