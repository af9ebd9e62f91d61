CREATE TYPE "hr"."application_stage" AS ENUM('applied', 'screening', 'interview', 'offer', 'hired', 'rejected', 'withdrawn');--> statement-breakpoint
CREATE TYPE "hr"."opening_status" AS ENUM('draft', 'open', 'closed');--> statement-breakpoint
CREATE TABLE "hr"."applications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"opening_id" uuid NOT NULL,
	"candidate_name" text NOT NULL,
	"email" text NOT NULL,
	"phone" text,
	"stage" "hr"."application_stage" DEFAULT 'applied' NOT NULL,
	"notes" text,
	"hired_employee_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hr"."interviews" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"application_id" uuid NOT NULL,
	"scheduled_at" timestamp with time zone NOT NULL,
	"interviewer_id" uuid,
	"rating" integer,
	"feedback" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hr"."job_openings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"title" text NOT NULL,
	"department_id" uuid NOT NULL,
	"position_id" uuid,
	"location" text NOT NULL,
	"employment_type" "hr"."employment_type" DEFAULT 'full_time' NOT NULL,
	"salary_min" bigint,
	"salary_max" bigint,
	"currency" text,
	"status" "hr"."opening_status" DEFAULT 'draft' NOT NULL,
	"closing_date" date,
	"description" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "hr"."applications" ADD CONSTRAINT "applications_opening_id_job_openings_id_fk" FOREIGN KEY ("opening_id") REFERENCES "hr"."job_openings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hr"."applications" ADD CONSTRAINT "applications_hired_employee_id_employees_id_fk" FOREIGN KEY ("hired_employee_id") REFERENCES "hr"."employees"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hr"."interviews" ADD CONSTRAINT "interviews_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "hr"."applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hr"."interviews" ADD CONSTRAINT "interviews_interviewer_id_employees_id_fk" FOREIGN KEY ("interviewer_id") REFERENCES "hr"."employees"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hr"."job_openings" ADD CONSTRAINT "job_openings_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "hr"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hr"."job_openings" ADD CONSTRAINT "job_openings_position_id_positions_id_fk" FOREIGN KEY ("position_id") REFERENCES "hr"."positions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "applications_opening_email_idx" ON "hr"."applications" USING btree ("opening_id",lower("email"));--> statement-breakpoint
CREATE INDEX "applications_stage_idx" ON "hr"."applications" USING btree ("stage");