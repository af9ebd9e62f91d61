CREATE TYPE "finance"."account_type" AS ENUM('asset', 'liability', 'equity', 'income', 'expense');--> statement-breakpoint
CREATE TYPE "finance"."fiscal_status" AS ENUM('open', 'closed');--> statement-breakpoint
CREATE TYPE "finance"."journal_source" AS ENUM('manual', 'invoice', 'bill', 'payment', 'expense', 'payroll', 'stock', 'closing', 'reversal', 'revaluation');--> statement-breakpoint
CREATE TYPE "finance"."journal_status" AS ENUM('draft', 'posted');--> statement-breakpoint
CREATE TABLE "finance"."accounts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"type" "finance"."account_type" NOT NULL,
	"parent_id" uuid,
	"is_group" boolean DEFAULT false NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"currency" text,
	"cash" boolean DEFAULT false NOT NULL,
	"role" text,
	"description" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "accounts_code_check" CHECK ("finance"."accounts"."code" ~ '^[A-Za-z0-9][A-Za-z0-9.-]{0,19}$'),
	CONSTRAINT "accounts_parent_check" CHECK ("finance"."accounts"."parent_id" is distinct from "finance"."accounts"."id"),
	CONSTRAINT "accounts_currency_check" CHECK ("finance"."accounts"."currency" is null or "finance"."accounts"."currency" ~ '^[A-Z]{3}$')
);
--> statement-breakpoint
CREATE TABLE "finance"."exchange_rates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"currency" text NOT NULL,
	"date" date NOT NULL,
	"rate" numeric(18, 6) NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "exchange_rates_rate_check" CHECK ("finance"."exchange_rates"."rate" > 0),
	CONSTRAINT "exchange_rates_currency_check" CHECK ("finance"."exchange_rates"."currency" ~ '^[A-Z]{3}$')
);
--> statement-breakpoint
CREATE TABLE "finance"."fiscal_years" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date NOT NULL,
	"status" "finance"."fiscal_status" DEFAULT 'open' NOT NULL,
	"closed_by" text,
	"closed_at" timestamp with time zone,
	"closing_entry_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "fiscal_years_dates_check" CHECK ("finance"."fiscal_years"."end_date" > "finance"."fiscal_years"."start_date")
);
--> statement-breakpoint
CREATE TABLE "finance"."journal_entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" text,
	"date" date NOT NULL,
	"memo" text DEFAULT '' NOT NULL,
	"source" "finance"."journal_source" DEFAULT 'manual' NOT NULL,
	"source_ref" text,
	"status" "finance"."journal_status" DEFAULT 'draft' NOT NULL,
	"currency" text NOT NULL,
	"rate" numeric(18, 6) DEFAULT '1' NOT NULL,
	"reverses_id" uuid,
	"reversed_by_id" uuid,
	"period_id" uuid,
	"created_by" text,
	"posted_by" text,
	"posted_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "journal_entries_rate_check" CHECK ("finance"."journal_entries"."rate" > 0),
	CONSTRAINT "journal_entries_currency_check" CHECK ("finance"."journal_entries"."currency" ~ '^[A-Z]{3}$'),
	CONSTRAINT "journal_entries_reverses_check" CHECK ("finance"."journal_entries"."reverses_id" is distinct from "finance"."journal_entries"."id"),
	CONSTRAINT "journal_entries_posted_check" CHECK ("finance"."journal_entries"."status" = 'draft' or ("finance"."journal_entries"."number" is not null and "finance"."journal_entries"."posted_at" is not null and "finance"."journal_entries"."period_id" is not null))
);
--> statement-breakpoint
CREATE TABLE "finance"."journal_lines" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"entry_id" uuid NOT NULL,
	"line_no" integer NOT NULL,
	"account_id" uuid NOT NULL,
	"debit" bigint DEFAULT 0 NOT NULL,
	"credit" bigint DEFAULT 0 NOT NULL,
	"txn_debit" bigint DEFAULT 0 NOT NULL,
	"txn_credit" bigint DEFAULT 0 NOT NULL,
	"currency" text NOT NULL,
	"rate" numeric(18, 6) NOT NULL,
	"date" date NOT NULL,
	"posted" boolean DEFAULT false NOT NULL,
	"entry_number" text,
	"memo" text DEFAULT '' NOT NULL,
	"description" text,
	"cost_centre" text,
	"party_id" uuid,
	"project_id" uuid,
	"is_rounding" boolean DEFAULT false NOT NULL,
	CONSTRAINT "journal_lines_one_side_check" CHECK ("finance"."journal_lines"."debit" >= 0 and "finance"."journal_lines"."credit" >= 0 and ("finance"."journal_lines"."debit" = 0) <> ("finance"."journal_lines"."credit" = 0)),
	CONSTRAINT "journal_lines_txn_side_check" CHECK ("finance"."journal_lines"."txn_debit" >= 0 and "finance"."journal_lines"."txn_credit" >= 0 and ("finance"."journal_lines"."txn_debit" = 0 or "finance"."journal_lines"."debit" > 0) and ("finance"."journal_lines"."txn_credit" = 0 or "finance"."journal_lines"."credit" > 0)),
	CONSTRAINT "journal_lines_rounding_check" CHECK (not "finance"."journal_lines"."is_rounding" or "finance"."journal_lines"."debit" + "finance"."journal_lines"."credit" <= 1)
);
--> statement-breakpoint
CREATE TABLE "finance"."periods" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"fiscal_year_id" uuid NOT NULL,
	"name" text NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date NOT NULL,
	"status" "finance"."fiscal_status" DEFAULT 'open' NOT NULL,
	"closed_by" text,
	"closed_at" timestamp with time zone,
	"reopened_by" text,
	"reopened_at" timestamp with time zone,
	"reopen_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "periods_dates_check" CHECK ("finance"."periods"."end_date" >= "finance"."periods"."start_date")
);
--> statement-breakpoint
ALTER TABLE "finance"."accounts" ADD CONSTRAINT "accounts_parent_id_accounts_id_fk" FOREIGN KEY ("parent_id") REFERENCES "finance"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finance"."journal_entries" ADD CONSTRAINT "journal_entries_reverses_id_journal_entries_id_fk" FOREIGN KEY ("reverses_id") REFERENCES "finance"."journal_entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finance"."journal_entries" ADD CONSTRAINT "journal_entries_reversed_by_id_journal_entries_id_fk" FOREIGN KEY ("reversed_by_id") REFERENCES "finance"."journal_entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finance"."journal_entries" ADD CONSTRAINT "journal_entries_period_id_periods_id_fk" FOREIGN KEY ("period_id") REFERENCES "finance"."periods"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finance"."journal_lines" ADD CONSTRAINT "journal_lines_entry_id_journal_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "finance"."journal_entries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finance"."journal_lines" ADD CONSTRAINT "journal_lines_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "finance"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finance"."periods" ADD CONSTRAINT "periods_fiscal_year_id_fiscal_years_id_fk" FOREIGN KEY ("fiscal_year_id") REFERENCES "finance"."fiscal_years"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "accounts_code_idx" ON "finance"."accounts" USING btree ("code");--> statement-breakpoint
CREATE UNIQUE INDEX "accounts_role_idx" ON "finance"."accounts" USING btree ("role");--> statement-breakpoint
CREATE INDEX "accounts_parent_idx" ON "finance"."accounts" USING btree ("parent_id");--> statement-breakpoint
CREATE UNIQUE INDEX "exchange_rates_currency_date_idx" ON "finance"."exchange_rates" USING btree ("currency","date");--> statement-breakpoint
CREATE UNIQUE INDEX "fiscal_years_start_idx" ON "finance"."fiscal_years" USING btree ("start_date");--> statement-breakpoint
CREATE UNIQUE INDEX "fiscal_years_name_idx" ON "finance"."fiscal_years" USING btree ("name");--> statement-breakpoint
CREATE UNIQUE INDEX "journal_entries_number_idx" ON "finance"."journal_entries" USING btree ("number");--> statement-breakpoint
CREATE UNIQUE INDEX "journal_entries_reverses_idx" ON "finance"."journal_entries" USING btree ("reverses_id");--> statement-breakpoint
CREATE UNIQUE INDEX "journal_entries_reversed_by_idx" ON "finance"."journal_entries" USING btree ("reversed_by_id");--> statement-breakpoint
CREATE INDEX "journal_entries_date_idx" ON "finance"."journal_entries" USING btree ("date");--> statement-breakpoint
CREATE INDEX "journal_entries_source_idx" ON "finance"."journal_entries" USING btree ("source","source_ref");--> statement-breakpoint
CREATE UNIQUE INDEX "journal_entries_once_idx" ON "finance"."journal_entries" USING btree ("source","source_ref") WHERE "finance"."journal_entries"."source" in ('closing', 'revaluation') and "finance"."journal_entries"."reverses_id" is null;--> statement-breakpoint
CREATE INDEX "journal_lines_entry_idx" ON "finance"."journal_lines" USING btree ("entry_id");--> statement-breakpoint
CREATE UNIQUE INDEX "journal_lines_entry_line_idx" ON "finance"."journal_lines" USING btree ("entry_id","line_no");--> statement-breakpoint
CREATE UNIQUE INDEX "journal_lines_one_rounding_idx" ON "finance"."journal_lines" USING btree ("entry_id") WHERE "finance"."journal_lines"."is_rounding";--> statement-breakpoint
CREATE UNIQUE INDEX "periods_start_idx" ON "finance"."periods" USING btree ("start_date");--> statement-breakpoint
CREATE INDEX "periods_year_idx" ON "finance"."periods" USING btree ("fiscal_year_id");