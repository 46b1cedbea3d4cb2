ALTER TABLE "verification_code" ADD COLUMN "pending_password_hash" text;--> statement-breakpoint
ALTER TABLE "verification_code" ADD COLUMN "pending_name" text;