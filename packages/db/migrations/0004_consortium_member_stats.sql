ALTER TABLE "consortium" ADD COLUMN "school_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "consortium" ADD COLUMN "enterprise_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "consortium" ADD COLUMN "partner_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "consortium" ADD COLUMN "member_regions" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
CREATE INDEX "consortium_created_idx" ON "consortium" USING btree ("status","created_at" DESC NULLS LAST,"id");--> statement-breakpoint
CREATE INDEX "consortium_member_regions_idx" ON "consortium" USING gin ("member_regions");