-- AlterTable
ALTER TABLE "Case" ADD COLUMN     "concernsTier" TEXT,
ADD COLUMN     "decidedTier" TEXT;

-- AlterTable
ALTER TABLE "CaseEvent" ADD COLUMN     "officerId" TEXT;

-- Cases lodged before: a bribe or misbehaviour complaint is about the union level (the words are not re-read).
UPDATE "Case" SET "concernsTier" = 'union' WHERE "category" IN ('bribe', 'misbehaviour') AND "concernsTier" IS NULL;
