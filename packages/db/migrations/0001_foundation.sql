CREATE TABLE "gaojingjian_industry" (
	"id" integer PRIMARY KEY NOT NULL,
	"framework" text NOT NULL,
	"seq" smallint NOT NULL,
	"name" text NOT NULL,
	"group" text
);
--> statement-breakpoint
CREATE TABLE "industry" (
	"code" varchar(2) PRIMARY KEY NOT NULL,
	"level" text NOT NULL,
	"section" varchar(1) NOT NULL,
	"name" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "major_category" (
	"seq" smallint PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"code_zhongzhi" varchar(2) NOT NULL,
	"code_gaozhi" varchar(2) NOT NULL,
	"code_benke" varchar(2) NOT NULL
);
--> statement-breakpoint
CREATE TABLE "major" (
	"code" varchar(6) PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"level" text NOT NULL,
	"class_code" varchar(4) NOT NULL,
	"class_name" text NOT NULL,
	"category_seq" smallint NOT NULL,
	"starter" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "plan_target" (
	"code" varchar(3) PRIMARY KEY NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"unit" text NOT NULL,
	"target_2027" integer NOT NULL,
	"target_text" text NOT NULL,
	"source" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "region" (
	"code" varchar(6) PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"level" text NOT NULL,
	"parent_code" varchar(6),
	"province_code" varchar(2) NOT NULL,
	"statutory" boolean NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_user_id" text,
	"action" text NOT NULL,
	"entity" text NOT NULL,
	"entity_id" text NOT NULL,
	"before" jsonb,
	"after" jsonb,
	"organization_id" uuid
);
--> statement-breakpoint
CREATE TABLE "app_meta" (
	"key" text PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "organization" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"region_code" varchar(6) NOT NULL,
	"address" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"uscc" varchar(18),
	"school_code" varchar(10),
	"school_level" text,
	"partner_type" text,
	"industry_code" varchar(2),
	"staff_count" integer,
	"is_leading_enterprise" boolean DEFAULT false NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "organization_staff_count_positive" CHECK ("organization"."staff_count" IS NULL OR "organization"."staff_count" > 0)
);
--> statement-breakpoint
ALTER TABLE "major" ADD CONSTRAINT "major_category_seq_major_category_seq_fk" FOREIGN KEY ("category_seq") REFERENCES "public"."major_category"("seq") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "region" ADD CONSTRAINT "region_parent_code_region_code_fk" FOREIGN KEY ("parent_code") REFERENCES "public"."region"("code") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organization" ADD CONSTRAINT "organization_region_code_region_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."region"("code") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organization" ADD CONSTRAINT "organization_industry_code_industry_code_fk" FOREIGN KEY ("industry_code") REFERENCES "public"."industry"("code") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_log_entity_idx" ON "audit_log" USING btree ("entity","entity_id");--> statement-breakpoint
CREATE INDEX "audit_log_at_idx" ON "audit_log" USING btree ("created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "organization_uscc_key" ON "organization" USING btree ("uscc");--> statement-breakpoint
CREATE UNIQUE INDEX "organization_school_code_key" ON "organization" USING btree ("school_code");--> statement-breakpoint
CREATE INDEX "organization_kind_region_idx" ON "organization" USING btree ("kind","region_code");--> statement-breakpoint
CREATE INDEX "organization_name_bigrams_idx" ON "organization" USING gin (ronghe_bigrams("name"));