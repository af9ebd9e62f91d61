ALTER TABLE "finance"."payments" ADD COLUMN "void_reason" text;--> statement-breakpoint
ALTER TABLE "finance"."payments" ADD COLUMN "void_entry_id" uuid;--> statement-breakpoint
ALTER TABLE "finance"."payments" ADD COLUMN "voided_by" text;--> statement-breakpoint
ALTER TABLE "finance"."payments" ADD COLUMN "voided_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "finance"."payments" ADD CONSTRAINT "payments_void_entry_id_journal_entries_id_fk" FOREIGN KEY ("void_entry_id") REFERENCES "finance"."journal_entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finance"."payments" ADD CONSTRAINT "payments_void_check" CHECK ("finance"."payments"."status" <> 'void' or ("finance"."payments"."allocated_amount" = 0 and "finance"."payments"."void_entry_id" is not null and "finance"."payments"."void_reason" is not null));