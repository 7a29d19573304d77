-- AlterTable
ALTER TABLE "Document" ADD COLUMN     "etag" TEXT,
ADD COLUMN     "lastModified" TEXT;

-- AlterTable
ALTER TABLE "Mention" ADD COLUMN     "page" INTEGER;
