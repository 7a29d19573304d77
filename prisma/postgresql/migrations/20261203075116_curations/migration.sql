-- CreateTable
CREATE TABLE "Curation" (
    "id" SERIAL NOT NULL,
    "action" TEXT NOT NULL,
    "change" TEXT NOT NULL,
    "curator" TEXT NOT NULL,
    "reason" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "applies" BOOLEAN NOT NULL DEFAULT true,
    "problem" TEXT,
    "undoneAt" TIMESTAMP(3),
    "undoneBy" TEXT,

    CONSTRAINT "Curation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CurationSubject" (
    "curationId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "key" TEXT NOT NULL,

    CONSTRAINT "CurationSubject_pkey" PRIMARY KEY ("curationId","kind","key")
);

-- CreateTable
CREATE TABLE "MergedEntity" (
    "kind" TEXT NOT NULL,
    "entityId" INTEGER NOT NULL,
    "curationId" INTEGER NOT NULL,

    CONSTRAINT "MergedEntity_pkey" PRIMARY KEY ("kind","entityId")
);

-- CreateIndex
CREATE INDEX "Curation_createdAt_idx" ON "Curation"("createdAt");

-- CreateIndex
CREATE INDEX "CurationSubject_kind_key_idx" ON "CurationSubject"("kind", "key");

-- CreateIndex
CREATE INDEX "MergedEntity_curationId_idx" ON "MergedEntity"("curationId");

-- AddForeignKey
ALTER TABLE "CurationSubject" ADD CONSTRAINT "CurationSubject_curationId_fkey" FOREIGN KEY ("curationId") REFERENCES "Curation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MergedEntity" ADD CONSTRAINT "MergedEntity_curationId_fkey" FOREIGN KEY ("curationId") REFERENCES "Curation"("id") ON DELETE CASCADE ON UPDATE CASCADE;
