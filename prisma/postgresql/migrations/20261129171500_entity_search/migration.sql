-- Entity search (src/graph/search-index.ts), the PostgreSQL twin of the SQLite migration of the
-- same name: one row per entity in "EntitySearch", kept in step with every write to the entity
-- tables by triggers, with a pg_trgm GIN index so that a name or alias substring of three
-- characters or more is found through the index. Prisma does not model this table, so this
-- migration is SQL only (src/db/migrate.ts lists it as external).
--
-- `terms` holds the entity's names, one per line, in the form queries are compared in (Latin
-- letters in lower case, no spaces), the canonical name first: "\n华东数智银行股份有限公司\n华东数智银行\n".
-- The line breaks keep a match from running across two names and let exact and prefix matches be
-- told apart from substrings. Only ASCII letters are lower-cased, as SQLite's lower() does, so
-- both databases rank every query the same. The id is entityId * 4 + the kind's number (PERSON 0,
-- INSTITUTION 1, MODEL 2, CHALLENGE 3), as the SQLite rowid.
--
-- pg_trgm extracts trigrams from letters and digits as the database's character type (LC_CTYPE)
-- classifies them: with a UTF-8 one (C.UTF-8, en_US.UTF-8…) Chinese is indexed; under plain "C"
-- a Chinese query is still answered correctly, by a scan.

CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public;

CREATE TABLE "EntitySearch" (
    "id" BIGINT NOT NULL,
    "kind" TEXT COLLATE "C" NOT NULL,
    "entityId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "terms" TEXT NOT NULL,

    CONSTRAINT "EntitySearch_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "EntitySearch_terms_trgm" ON "EntitySearch" USING gin ("terms" public.gin_trgm_ops);

-- One name in the compared form.
CREATE FUNCTION "entity_search_term"(name TEXT) RETURNS TEXT
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT replace(translate(name, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz'), ' ', '')
$$;

-- "\n<name>\n<alias>\n…[<extra>\n]": aliases are a JSON array of strings; anything else counts as
-- none, as json_valid() decides on SQLite.
CREATE FUNCTION "entity_search_terms"(name TEXT, aliases TEXT, extra TEXT) RETURNS TEXT
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
  listed TEXT;
BEGIN
  BEGIN
    SELECT string_agg("entity_search_term"(value), E'\n' ORDER BY position) || E'\n'
      INTO listed
      FROM json_array_elements_text(aliases::json) WITH ORDINALITY AS alias(value, position);
  EXCEPTION WHEN others THEN
    listed := NULL;
  END;
  RETURN E'\n' || "entity_search_term"(name) || E'\n' || coalesce(listed, '')
    || coalesce("entity_search_term"(extra) || E'\n', '');
END
$$;

CREATE FUNCTION "entity_search_sync"() RETURNS TRIGGER
LANGUAGE plpgsql AS $$
DECLARE
  kind_number INTEGER := CASE TG_TABLE_NAME
    WHEN 'Person' THEN 0 WHEN 'Institution' THEN 1 WHEN 'Model' THEN 2 ELSE 3 END;
  kind_name TEXT := CASE TG_TABLE_NAME
    WHEN 'Person' THEN 'PERSON' WHEN 'Institution' THEN 'INSTITUTION' WHEN 'Model' THEN 'MODEL'
    ELSE 'CHALLENGE' END;
BEGIN
  IF TG_OP = 'DELETE' THEN
    DELETE FROM "EntitySearch" WHERE "id" = OLD."id"::BIGINT * 4 + kind_number;
    RETURN NULL;
  END IF;
  INSERT INTO "EntitySearch" ("id", "kind", "entityId", "name", "terms")
  VALUES (
    NEW."id"::BIGINT * 4 + kind_number, kind_name, NEW."id", NEW."name",
    -- Challenges are also found by their taxonomy label; other tables have no such column.
    "entity_search_terms"(NEW."name", NEW."aliases", to_jsonb(NEW) ->> 'label')
  )
  ON CONFLICT ("id") DO UPDATE SET "name" = EXCLUDED."name", "terms" = EXCLUDED."terms";
  RETURN NULL;
END
$$;

CREATE TRIGGER "Person_search" AFTER INSERT OR DELETE OR UPDATE OF "name", "aliases"
  ON "Person" FOR EACH ROW EXECUTE FUNCTION "entity_search_sync"();
CREATE TRIGGER "Institution_search" AFTER INSERT OR DELETE OR UPDATE OF "name", "aliases"
  ON "Institution" FOR EACH ROW EXECUTE FUNCTION "entity_search_sync"();
CREATE TRIGGER "Model_search" AFTER INSERT OR DELETE OR UPDATE OF "name", "aliases"
  ON "Model" FOR EACH ROW EXECUTE FUNCTION "entity_search_sync"();
CREATE TRIGGER "Challenge_search" AFTER INSERT OR DELETE OR UPDATE OF "name", "aliases", "label"
  ON "Challenge" FOR EACH ROW EXECUTE FUNCTION "entity_search_sync"();

-- Entities stored before this migration.
INSERT INTO "EntitySearch" ("id", "kind", "entityId", "name", "terms")
SELECT "id"::BIGINT * 4 + 0, 'PERSON', "id", "name", "entity_search_terms"("name", "aliases", NULL) FROM "Person"
UNION ALL
SELECT "id"::BIGINT * 4 + 1, 'INSTITUTION', "id", "name", "entity_search_terms"("name", "aliases", NULL) FROM "Institution"
UNION ALL
SELECT "id"::BIGINT * 4 + 2, 'MODEL', "id", "name", "entity_search_terms"("name", "aliases", NULL) FROM "Model"
UNION ALL
SELECT "id"::BIGINT * 4 + 3, 'CHALLENGE', "id", "name", "entity_search_terms"("name", "aliases", "label") FROM "Challenge";
