-- CreateTable
CREATE TABLE "ModelFact" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "documentId" INTEGER NOT NULL,
    "modelId" INTEGER NOT NULL,
    "modelVersionId" INTEGER,
    "parameters" TEXT,
    "parameterCount" REAL,
    "releasedAt" TEXT,
    CONSTRAINT "ModelFact_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "Document" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ModelFact_modelId_fkey" FOREIGN KEY ("modelId") REFERENCES "Model" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ModelFact_modelVersionId_fkey" FOREIGN KEY ("modelVersionId") REFERENCES "ModelVersion" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "ModelFact_documentId_idx" ON "ModelFact"("documentId");

-- CreateIndex
CREATE INDEX "ModelFact_modelId_idx" ON "ModelFact"("modelId");

-- CreateIndex
CREATE INDEX "ModelFact_modelVersionId_idx" ON "ModelFact"("modelVersionId");

-- Databases seeded before this migration have the derived values but not the facts: each
-- model's and version's values become one fact of the earliest document mentioning it, so
-- nothing is lost; `npm run seed -- <dir> --force` re-extracts the real per-document facts.
INSERT INTO "ModelFact" ("documentId", "modelId", "modelVersionId", "parameters", "parameterCount", "releasedAt")
SELECT (SELECT MIN("documentId") FROM "Mention" WHERE "Mention"."modelId" = "Model"."id"),
       "id", NULL, "parameters", "parameterCount", "releasedAt"
FROM "Model"
WHERE ("parameters" IS NOT NULL OR "parameterCount" IS NOT NULL OR "releasedAt" IS NOT NULL)
  AND EXISTS (SELECT 1 FROM "Mention" WHERE "Mention"."modelId" = "Model"."id");

INSERT INTO "ModelFact" ("documentId", "modelId", "modelVersionId", "parameters", "parameterCount", "releasedAt")
SELECT (SELECT MIN("documentId") FROM "Mention" WHERE "Mention"."modelVersionId" = "ModelVersion"."id"),
       "modelId", "id", "parameters", "parameterCount", "releasedAt"
FROM "ModelVersion"
WHERE ("parameters" IS NOT NULL OR "parameterCount" IS NOT NULL OR "releasedAt" IS NOT NULL)
  AND EXISTS (SELECT 1 FROM "Mention" WHERE "Mention"."modelVersionId" = "ModelVersion"."id");
