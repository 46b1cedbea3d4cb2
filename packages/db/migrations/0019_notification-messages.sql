ALTER TABLE "notification" ADD COLUMN "message_key" text;--> statement-breakpoint
ALTER TABLE "notification" ADD COLUMN "message_params" jsonb;