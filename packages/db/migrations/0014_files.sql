CREATE TABLE "stored_file" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"uploaded_by" text,
	"purpose" text NOT NULL,
	"file_name" text NOT NULL,
	"content_type" text NOT NULL,
	"byte_size" integer NOT NULL,
	"sha256" text NOT NULL,
	"bytes" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "stored_file_size" CHECK ("stored_file"."byte_size" > 0 AND "stored_file"."byte_size" = octet_length("stored_file"."bytes"))
);
--> statement-breakpoint
CREATE TABLE "training_base_photo" (
	"base_id" uuid NOT NULL,
	"file_id" uuid NOT NULL,
	"position" integer NOT NULL,
	CONSTRAINT "training_base_photo_base_id_position_pk" PRIMARY KEY("base_id","position"),
	CONSTRAINT "training_base_photo_position" CHECK ("training_base_photo"."position" >= 0 AND "training_base_photo"."position" < 6)
);
--> statement-breakpoint
ALTER TABLE "placement" ADD COLUMN "agreement_file_id" uuid;--> statement-breakpoint
ALTER TABLE "stored_file" ADD CONSTRAINT "stored_file_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stored_file" ADD CONSTRAINT "stored_file_uploaded_by_user_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_base_photo" ADD CONSTRAINT "training_base_photo_base_id_training_base_id_fk" FOREIGN KEY ("base_id") REFERENCES "public"."training_base"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_base_photo" ADD CONSTRAINT "training_base_photo_file_id_stored_file_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."stored_file"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "stored_file_organization_idx" ON "stored_file" USING btree ("organization_id","purpose","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "training_base_photo_file_idx" ON "training_base_photo" USING btree ("file_id");--> statement-breakpoint
ALTER TABLE "placement" ADD CONSTRAINT "placement_agreement_file_id_stored_file_id_fk" FOREIGN KEY ("agreement_file_id") REFERENCES "public"."stored_file"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "placement_agreement_file_idx" ON "placement" USING btree ("agreement_file_id");