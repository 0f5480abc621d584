-- AlterTable
ALTER TABLE "OutboxMessage" ADD COLUMN     "claimedAt" TIMESTAMP(3),
ADD COLUMN     "claimedBy" TEXT;
