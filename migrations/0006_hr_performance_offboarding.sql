CREATE TYPE "hr"."resignation_status" AS ENUM('pending', 'approved', 'rejected', 'withdrawn', 'completed');--> statement-breakpoint
CREATE TYPE "hr"."review_cycle_status" AS ENUM('draft', 'open', 'closed');--> statement-breakpoint
CREATE TYPE "hr"."review_status" AS ENUM('draft', 'submitted', 'acknowledged');--> statement-breakpoint
CREATE TABLE "hr"."resignations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"employee_id" uuid NOT NULL,
	"last_working_day" date NOT NULL,
	"reason" text NOT NULL,
	"status" "hr"."resignation_status" DEFAULT 'pending' NOT NULL,
	"decided_by" text,
	"decided_at" timestamp with time zone,
	"decision_note" text,
	"equipment_returned" boolean DEFAULT false NOT NULL,
	"access_revoked" boolean DEFAULT false NOT NULL,
	"final_settlement_done" boolean DEFAULT false NOT NULL,
	"exit_notes" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hr"."review_cycles" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date NOT NULL,
	"status" "hr"."review_cycle_status" DEFAULT 'open' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "review_cycles_dates_check" CHECK ("hr"."review_cycles"."end_date" >= "hr"."review_cycles"."start_date")
);
--> statement-breakpoint
CREATE TABLE "hr"."reviews" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"cycle_id" uuid NOT NULL,
	"employee_id" uuid NOT NULL,
	"reviewer_id" uuid,
	"rating" integer,
	"strengths" text,
	"improvements" text,
	"goals" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"status" "hr"."review_status" DEFAULT 'draft' NOT NULL,
	"submitted_at" timestamp with time zone,
	"acknowledged_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reviews_rating_check" CHECK ("hr"."reviews"."rating" is null or "hr"."reviews"."rating" between 1 and 5)
);
--> statement-breakpoint
ALTER TABLE "hr"."resignations" ADD CONSTRAINT "resignations_employee_id_employees_id_fk" FOREIGN KEY ("employee_id") REFERENCES "hr"."employees"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hr"."reviews" ADD CONSTRAINT "reviews_cycle_id_review_cycles_id_fk" FOREIGN KEY ("cycle_id") REFERENCES "hr"."review_cycles"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hr"."reviews" ADD CONSTRAINT "reviews_employee_id_employees_id_fk" FOREIGN KEY ("employee_id") REFERENCES "hr"."employees"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hr"."reviews" ADD CONSTRAINT "reviews_reviewer_id_employees_id_fk" FOREIGN KEY ("reviewer_id") REFERENCES "hr"."employees"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "resignations_one_pending_idx" ON "hr"."resignations" USING btree ("employee_id") WHERE "hr"."resignations"."status" = 'pending';--> statement-breakpoint
CREATE UNIQUE INDEX "review_cycles_name_idx" ON "hr"."review_cycles" USING btree (lower("name"));--> statement-breakpoint
CREATE UNIQUE INDEX "reviews_cycle_employee_idx" ON "hr"."reviews" USING btree ("cycle_id","employee_id");