CREATE TYPE "finance"."bill_status" AS ENUM('draft', 'approved', 'partially_paid', 'paid', 'void');--> statement-breakpoint
CREATE TYPE "finance"."credit_limit_action" AS ENUM('warn', 'stop');--> statement-breakpoint
CREATE TYPE "finance"."invoice_status" AS ENUM('draft', 'issued', 'partially_paid', 'paid', 'credited', 'void');--> statement-breakpoint
CREATE TABLE "finance"."bill_lines" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"line_no" integer NOT NULL,
	"description" text NOT NULL,
	"quantity" numeric(14, 3) NOT NULL,
	"unit_price" bigint NOT NULL,
	"discount_percent" numeric(5, 2) DEFAULT '0' NOT NULL,
	"tax_percent" numeric(5, 2) DEFAULT '0' NOT NULL,
	"withholding_percent" numeric(5, 2) DEFAULT '0' NOT NULL,
	"account_id" uuid NOT NULL,
	"department_id" uuid,
	"project_id" uuid,
	"gross" bigint NOT NULL,
	"discount" bigint NOT NULL,
	"net" bigint NOT NULL,
	"tax" bigint NOT NULL,
	"withholding" bigint NOT NULL,
	"total" bigint NOT NULL,
	"bill_id" uuid NOT NULL,
	"item_id" uuid,
	"ordered_quantity" numeric(14, 3),
	"received_quantity" numeric(14, 3),
	"ordered_unit_price" bigint,
	"has_difference" boolean GENERATED ALWAYS AS (coalesce(ordered_quantity <> received_quantity or quantity <> received_quantity or unit_price <> ordered_unit_price, false)) STORED NOT NULL,
	CONSTRAINT "bill_lines_quantity_check" CHECK ("finance"."bill_lines"."quantity" > 0),
	CONSTRAINT "bill_lines_price_check" CHECK ("finance"."bill_lines"."unit_price" >= 0),
	CONSTRAINT "bill_lines_percent_check" CHECK ("finance"."bill_lines"."discount_percent" between 0 and 100 and "finance"."bill_lines"."tax_percent" between 0 and 100 and "finance"."bill_lines"."withholding_percent" between 0 and 100),
	CONSTRAINT "bill_lines_amounts_check" CHECK ("finance"."bill_lines"."net" = "finance"."bill_lines"."gross" - "finance"."bill_lines"."discount" and "finance"."bill_lines"."total" = "finance"."bill_lines"."net" + "finance"."bill_lines"."tax" - "finance"."bill_lines"."withholding")
);
--> statement-breakpoint
CREATE TABLE "finance"."bills" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" text,
	"vendor_id" uuid NOT NULL,
	"vendor_reference" text,
	"bill_date" date NOT NULL,
	"due_date" date NOT NULL,
	"status" "finance"."bill_status" DEFAULT 'draft' NOT NULL,
	"order_id" uuid,
	"order_number" text,
	"approved_by" text,
	"approved_at" timestamp with time zone,
	"currency" text NOT NULL,
	"rate" numeric(18, 6) DEFAULT '1' NOT NULL,
	"gross" bigint DEFAULT 0 NOT NULL,
	"discount" bigint DEFAULT 0 NOT NULL,
	"net" bigint DEFAULT 0 NOT NULL,
	"tax" bigint DEFAULT 0 NOT NULL,
	"withholding" bigint DEFAULT 0 NOT NULL,
	"total" bigint DEFAULT 0 NOT NULL,
	"credited_amount" bigint DEFAULT 0 NOT NULL,
	"paid_amount" bigint DEFAULT 0 NOT NULL,
	"amount_due" bigint GENERATED ALWAYS AS (total - credited_amount - paid_amount) STORED NOT NULL,
	"memo" text DEFAULT '' NOT NULL,
	"journal_entry_id" uuid,
	"void_entry_id" uuid,
	"voided_by" text,
	"voided_at" timestamp with time zone,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "bills_currency_check" CHECK ("finance"."bills"."currency" ~ '^[A-Z]{3}$'),
	CONSTRAINT "bills_rate_check" CHECK ("finance"."bills"."rate" > 0),
	CONSTRAINT "bills_due_check" CHECK ("finance"."bills"."due_date" >= "finance"."bills"."bill_date"),
	CONSTRAINT "bills_amounts_check" CHECK ("finance"."bills"."credited_amount" >= 0 and "finance"."bills"."paid_amount" >= 0 and "finance"."bills"."credited_amount" + "finance"."bills"."paid_amount" <= "finance"."bills"."total"),
	CONSTRAINT "bills_approved_check" CHECK ("finance"."bills"."status" = 'draft' or ("finance"."bills"."number" is not null and "finance"."bills"."journal_entry_id" is not null and "finance"."bills"."approved_at" is not null)),
	CONSTRAINT "bills_void_check" CHECK ("finance"."bills"."status" <> 'void' or ("finance"."bills"."paid_amount" = 0 and "finance"."bills"."credited_amount" = 0 and "finance"."bills"."void_entry_id" is not null))
);
--> statement-breakpoint
CREATE TABLE "finance"."credit_note_lines" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"credit_note_id" uuid NOT NULL,
	"invoice_line_id" uuid NOT NULL,
	"line_no" integer NOT NULL,
	"description" text NOT NULL,
	"quantity" numeric(14, 3) NOT NULL,
	"account_id" uuid NOT NULL,
	"net" bigint NOT NULL,
	"tax" bigint NOT NULL,
	"withholding" bigint NOT NULL,
	"total" bigint NOT NULL,
	CONSTRAINT "credit_note_lines_quantity_check" CHECK ("finance"."credit_note_lines"."quantity" > 0)
);
--> statement-breakpoint
CREATE TABLE "finance"."credit_notes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" text NOT NULL,
	"invoice_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"date" date NOT NULL,
	"reason" text NOT NULL,
	"currency" text NOT NULL,
	"rate" numeric(18, 6) NOT NULL,
	"net" bigint NOT NULL,
	"tax" bigint NOT NULL,
	"withholding" bigint NOT NULL,
	"total" bigint NOT NULL,
	"applied_amount" bigint NOT NULL,
	"journal_entry_id" uuid NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "credit_notes_amounts_check" CHECK ("finance"."credit_notes"."total" > 0 and "finance"."credit_notes"."applied_amount" between 0 and "finance"."credit_notes"."total")
);
--> statement-breakpoint
CREATE TABLE "finance"."customer_credits" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"customer_id" uuid NOT NULL,
	"currency" text NOT NULL,
	"amount" bigint NOT NULL,
	"remaining" bigint NOT NULL,
	"credit_note_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "customer_credits_amount_check" CHECK ("finance"."customer_credits"."amount" > 0 and "finance"."customer_credits"."remaining" between 0 and "finance"."customer_credits"."amount")
);
--> statement-breakpoint
CREATE TABLE "finance"."customers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"tax_number" text,
	"contact_name" text,
	"email" text,
	"phone" text,
	"address" text,
	"payment_terms_days" integer DEFAULT 30 NOT NULL,
	"currency" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"credit_limit" bigint,
	"credit_limit_action" "finance"."credit_limit_action" DEFAULT 'warn' NOT NULL,
	CONSTRAINT "customers_terms_check" CHECK ("finance"."customers"."payment_terms_days" between 0 and 365),
	CONSTRAINT "customers_currency_check" CHECK ("finance"."customers"."currency" ~ '^[A-Z]{3}$'),
	CONSTRAINT "customers_credit_limit_check" CHECK ("finance"."customers"."credit_limit" is null or "finance"."customers"."credit_limit" >= 0)
);
--> statement-breakpoint
CREATE TABLE "finance"."invoice_lines" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"line_no" integer NOT NULL,
	"description" text NOT NULL,
	"quantity" numeric(14, 3) NOT NULL,
	"unit_price" bigint NOT NULL,
	"discount_percent" numeric(5, 2) DEFAULT '0' NOT NULL,
	"tax_percent" numeric(5, 2) DEFAULT '0' NOT NULL,
	"withholding_percent" numeric(5, 2) DEFAULT '0' NOT NULL,
	"account_id" uuid NOT NULL,
	"department_id" uuid,
	"project_id" uuid,
	"gross" bigint NOT NULL,
	"discount" bigint NOT NULL,
	"net" bigint NOT NULL,
	"tax" bigint NOT NULL,
	"withholding" bigint NOT NULL,
	"total" bigint NOT NULL,
	"invoice_id" uuid NOT NULL,
	"credited_quantity" numeric(14, 3) DEFAULT '0' NOT NULL,
	CONSTRAINT "invoice_lines_quantity_check" CHECK ("finance"."invoice_lines"."quantity" > 0),
	CONSTRAINT "invoice_lines_price_check" CHECK ("finance"."invoice_lines"."unit_price" >= 0),
	CONSTRAINT "invoice_lines_percent_check" CHECK ("finance"."invoice_lines"."discount_percent" between 0 and 100 and "finance"."invoice_lines"."tax_percent" between 0 and 100 and "finance"."invoice_lines"."withholding_percent" between 0 and 100),
	CONSTRAINT "invoice_lines_amounts_check" CHECK ("finance"."invoice_lines"."net" = "finance"."invoice_lines"."gross" - "finance"."invoice_lines"."discount" and "finance"."invoice_lines"."total" = "finance"."invoice_lines"."net" + "finance"."invoice_lines"."tax" - "finance"."invoice_lines"."withholding"),
	CONSTRAINT "invoice_lines_credited_check" CHECK ("finance"."invoice_lines"."credited_quantity" between 0 and "finance"."invoice_lines"."quantity")
);
--> statement-breakpoint
CREATE TABLE "finance"."invoices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" text,
	"customer_id" uuid NOT NULL,
	"issue_date" date NOT NULL,
	"due_date" date NOT NULL,
	"status" "finance"."invoice_status" DEFAULT 'draft' NOT NULL,
	"issued_by" text,
	"issued_at" timestamp with time zone,
	"currency" text NOT NULL,
	"rate" numeric(18, 6) DEFAULT '1' NOT NULL,
	"gross" bigint DEFAULT 0 NOT NULL,
	"discount" bigint DEFAULT 0 NOT NULL,
	"net" bigint DEFAULT 0 NOT NULL,
	"tax" bigint DEFAULT 0 NOT NULL,
	"withholding" bigint DEFAULT 0 NOT NULL,
	"total" bigint DEFAULT 0 NOT NULL,
	"credited_amount" bigint DEFAULT 0 NOT NULL,
	"paid_amount" bigint DEFAULT 0 NOT NULL,
	"amount_due" bigint GENERATED ALWAYS AS (total - credited_amount - paid_amount) STORED NOT NULL,
	"memo" text DEFAULT '' NOT NULL,
	"journal_entry_id" uuid,
	"void_entry_id" uuid,
	"voided_by" text,
	"voided_at" timestamp with time zone,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "invoices_currency_check" CHECK ("finance"."invoices"."currency" ~ '^[A-Z]{3}$'),
	CONSTRAINT "invoices_rate_check" CHECK ("finance"."invoices"."rate" > 0),
	CONSTRAINT "invoices_due_check" CHECK ("finance"."invoices"."due_date" >= "finance"."invoices"."issue_date"),
	CONSTRAINT "invoices_amounts_check" CHECK ("finance"."invoices"."credited_amount" >= 0 and "finance"."invoices"."paid_amount" >= 0 and "finance"."invoices"."credited_amount" + "finance"."invoices"."paid_amount" <= "finance"."invoices"."total"),
	CONSTRAINT "invoices_issued_check" CHECK ("finance"."invoices"."status" = 'draft' or ("finance"."invoices"."number" is not null and "finance"."invoices"."journal_entry_id" is not null and "finance"."invoices"."issued_at" is not null)),
	CONSTRAINT "invoices_void_check" CHECK ("finance"."invoices"."status" <> 'void' or ("finance"."invoices"."paid_amount" = 0 and "finance"."invoices"."credited_amount" = 0 and "finance"."invoices"."void_entry_id" is not null))
);
--> statement-breakpoint
CREATE TABLE "finance"."number_series" (
	"series" text NOT NULL,
	"fiscal_year" integer NOT NULL,
	"last_number" integer NOT NULL,
	CONSTRAINT "number_series_series_fiscal_year_pk" PRIMARY KEY("series","fiscal_year"),
	CONSTRAINT "number_series_last_check" CHECK ("finance"."number_series"."last_number" > 0)
);
--> statement-breakpoint
CREATE TABLE "finance"."vendors" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"tax_number" text,
	"contact_name" text,
	"email" text,
	"phone" text,
	"address" text,
	"payment_terms_days" integer DEFAULT 30 NOT NULL,
	"currency" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "vendors_terms_check" CHECK ("finance"."vendors"."payment_terms_days" between 0 and 365),
	CONSTRAINT "vendors_currency_check" CHECK ("finance"."vendors"."currency" ~ '^[A-Z]{3}$')
);
--> statement-breakpoint
ALTER TABLE "finance"."bill_lines" ADD CONSTRAINT "bill_lines_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "finance"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finance"."bill_lines" ADD CONSTRAINT "bill_lines_bill_id_bills_id_fk" FOREIGN KEY ("bill_id") REFERENCES "finance"."bills"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finance"."bills" ADD CONSTRAINT "bills_vendor_id_vendors_id_fk" FOREIGN KEY ("vendor_id") REFERENCES "finance"."vendors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finance"."bills" ADD CONSTRAINT "bills_journal_entry_id_journal_entries_id_fk" FOREIGN KEY ("journal_entry_id") REFERENCES "finance"."journal_entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finance"."bills" ADD CONSTRAINT "bills_void_entry_id_journal_entries_id_fk" FOREIGN KEY ("void_entry_id") REFERENCES "finance"."journal_entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finance"."credit_note_lines" ADD CONSTRAINT "credit_note_lines_credit_note_id_credit_notes_id_fk" FOREIGN KEY ("credit_note_id") REFERENCES "finance"."credit_notes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finance"."credit_note_lines" ADD CONSTRAINT "credit_note_lines_invoice_line_id_invoice_lines_id_fk" FOREIGN KEY ("invoice_line_id") REFERENCES "finance"."invoice_lines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finance"."credit_note_lines" ADD CONSTRAINT "credit_note_lines_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "finance"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finance"."credit_notes" ADD CONSTRAINT "credit_notes_invoice_id_invoices_id_fk" FOREIGN KEY ("invoice_id") REFERENCES "finance"."invoices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finance"."credit_notes" ADD CONSTRAINT "credit_notes_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "finance"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finance"."credit_notes" ADD CONSTRAINT "credit_notes_journal_entry_id_journal_entries_id_fk" FOREIGN KEY ("journal_entry_id") REFERENCES "finance"."journal_entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finance"."customer_credits" ADD CONSTRAINT "customer_credits_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "finance"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finance"."customer_credits" ADD CONSTRAINT "customer_credits_credit_note_id_credit_notes_id_fk" FOREIGN KEY ("credit_note_id") REFERENCES "finance"."credit_notes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finance"."invoice_lines" ADD CONSTRAINT "invoice_lines_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "finance"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finance"."invoice_lines" ADD CONSTRAINT "invoice_lines_invoice_id_invoices_id_fk" FOREIGN KEY ("invoice_id") REFERENCES "finance"."invoices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finance"."invoices" ADD CONSTRAINT "invoices_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "finance"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finance"."invoices" ADD CONSTRAINT "invoices_journal_entry_id_journal_entries_id_fk" FOREIGN KEY ("journal_entry_id") REFERENCES "finance"."journal_entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finance"."invoices" ADD CONSTRAINT "invoices_void_entry_id_journal_entries_id_fk" FOREIGN KEY ("void_entry_id") REFERENCES "finance"."journal_entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "bill_lines_line_idx" ON "finance"."bill_lines" USING btree ("bill_id","line_no");--> statement-breakpoint
CREATE UNIQUE INDEX "bills_number_idx" ON "finance"."bills" USING btree ("number");--> statement-breakpoint
CREATE UNIQUE INDEX "bills_vendor_reference_idx" ON "finance"."bills" USING btree ("vendor_id","vendor_reference") WHERE "finance"."bills"."vendor_reference" is not null and "finance"."bills"."status" <> 'void';--> statement-breakpoint
CREATE INDEX "bills_vendor_idx" ON "finance"."bills" USING btree ("vendor_id","status");--> statement-breakpoint
CREATE INDEX "bills_date_idx" ON "finance"."bills" USING btree ("bill_date");--> statement-breakpoint
CREATE UNIQUE INDEX "credit_note_lines_line_idx" ON "finance"."credit_note_lines" USING btree ("credit_note_id","line_no");--> statement-breakpoint
CREATE UNIQUE INDEX "credit_notes_number_idx" ON "finance"."credit_notes" USING btree ("number");--> statement-breakpoint
CREATE INDEX "credit_notes_invoice_idx" ON "finance"."credit_notes" USING btree ("invoice_id");--> statement-breakpoint
CREATE INDEX "customer_credits_customer_idx" ON "finance"."customer_credits" USING btree ("customer_id");--> statement-breakpoint
CREATE UNIQUE INDEX "customer_credits_note_idx" ON "finance"."customer_credits" USING btree ("credit_note_id");--> statement-breakpoint
CREATE INDEX "customers_name_idx" ON "finance"."customers" USING btree ("name");--> statement-breakpoint
CREATE UNIQUE INDEX "invoice_lines_line_idx" ON "finance"."invoice_lines" USING btree ("invoice_id","line_no");--> statement-breakpoint
CREATE UNIQUE INDEX "invoices_number_idx" ON "finance"."invoices" USING btree ("number");--> statement-breakpoint
CREATE INDEX "invoices_customer_idx" ON "finance"."invoices" USING btree ("customer_id","status");--> statement-breakpoint
CREATE INDEX "invoices_issue_date_idx" ON "finance"."invoices" USING btree ("issue_date");--> statement-breakpoint
CREATE INDEX "vendors_name_idx" ON "finance"."vendors" USING btree ("name");