CREATE TABLE "need_application" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"need_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"cohort_id" uuid,
	"students" integer NOT NULL,
	"accepted" integer DEFAULT 0 NOT NULL,
	"message" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'applied' NOT NULL,
	"reason" text DEFAULT '' NOT NULL,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "need_application_students_positive" CHECK ("need_application"."students" > 0),
	CONSTRAINT "need_application_accepted_within" CHECK ("need_application"."accepted" >= 0 AND "need_application"."accepted" <= "need_application"."students")
);
--> statement-breakpoint
ALTER TABLE "need_application" ADD CONSTRAINT "need_application_need_id_need_id_fk" FOREIGN KEY ("need_id") REFERENCES "public"."need"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "need_application" ADD CONSTRAINT "need_application_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "need_application" ADD CONSTRAINT "need_application_cohort_id_cohort_id_fk" FOREIGN KEY ("cohort_id") REFERENCES "public"."cohort"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "need_application_need_idx" ON "need_application" USING btree ("need_id","status");--> statement-breakpoint
CREATE INDEX "need_application_org_idx" ON "need_application" USING btree ("organization_id","created_at");