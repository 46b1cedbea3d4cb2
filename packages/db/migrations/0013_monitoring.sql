CREATE TABLE "indicator_report" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"indicator_id" uuid NOT NULL,
	"value" double precision NOT NULL,
	"as_of" date NOT NULL,
	"evidence_text" text NOT NULL,
	"evidence_url" text DEFAULT '' NOT NULL,
	"reported_by_user_id" text,
	"reported_by_name" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "indicator_report_value_nonnegative" CHECK ("indicator_report"."value" >= 0)
);
--> statement-breakpoint
CREATE TABLE "indicator_snapshot" (
	"indicator_id" uuid NOT NULL,
	"day" date NOT NULL,
	"value" double precision,
	"taken_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "indicator_snapshot_indicator_id_day_pk" PRIMARY KEY("indicator_id","day")
);
--> statement-breakpoint
CREATE TABLE "indicator" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" varchar(12) NOT NULL,
	"name" text NOT NULL,
	"name_en" text DEFAULT '' NOT NULL,
	"unit" text NOT NULL,
	"definition" text DEFAULT '' NOT NULL,
	"wording" text DEFAULT '' NOT NULL,
	"target" double precision NOT NULL,
	"target_note" text DEFAULT '' NOT NULL,
	"baseline" double precision DEFAULT 0 NOT NULL,
	"milestones" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"starts_on" date NOT NULL,
	"due_on" date NOT NULL,
	"source" text NOT NULL,
	"metric" text,
	"params" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"scope" text DEFAULT 'platform' NOT NULL,
	"scope_region_code" varchar(6),
	"scope_consortium_id" uuid,
	"is_plan" boolean DEFAULT false NOT NULL,
	"sort_order" double precision DEFAULT 1000 NOT NULL,
	"created_by_user_id" text,
	"archived_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "indicator_computed_has_metric" CHECK (("indicator"."source" = 'computed') = ("indicator"."metric" IS NOT NULL)),
	CONSTRAINT "indicator_target_nonnegative" CHECK ("indicator"."target" >= 0 AND "indicator"."baseline" >= 0),
	CONSTRAINT "indicator_schedule" CHECK ("indicator"."due_on" > "indicator"."starts_on")
);
--> statement-breakpoint
CREATE TABLE "major_cluster" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"school_id" uuid NOT NULL,
	"name" text NOT NULL,
	"major_codes" text[] DEFAULT '{}'::text[] NOT NULL,
	"designation" text NOT NULL,
	"designated_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "plan_task_indicator" (
	"task_id" uuid NOT NULL,
	"indicator_id" uuid NOT NULL,
	CONSTRAINT "plan_task_indicator_task_id_indicator_id_pk" PRIMARY KEY("task_id","indicator_id")
);
--> statement-breakpoint
CREATE TABLE "plan_task_update" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"task_id" uuid NOT NULL,
	"on" date NOT NULL,
	"note" text NOT NULL,
	"evidence_url" text DEFAULT '' NOT NULL,
	"progress" double precision NOT NULL,
	"status" text NOT NULL,
	"by_user_id" text,
	"by_name" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "plan_task" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"owner_organization_id" uuid NOT NULL,
	"responsible_name" text NOT NULL,
	"starts_on" date NOT NULL,
	"deadline" date NOT NULL,
	"expected_outcome" text NOT NULL,
	"status" text DEFAULT 'not_started' NOT NULL,
	"progress" double precision DEFAULT 0 NOT NULL,
	"completed_on" date,
	"reminded_at" timestamp with time zone,
	"created_by_user_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "plan_task_schedule" CHECK ("plan_task"."deadline" >= "plan_task"."starts_on"),
	CONSTRAINT "plan_task_progress" CHECK ("plan_task"."progress" >= 0 AND "plan_task"."progress" <= 100)
);
--> statement-breakpoint
ALTER TABLE "organization" ADD COLUMN "designations" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "indicator_report" ADD CONSTRAINT "indicator_report_indicator_id_indicator_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "public"."indicator"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_report" ADD CONSTRAINT "indicator_report_reported_by_user_id_user_id_fk" FOREIGN KEY ("reported_by_user_id") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_snapshot" ADD CONSTRAINT "indicator_snapshot_indicator_id_indicator_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "public"."indicator"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator" ADD CONSTRAINT "indicator_scope_region_code_region_code_fk" FOREIGN KEY ("scope_region_code") REFERENCES "public"."region"("code") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator" ADD CONSTRAINT "indicator_scope_consortium_id_consortium_id_fk" FOREIGN KEY ("scope_consortium_id") REFERENCES "public"."consortium"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator" ADD CONSTRAINT "indicator_created_by_user_id_user_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "major_cluster" ADD CONSTRAINT "major_cluster_school_id_organization_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_task_indicator" ADD CONSTRAINT "plan_task_indicator_task_id_plan_task_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."plan_task"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_task_indicator" ADD CONSTRAINT "plan_task_indicator_indicator_id_indicator_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "public"."indicator"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_task_update" ADD CONSTRAINT "plan_task_update_task_id_plan_task_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."plan_task"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_task_update" ADD CONSTRAINT "plan_task_update_by_user_id_user_id_fk" FOREIGN KEY ("by_user_id") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_task" ADD CONSTRAINT "plan_task_owner_organization_id_organization_id_fk" FOREIGN KEY ("owner_organization_id") REFERENCES "public"."organization"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_task" ADD CONSTRAINT "plan_task_created_by_user_id_user_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "indicator_report_indicator_idx" ON "indicator_report" USING btree ("indicator_id","as_of","created_at");--> statement-breakpoint
CREATE INDEX "indicator_snapshot_day_idx" ON "indicator_snapshot" USING btree ("day");--> statement-breakpoint
CREATE UNIQUE INDEX "indicator_code_key" ON "indicator" USING btree ("code");--> statement-breakpoint
CREATE UNIQUE INDEX "major_cluster_school_name_key" ON "major_cluster" USING btree ("school_id","name","designation");--> statement-breakpoint
CREATE INDEX "major_cluster_designation_idx" ON "major_cluster" USING btree ("designation");--> statement-breakpoint
CREATE INDEX "plan_task_indicator_indicator_idx" ON "plan_task_indicator" USING btree ("indicator_id");--> statement-breakpoint
CREATE INDEX "plan_task_update_task_idx" ON "plan_task_update" USING btree ("task_id","created_at");--> statement-breakpoint
CREATE INDEX "plan_task_deadline_idx" ON "plan_task" USING btree ("status","deadline");--> statement-breakpoint
CREATE INDEX "plan_task_owner_idx" ON "plan_task" USING btree ("owner_organization_id");