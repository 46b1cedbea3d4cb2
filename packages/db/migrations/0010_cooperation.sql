CREATE TABLE "cooperation_project" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"application_id" uuid NOT NULL,
	"need_id" uuid NOT NULL,
	"enterprise_id" uuid NOT NULL,
	"school_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"size" integer,
	"status" text DEFAULT 'active' NOT NULL,
	"completed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "placement" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"application_id" uuid NOT NULL,
	"need_id" uuid NOT NULL,
	"enterprise_id" uuid NOT NULL,
	"school_id" uuid NOT NULL,
	"cohort_id" uuid,
	"students" integer NOT NULL,
	"period_from" date NOT NULL,
	"period_to" date NOT NULL,
	"status" text DEFAULT 'planned' NOT NULL,
	"agreement_status" text DEFAULT 'missing' NOT NULL,
	"agreement_reference" text,
	"agreement_signed_on" date,
	"agreement_recorded_by" text,
	"agreement_confirmed_by" text,
	"agreement_confirmed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "placement_students_positive" CHECK ("placement"."students" > 0),
	CONSTRAINT "placement_period" CHECK ("placement"."period_to" >= "placement"."period_from"),
	CONSTRAINT "placement_agreement_recorded" CHECK ("placement"."agreement_status" = 'missing' OR ("placement"."agreement_reference" IS NOT NULL AND "placement"."agreement_signed_on" IS NOT NULL))
);
--> statement-breakpoint
CREATE TABLE "project_milestone" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"title" text NOT NULL,
	"due_on" date,
	"done_at" timestamp with time zone,
	"done_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "need_application" ADD COLUMN "direction" text DEFAULT 'apply' NOT NULL;--> statement-breakpoint
ALTER TABLE "need_application" ADD COLUMN "expires_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "cooperation_project" ADD CONSTRAINT "cooperation_project_application_id_need_application_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."need_application"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cooperation_project" ADD CONSTRAINT "cooperation_project_need_id_need_id_fk" FOREIGN KEY ("need_id") REFERENCES "public"."need"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cooperation_project" ADD CONSTRAINT "cooperation_project_enterprise_id_organization_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."organization"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cooperation_project" ADD CONSTRAINT "cooperation_project_school_id_organization_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."organization"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "placement" ADD CONSTRAINT "placement_application_id_need_application_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."need_application"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "placement" ADD CONSTRAINT "placement_need_id_need_id_fk" FOREIGN KEY ("need_id") REFERENCES "public"."need"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "placement" ADD CONSTRAINT "placement_enterprise_id_organization_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."organization"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "placement" ADD CONSTRAINT "placement_school_id_organization_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."organization"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "placement" ADD CONSTRAINT "placement_cohort_id_cohort_id_fk" FOREIGN KEY ("cohort_id") REFERENCES "public"."cohort"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "placement" ADD CONSTRAINT "placement_agreement_recorded_by_user_id_fk" FOREIGN KEY ("agreement_recorded_by") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "placement" ADD CONSTRAINT "placement_agreement_confirmed_by_user_id_fk" FOREIGN KEY ("agreement_confirmed_by") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_milestone" ADD CONSTRAINT "project_milestone_project_id_cooperation_project_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."cooperation_project"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_milestone" ADD CONSTRAINT "project_milestone_done_by_user_id_fk" FOREIGN KEY ("done_by") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "cooperation_project_application_idx" ON "cooperation_project" USING btree ("application_id");--> statement-breakpoint
CREATE INDEX "cooperation_project_enterprise_idx" ON "cooperation_project" USING btree ("enterprise_id","status");--> statement-breakpoint
CREATE INDEX "cooperation_project_school_idx" ON "cooperation_project" USING btree ("school_id","status");--> statement-breakpoint
CREATE INDEX "cooperation_project_kind_idx" ON "cooperation_project" USING btree ("kind","status");--> statement-breakpoint
CREATE UNIQUE INDEX "placement_application_idx" ON "placement" USING btree ("application_id");--> statement-breakpoint
CREATE INDEX "placement_enterprise_idx" ON "placement" USING btree ("enterprise_id","period_from");--> statement-breakpoint
CREATE INDEX "placement_school_idx" ON "placement" USING btree ("school_id","period_from");--> statement-breakpoint
CREATE UNIQUE INDEX "project_milestone_position_idx" ON "project_milestone" USING btree ("project_id","position");--> statement-breakpoint
CREATE INDEX "need_application_invited_idx" ON "need_application" USING btree ("expires_at") WHERE "need_application"."status" = 'invited';--> statement-breakpoint
ALTER TABLE "need_application" ADD CONSTRAINT "need_application_invitation_expires" CHECK ("need_application"."direction" = 'apply' OR "need_application"."expires_at" IS NOT NULL);--> statement-breakpoint
-- applications accepted before this migration become placements and projects, as new ones do
INSERT INTO "placement" ("application_id", "need_id", "enterprise_id", "school_id", "cohort_id", "students", "period_from", "period_to")
SELECT a.id, n.id, n.organization_id, a.organization_id, a.cohort_id, a.accepted, n.period_from, n.period_to
FROM "need_application" a JOIN "need" n ON n.id = a.need_id
WHERE a.status IN ('accepted', 'partly_accepted') AND a.accepted > 0 AND n.kind = 'internship' AND n.period_from IS NOT NULL AND n.period_to IS NOT NULL;--> statement-breakpoint
INSERT INTO "cooperation_project" ("application_id", "need_id", "enterprise_id", "school_id", "kind", "title", "size")
SELECT a.id, n.id, n.organization_id, a.organization_id, n.kind, n.title, a.accepted
FROM "need_application" a JOIN "need" n ON n.id = a.need_id
WHERE a.status IN ('accepted', 'partly_accepted') AND a.accepted > 0 AND n.kind <> 'internship';
