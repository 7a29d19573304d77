-- Confidence and evidence (issue 13). Each mention keeps the confidence and evidence name of its
-- document's finding; entities and relations keep the strongest of their mentions' findings
-- (src/graph/support.ts). Everything stored before was found by the rules that are now the
-- evidence 'pattern' (0.5), so existing rows take that default, and the strongest finding of a
-- row whose mentions all have it is the same default: nothing needs computing.

-- DropIndex
DROP INDEX "Mention_affiliationId_idx";

-- DropIndex
DROP INDEX "Mention_challengeId_idx";

-- DropIndex
DROP INDEX "Mention_developmentId_idx";

-- DropIndex
DROP INDEX "Mention_institutionId_idx";

-- DropIndex
DROP INDEX "Mention_modelId_idx";

-- DropIndex
DROP INDEX "Mention_personId_idx";

-- DropIndex
DROP INDEX "Mention_raisedId_idx";

-- AlterTable
ALTER TABLE "Affiliation" ADD COLUMN     "basis" TEXT NOT NULL DEFAULT 'pattern',
ADD COLUMN     "confidence" DOUBLE PRECISION NOT NULL DEFAULT 0.5;

-- AlterTable
ALTER TABLE "Challenge" ADD COLUMN     "basis" TEXT NOT NULL DEFAULT 'pattern',
ADD COLUMN     "confidence" DOUBLE PRECISION NOT NULL DEFAULT 0.5;

-- AlterTable
ALTER TABLE "Development" ADD COLUMN     "basis" TEXT NOT NULL DEFAULT 'pattern',
ADD COLUMN     "confidence" DOUBLE PRECISION NOT NULL DEFAULT 0.5;

-- AlterTable
ALTER TABLE "Institution" ADD COLUMN     "basis" TEXT NOT NULL DEFAULT 'pattern',
ADD COLUMN     "confidence" DOUBLE PRECISION NOT NULL DEFAULT 0.5;

-- AlterTable
ALTER TABLE "Mention" ADD COLUMN     "basis" TEXT NOT NULL DEFAULT 'pattern',
ADD COLUMN     "confidence" DOUBLE PRECISION NOT NULL DEFAULT 0.5;

-- AlterTable
ALTER TABLE "Model" ADD COLUMN     "basis" TEXT NOT NULL DEFAULT 'pattern',
ADD COLUMN     "confidence" DOUBLE PRECISION NOT NULL DEFAULT 0.5;

-- AlterTable
ALTER TABLE "Person" ADD COLUMN     "basis" TEXT NOT NULL DEFAULT 'pattern',
ADD COLUMN     "confidence" DOUBLE PRECISION NOT NULL DEFAULT 0.5;

-- AlterTable
ALTER TABLE "Raised" ADD COLUMN     "basis" TEXT NOT NULL DEFAULT 'pattern',
ADD COLUMN     "confidence" DOUBLE PRECISION NOT NULL DEFAULT 0.5;

-- CreateIndex
CREATE INDEX "Mention_personId_confidence_basis_idx" ON "Mention"("personId", "confidence", "basis");

-- CreateIndex
CREATE INDEX "Mention_institutionId_confidence_basis_idx" ON "Mention"("institutionId", "confidence", "basis");

-- CreateIndex
CREATE INDEX "Mention_modelId_confidence_basis_idx" ON "Mention"("modelId", "confidence", "basis");

-- CreateIndex
CREATE INDEX "Mention_challengeId_confidence_basis_idx" ON "Mention"("challengeId", "confidence", "basis");

-- CreateIndex
CREATE INDEX "Mention_affiliationId_confidence_basis_idx" ON "Mention"("affiliationId", "confidence", "basis");

-- CreateIndex
CREATE INDEX "Mention_developmentId_confidence_basis_idx" ON "Mention"("developmentId", "confidence", "basis");

-- CreateIndex
CREATE INDEX "Mention_raisedId_confidence_basis_idx" ON "Mention"("raisedId", "confidence", "basis");
