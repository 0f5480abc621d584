-- AlterTable
ALTER TABLE "WebhookEvent" ADD COLUMN     "recordedBy" TEXT;
