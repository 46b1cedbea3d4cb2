CREATE TABLE "consortium" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"level" text NOT NULL,
	"name" text NOT NULL,
	"industry_code" varchar(2),
	"gaojingjian" text,
	"anchor_region_code" varchar(6) NOT NULL,
	"founded_on" date,
	"charter" text DEFAULT '' NOT NULL,
	"goals" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"status_reason" text,
	"proposed_by_organization_id" uuid NOT NULL,
	"member_count" integer DEFAULT 0 NOT NULL,
	"approved_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "consortium_member_count_nonnegative" CHECK ("consortium"."member_count" >= 0)
);
--> statement-breakpoint
CREATE TABLE "consortium_event" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"consortium_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"type" text NOT NULL,
	"actor_user_id" text,
	"organization_id" uuid,
	"detail" jsonb
);
--> statement-breakpoint
CREATE TABLE "consortium_item" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"consortium_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "consortium_member" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"consortium_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"role" text NOT NULL,
	"council_position" text,
	"status" text NOT NULL,
	"message" text DEFAULT '' NOT NULL,
	"joined_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notification" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" text NOT NULL,
	"type" text NOT NULL,
	"title" text NOT NULL,
	"link" text DEFAULT '' NOT NULL,
	"read_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "consortium" ADD CONSTRAINT "consortium_industry_code_industry_code_fk" FOREIGN KEY ("industry_code") REFERENCES "public"."industry"("code") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consortium" ADD CONSTRAINT "consortium_anchor_region_code_region_code_fk" FOREIGN KEY ("anchor_region_code") REFERENCES "public"."region"("code") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consortium" ADD CONSTRAINT "consortium_proposed_by_organization_id_organization_id_fk" FOREIGN KEY ("proposed_by_organization_id") REFERENCES "public"."organization"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consortium_event" ADD CONSTRAINT "consortium_event_consortium_id_consortium_id_fk" FOREIGN KEY ("consortium_id") REFERENCES "public"."consortium"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consortium_event" ADD CONSTRAINT "consortium_event_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consortium_item" ADD CONSTRAINT "consortium_item_consortium_id_consortium_id_fk" FOREIGN KEY ("consortium_id") REFERENCES "public"."consortium"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consortium_member" ADD CONSTRAINT "consortium_member_consortium_id_consortium_id_fk" FOREIGN KEY ("consortium_id") REFERENCES "public"."consortium"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consortium_member" ADD CONSTRAINT "consortium_member_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification" ADD CONSTRAINT "notification_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "consortium_name_key" ON "consortium" USING btree ("name");--> statement-breakpoint
CREATE INDEX "consortium_status_kind_idx" ON "consortium" USING btree ("status","kind","level");--> statement-breakpoint
CREATE INDEX "consortium_member_count_idx" ON "consortium" USING btree ("status","member_count");--> statement-breakpoint
CREATE INDEX "consortium_name_bigrams_idx" ON "consortium" USING gin (ronghe_bigrams("name"));--> statement-breakpoint
CREATE INDEX "consortium_event_consortium_idx" ON "consortium_event" USING btree ("consortium_id","created_at");--> statement-breakpoint
CREATE INDEX "consortium_item_consortium_idx" ON "consortium_item" USING btree ("consortium_id","kind");--> statement-breakpoint
CREATE UNIQUE INDEX "consortium_member_key" ON "consortium_member" USING btree ("consortium_id","organization_id");--> statement-breakpoint
CREATE INDEX "consortium_member_org_idx" ON "consortium_member" USING btree ("organization_id","status");--> statement-breakpoint
CREATE INDEX "consortium_member_active_idx" ON "consortium_member" USING btree ("consortium_id","status","role");--> statement-breakpoint
CREATE INDEX "notification_user_idx" ON "notification" USING btree ("user_id","read_at","created_at");