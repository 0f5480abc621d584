-- AlterTable
ALTER TABLE "Case" ADD COLUMN "eligibility" TEXT;
