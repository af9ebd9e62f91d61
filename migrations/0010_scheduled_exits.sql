ALTER TABLE "hr"."employees" ADD COLUMN "exit_status" "hr"."employee_status";--> statement-breakpoint
ALTER TABLE "hr"."employees" ADD COLUMN "exit_scheduled_by" text;