-- DropIndex
DROP INDEX "Mention_affiliationId_confidence_basis_idx";

-- DropIndex
DROP INDEX "Mention_challengeId_confidence_basis_idx";

-- DropIndex
DROP INDEX "Mention_developmentId_confidence_basis_idx";

-- DropIndex
DROP INDEX "Mention_institutionId_confidence_basis_idx";

-- DropIndex
DROP INDEX "Mention_modelId_confidence_basis_idx";

-- DropIndex
DROP INDEX "Mention_modelVersionId_idx";

-- DropIndex
DROP INDEX "Mention_personId_confidence_basis_idx";

-- DropIndex
DROP INDEX "Mention_raisedId_confidence_basis_idx";

-- DropIndex
DROP INDEX "Name_challengeId_name_strong_idx";

-- DropIndex
DROP INDEX "Name_institutionId_name_strong_idx";

-- DropIndex
DROP INDEX "Name_modelId_name_strong_idx";

-- DropIndex
DROP INDEX "Name_personId_name_strong_idx";

-- CreateIndex
CREATE INDEX "Mention_personId_confidence_basis_idx" ON "Mention"("personId", "confidence", "basis") WHERE ("personId" IS NOT NULL);

-- CreateIndex
CREATE INDEX "Mention_institutionId_confidence_basis_idx" ON "Mention"("institutionId", "confidence", "basis") WHERE ("institutionId" IS NOT NULL);

-- CreateIndex
CREATE INDEX "Mention_modelId_confidence_basis_idx" ON "Mention"("modelId", "confidence", "basis") WHERE ("modelId" IS NOT NULL);

-- CreateIndex
CREATE INDEX "Mention_challengeId_confidence_basis_idx" ON "Mention"("challengeId", "confidence", "basis") WHERE ("challengeId" IS NOT NULL);

-- CreateIndex
CREATE INDEX "Mention_affiliationId_confidence_basis_idx" ON "Mention"("affiliationId", "confidence", "basis") WHERE ("affiliationId" IS NOT NULL);

-- CreateIndex
CREATE INDEX "Mention_developmentId_confidence_basis_idx" ON "Mention"("developmentId", "confidence", "basis") WHERE ("developmentId" IS NOT NULL);

-- CreateIndex
CREATE INDEX "Mention_raisedId_confidence_basis_idx" ON "Mention"("raisedId", "confidence", "basis") WHERE ("raisedId" IS NOT NULL);

-- CreateIndex
CREATE INDEX "Mention_modelVersionId_idx" ON "Mention"("modelVersionId") WHERE ("modelVersionId" IS NOT NULL);

-- CreateIndex
CREATE INDEX "Name_personId_name_strong_idx" ON "Name"("personId", "name", "strong") WHERE ("personId" IS NOT NULL);

-- CreateIndex
CREATE INDEX "Name_institutionId_name_strong_idx" ON "Name"("institutionId", "name", "strong") WHERE ("institutionId" IS NOT NULL);

-- CreateIndex
CREATE INDEX "Name_modelId_name_strong_idx" ON "Name"("modelId", "name", "strong") WHERE ("modelId" IS NOT NULL);

-- CreateIndex
CREATE INDEX "Name_challengeId_name_strong_idx" ON "Name"("challengeId", "name", "strong") WHERE ("challengeId" IS NOT NULL);
