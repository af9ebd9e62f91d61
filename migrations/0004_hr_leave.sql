CREATE TYPE "hr"."accrual_method" AS ENUM('upfront', 'monthly');--> statement-breakpoint
CREATE TYPE "hr"."leave_request_status" AS ENUM('pending', 'approved', 'rejected', 'cancelled');--> statement-breakpoint
CREATE TYPE "hr"."leave_ledger_kind" AS ENUM('allocation', 'accrual', 'use', 'carry_forward', 'expiry', 'adjustment');--> statement-breakpoint
CREATE TABLE "hr"."holidays" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"date" date NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hr"."leave_ledger" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"employee_id" uuid NOT NULL,
	"leave_type_id" uuid NOT NULL,
	"kind" "hr"."leave_ledger_kind" NOT NULL,
	"days" numeric(6, 2) NOT NULL,
	"effective_date" date NOT NULL,
	"period" text,
	"request_id" uuid,
	"note" text,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hr"."leave_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"employee_id" uuid NOT NULL,
	"leave_type_id" uuid NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date NOT NULL,
	"half_day_start" boolean DEFAULT false NOT NULL,
	"half_day_end" boolean DEFAULT false NOT NULL,
	"days" numeric(6, 2) NOT NULL,
	"reason" text,
	"status" "hr"."leave_request_status" DEFAULT 'pending' NOT NULL,
	"decided_by" text,
	"decided_at" timestamp with time zone,
	"decision_note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "leave_requests_dates_check" CHECK ("hr"."leave_requests"."end_date" >= "hr"."leave_requests"."start_date"),
	CONSTRAINT "leave_requests_days_check" CHECK ("hr"."leave_requests"."days" > 0)
);
--> statement-breakpoint
CREATE TABLE "hr"."leave_types" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"code" text NOT NULL,
	"paid" boolean NOT NULL,
	"yearly_entitlement" numeric(5, 2) NOT NULL,
	"accrual" "hr"."accrual_method" NOT NULL,
	"carry_forward_cap" numeric(5, 2) DEFAULT 0 NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "hr"."leave_ledger" ADD CONSTRAINT "leave_ledger_employee_id_employees_id_fk" FOREIGN KEY ("employee_id") REFERENCES "hr"."employees"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hr"."leave_ledger" ADD CONSTRAINT "leave_ledger_leave_type_id_leave_types_id_fk" FOREIGN KEY ("leave_type_id") REFERENCES "hr"."leave_types"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hr"."leave_requests" ADD CONSTRAINT "leave_requests_employee_id_employees_id_fk" FOREIGN KEY ("employee_id") REFERENCES "hr"."employees"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hr"."leave_requests" ADD CONSTRAINT "leave_requests_leave_type_id_leave_types_id_fk" FOREIGN KEY ("leave_type_id") REFERENCES "hr"."leave_types"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "holidays_date_idx" ON "hr"."holidays" USING btree ("date");--> statement-breakpoint
CREATE INDEX "leave_ledger_balance_idx" ON "hr"."leave_ledger" USING btree ("employee_id","leave_type_id");--> statement-breakpoint
CREATE UNIQUE INDEX "leave_ledger_period_idx" ON "hr"."leave_ledger" USING btree ("employee_id","leave_type_id","kind","period") WHERE "hr"."leave_ledger"."period" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "leave_ledger_request_idx" ON "hr"."leave_ledger" USING btree ("request_id") WHERE "hr"."leave_ledger"."request_id" is not null;--> statement-breakpoint
CREATE INDEX "leave_requests_employee_idx" ON "hr"."leave_requests" USING btree ("employee_id","start_date");--> statement-breakpoint
CREATE INDEX "leave_requests_status_idx" ON "hr"."leave_requests" USING btree ("status");--> statement-breakpoint
CREATE UNIQUE INDEX "leave_types_name_idx" ON "hr"."leave_types" USING btree (lower("name"));--> statement-breakpoint
CREATE UNIQUE INDEX "leave_types_code_idx" ON "hr"."leave_types" USING btree (lower("code"));