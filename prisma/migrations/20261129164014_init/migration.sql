-- CreateTable
CREATE TABLE "Document" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "source" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "publishedAt" DATETIME,
    "publisher" TEXT,
    "editor" TEXT,
    "format" TEXT NOT NULL,
    "encoding" TEXT NOT NULL,
    "contentHash" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "ingestedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "Person" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "aliases" TEXT NOT NULL DEFAULT '[]'
);

-- CreateTable
CREATE TABLE "Institution" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "aliases" TEXT NOT NULL DEFAULT '[]',
    "kind" TEXT NOT NULL DEFAULT 'other'
);

-- CreateTable
CREATE TABLE "Model" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "aliases" TEXT NOT NULL DEFAULT '[]',
    "parameters" TEXT,
    "parameterCount" REAL,
    "releasedAt" TEXT
);

-- CreateTable
CREATE TABLE "Challenge" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "aliases" TEXT NOT NULL DEFAULT '[]',
    "label" TEXT NOT NULL,
    "description" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "ModelVersion" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "modelId" INTEGER NOT NULL,
    "version" TEXT NOT NULL,
    "parameters" TEXT,
    "parameterCount" REAL,
    "releasedAt" TEXT,
    CONSTRAINT "ModelVersion_modelId_fkey" FOREIGN KEY ("modelId") REFERENCES "Model" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Affiliation" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "personId" INTEGER NOT NULL,
    "institutionId" INTEGER NOT NULL,
    "role" TEXT NOT NULL,
    CONSTRAINT "Affiliation_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Affiliation_institutionId_fkey" FOREIGN KEY ("institutionId") REFERENCES "Institution" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Development" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "modelId" INTEGER NOT NULL,
    "institutionId" INTEGER NOT NULL,
    CONSTRAINT "Development_modelId_fkey" FOREIGN KEY ("modelId") REFERENCES "Model" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Development_institutionId_fkey" FOREIGN KEY ("institutionId") REFERENCES "Institution" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Raised" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "personId" INTEGER NOT NULL,
    "challengeId" INTEGER NOT NULL,
    CONSTRAINT "Raised_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Raised_challengeId_fkey" FOREIGN KEY ("challengeId") REFERENCES "Challenge" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Mention" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "documentId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "start" INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    "surface" TEXT NOT NULL,
    "snippet" TEXT NOT NULL,
    "snippetStart" INTEGER NOT NULL,
    "publishedAt" DATETIME,
    "personId" INTEGER,
    "institutionId" INTEGER,
    "modelId" INTEGER,
    "challengeId" INTEGER,
    "affiliationId" INTEGER,
    "developmentId" INTEGER,
    "raisedId" INTEGER,
    "modelVersionId" INTEGER,
    CONSTRAINT "Mention_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "Document" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Mention_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Mention_institutionId_fkey" FOREIGN KEY ("institutionId") REFERENCES "Institution" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Mention_modelId_fkey" FOREIGN KEY ("modelId") REFERENCES "Model" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Mention_challengeId_fkey" FOREIGN KEY ("challengeId") REFERENCES "Challenge" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Mention_affiliationId_fkey" FOREIGN KEY ("affiliationId") REFERENCES "Affiliation" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Mention_developmentId_fkey" FOREIGN KEY ("developmentId") REFERENCES "Development" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Mention_raisedId_fkey" FOREIGN KEY ("raisedId") REFERENCES "Raised" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Mention_modelVersionId_fkey" FOREIGN KEY ("modelVersionId") REFERENCES "ModelVersion" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Name" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "documentId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "strong" BOOLEAN NOT NULL,
    "personId" INTEGER,
    "institutionId" INTEGER,
    "modelId" INTEGER,
    "challengeId" INTEGER,
    CONSTRAINT "Name_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "Document" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Name_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Name_institutionId_fkey" FOREIGN KEY ("institutionId") REFERENCES "Institution" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Name_modelId_fkey" FOREIGN KEY ("modelId") REFERENCES "Model" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Name_challengeId_fkey" FOREIGN KEY ("challengeId") REFERENCES "Challenge" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "Document_source_key" ON "Document"("source");

-- CreateIndex
CREATE INDEX "Document_publishedAt_idx" ON "Document"("publishedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Person_key_key" ON "Person"("key");

-- CreateIndex
CREATE UNIQUE INDEX "Institution_key_key" ON "Institution"("key");

-- CreateIndex
CREATE INDEX "Institution_kind_idx" ON "Institution"("kind");

-- CreateIndex
CREATE UNIQUE INDEX "Model_key_key" ON "Model"("key");

-- CreateIndex
CREATE UNIQUE INDEX "Challenge_key_key" ON "Challenge"("key");

-- CreateIndex
CREATE UNIQUE INDEX "ModelVersion_modelId_version_key" ON "ModelVersion"("modelId", "version");

-- CreateIndex
CREATE INDEX "Affiliation_institutionId_idx" ON "Affiliation"("institutionId");

-- CreateIndex
CREATE UNIQUE INDEX "Affiliation_personId_institutionId_role_key" ON "Affiliation"("personId", "institutionId", "role");

-- CreateIndex
CREATE INDEX "Development_institutionId_idx" ON "Development"("institutionId");

-- CreateIndex
CREATE UNIQUE INDEX "Development_modelId_institutionId_key" ON "Development"("modelId", "institutionId");

-- CreateIndex
CREATE INDEX "Raised_challengeId_idx" ON "Raised"("challengeId");

-- CreateIndex
CREATE UNIQUE INDEX "Raised_personId_challengeId_key" ON "Raised"("personId", "challengeId");

-- CreateIndex
CREATE INDEX "Mention_documentId_idx" ON "Mention"("documentId");

-- CreateIndex
CREATE INDEX "Mention_personId_idx" ON "Mention"("personId");

-- CreateIndex
CREATE INDEX "Mention_institutionId_idx" ON "Mention"("institutionId");

-- CreateIndex
CREATE INDEX "Mention_modelId_idx" ON "Mention"("modelId");

-- CreateIndex
CREATE INDEX "Mention_challengeId_idx" ON "Mention"("challengeId");

-- CreateIndex
CREATE INDEX "Mention_affiliationId_idx" ON "Mention"("affiliationId");

-- CreateIndex
CREATE INDEX "Mention_developmentId_idx" ON "Mention"("developmentId");

-- CreateIndex
CREATE INDEX "Mention_raisedId_idx" ON "Mention"("raisedId");

-- CreateIndex
CREATE INDEX "Mention_modelVersionId_idx" ON "Mention"("modelVersionId");

-- CreateIndex
CREATE INDEX "Mention_publishedAt_idx" ON "Mention"("publishedAt");

-- CreateIndex
CREATE INDEX "Name_kind_key_idx" ON "Name"("kind", "key");

-- CreateIndex
CREATE INDEX "Name_personId_idx" ON "Name"("personId");

-- CreateIndex
CREATE INDEX "Name_institutionId_idx" ON "Name"("institutionId");

-- CreateIndex
CREATE INDEX "Name_modelId_idx" ON "Name"("modelId");

-- CreateIndex
CREATE INDEX "Name_challengeId_idx" ON "Name"("challengeId");

-- CreateIndex
CREATE UNIQUE INDEX "Name_documentId_kind_key_key" ON "Name"("documentId", "kind", "key");
