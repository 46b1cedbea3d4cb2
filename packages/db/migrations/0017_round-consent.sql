ALTER TABLE "round_need" ALTER COLUMN "accept_unranked" SET DEFAULT false;--> statement-breakpoint
ALTER TABLE "round_cohort" ADD COLUMN "status" text DEFAULT 'invited' NOT NULL;--> statement-breakpoint
ALTER TABLE "round_cohort" ADD COLUMN "responded_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "round_need" ADD COLUMN "status" text DEFAULT 'invited' NOT NULL;--> statement-breakpoint
ALTER TABLE "round_need" ADD COLUMN "responded_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "round_need" ADD COLUMN "ranked_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "round_cohort_cohort_idx" ON "round_cohort" USING btree ("cohort_id","status");--> statement-breakpoint
CREATE INDEX "round_need_need_idx" ON "round_need" USING btree ("need_id","status");--> statement-breakpoint
-- Entries of rounds that had already opened before consent was asked keep taking part; entries of draft rounds wait
-- for their owner's answer like new invitations.
UPDATE "round_need" SET "status" = 'accepted' FROM "allocation_round" r WHERE r."id" = "round_need"."round_id" AND r."status" <> 'draft';--> statement-breakpoint
UPDATE "round_cohort" SET "status" = 'accepted' FROM "allocation_round" r WHERE r."id" = "round_cohort"."round_id" AND r."status" <> 'draft';
