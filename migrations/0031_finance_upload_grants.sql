-- Direct uploads granted to an expense claim and not confirmed yet (expenses/receipts.ts): confirming
-- consumes the grant; finance's expireUploads job deletes the files of grants left unconfirmed.
CREATE TABLE "finance"."expense_upload_grants" (
	"file_key" text PRIMARY KEY NOT NULL,
	"claim_id" uuid NOT NULL,
	"granted_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "expense_upload_grants_granted_idx" ON "finance"."expense_upload_grants" USING btree ("granted_at");