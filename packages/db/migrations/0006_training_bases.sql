CREATE TABLE "base_booking" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"base_id" uuid NOT NULL,
	"requester_organization_id" uuid NOT NULL,
	"requested_by_user_id" text,
	"from_day" date NOT NULL,
	"to_day" date NOT NULL,
	"stations" integer NOT NULL,
	"purpose" text NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'requested' NOT NULL,
	"proposed_from" date,
	"proposed_to" date,
	"response_note" text DEFAULT '' NOT NULL,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "base_booking_stations_positive" CHECK ("base_booking"."stations" > 0),
	CONSTRAINT "base_booking_range" CHECK ("base_booking"."to_day" >= "base_booking"."from_day")
);
--> statement-breakpoint
CREATE TABLE "training_base_co_builder" (
	"base_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	CONSTRAINT "training_base_co_builder_base_id_organization_id_pk" PRIMARY KEY("base_id","organization_id")
);
--> statement-breakpoint
CREATE TABLE "training_base_consortium" (
	"base_id" uuid NOT NULL,
	"consortium_id" uuid NOT NULL,
	CONSTRAINT "training_base_consortium_base_id_consortium_id_pk" PRIMARY KEY("base_id","consortium_id")
);
--> statement-breakpoint
CREATE TABLE "training_base_day" (
	"base_id" uuid NOT NULL,
	"day" date NOT NULL,
	"booked" integer NOT NULL,
	"capacity" integer NOT NULL,
	CONSTRAINT "training_base_day_base_id_day_pk" PRIMARY KEY("base_id","day"),
	CONSTRAINT "training_base_day_booked_nonnegative" CHECK ("training_base_day"."booked" >= 0),
	CONSTRAINT "training_base_day_within_capacity" CHECK ("training_base_day"."booked" <= "training_base_day"."capacity")
);
--> statement-breakpoint
CREATE TABLE "training_base_revision" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"base_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_user_id" text,
	"action" text NOT NULL,
	"changed_fields" text[] DEFAULT '{}'::text[] NOT NULL,
	"snapshot" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "training_base_supply" (
	"map_region_code" varchar(6) NOT NULL,
	"dimension" text NOT NULL,
	"value" text NOT NULL,
	"count" integer NOT NULL,
	CONSTRAINT "training_base_supply_dimension_value_map_region_code_pk" PRIMARY KEY("dimension","value","map_region_code")
);
--> statement-breakpoint
CREATE TABLE "training_base" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"owner_organization_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"major_codes" text[] DEFAULT '{}'::text[] NOT NULL,
	"industry_codes" text[] DEFAULT '{}'::text[] NOT NULL,
	"region_code" varchar(6) NOT NULL,
	"map_region_code" varchar(6) NOT NULL,
	"address" text NOT NULL,
	"lng" double precision NOT NULL,
	"lat" double precision NOT NULL,
	"stations" integer NOT NULL,
	"daily_capacity" integer NOT NULL,
	"equipment" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"opening_hours" text DEFAULT '' NOT NULL,
	"open_to_partners" boolean DEFAULT false NOT NULL,
	"open_terms" text,
	"terms_note" text DEFAULT '' NOT NULL,
	"contact_name" text DEFAULT '' NOT NULL,
	"contact_phone" text DEFAULT '' NOT NULL,
	"contact_email" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"search_text" text DEFAULT '' NOT NULL,
	"search_tokens" text[] DEFAULT '{}'::text[] NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"published_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "training_base_stations_positive" CHECK ("training_base"."stations" > 0),
	CONSTRAINT "training_base_daily_capacity_positive" CHECK ("training_base"."daily_capacity" > 0)
);
--> statement-breakpoint
ALTER TABLE "base_booking" ADD CONSTRAINT "base_booking_base_id_training_base_id_fk" FOREIGN KEY ("base_id") REFERENCES "public"."training_base"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "base_booking" ADD CONSTRAINT "base_booking_requester_organization_id_organization_id_fk" FOREIGN KEY ("requester_organization_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_base_co_builder" ADD CONSTRAINT "training_base_co_builder_base_id_training_base_id_fk" FOREIGN KEY ("base_id") REFERENCES "public"."training_base"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_base_co_builder" ADD CONSTRAINT "training_base_co_builder_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_base_consortium" ADD CONSTRAINT "training_base_consortium_base_id_training_base_id_fk" FOREIGN KEY ("base_id") REFERENCES "public"."training_base"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_base_consortium" ADD CONSTRAINT "training_base_consortium_consortium_id_consortium_id_fk" FOREIGN KEY ("consortium_id") REFERENCES "public"."consortium"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_base_day" ADD CONSTRAINT "training_base_day_base_id_training_base_id_fk" FOREIGN KEY ("base_id") REFERENCES "public"."training_base"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_base_revision" ADD CONSTRAINT "training_base_revision_base_id_training_base_id_fk" FOREIGN KEY ("base_id") REFERENCES "public"."training_base"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_base" ADD CONSTRAINT "training_base_owner_organization_id_organization_id_fk" FOREIGN KEY ("owner_organization_id") REFERENCES "public"."organization"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_base" ADD CONSTRAINT "training_base_region_code_region_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."region"("code") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "base_booking_base_idx" ON "base_booking" USING btree ("base_id","status","from_day");--> statement-breakpoint
CREATE INDEX "base_booking_requester_idx" ON "base_booking" USING btree ("requester_organization_id","created_at");--> statement-breakpoint
CREATE INDEX "training_base_co_builder_org_idx" ON "training_base_co_builder" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "training_base_consortium_consortium_idx" ON "training_base_consortium" USING btree ("consortium_id");--> statement-breakpoint
CREATE INDEX "training_base_revision_base_idx" ON "training_base_revision" USING btree ("base_id","id");--> statement-breakpoint
CREATE INDEX "training_base_tokens_idx" ON "training_base" USING gin ("search_tokens");--> statement-breakpoint
CREATE INDEX "training_base_capacity_idx" ON "training_base" USING btree ("status","stations" DESC NULLS LAST,"id");--> statement-breakpoint
CREATE INDEX "training_base_owner_idx" ON "training_base" USING btree ("owner_organization_id","status");--> statement-breakpoint
CREATE INDEX "training_base_map_region_idx" ON "training_base" USING btree ("status","map_region_code");