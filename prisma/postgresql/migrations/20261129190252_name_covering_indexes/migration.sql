-- DropIndex
DROP INDEX "Name_challengeId_idx";

-- DropIndex
DROP INDEX "Name_institutionId_idx";

-- DropIndex
DROP INDEX "Name_kind_key_idx";

-- DropIndex
DROP INDEX "Name_modelId_idx";

-- DropIndex
DROP INDEX "Name_personId_idx";

-- CreateIndex
CREATE INDEX "Name_kind_key_strong_personId_institutionId_modelId_idx" ON "Name"("kind", "key", "strong", "personId", "institutionId", "modelId");

-- CreateIndex
CREATE INDEX "Name_personId_name_strong_idx" ON "Name"("personId", "name", "strong");

-- CreateIndex
CREATE INDEX "Name_institutionId_name_strong_idx" ON "Name"("institutionId", "name", "strong");

-- CreateIndex
CREATE INDEX "Name_modelId_name_strong_idx" ON "Name"("modelId", "name", "strong");

-- CreateIndex
CREATE INDEX "Name_challengeId_name_strong_idx" ON "Name"("challengeId", "name", "strong");
