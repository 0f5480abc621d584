-- AlterTable
ALTER TABLE "Case" ADD COLUMN "outcome" TEXT;
