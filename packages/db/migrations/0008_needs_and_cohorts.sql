CREATE TABLE "cohort" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"major_code" varchar(6) NOT NULL,
	"major_category" integer,
	"level" text NOT NULL,
	"year" integer NOT NULL,
	"students" integer NOT NULL,
	"window_from" date NOT NULL,
	"window_to" date NOT NULL,
	"region_codes" text[] NOT NULL,
	"teachers" integer DEFAULT 0 NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cohort_students_positive" CHECK ("cohort"."students" > 0),
	CONSTRAINT "cohort_window" CHECK ("cohort"."window_to" >= "cohort"."window_from")
);
--> statement-breakpoint
CREATE TABLE "need" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"consortium_id" uuid,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"region_code" varchar(6) NOT NULL,
	"deadline" date NOT NULL,
	"major_codes" text[] DEFAULT '{}'::text[] NOT NULL,
	"major_categories" integer[] DEFAULT '{}'::integer[] NOT NULL,
	"headcount" integer,
	"accepted" integer DEFAULT 0 NOT NULL,
	"period_from" date,
	"period_to" date,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"published_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "need_headcount_positive" CHECK ("need"."headcount" IS NULL OR "need"."headcount" > 0),
	CONSTRAINT "need_accepted_within_headcount" CHECK ("need"."accepted" >= 0 AND ("need"."headcount" IS NULL OR "need"."accepted" <= "need"."headcount")),
	CONSTRAINT "need_period" CHECK ("need"."period_from" IS NULL OR "need"."period_to" IS NULL OR "need"."period_to" >= "need"."period_from")
);
--> statement-breakpoint
ALTER TABLE "cohort" ADD CONSTRAINT "cohort_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "need" ADD CONSTRAINT "need_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "need" ADD CONSTRAINT "need_consortium_id_consortium_id_fk" FOREIGN KEY ("consortium_id") REFERENCES "public"."consortium"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "need" ADD CONSTRAINT "need_region_code_region_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."region"("code") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "cohort_open_major_idx" ON "cohort" USING btree ("status","major_category","major_code");--> statement-breakpoint
CREATE INDEX "cohort_organization_idx" ON "cohort" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "need_status_kind_idx" ON "need" USING btree ("status","kind","deadline");--> statement-breakpoint
CREATE INDEX "need_organization_idx" ON "need" USING btree ("organization_id","status");--> statement-breakpoint
CREATE INDEX "need_major_categories_idx" ON "need" USING gin ("major_categories");