-- What PostGraphile needs beyond the copied tables to answer (c) search, (d) neighbors and
-- (e) path: PostGraphile exposes STABLE functions as query fields, so each is one SQL function,
-- written the way one would for PostgreSQL (a trigram index, an edge table, recursive SQL).

CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- (c) The same rows as the SQLite FTS5 table "EntitySearch" (copied from it): one per entity,
-- its normalised names in "terms" as "\n<name>\n<alias>\n…\n".
CREATE INDEX entity_search_terms ON entity_search USING gin (terms gin_trgm_ops);
ANALYZE entity_search;

CREATE TYPE search_hit AS (rank integer, kind text, entity_id integer, name text);

CREATE FUNCTION search_entities(q text) RETURNS SETOF search_hit AS $$
  SELECT CASE
      WHEN position(E'\n' || lower(q) || E'\n' IN terms) > 0 THEN 0
      WHEN position(E'\n' || lower(q) IN terms) > 0 THEN 1
      ELSE 2 END,
    kind, entity_id, name
  FROM entity_search
  WHERE terms LIKE '%' || replace(replace(replace(lower(q), '\', '\\'), '%', '\%'), '_', '\_') || '%'
  ORDER BY 1, length(name), kind, entity_id
$$ LANGUAGE sql STABLE STRICT;

-- (d), (e) The stated relations the benchmark follows (affiliations, developments), both ways,
-- between nodes keyed kind << 32 | id.
CREATE FUNCTION node_key(kind text, id integer) RETURNS bigint AS $$
  SELECT (CASE kind WHEN 'PERSON' THEN 1 WHEN 'INSTITUTION' THEN 2 WHEN 'MODEL' THEN 3 ELSE 4 END::bigint << 32) | id
$$ LANGUAGE sql IMMUTABLE STRICT;

CREATE TABLE graph_edge (a bigint NOT NULL, b bigint NOT NULL);
INSERT INTO graph_edge
  SELECT node_key('PERSON', "personId"), node_key('INSTITUTION', "institutionId") FROM "Affiliation"
  UNION ALL SELECT node_key('INSTITUTION', "institutionId"), node_key('PERSON', "personId") FROM "Affiliation"
  UNION ALL SELECT node_key('INSTITUTION', "institutionId"), node_key('MODEL', "modelId") FROM "Development"
  UNION ALL SELECT node_key('MODEL', "modelId"), node_key('INSTITUTION', "institutionId") FROM "Development";
CREATE INDEX graph_edge_a ON graph_edge (a, b);
ANALYZE graph_edge;

CREATE TYPE graph_node AS (step integer, kind text, entity_id integer, name text);

CREATE FUNCTION graph_node_of(step integer, k bigint) RETURNS graph_node AS $$
  SELECT step,
    CASE k >> 32 WHEN 1 THEN 'PERSON' WHEN 2 THEN 'INSTITUTION' WHEN 3 THEN 'MODEL' ELSE 'CHALLENGE' END,
    (k & 4294967295)::integer,
    CASE k >> 32
      WHEN 1 THEN (SELECT name FROM "Person" WHERE id = (k & 4294967295)::integer)
      WHEN 2 THEN (SELECT name FROM "Institution" WHERE id = (k & 4294967295)::integer)
      WHEN 3 THEN (SELECT name FROM "Model" WHERE id = (k & 4294967295)::integer)
      ELSE (SELECT name FROM "Challenge" WHERE id = (k & 4294967295)::integer) END
$$ LANGUAGE sql STABLE;

-- The nodes within max_depth steps, nearest first, at most max_nodes besides the centre.
CREATE FUNCTION neighbors(center_kind text, center_id integer, max_depth integer, max_nodes integer)
RETURNS SETOF graph_node AS $$
  WITH RECURSIVE walk(k, depth) AS (
    SELECT node_key(center_kind, center_id), 0
    UNION
    SELECT e.b, w.depth + 1 FROM walk w JOIN graph_edge e ON e.a = w.k WHERE w.depth < max_depth
  ), nearest AS (
    SELECT k, min(depth) AS depth FROM walk GROUP BY k ORDER BY 2, 1 LIMIT max_nodes + 1
  )
  SELECT (graph_node_of(depth, k)).* FROM nearest ORDER BY depth, k
$$ LANGUAGE sql STABLE STRICT;

-- One shortest path of at most max_depth (≤ 4) steps, by growing both ends in turn, the
-- smaller side first, and joining them where they meet.
CREATE FUNCTION shortest_path(from_kind text, from_id integer, to_kind text, to_id integer, max_depth integer)
RETURNS SETOF graph_node AS $$
DECLARE
  src bigint := node_key(from_kind, from_id);
  dst bigint := node_key(to_kind, to_id);
  f1 bigint[]; b1 bigint[]; f2 bigint[]; b2 bigint[];
  m bigint; x bigint; y bigint;
BEGIN
  IF src = dst THEN RETURN NEXT graph_node_of(0, src); RETURN; END IF;
  SELECT array_agg(DISTINCT b) INTO f1 FROM graph_edge WHERE a = src;
  IF f1 IS NULL THEN RETURN; END IF;
  IF dst = ANY(f1) THEN
    RETURN NEXT graph_node_of(0, src); RETURN NEXT graph_node_of(1, dst); RETURN;
  END IF;
  IF max_depth < 2 THEN RETURN; END IF;
  SELECT array_agg(DISTINCT b) INTO b1 FROM graph_edge WHERE a = dst;
  IF b1 IS NULL THEN RETURN; END IF;
  SELECT min(k) INTO m FROM unnest(f1) k JOIN unnest(b1) j ON j = k;
  IF m IS NOT NULL THEN
    RETURN NEXT graph_node_of(0, src); RETURN NEXT graph_node_of(1, m); RETURN NEXT graph_node_of(2, dst);
    RETURN;
  END IF;
  IF max_depth < 3 THEN RETURN; END IF;
  -- Three steps: grow the smaller side once.
  IF cardinality(f1) <= cardinality(b1) THEN
    SELECT array_agg(DISTINCT b) INTO f2 FROM graph_edge WHERE a = ANY(f1);
    SELECT min(k) INTO m FROM unnest(f2) k JOIN unnest(b1) j ON j = k;
    IF m IS NOT NULL THEN
      SELECT min(a) INTO x FROM graph_edge WHERE a = ANY(f1) AND b = m;
      RETURN NEXT graph_node_of(0, src); RETURN NEXT graph_node_of(1, x);
      RETURN NEXT graph_node_of(2, m); RETURN NEXT graph_node_of(3, dst);
      RETURN;
    END IF;
  ELSE
    SELECT array_agg(DISTINCT b) INTO b2 FROM graph_edge WHERE a = ANY(b1);
    SELECT min(k) INTO m FROM unnest(b2) k JOIN unnest(f1) j ON j = k;
    IF m IS NOT NULL THEN
      SELECT min(a) INTO y FROM graph_edge WHERE a = ANY(b1) AND b = m;
      RETURN NEXT graph_node_of(0, src); RETURN NEXT graph_node_of(1, m);
      RETURN NEXT graph_node_of(2, y); RETURN NEXT graph_node_of(3, dst);
      RETURN;
    END IF;
  END IF;
  IF max_depth < 4 THEN RETURN; END IF;
  -- Four steps: both sides two deep, meeting in the middle.
  IF f2 IS NULL THEN SELECT array_agg(DISTINCT b) INTO f2 FROM graph_edge WHERE a = ANY(f1); END IF;
  IF b2 IS NULL THEN SELECT array_agg(DISTINCT b) INTO b2 FROM graph_edge WHERE a = ANY(b1); END IF;
  SELECT min(k) INTO m FROM unnest(f2) k JOIN unnest(b2) j ON j = k;
  IF m IS NULL THEN RETURN; END IF;
  SELECT min(a) INTO x FROM graph_edge WHERE a = ANY(f1) AND b = m;
  SELECT min(a) INTO y FROM graph_edge WHERE a = ANY(b1) AND b = m;
  RETURN NEXT graph_node_of(0, src); RETURN NEXT graph_node_of(1, x); RETURN NEXT graph_node_of(2, m);
  RETURN NEXT graph_node_of(3, y); RETURN NEXT graph_node_of(4, dst);
END
$$ LANGUAGE plpgsql STABLE STRICT;
