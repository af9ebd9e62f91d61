CREATE TYPE "hr"."enrolment_status" AS ENUM('enrolled', 'completed', 'cancelled');--> statement-breakpoint
CREATE TABLE "hr"."courses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"capacity" integer NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "courses_capacity_check" CHECK ("hr"."courses"."capacity" > 0),
	CONSTRAINT "courses_dates_check" CHECK ("hr"."courses"."ends_on" >= "hr"."courses"."starts_on")
);
--> statement-breakpoint
CREATE TABLE "hr"."enrolments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"course_id" uuid NOT NULL,
	"employee_id" uuid NOT NULL,
	"status" "hr"."enrolment_status" DEFAULT 'enrolled' NOT NULL,
	"completed_at" timestamp with time zone,
	"certificate_number" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "hr"."enrolments" ADD CONSTRAINT "enrolments_course_id_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "hr"."courses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hr"."enrolments" ADD CONSTRAINT "enrolments_employee_id_employees_id_fk" FOREIGN KEY ("employee_id") REFERENCES "hr"."employees"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "enrolments_course_employee_idx" ON "hr"."enrolments" USING btree ("course_id","employee_id");--> statement-breakpoint
CREATE UNIQUE INDEX "enrolments_certificate_idx" ON "hr"."enrolments" USING btree ("certificate_number");