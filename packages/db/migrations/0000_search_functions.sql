-- Search for Chinese text. pg_trgm serves ILIKE '%…%' for 3+ characters; for the 2-character
-- terms that Chinese search lives on (数控, 护理) we index the distinct character bigrams of the
-- lowered text and query `ronghe_bigrams(col) @> ronghe_bigrams($q) AND col ILIKE …`.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION ronghe_bigrams(t text) RETURNS text[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT coalesce(array_agg(DISTINCT substr(s.l, i, 2)), '{}')
  FROM (SELECT lower(t) AS l) s, generate_series(1, char_length(s.l) - 1) AS i
$$;
