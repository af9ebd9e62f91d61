CREATE TYPE "hr"."employee_status" AS ENUM('active', 'on_leave', 'resigned', 'terminated');--> statement-breakpoint
CREATE TYPE "hr"."employment_type" AS ENUM('full_time', 'part_time', 'contract', 'intern');--> statement-breakpoint
CREATE TYPE "hr"."salary_period" AS ENUM('monthly', 'yearly', 'hourly');--> statement-breakpoint
CREATE TABLE "hr"."counters" (
	"name" text PRIMARY KEY NOT NULL,
	"value" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hr"."departments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"cost_centre" text NOT NULL,
	"parent_id" uuid,
	"manager_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hr"."employee_history" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"employee_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"effective_date" date NOT NULL,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"actor_id" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hr"."employees" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" text NOT NULL,
	"first_name" text NOT NULL,
	"last_name" text NOT NULL,
	"work_email" text NOT NULL,
	"phone" text,
	"position_id" uuid,
	"department_id" uuid,
	"manager_id" uuid,
	"employment_type" "hr"."employment_type" DEFAULT 'full_time' NOT NULL,
	"hire_date" date NOT NULL,
	"status" "hr"."employee_status" DEFAULT 'active' NOT NULL,
	"exit_date" date,
	"exit_reason" text,
	"salary_amount" bigint NOT NULL,
	"salary_currency" text NOT NULL,
	"salary_period" "hr"."salary_period" DEFAULT 'monthly' NOT NULL,
	"weekly_hours" numeric(4, 1) DEFAULT '40' NOT NULL,
	"national_id_encrypted" text,
	"national_id_last4" text,
	"payout_account_encrypted" text,
	"payout_account_last4" text,
	"address" text,
	"emergency_contact" jsonb,
	"remote" boolean DEFAULT false NOT NULL,
	"user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "employees_salary_check" CHECK ("hr"."employees"."salary_amount" >= 0),
	CONSTRAINT "employees_exit_check" CHECK ("hr"."employees"."exit_date" is null or "hr"."employees"."exit_date" >= "hr"."employees"."hire_date")
);
--> statement-breakpoint
CREATE TABLE "hr"."positions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"title" text NOT NULL,
	"department_id" uuid NOT NULL,
	"grade" text NOT NULL,
	"salary_min" bigint NOT NULL,
	"salary_max" bigint NOT NULL,
	"currency" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "positions_band_check" CHECK ("hr"."positions"."salary_min" >= 0 and "hr"."positions"."salary_max" >= "hr"."positions"."salary_min")
);
--> statement-breakpoint
ALTER TABLE "hr"."departments" ADD CONSTRAINT "departments_parent_id_departments_id_fk" FOREIGN KEY ("parent_id") REFERENCES "hr"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hr"."employee_history" ADD CONSTRAINT "employee_history_employee_id_employees_id_fk" FOREIGN KEY ("employee_id") REFERENCES "hr"."employees"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hr"."employees" ADD CONSTRAINT "employees_position_id_positions_id_fk" FOREIGN KEY ("position_id") REFERENCES "hr"."positions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hr"."employees" ADD CONSTRAINT "employees_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "hr"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hr"."employees" ADD CONSTRAINT "employees_manager_id_employees_id_fk" FOREIGN KEY ("manager_id") REFERENCES "hr"."employees"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hr"."positions" ADD CONSTRAINT "positions_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "hr"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "departments_name_idx" ON "hr"."departments" USING btree (lower("name"));--> statement-breakpoint
CREATE UNIQUE INDEX "departments_cost_centre_idx" ON "hr"."departments" USING btree (lower("cost_centre"));--> statement-breakpoint
CREATE INDEX "departments_parent_idx" ON "hr"."departments" USING btree ("parent_id");--> statement-breakpoint
CREATE INDEX "employee_history_employee_idx" ON "hr"."employee_history" USING btree ("employee_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "employees_number_idx" ON "hr"."employees" USING btree ("number");--> statement-breakpoint
CREATE UNIQUE INDEX "employees_work_email_idx" ON "hr"."employees" USING btree (lower("work_email"));--> statement-breakpoint
CREATE UNIQUE INDEX "employees_user_idx" ON "hr"."employees" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "employees_department_idx" ON "hr"."employees" USING btree ("department_id");--> statement-breakpoint
CREATE INDEX "employees_manager_idx" ON "hr"."employees" USING btree ("manager_id");--> statement-breakpoint
CREATE INDEX "employees_status_idx" ON "hr"."employees" USING btree ("status");--> statement-breakpoint
CREATE INDEX "employees_name_idx" ON "hr"."employees" USING btree ("last_name","first_name");--> statement-breakpoint
CREATE UNIQUE INDEX "positions_title_department_idx" ON "hr"."positions" USING btree (lower("title"),"department_id");