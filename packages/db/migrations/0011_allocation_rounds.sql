CREATE TABLE "allocation_round" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"title" text NOT NULL,
	"region_code" varchar(6) NOT NULL,
	"consortium_id" uuid,
	"preferences_open_on" date NOT NULL,
	"preferences_close_on" date NOT NULL,
	"results_on" date NOT NULL,
	"keep_groups_together" boolean DEFAULT false NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"seed" text NOT NULL,
	"result_digest" text,
	"run_stats" jsonb,
	"created_by" text,
	"closed_at" timestamp with time zone,
	"published_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "allocation_round_dates" CHECK ("allocation_round"."preferences_close_on" >= "allocation_round"."preferences_open_on" AND "allocation_round"."results_on" >= "allocation_round"."preferences_close_on")
);
--> statement-breakpoint
CREATE TABLE "round_cohort" (
	"round_id" uuid NOT NULL,
	"cohort_id" uuid NOT NULL,
	"slots" integer NOT NULL,
	"submitted_at" timestamp with time zone,
	CONSTRAINT "round_cohort_round_id_cohort_id_pk" PRIMARY KEY("round_id","cohort_id"),
	CONSTRAINT "round_cohort_slots_positive" CHECK ("round_cohort"."slots" > 0)
);
--> statement-breakpoint
CREATE TABLE "round_need" (
	"round_id" uuid NOT NULL,
	"need_id" uuid NOT NULL,
	"capacity" integer NOT NULL,
	"accept_unranked" boolean DEFAULT true NOT NULL,
	"ranking" text[] DEFAULT '{}'::text[] NOT NULL,
	CONSTRAINT "round_need_round_id_need_id_pk" PRIMARY KEY("round_id","need_id"),
	CONSTRAINT "round_need_capacity_positive" CHECK ("round_need"."capacity" > 0)
);
--> statement-breakpoint
CREATE TABLE "round_preference" (
	"round_id" uuid NOT NULL,
	"cohort_id" uuid NOT NULL,
	"rank" integer NOT NULL,
	"need_id" uuid NOT NULL,
	CONSTRAINT "round_preference_round_id_cohort_id_rank_pk" PRIMARY KEY("round_id","cohort_id","rank"),
	CONSTRAINT "round_preference_rank" CHECK ("round_preference"."rank" between 1 and 20)
);
--> statement-breakpoint
CREATE TABLE "round_result" (
	"round_id" uuid NOT NULL,
	"cohort_id" uuid NOT NULL,
	"slot" integer NOT NULL,
	"need_id" uuid,
	"choice" integer,
	"reason" text,
	"choices" jsonb,
	"lottery" bigint NOT NULL,
	CONSTRAINT "round_result_round_id_cohort_id_slot_pk" PRIMARY KEY("round_id","cohort_id","slot")
);
--> statement-breakpoint
ALTER TABLE "need_application" DROP CONSTRAINT "need_application_invitation_expires";--> statement-breakpoint
ALTER TABLE "allocation_round" ADD CONSTRAINT "allocation_round_region_code_region_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."region"("code") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "allocation_round" ADD CONSTRAINT "allocation_round_consortium_id_consortium_id_fk" FOREIGN KEY ("consortium_id") REFERENCES "public"."consortium"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "allocation_round" ADD CONSTRAINT "allocation_round_created_by_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "round_cohort" ADD CONSTRAINT "round_cohort_round_id_allocation_round_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."allocation_round"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "round_cohort" ADD CONSTRAINT "round_cohort_cohort_id_cohort_id_fk" FOREIGN KEY ("cohort_id") REFERENCES "public"."cohort"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "round_need" ADD CONSTRAINT "round_need_round_id_allocation_round_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."allocation_round"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "round_need" ADD CONSTRAINT "round_need_need_id_need_id_fk" FOREIGN KEY ("need_id") REFERENCES "public"."need"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "round_preference" ADD CONSTRAINT "round_preference_cohort_fk" FOREIGN KEY ("round_id","cohort_id") REFERENCES "public"."round_cohort"("round_id","cohort_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "round_preference" ADD CONSTRAINT "round_preference_need_fk" FOREIGN KEY ("round_id","need_id") REFERENCES "public"."round_need"("round_id","need_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "round_result" ADD CONSTRAINT "round_result_round_id_allocation_round_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."allocation_round"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "allocation_round_status_idx" ON "allocation_round" USING btree ("status","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "round_preference_need_idx" ON "round_preference" USING btree ("round_id","cohort_id","need_id");--> statement-breakpoint
CREATE INDEX "round_result_need_idx" ON "round_result" USING btree ("round_id","need_id");--> statement-breakpoint
ALTER TABLE "need_application" ADD CONSTRAINT "need_application_invitation_expires" CHECK ("need_application"."direction" <> 'invite' OR "need_application"."expires_at" IS NOT NULL);