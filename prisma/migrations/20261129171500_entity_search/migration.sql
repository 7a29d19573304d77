-- Entity search (src/graph/search-index.ts): one row per entity in an FTS5 table with the
-- trigram tokenizer, so a name or alias substring of three characters or more is found through
-- the index instead of a scan of four tables. Prisma does not model virtual tables, so this
-- migration is SQL only; triggers keep the index in step with every write to the entity tables
-- (persist, refreshNames, gc's deletes, cascades), whoever makes it.
--
-- `terms` holds the entity's names, one per line, in the form queries are compared in (lower
-- case, no spaces), the canonical name first: "\n华东数智银行股份有限公司\n华东数智银行\n数智银行\n".
-- The line breaks keep a match from running across two names and let exact and prefix matches be
-- told apart from substrings (instr of "\nquery\n" and "\nquery"). The rowid is
-- entityId * 4 + the kind's number (PERSON 0, INSTITUTION 1, MODEL 2, CHALLENGE 3), so a trigger
-- finds an entity's row by key, never by scanning the UNINDEXED columns.
CREATE VIRTUAL TABLE "EntitySearch" USING fts5(
    "terms",
    "kind" UNINDEXED,
    "entityId" UNINDEXED,
    "name" UNINDEXED,
    tokenize = 'trigram'
);

-- Person
CREATE TRIGGER "Person_search_insert" AFTER INSERT ON "Person" BEGIN
  INSERT INTO "EntitySearch" ("rowid", "terms", "kind", "entityId", "name")
  VALUES (new."id" * 4 + 0, char(10) || replace(lower(new."name"), ' ', '') || char(10) || coalesce((
    SELECT group_concat(replace(lower("value"), ' ', ''), char(10)) || char(10)
    FROM json_each(CASE WHEN json_valid(new."aliases") THEN new."aliases" ELSE '[]' END)
  ), ''), 'PERSON', new."id", new."name");
END;

CREATE TRIGGER "Person_search_update" AFTER UPDATE OF "name", "aliases" ON "Person" BEGIN
  DELETE FROM "EntitySearch" WHERE "rowid" = old."id" * 4 + 0;
  INSERT INTO "EntitySearch" ("rowid", "terms", "kind", "entityId", "name")
  VALUES (new."id" * 4 + 0, char(10) || replace(lower(new."name"), ' ', '') || char(10) || coalesce((
    SELECT group_concat(replace(lower("value"), ' ', ''), char(10)) || char(10)
    FROM json_each(CASE WHEN json_valid(new."aliases") THEN new."aliases" ELSE '[]' END)
  ), ''), 'PERSON', new."id", new."name");
END;

CREATE TRIGGER "Person_search_delete" AFTER DELETE ON "Person" BEGIN
  DELETE FROM "EntitySearch" WHERE "rowid" = old."id" * 4 + 0;
END;

INSERT INTO "EntitySearch" ("rowid", "terms", "kind", "entityId", "name")
SELECT new."id" * 4 + 0, char(10) || replace(lower(new."name"), ' ', '') || char(10) || coalesce((
    SELECT group_concat(replace(lower("value"), ' ', ''), char(10)) || char(10)
    FROM json_each(CASE WHEN json_valid(new."aliases") THEN new."aliases" ELSE '[]' END)
  ), ''), 'PERSON', new."id", new."name" FROM "Person" AS new;

-- Institution
CREATE TRIGGER "Institution_search_insert" AFTER INSERT ON "Institution" BEGIN
  INSERT INTO "EntitySearch" ("rowid", "terms", "kind", "entityId", "name")
  VALUES (new."id" * 4 + 1, char(10) || replace(lower(new."name"), ' ', '') || char(10) || coalesce((
    SELECT group_concat(replace(lower("value"), ' ', ''), char(10)) || char(10)
    FROM json_each(CASE WHEN json_valid(new."aliases") THEN new."aliases" ELSE '[]' END)
  ), ''), 'INSTITUTION', new."id", new."name");
END;

CREATE TRIGGER "Institution_search_update" AFTER UPDATE OF "name", "aliases" ON "Institution" BEGIN
  DELETE FROM "EntitySearch" WHERE "rowid" = old."id" * 4 + 1;
  INSERT INTO "EntitySearch" ("rowid", "terms", "kind", "entityId", "name")
  VALUES (new."id" * 4 + 1, char(10) || replace(lower(new."name"), ' ', '') || char(10) || coalesce((
    SELECT group_concat(replace(lower("value"), ' ', ''), char(10)) || char(10)
    FROM json_each(CASE WHEN json_valid(new."aliases") THEN new."aliases" ELSE '[]' END)
  ), ''), 'INSTITUTION', new."id", new."name");
END;

CREATE TRIGGER "Institution_search_delete" AFTER DELETE ON "Institution" BEGIN
  DELETE FROM "EntitySearch" WHERE "rowid" = old."id" * 4 + 1;
END;

INSERT INTO "EntitySearch" ("rowid", "terms", "kind", "entityId", "name")
SELECT new."id" * 4 + 1, char(10) || replace(lower(new."name"), ' ', '') || char(10) || coalesce((
    SELECT group_concat(replace(lower("value"), ' ', ''), char(10)) || char(10)
    FROM json_each(CASE WHEN json_valid(new."aliases") THEN new."aliases" ELSE '[]' END)
  ), ''), 'INSTITUTION', new."id", new."name" FROM "Institution" AS new;

-- Model
CREATE TRIGGER "Model_search_insert" AFTER INSERT ON "Model" BEGIN
  INSERT INTO "EntitySearch" ("rowid", "terms", "kind", "entityId", "name")
  VALUES (new."id" * 4 + 2, char(10) || replace(lower(new."name"), ' ', '') || char(10) || coalesce((
    SELECT group_concat(replace(lower("value"), ' ', ''), char(10)) || char(10)
    FROM json_each(CASE WHEN json_valid(new."aliases") THEN new."aliases" ELSE '[]' END)
  ), ''), 'MODEL', new."id", new."name");
END;

CREATE TRIGGER "Model_search_update" AFTER UPDATE OF "name", "aliases" ON "Model" BEGIN
  DELETE FROM "EntitySearch" WHERE "rowid" = old."id" * 4 + 2;
  INSERT INTO "EntitySearch" ("rowid", "terms", "kind", "entityId", "name")
  VALUES (new."id" * 4 + 2, char(10) || replace(lower(new."name"), ' ', '') || char(10) || coalesce((
    SELECT group_concat(replace(lower("value"), ' ', ''), char(10)) || char(10)
    FROM json_each(CASE WHEN json_valid(new."aliases") THEN new."aliases" ELSE '[]' END)
  ), ''), 'MODEL', new."id", new."name");
END;

CREATE TRIGGER "Model_search_delete" AFTER DELETE ON "Model" BEGIN
  DELETE FROM "EntitySearch" WHERE "rowid" = old."id" * 4 + 2;
END;

INSERT INTO "EntitySearch" ("rowid", "terms", "kind", "entityId", "name")
SELECT new."id" * 4 + 2, char(10) || replace(lower(new."name"), ' ', '') || char(10) || coalesce((
    SELECT group_concat(replace(lower("value"), ' ', ''), char(10)) || char(10)
    FROM json_each(CASE WHEN json_valid(new."aliases") THEN new."aliases" ELSE '[]' END)
  ), ''), 'MODEL', new."id", new."name" FROM "Model" AS new;

-- Challenge
CREATE TRIGGER "Challenge_search_insert" AFTER INSERT ON "Challenge" BEGIN
  INSERT INTO "EntitySearch" ("rowid", "terms", "kind", "entityId", "name")
  VALUES (new."id" * 4 + 3, char(10) || replace(lower(new."name"), ' ', '') || char(10) || coalesce((
    SELECT group_concat(replace(lower("value"), ' ', ''), char(10)) || char(10)
    FROM json_each(CASE WHEN json_valid(new."aliases") THEN new."aliases" ELSE '[]' END)
  ), '') || replace(lower(new."label"), ' ', '') || char(10), 'CHALLENGE', new."id", new."name");
END;

CREATE TRIGGER "Challenge_search_update" AFTER UPDATE OF "name", "aliases", "label" ON "Challenge" BEGIN
  DELETE FROM "EntitySearch" WHERE "rowid" = old."id" * 4 + 3;
  INSERT INTO "EntitySearch" ("rowid", "terms", "kind", "entityId", "name")
  VALUES (new."id" * 4 + 3, char(10) || replace(lower(new."name"), ' ', '') || char(10) || coalesce((
    SELECT group_concat(replace(lower("value"), ' ', ''), char(10)) || char(10)
    FROM json_each(CASE WHEN json_valid(new."aliases") THEN new."aliases" ELSE '[]' END)
  ), '') || replace(lower(new."label"), ' ', '') || char(10), 'CHALLENGE', new."id", new."name");
END;

CREATE TRIGGER "Challenge_search_delete" AFTER DELETE ON "Challenge" BEGIN
  DELETE FROM "EntitySearch" WHERE "rowid" = old."id" * 4 + 3;
END;

INSERT INTO "EntitySearch" ("rowid", "terms", "kind", "entityId", "name")
SELECT new."id" * 4 + 3, char(10) || replace(lower(new."name"), ' ', '') || char(10) || coalesce((
    SELECT group_concat(replace(lower("value"), ' ', ''), char(10)) || char(10)
    FROM json_each(CASE WHEN json_valid(new."aliases") THEN new."aliases" ELSE '[]' END)
  ), '') || replace(lower(new."label"), ' ', '') || char(10), 'CHALLENGE', new."id", new."name" FROM "Challenge" AS new;
