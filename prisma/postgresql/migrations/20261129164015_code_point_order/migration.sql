-- Names sort in code-point order, as on SQLite and as the API promises (EntityOrder.NAME),
-- whatever collation the server or database was created with (en_US.UTF-8 would put "ab" before
-- "AC" and order Chinese by its own rules). Prisma does not model collations, so this migration
-- is SQL only; diffs leave it alone.
ALTER TABLE "Person" ALTER COLUMN "name" SET DATA TYPE TEXT COLLATE "C";
ALTER TABLE "Institution" ALTER COLUMN "name" SET DATA TYPE TEXT COLLATE "C";
ALTER TABLE "Model" ALTER COLUMN "name" SET DATA TYPE TEXT COLLATE "C";
ALTER TABLE "Challenge" ALTER COLUMN "name" SET DATA TYPE TEXT COLLATE "C";
