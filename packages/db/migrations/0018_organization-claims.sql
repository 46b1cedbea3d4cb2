CREATE TABLE "organization_change_request" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"before" jsonb NOT NULL,
	"after" jsonb NOT NULL,
	"requested_by_user_id" text,
	"decided_by_user_id" text,
	"decided_at" timestamp with time zone,
	"reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
DROP INDEX "organization_uscc_key";--> statement-breakpoint
DROP INDEX "organization_school_code_key";--> statement-breakpoint
DROP INDEX "organization_name_region_key";--> statement-breakpoint
ALTER TABLE "organization_change_request" ADD CONSTRAINT "organization_change_request_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organization_change_request" ADD CONSTRAINT "organization_change_request_requested_by_user_id_user_id_fk" FOREIGN KEY ("requested_by_user_id") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organization_change_request" ADD CONSTRAINT "organization_change_request_decided_by_user_id_user_id_fk" FOREIGN KEY ("decided_by_user_id") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "organization_change_request_pending_key" ON "organization_change_request" USING btree ("organization_id") WHERE status = 'pending';--> statement-breakpoint
CREATE INDEX "organization_change_request_status_idx" ON "organization_change_request" USING btree ("status","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "organization_uscc_verified_key" ON "organization" USING btree ("uscc") WHERE status in ('verified', 'suspended');--> statement-breakpoint
CREATE UNIQUE INDEX "organization_school_code_verified_key" ON "organization" USING btree ("school_code") WHERE status in ('verified', 'suspended');--> statement-breakpoint
CREATE UNIQUE INDEX "organization_name_region_verified_key" ON "organization" USING btree ("name","region_code") WHERE status in ('verified', 'suspended');--> statement-breakpoint
CREATE UNIQUE INDEX "organization_pending_claim_key" ON "organization" USING btree ("created_by_user_id","name","region_code") WHERE status = 'pending';--> statement-breakpoint
CREATE INDEX "organization_uscc_idx" ON "organization" USING btree ("uscc");--> statement-breakpoint
CREATE INDEX "organization_school_code_idx" ON "organization" USING btree ("school_code");--> statement-breakpoint
CREATE INDEX "invitation_organization_created_idx" ON "invitation" USING btree ("organization_id","created_at");