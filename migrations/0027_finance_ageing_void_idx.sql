-- Ageing as of a date treats a document voided on or before it as settled: the few voided
-- documents are found by these partial indexes instead of by reading every document.
CREATE INDEX "invoices_void_entry_idx" ON "finance"."invoices" ("void_entry_id") INCLUDE ("total") WHERE "void_entry_id" IS NOT NULL;
--> statement-breakpoint
CREATE INDEX "bills_void_entry_idx" ON "finance"."bills" ("void_entry_id") INCLUDE ("total") WHERE "void_entry_id" IS NOT NULL;
