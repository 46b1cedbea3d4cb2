-- Training base search (issue 5, decision 014 "A search index of its own"). A search ranked and counted every
-- match by visiting its row in training_base: about 1.6 kB a row, five to a page, so a search with 1,700 matches
-- read 1,600 pages. training_base_search holds what a search reads and nothing else, for published bases only,
-- split by province and "open to partners" (the filters nearly every search has), so the matches of a search sit
-- together on a few pages: the ranking columns stay in the row (the name never leaves it: relevance reads it for
-- every match), the text and the tokens go to TOAST storage, read only by the GIN index and by keywords longer than
-- one bigram whose words are not in the name. Kept by a trigger on training_base, so every way a base is written
-- (the API, the seeds, the benches, a restore) keeps it exact. Not in the drizzle schema: drizzle cannot declare a
-- partitioned table; queries read it through SQL (packages/db/src/queries/training-bases.ts).
CREATE FUNCTION ronghe_base_segment(region_code text, open boolean) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT left(region_code, 2) || CASE WHEN open THEN 'o' ELSE 'c' END
$$;
--> statement-breakpoint
CREATE TABLE "training_base_search" (
  "segment" text NOT NULL,
  "id" uuid NOT NULL,
  "name" text NOT NULL,
  "kind" text NOT NULL,
  "stations" integer NOT NULL,
  "lng" double precision NOT NULL,
  "lat" double precision NOT NULL,
  "search_text" text NOT NULL,
  "search_tokens" text[] NOT NULL
) PARTITION BY LIST ("segment");
--> statement-breakpoint
-- toast_tuple_target: a row longer than 128 bytes moves its text and tokens out of line, so a page holds ~80 rows.
-- parallel_workers = 0: a search reads a few hundred pages at most; starting a parallel worker cost more than
-- that (a1 took 35 ms with one, 4 ms without).
CREATE TABLE "training_base_search_11o" PARTITION OF "training_base_search" FOR VALUES IN ('11o') WITH (toast_tuple_target = 128, parallel_workers = 0);
--> statement-breakpoint
CREATE TABLE "training_base_search_11c" PARTITION OF "training_base_search" FOR VALUES IN ('11c') WITH (toast_tuple_target = 128, parallel_workers = 0);
--> statement-breakpoint
CREATE TABLE "training_base_search_12o" PARTITION OF "training_base_search" FOR VALUES IN ('12o') WITH (toast_tuple_target = 128, parallel_workers = 0);
--> statement-breakpoint
CREATE TABLE "training_base_search_12c" PARTITION OF "training_base_search" FOR VALUES IN ('12c') WITH (toast_tuple_target = 128, parallel_workers = 0);
--> statement-breakpoint
CREATE TABLE "training_base_search_13o" PARTITION OF "training_base_search" FOR VALUES IN ('13o') WITH (toast_tuple_target = 128, parallel_workers = 0);
--> statement-breakpoint
CREATE TABLE "training_base_search_13c" PARTITION OF "training_base_search" FOR VALUES IN ('13c') WITH (toast_tuple_target = 128, parallel_workers = 0);
--> statement-breakpoint
-- after the partitions, so that it reaches them: the name stays inline and uncompressed (≤ 100 characters), the
-- text and the tokens go out of line uncompressed (a page of Chinese text barely compresses)
ALTER TABLE "training_base_search" ALTER COLUMN "name" SET STORAGE PLAIN, ALTER COLUMN "search_text" SET STORAGE EXTERNAL, ALTER COLUMN "search_tokens" SET STORAGE EXTERNAL;
--> statement-breakpoint
-- The planner does not know that reading search_tokens means fetching it from TOAST storage (≈ 15 µs a row): on a
-- partition of a thousand rows it chose to read every row's tokens (16 ms at 10,000 bases) over the GIN index
-- (under 1 ms). The index is therefore on this identity function, whose COST (100 operator evaluations, about
-- what a fetch from TOAST costs against one) tells the planner what reading the tokens costs; searches write the
-- same expression. It is never called for a match the index returns (the GIN answer to @> is exact, so no
-- recheck), only when a row is written.
CREATE FUNCTION ronghe_toasted(tokens text[]) RETURNS text[]
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE COST 100 AS $$
BEGIN
  RETURN tokens;
END
$$;
--> statement-breakpoint
CREATE INDEX "training_base_search_tokens_idx" ON "training_base_search" USING gin (ronghe_toasted("search_tokens"));
--> statement-breakpoint
CREATE INDEX "training_base_search_id_idx" ON "training_base_search" ("id");
--> statement-breakpoint
-- the list with no keyword and no filter token, in capacity order (searchTrainingBases orders that statement alone
-- by stations desc, id: a search with tokens must not walk this index, reading every row's tokens)
CREATE INDEX "training_base_search_capacity_idx" ON "training_base_search" ("stations" DESC, "id");
--> statement-breakpoint
CREATE FUNCTION ronghe_sync_base_search() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE'
     AND (OLD.status, OLD.region_code, OLD.open_to_partners, OLD.name, OLD.kind, OLD.stations, OLD.lng, OLD.lat, OLD.search_text, OLD.search_tokens)
         IS NOT DISTINCT FROM (NEW.status, NEW.region_code, NEW.open_to_partners, NEW.name, NEW.kind, NEW.stations, NEW.lng, NEW.lat, NEW.search_text, NEW.search_tokens) THEN
    RETURN NEW;
  END IF;
  IF TG_OP <> 'INSERT' AND OLD.status = 'published' THEN
    DELETE FROM training_base_search WHERE segment = ronghe_base_segment(OLD.region_code, OLD.open_to_partners) AND id = OLD.id;
  END IF;
  IF TG_OP <> 'DELETE' AND NEW.status = 'published' THEN
    INSERT INTO training_base_search (segment, id, name, kind, stations, lng, lat, search_text, search_tokens)
    VALUES (ronghe_base_segment(NEW.region_code, NEW.open_to_partners), NEW.id, NEW.name, NEW.kind, NEW.stations, NEW.lng, NEW.lat, NEW.search_text, NEW.search_tokens);
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "training_base_search_sync" AFTER INSERT OR UPDATE OR DELETE ON "training_base"
FOR EACH ROW EXECUTE FUNCTION ronghe_sync_base_search();
--> statement-breakpoint
INSERT INTO "training_base_search" (segment, id, name, kind, stations, lng, lat, search_text, search_tokens)
SELECT ronghe_base_segment(region_code, open_to_partners), id, name, kind, stations, lng, lat, search_text, search_tokens
FROM "training_base" WHERE status = 'published';
