CREATE TYPE "finance"."budget_mode" AS ENUM('warn', 'stop');--> statement-breakpoint
CREATE TYPE "finance"."expense_claim_status" AS ENUM('draft', 'submitted', 'approved', 'rejected', 'reimbursed');--> statement-breakpoint
CREATE TABLE "finance"."budget_consumptions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"budget_id" uuid NOT NULL,
	"month" text NOT NULL,
	"amount" bigint NOT NULL,
	"kind" text DEFAULT 'actual' NOT NULL,
	"open" boolean DEFAULT true NOT NULL,
	"source" text NOT NULL,
	"outcome" text DEFAULT 'none' NOT NULL,
	"override_reason" text,
	"actor" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "budget_consumptions_amount_check" CHECK ("finance"."budget_consumptions"."amount" > 0),
	CONSTRAINT "budget_consumptions_kind_check" CHECK ("finance"."budget_consumptions"."kind" in ('actual', 'commitment')),
	CONSTRAINT "budget_consumptions_outcome_check" CHECK ("finance"."budget_consumptions"."outcome" in ('none', 'warned', 'overridden')),
	CONSTRAINT "budget_consumptions_override_check" CHECK ("finance"."budget_consumptions"."outcome" <> 'overridden' or length(btrim(coalesce("finance"."budget_consumptions"."override_reason", ''))) > 0)
);
--> statement-breakpoint
CREATE TABLE "finance"."budget_months" (
	"budget_id" uuid NOT NULL,
	"month_no" integer NOT NULL,
	"month" text NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date NOT NULL,
	"amount" bigint NOT NULL,
	CONSTRAINT "budget_months_no_check" CHECK ("finance"."budget_months"."month_no" between 1 and 12),
	CONSTRAINT "budget_months_amount_check" CHECK ("finance"."budget_months"."amount" >= 0)
);
--> statement-breakpoint
CREATE TABLE "finance"."budgets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"fiscal_year_id" uuid NOT NULL,
	"department_id" uuid NOT NULL,
	"department_name" text NOT NULL,
	"cost_centre" text NOT NULL,
	"account_id" uuid NOT NULL,
	"mode" "finance"."budget_mode" DEFAULT 'warn' NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "finance"."department_expenses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"department_id" uuid NOT NULL,
	"department_name" text NOT NULL,
	"cost_centre" text,
	"category_id" uuid NOT NULL,
	"month" text NOT NULL,
	"amount" bigint NOT NULL,
	"entry_id" uuid,
	"imported_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "department_expenses_month_check" CHECK ("finance"."department_expenses"."month" ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
	CONSTRAINT "department_expenses_amount_check" CHECK ("finance"."department_expenses"."amount" > 0)
);
--> statement-breakpoint
CREATE TABLE "finance"."expense_categories" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"account_id" uuid NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "expense_categories_code_check" CHECK ("finance"."expense_categories"."code" ~ '^[a-z][a-z0-9-]{0,39}$')
);
--> statement-breakpoint
CREATE TABLE "finance"."expense_claim_lines" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"claim_id" uuid NOT NULL,
	"line_no" integer NOT NULL,
	"date" date NOT NULL,
	"category_id" uuid NOT NULL,
	"amount" bigint NOT NULL,
	"project_id" uuid,
	"description" text DEFAULT '' NOT NULL,
	CONSTRAINT "expense_claim_lines_amount_check" CHECK ("finance"."expense_claim_lines"."amount" > 0)
);
--> statement-breakpoint
CREATE TABLE "finance"."expense_claims" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"employee_id" uuid NOT NULL,
	"employee_name" text NOT NULL,
	"user_id" uuid,
	"department_id" uuid,
	"department_name" text,
	"cost_centre" text,
	"manager_employee_id" uuid,
	"title" text NOT NULL,
	"currency" text NOT NULL,
	"total" bigint DEFAULT 0 NOT NULL,
	"status" "finance"."expense_claim_status" DEFAULT 'draft' NOT NULL,
	"submitted_at" timestamp with time zone,
	"decided_by" text,
	"decided_by_employee_id" uuid,
	"decided_by_name" text,
	"decided_at" timestamp with time zone,
	"reject_reason" text,
	"budget_notes" jsonb,
	"approval_entry_id" uuid,
	"reimbursement_entry_id" uuid,
	"reimbursed_by" text,
	"reimbursed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "expense_claims_currency_check" CHECK ("finance"."expense_claims"."currency" ~ '^[A-Z]{3}$'),
	CONSTRAINT "expense_claims_total_check" CHECK ("finance"."expense_claims"."total" >= 0),
	CONSTRAINT "expense_claims_reason_check" CHECK ("finance"."expense_claims"."status" <> 'rejected' or length(btrim(coalesce("finance"."expense_claims"."reject_reason", ''))) > 0),
	CONSTRAINT "expense_claims_not_own_check" CHECK ("finance"."expense_claims"."decided_by_employee_id" is distinct from "finance"."expense_claims"."employee_id"),
	CONSTRAINT "expense_claims_approved_check" CHECK ("finance"."expense_claims"."status" not in ('approved', 'reimbursed') or "finance"."expense_claims"."approval_entry_id" is not null)
);
--> statement-breakpoint
CREATE TABLE "finance"."expense_receipts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"claim_id" uuid NOT NULL,
	"line_id" uuid,
	"file_key" text NOT NULL,
	"file_name" text NOT NULL,
	"content_type" text NOT NULL,
	"size" integer NOT NULL,
	"uploaded_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "expense_receipts_type_check" CHECK ("finance"."expense_receipts"."content_type" in ('application/pdf', 'image/jpeg', 'image/png')),
	CONSTRAINT "expense_receipts_size_check" CHECK ("finance"."expense_receipts"."size" > 0 and "finance"."expense_receipts"."size" <= 5242880)
);
--> statement-breakpoint
ALTER TABLE "finance"."budget_consumptions" ADD CONSTRAINT "budget_consumptions_budget_id_budgets_id_fk" FOREIGN KEY ("budget_id") REFERENCES "finance"."budgets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finance"."budget_months" ADD CONSTRAINT "budget_months_budget_id_budgets_id_fk" FOREIGN KEY ("budget_id") REFERENCES "finance"."budgets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finance"."budgets" ADD CONSTRAINT "budgets_fiscal_year_id_fiscal_years_id_fk" FOREIGN KEY ("fiscal_year_id") REFERENCES "finance"."fiscal_years"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finance"."budgets" ADD CONSTRAINT "budgets_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "finance"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finance"."department_expenses" ADD CONSTRAINT "department_expenses_category_id_expense_categories_id_fk" FOREIGN KEY ("category_id") REFERENCES "finance"."expense_categories"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finance"."department_expenses" ADD CONSTRAINT "department_expenses_entry_id_journal_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "finance"."journal_entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finance"."expense_categories" ADD CONSTRAINT "expense_categories_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "finance"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finance"."expense_claim_lines" ADD CONSTRAINT "expense_claim_lines_claim_id_expense_claims_id_fk" FOREIGN KEY ("claim_id") REFERENCES "finance"."expense_claims"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finance"."expense_claim_lines" ADD CONSTRAINT "expense_claim_lines_category_id_expense_categories_id_fk" FOREIGN KEY ("category_id") REFERENCES "finance"."expense_categories"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finance"."expense_claims" ADD CONSTRAINT "expense_claims_approval_entry_id_journal_entries_id_fk" FOREIGN KEY ("approval_entry_id") REFERENCES "finance"."journal_entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finance"."expense_claims" ADD CONSTRAINT "expense_claims_reimbursement_entry_id_journal_entries_id_fk" FOREIGN KEY ("reimbursement_entry_id") REFERENCES "finance"."journal_entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finance"."expense_receipts" ADD CONSTRAINT "expense_receipts_claim_id_expense_claims_id_fk" FOREIGN KEY ("claim_id") REFERENCES "finance"."expense_claims"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finance"."expense_receipts" ADD CONSTRAINT "expense_receipts_line_id_expense_claim_lines_id_fk" FOREIGN KEY ("line_id") REFERENCES "finance"."expense_claim_lines"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "budget_consumptions_budget_idx" ON "finance"."budget_consumptions" USING btree ("budget_id","month");--> statement-breakpoint
CREATE UNIQUE INDEX "budget_months_key_idx" ON "finance"."budget_months" USING btree ("budget_id","month_no");--> statement-breakpoint
CREATE UNIQUE INDEX "budgets_key_idx" ON "finance"."budgets" USING btree ("fiscal_year_id","department_id","account_id");--> statement-breakpoint
CREATE INDEX "budgets_lookup_idx" ON "finance"."budgets" USING btree ("cost_centre","account_id");--> statement-breakpoint
CREATE UNIQUE INDEX "department_expenses_key_idx" ON "finance"."department_expenses" USING btree ("department_id","category_id","month");--> statement-breakpoint
CREATE UNIQUE INDEX "expense_categories_code_idx" ON "finance"."expense_categories" USING btree ("code");--> statement-breakpoint
CREATE UNIQUE INDEX "expense_claim_lines_no_idx" ON "finance"."expense_claim_lines" USING btree ("claim_id","line_no");--> statement-breakpoint
CREATE INDEX "expense_claims_employee_idx" ON "finance"."expense_claims" USING btree ("employee_id","created_at");--> statement-breakpoint
CREATE INDEX "expense_claims_manager_idx" ON "finance"."expense_claims" USING btree ("manager_employee_id","status");--> statement-breakpoint
CREATE INDEX "expense_claims_status_idx" ON "finance"."expense_claims" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "expense_receipts_claim_idx" ON "finance"."expense_receipts" USING btree ("claim_id");--> statement-breakpoint
CREATE UNIQUE INDEX "expense_receipts_key_idx" ON "finance"."expense_receipts" USING btree ("file_key");