CREATE TYPE "hr"."attendance_status" AS ENUM('present', 'absent', 'remote', 'on_leave', 'holiday');--> statement-breakpoint
CREATE TABLE "hr"."attendance_records" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"employee_id" uuid NOT NULL,
	"work_date" date NOT NULL,
	"status" "hr"."attendance_status" NOT NULL,
	"check_in_at" timestamp with time zone,
	"check_out_at" timestamp with time zone,
	"office_location_id" uuid,
	"worked_minutes" integer,
	"corrected_by" text,
	"correction_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "attendance_times_check" CHECK ("hr"."attendance_records"."check_out_at" is null or "hr"."attendance_records"."check_in_at" is null or "hr"."attendance_records"."check_out_at" >= "hr"."attendance_records"."check_in_at")
);
--> statement-breakpoint
CREATE TABLE "hr"."office_locations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"latitude" numeric(9, 6) NOT NULL,
	"longitude" numeric(9, 6) NOT NULL,
	"radius_meters" integer NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "office_locations_radius_check" CHECK ("hr"."office_locations"."radius_meters" between 10 and 50000),
	CONSTRAINT "office_locations_coordinates_check" CHECK ("hr"."office_locations"."latitude" between -90 and 90 and "hr"."office_locations"."longitude" between -180 and 180)
);
--> statement-breakpoint
ALTER TABLE "hr"."attendance_records" ADD CONSTRAINT "attendance_records_employee_id_employees_id_fk" FOREIGN KEY ("employee_id") REFERENCES "hr"."employees"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hr"."attendance_records" ADD CONSTRAINT "attendance_records_office_location_id_office_locations_id_fk" FOREIGN KEY ("office_location_id") REFERENCES "hr"."office_locations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "attendance_employee_day_idx" ON "hr"."attendance_records" USING btree ("employee_id","work_date");--> statement-breakpoint
CREATE INDEX "attendance_day_idx" ON "hr"."attendance_records" USING btree ("work_date");--> statement-breakpoint
CREATE UNIQUE INDEX "office_locations_name_idx" ON "hr"."office_locations" USING btree (lower("name"));