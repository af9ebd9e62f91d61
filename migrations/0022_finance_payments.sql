CREATE TYPE "finance"."payment_direction" AS ENUM('received', 'made');--> statement-breakpoint
CREATE TYPE "finance"."payment_status" AS ENUM('posted', 'void');--> statement-breakpoint
CREATE TABLE "finance"."payment_allocations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"payment_id" uuid NOT NULL,
	"invoice_id" uuid,
	"bill_id" uuid,
	"amount" bigint NOT NULL,
	"exchange_entry_id" uuid,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "payment_allocations_amount_check" CHECK ("finance"."payment_allocations"."amount" > 0),
	CONSTRAINT "payment_allocations_document_check" CHECK (("finance"."payment_allocations"."invoice_id" is null) <> ("finance"."payment_allocations"."bill_id" is null))
);
--> statement-breakpoint
CREATE TABLE "finance"."payments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"direction" "finance"."payment_direction" NOT NULL,
	"customer_id" uuid,
	"vendor_id" uuid,
	"date" date NOT NULL,
	"account_id" uuid NOT NULL,
	"currency" text NOT NULL,
	"rate" numeric(18, 6) DEFAULT '1' NOT NULL,
	"amount" bigint NOT NULL,
	"allocated_amount" bigint DEFAULT 0 NOT NULL,
	"unapplied_amount" bigint GENERATED ALWAYS AS (amount - allocated_amount) STORED NOT NULL,
	"reference" text DEFAULT '' NOT NULL,
	"memo" text DEFAULT '' NOT NULL,
	"journal_entry_id" uuid NOT NULL,
	"status" "finance"."payment_status" DEFAULT 'posted' NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "payments_currency_check" CHECK ("finance"."payments"."currency" ~ '^[A-Z]{3}$'),
	CONSTRAINT "payments_rate_check" CHECK ("finance"."payments"."rate" > 0),
	CONSTRAINT "payments_party_check" CHECK (("finance"."payments"."direction" = 'received' and "finance"."payments"."customer_id" is not null and "finance"."payments"."vendor_id" is null) or ("finance"."payments"."direction" = 'made' and "finance"."payments"."vendor_id" is not null and "finance"."payments"."customer_id" is null)),
	CONSTRAINT "payments_amount_check" CHECK ("finance"."payments"."amount" > 0),
	CONSTRAINT "payments_allocated_check" CHECK ("finance"."payments"."allocated_amount" between 0 and "finance"."payments"."amount")
);
--> statement-breakpoint
ALTER TABLE "finance"."payment_allocations" ADD CONSTRAINT "payment_allocations_payment_id_payments_id_fk" FOREIGN KEY ("payment_id") REFERENCES "finance"."payments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finance"."payment_allocations" ADD CONSTRAINT "payment_allocations_invoice_id_invoices_id_fk" FOREIGN KEY ("invoice_id") REFERENCES "finance"."invoices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finance"."payment_allocations" ADD CONSTRAINT "payment_allocations_bill_id_bills_id_fk" FOREIGN KEY ("bill_id") REFERENCES "finance"."bills"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finance"."payment_allocations" ADD CONSTRAINT "payment_allocations_exchange_entry_id_journal_entries_id_fk" FOREIGN KEY ("exchange_entry_id") REFERENCES "finance"."journal_entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finance"."payments" ADD CONSTRAINT "payments_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "finance"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finance"."payments" ADD CONSTRAINT "payments_vendor_id_vendors_id_fk" FOREIGN KEY ("vendor_id") REFERENCES "finance"."vendors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finance"."payments" ADD CONSTRAINT "payments_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "finance"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finance"."payments" ADD CONSTRAINT "payments_journal_entry_id_journal_entries_id_fk" FOREIGN KEY ("journal_entry_id") REFERENCES "finance"."journal_entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "payment_allocations_payment_idx" ON "finance"."payment_allocations" USING btree ("payment_id");--> statement-breakpoint
CREATE INDEX "payment_allocations_invoice_idx" ON "finance"."payment_allocations" USING btree ("invoice_id");--> statement-breakpoint
CREATE INDEX "payment_allocations_bill_idx" ON "finance"."payment_allocations" USING btree ("bill_id");--> statement-breakpoint
CREATE INDEX "payments_customer_idx" ON "finance"."payments" USING btree ("customer_id");--> statement-breakpoint
CREATE INDEX "payments_vendor_idx" ON "finance"."payments" USING btree ("vendor_id");--> statement-breakpoint
CREATE INDEX "payments_date_idx" ON "finance"."payments" USING btree ("date");