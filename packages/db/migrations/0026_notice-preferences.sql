ALTER TABLE "user" ADD COLUMN "language" text DEFAULT 'zh-CN' NOT NULL;--> statement-breakpoint
ALTER TABLE "user" ADD COLUMN "notice_channels" jsonb DEFAULT '{}'::jsonb NOT NULL;