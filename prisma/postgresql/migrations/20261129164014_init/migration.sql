-- CreateTable
CREATE TABLE "Document" (
    "id" SERIAL NOT NULL,
    "source" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "publishedAt" TIMESTAMP(3),
    "publisher" TEXT,
    "editor" TEXT,
    "format" TEXT NOT NULL,
    "encoding" TEXT NOT NULL,
    "contentHash" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "ingestedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Document_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Person" (
    "id" SERIAL NOT NULL,
    "key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "aliases" TEXT NOT NULL DEFAULT '[]',

    CONSTRAINT "Person_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Institution" (
    "id" SERIAL NOT NULL,
    "key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "aliases" TEXT NOT NULL DEFAULT '[]',
    "kind" TEXT NOT NULL DEFAULT 'other',

    CONSTRAINT "Institution_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Model" (
    "id" SERIAL NOT NULL,
    "key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "aliases" TEXT NOT NULL DEFAULT '[]',
    "parameters" TEXT,
    "parameterCount" DOUBLE PRECISION,
    "releasedAt" TEXT,

    CONSTRAINT "Model_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Challenge" (
    "id" SERIAL NOT NULL,
    "key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "aliases" TEXT NOT NULL DEFAULT '[]',
    "label" TEXT NOT NULL,
    "description" TEXT NOT NULL,

    CONSTRAINT "Challenge_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ModelVersion" (
    "id" SERIAL NOT NULL,
    "modelId" INTEGER NOT NULL,
    "version" TEXT NOT NULL,
    "parameters" TEXT,
    "parameterCount" DOUBLE PRECISION,
    "releasedAt" TEXT,

    CONSTRAINT "ModelVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Affiliation" (
    "id" SERIAL NOT NULL,
    "personId" INTEGER NOT NULL,
    "institutionId" INTEGER NOT NULL,
    "role" TEXT NOT NULL,

    CONSTRAINT "Affiliation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Development" (
    "id" SERIAL NOT NULL,
    "modelId" INTEGER NOT NULL,
    "institutionId" INTEGER NOT NULL,

    CONSTRAINT "Development_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Raised" (
    "id" SERIAL NOT NULL,
    "personId" INTEGER NOT NULL,
    "challengeId" INTEGER NOT NULL,

    CONSTRAINT "Raised_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Mention" (
    "id" SERIAL NOT NULL,
    "documentId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "start" INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    "surface" TEXT NOT NULL,
    "snippet" TEXT NOT NULL,
    "snippetStart" INTEGER NOT NULL,
    "publishedAt" TIMESTAMP(3),
    "personId" INTEGER,
    "institutionId" INTEGER,
    "modelId" INTEGER,
    "challengeId" INTEGER,
    "affiliationId" INTEGER,
    "developmentId" INTEGER,
    "raisedId" INTEGER,
    "modelVersionId" INTEGER,

    CONSTRAINT "Mention_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Name" (
    "id" SERIAL NOT NULL,
    "documentId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "strong" BOOLEAN NOT NULL,
    "personId" INTEGER,
    "institutionId" INTEGER,
    "modelId" INTEGER,
    "challengeId" INTEGER,

    CONSTRAINT "Name_pkey" PRIMARY KEY ("id")
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

-- AddForeignKey
ALTER TABLE "ModelVersion" ADD CONSTRAINT "ModelVersion_modelId_fkey" FOREIGN KEY ("modelId") REFERENCES "Model"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Affiliation" ADD CONSTRAINT "Affiliation_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Affiliation" ADD CONSTRAINT "Affiliation_institutionId_fkey" FOREIGN KEY ("institutionId") REFERENCES "Institution"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Development" ADD CONSTRAINT "Development_modelId_fkey" FOREIGN KEY ("modelId") REFERENCES "Model"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Development" ADD CONSTRAINT "Development_institutionId_fkey" FOREIGN KEY ("institutionId") REFERENCES "Institution"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Raised" ADD CONSTRAINT "Raised_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Raised" ADD CONSTRAINT "Raised_challengeId_fkey" FOREIGN KEY ("challengeId") REFERENCES "Challenge"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Mention" ADD CONSTRAINT "Mention_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "Document"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Mention" ADD CONSTRAINT "Mention_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Mention" ADD CONSTRAINT "Mention_institutionId_fkey" FOREIGN KEY ("institutionId") REFERENCES "Institution"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Mention" ADD CONSTRAINT "Mention_modelId_fkey" FOREIGN KEY ("modelId") REFERENCES "Model"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Mention" ADD CONSTRAINT "Mention_challengeId_fkey" FOREIGN KEY ("challengeId") REFERENCES "Challenge"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Mention" ADD CONSTRAINT "Mention_affiliationId_fkey" FOREIGN KEY ("affiliationId") REFERENCES "Affiliation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Mention" ADD CONSTRAINT "Mention_developmentId_fkey" FOREIGN KEY ("developmentId") REFERENCES "Development"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Mention" ADD CONSTRAINT "Mention_raisedId_fkey" FOREIGN KEY ("raisedId") REFERENCES "Raised"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Mention" ADD CONSTRAINT "Mention_modelVersionId_fkey" FOREIGN KEY ("modelVersionId") REFERENCES "ModelVersion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Name" ADD CONSTRAINT "Name_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "Document"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Name" ADD CONSTRAINT "Name_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Name" ADD CONSTRAINT "Name_institutionId_fkey" FOREIGN KEY ("institutionId") REFERENCES "Institution"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Name" ADD CONSTRAINT "Name_modelId_fkey" FOREIGN KEY ("modelId") REFERENCES "Model"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Name" ADD CONSTRAINT "Name_challengeId_fkey" FOREIGN KEY ("challengeId") REFERENCES "Challenge"("id") ON DELETE CASCADE ON UPDATE CASCADE;
