-- CreateTable
CREATE TABLE "Curation" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "action" TEXT NOT NULL,
    "change" TEXT NOT NULL,
    "curator" TEXT NOT NULL,
    "reason" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "applies" BOOLEAN NOT NULL DEFAULT true,
    "problem" TEXT,
    "undoneAt" DATETIME,
    "undoneBy" TEXT
);

-- CreateTable
CREATE TABLE "CurationSubject" (
    "curationId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "key" TEXT NOT NULL,

    PRIMARY KEY ("curationId", "kind", "key"),
    CONSTRAINT "CurationSubject_curationId_fkey" FOREIGN KEY ("curationId") REFERENCES "Curation" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "MergedEntity" (
    "kind" TEXT NOT NULL,
    "entityId" INTEGER NOT NULL,
    "curationId" INTEGER NOT NULL,

    PRIMARY KEY ("kind", "entityId"),
    CONSTRAINT "MergedEntity_curationId_fkey" FOREIGN KEY ("curationId") REFERENCES "Curation" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "Curation_createdAt_idx" ON "Curation"("createdAt");

-- CreateIndex
CREATE INDEX "CurationSubject_kind_key_idx" ON "CurationSubject"("kind", "key");

-- CreateIndex
CREATE INDEX "MergedEntity_curationId_idx" ON "MergedEntity"("curationId");
