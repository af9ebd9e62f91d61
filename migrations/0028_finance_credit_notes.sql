ALTER TYPE "finance"."bill_status" ADD VALUE 'credited';--> statement-breakpoint
CREATE TABLE "finance"."vendor_credits" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"currency" text NOT NULL,
	"amount" bigint NOT NULL,
	"remaining" bigint NOT NULL,
	"credit_note_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"vendor_id" uuid NOT NULL,
	CONSTRAINT "vendor_credits_amount_check" CHECK ("finance"."vendor_credits"."amount" > 0 and "finance"."vendor_credits"."remaining" between 0 and "finance"."vendor_credits"."amount")
);
--> statement-breakpoint
ALTER TABLE "finance"."credit_note_lines" DROP CONSTRAINT "credit_note_lines_quantity_check";--> statement-breakpoint
ALTER TABLE "finance"."credit_note_lines" ALTER COLUMN "invoice_line_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "finance"."credit_notes" ALTER COLUMN "invoice_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "finance"."credit_notes" ALTER COLUMN "customer_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "finance"."bill_lines" ADD COLUMN "credited_quantity" numeric(14, 3) DEFAULT '0' NOT NULL;--> statement-breakpoint
ALTER TABLE "finance"."bill_lines" ADD COLUMN "credited_net" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "finance"."bills" ADD COLUMN "credited_net" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "finance"."bills" ADD COLUMN "credited_tax" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "finance"."bills" ADD COLUMN "credited_withholding" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "finance"."credit_note_lines" ADD COLUMN "bill_line_id" uuid;--> statement-breakpoint
ALTER TABLE "finance"."credit_notes" ADD COLUMN "bill_id" uuid;--> statement-breakpoint
ALTER TABLE "finance"."credit_notes" ADD COLUMN "vendor_id" uuid;--> statement-breakpoint
ALTER TABLE "finance"."invoice_lines" ADD COLUMN "credited_net" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "finance"."invoices" ADD COLUMN "credited_net" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "finance"."invoices" ADD COLUMN "credited_tax" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "finance"."invoices" ADD COLUMN "credited_withholding" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "finance"."vendor_credits" ADD CONSTRAINT "vendor_credits_credit_note_id_credit_notes_id_fk" FOREIGN KEY ("credit_note_id") REFERENCES "finance"."credit_notes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finance"."vendor_credits" ADD CONSTRAINT "vendor_credits_vendor_id_vendors_id_fk" FOREIGN KEY ("vendor_id") REFERENCES "finance"."vendors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "vendor_credits_vendor_idx" ON "finance"."vendor_credits" USING btree ("vendor_id");--> statement-breakpoint
CREATE UNIQUE INDEX "vendor_credits_note_idx" ON "finance"."vendor_credits" USING btree ("credit_note_id");--> statement-breakpoint
ALTER TABLE "finance"."credit_note_lines" ADD CONSTRAINT "credit_note_lines_bill_line_id_bill_lines_id_fk" FOREIGN KEY ("bill_line_id") REFERENCES "finance"."bill_lines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finance"."credit_notes" ADD CONSTRAINT "credit_notes_bill_id_bills_id_fk" FOREIGN KEY ("bill_id") REFERENCES "finance"."bills"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finance"."credit_notes" ADD CONSTRAINT "credit_notes_vendor_id_vendors_id_fk" FOREIGN KEY ("vendor_id") REFERENCES "finance"."vendors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "credit_notes_bill_idx" ON "finance"."credit_notes" USING btree ("bill_id");--> statement-breakpoint
ALTER TABLE "finance"."bill_lines" ADD CONSTRAINT "bill_lines_credited_check" CHECK ("finance"."bill_lines"."credited_quantity" between 0 and "finance"."bill_lines"."quantity");--> statement-breakpoint
ALTER TABLE "finance"."bill_lines" ADD CONSTRAINT "bill_lines_credited_net_check" CHECK ("finance"."bill_lines"."credited_net" between 0 and "finance"."bill_lines"."net");--> statement-breakpoint
ALTER TABLE "finance"."bills" ADD CONSTRAINT "bills_credited_check" CHECK ("finance"."bills"."credited_net" between 0 and "finance"."bills"."net" and "finance"."bills"."credited_tax" between 0 and "finance"."bills"."tax" and "finance"."bills"."credited_withholding" between 0 and "finance"."bills"."withholding");--> statement-breakpoint
ALTER TABLE "finance"."credit_note_lines" ADD CONSTRAINT "credit_note_lines_side_check" CHECK (("finance"."credit_note_lines"."invoice_line_id" is null) <> ("finance"."credit_note_lines"."bill_line_id" is null));--> statement-breakpoint
ALTER TABLE "finance"."credit_note_lines" ADD CONSTRAINT "credit_note_lines_quantity_check" CHECK ("finance"."credit_note_lines"."quantity" >= 0);--> statement-breakpoint
ALTER TABLE "finance"."credit_notes" ADD CONSTRAINT "credit_notes_side_check" CHECK (("finance"."credit_notes"."invoice_id" is not null and "finance"."credit_notes"."customer_id" is not null and "finance"."credit_notes"."bill_id" is null and "finance"."credit_notes"."vendor_id" is null) or ("finance"."credit_notes"."invoice_id" is null and "finance"."credit_notes"."customer_id" is null and "finance"."credit_notes"."bill_id" is not null and "finance"."credit_notes"."vendor_id" is not null));--> statement-breakpoint
ALTER TABLE "finance"."invoice_lines" ADD CONSTRAINT "invoice_lines_credited_net_check" CHECK ("finance"."invoice_lines"."credited_net" between 0 and "finance"."invoice_lines"."net");--> statement-breakpoint
ALTER TABLE "finance"."invoices" ADD CONSTRAINT "invoices_credited_check" CHECK ("finance"."invoices"."credited_net" between 0 and "finance"."invoices"."net" and "finance"."invoices"."credited_tax" between 0 and "finance"."invoices"."tax" and "finance"."invoices"."credited_withholding" between 0 and "finance"."invoices"."withholding");