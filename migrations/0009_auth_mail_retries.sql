ALTER TABLE "auth"."mail_outbox" ADD COLUMN "attempts" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "auth"."mail_outbox" ADD COLUMN "available_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
CREATE INDEX "mail_outbox_pending_idx" ON "auth"."mail_outbox" USING btree ("available_at") WHERE "auth"."mail_outbox"."sent_at" is null;--> statement-breakpoint
-- Mail that failed before retries existed kept only its envelope (the text was never stored), so it cannot be sent again: it is never due.
UPDATE "auth"."mail_outbox" SET "available_at" = 'infinity' WHERE "sent_at" IS NULL;
