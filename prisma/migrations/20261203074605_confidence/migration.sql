-- Confidence and evidence (issue 13). Each mention keeps the confidence and evidence name of its
-- document's finding; entities and relations keep the strongest of their mentions' findings
-- (src/graph/support.ts). Everything stored before was found by the rules that are now the
-- evidence 'pattern' (0.5), so existing rows take that default, and the strongest finding of a
-- row whose mentions all have it is the same default: nothing needs computing.
--
-- Written by hand: the generated diff rebuilt the entity tables (new_Person…, DROP TABLE "Person"),
-- which would drop the search index's triggers on them (entity_search); SQLite adds a NOT NULL
-- column with a constant default in place.
ALTER TABLE "Person" ADD COLUMN "confidence" REAL NOT NULL DEFAULT 0.5;
ALTER TABLE "Person" ADD COLUMN "basis" TEXT NOT NULL DEFAULT 'pattern';
ALTER TABLE "Institution" ADD COLUMN "confidence" REAL NOT NULL DEFAULT 0.5;
ALTER TABLE "Institution" ADD COLUMN "basis" TEXT NOT NULL DEFAULT 'pattern';
ALTER TABLE "Model" ADD COLUMN "confidence" REAL NOT NULL DEFAULT 0.5;
ALTER TABLE "Model" ADD COLUMN "basis" TEXT NOT NULL DEFAULT 'pattern';
ALTER TABLE "Challenge" ADD COLUMN "confidence" REAL NOT NULL DEFAULT 0.5;
ALTER TABLE "Challenge" ADD COLUMN "basis" TEXT NOT NULL DEFAULT 'pattern';
ALTER TABLE "Affiliation" ADD COLUMN "confidence" REAL NOT NULL DEFAULT 0.5;
ALTER TABLE "Affiliation" ADD COLUMN "basis" TEXT NOT NULL DEFAULT 'pattern';
ALTER TABLE "Development" ADD COLUMN "confidence" REAL NOT NULL DEFAULT 0.5;
ALTER TABLE "Development" ADD COLUMN "basis" TEXT NOT NULL DEFAULT 'pattern';
ALTER TABLE "Raised" ADD COLUMN "confidence" REAL NOT NULL DEFAULT 0.5;
ALTER TABLE "Raised" ADD COLUMN "basis" TEXT NOT NULL DEFAULT 'pattern';
ALTER TABLE "Mention" ADD COLUMN "confidence" REAL NOT NULL DEFAULT 0.5;
ALTER TABLE "Mention" ADD COLUMN "basis" TEXT NOT NULL DEFAULT 'pattern';

-- Covering indexes: an entity's or relation's confidence is derived from its mentions' findings.
DROP INDEX "Mention_personId_idx";
DROP INDEX "Mention_institutionId_idx";
DROP INDEX "Mention_modelId_idx";
DROP INDEX "Mention_challengeId_idx";
DROP INDEX "Mention_affiliationId_idx";
DROP INDEX "Mention_developmentId_idx";
DROP INDEX "Mention_raisedId_idx";
CREATE INDEX "Mention_personId_confidence_basis_idx" ON "Mention"("personId", "confidence", "basis");
CREATE INDEX "Mention_institutionId_confidence_basis_idx" ON "Mention"("institutionId", "confidence", "basis");
CREATE INDEX "Mention_modelId_confidence_basis_idx" ON "Mention"("modelId", "confidence", "basis");
CREATE INDEX "Mention_challengeId_confidence_basis_idx" ON "Mention"("challengeId", "confidence", "basis");
CREATE INDEX "Mention_affiliationId_confidence_basis_idx" ON "Mention"("affiliationId", "confidence", "basis");
CREATE INDEX "Mention_developmentId_confidence_basis_idx" ON "Mention"("developmentId", "confidence", "basis");
CREATE INDEX "Mention_raisedId_confidence_basis_idx" ON "Mention"("raisedId", "confidence", "basis");
