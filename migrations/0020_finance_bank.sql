CREATE TYPE "finance"."bank_statement_format" AS ENUM('csv', 'camt053');--> statement-breakpoint
CREATE TABLE "finance"."bank_accounts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"account_id" uuid NOT NULL,
	"bank_name" text NOT NULL,
	"iban_encrypted" text,
	"iban_masked" text,
	"currency" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"csv_mapping" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "bank_accounts_currency_check" CHECK ("finance"."bank_accounts"."currency" ~ '^[A-Z]{3}$')
);
--> statement-breakpoint
CREATE TABLE "finance"."bank_statement_lines" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"statement_id" uuid NOT NULL,
	"bank_account_id" uuid NOT NULL,
	"line_no" integer NOT NULL,
	"date" date NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"reference" text,
	"amount" bigint NOT NULL,
	"balance" bigint,
	"fingerprint" text NOT NULL,
	"journal_line_id" bigint,
	"matched_by" text,
	"matched_at" timestamp with time zone,
	CONSTRAINT "bank_statement_lines_amount_check" CHECK ("finance"."bank_statement_lines"."amount" <> 0),
	CONSTRAINT "bank_statement_lines_matched_check" CHECK (("finance"."bank_statement_lines"."journal_line_id" is null) = ("finance"."bank_statement_lines"."matched_at" is null))
);
--> statement-breakpoint
CREATE TABLE "finance"."bank_statements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"bank_account_id" uuid NOT NULL,
	"format" "finance"."bank_statement_format" NOT NULL,
	"reference" text,
	"start_date" date NOT NULL,
	"end_date" date NOT NULL,
	"currency" text NOT NULL,
	"opening_balance" bigint NOT NULL,
	"closing_balance" bigint NOT NULL,
	"imported_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "bank_statements_dates_check" CHECK ("finance"."bank_statements"."end_date" >= "finance"."bank_statements"."start_date")
);
--> statement-breakpoint
ALTER TABLE "finance"."bank_accounts" ADD CONSTRAINT "bank_accounts_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "finance"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finance"."bank_statement_lines" ADD CONSTRAINT "bank_statement_lines_statement_id_bank_statements_id_fk" FOREIGN KEY ("statement_id") REFERENCES "finance"."bank_statements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finance"."bank_statement_lines" ADD CONSTRAINT "bank_statement_lines_bank_account_id_bank_accounts_id_fk" FOREIGN KEY ("bank_account_id") REFERENCES "finance"."bank_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finance"."bank_statement_lines" ADD CONSTRAINT "bank_statement_lines_journal_line_id_journal_lines_id_fk" FOREIGN KEY ("journal_line_id") REFERENCES "finance"."journal_lines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finance"."bank_statements" ADD CONSTRAINT "bank_statements_bank_account_id_bank_accounts_id_fk" FOREIGN KEY ("bank_account_id") REFERENCES "finance"."bank_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "bank_accounts_account_idx" ON "finance"."bank_accounts" USING btree ("account_id");--> statement-breakpoint
CREATE UNIQUE INDEX "bank_accounts_name_idx" ON "finance"."bank_accounts" USING btree ("name");--> statement-breakpoint
CREATE UNIQUE INDEX "bank_statement_lines_fingerprint_idx" ON "finance"."bank_statement_lines" USING btree ("bank_account_id","fingerprint");--> statement-breakpoint
CREATE UNIQUE INDEX "bank_statement_lines_line_idx" ON "finance"."bank_statement_lines" USING btree ("statement_id","line_no");--> statement-breakpoint
CREATE UNIQUE INDEX "bank_statement_lines_journal_line_idx" ON "finance"."bank_statement_lines" USING btree ("journal_line_id");--> statement-breakpoint
CREATE INDEX "bank_statements_account_idx" ON "finance"."bank_statements" USING btree ("bank_account_id","end_date");