CREATE TYPE "hr"."review_goal_status" AS ENUM('not_started', 'in_progress', 'achieved', 'partly_achieved', 'not_achieved');--> statement-breakpoint
CREATE TABLE "hr"."review_comments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seq" bigserial NOT NULL,
	"review_id" uuid NOT NULL,
	"author_user_id" text NOT NULL,
	"author_employee_id" uuid,
	"author_name" text NOT NULL,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "review_comments_body_check" CHECK (length("hr"."review_comments"."body") between 1 and 4000)
);
--> statement-breakpoint
CREATE TABLE "hr"."review_goals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"review_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"weight" integer,
	"due_date" date,
	"status" "hr"."review_goal_status" DEFAULT 'not_started' NOT NULL,
	"progress" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "review_goals_weight_check" CHECK ("hr"."review_goals"."weight" is null or "hr"."review_goals"."weight" between 1 and 100),
	CONSTRAINT "review_goals_progress_check" CHECK ("hr"."review_goals"."progress" between 0 and 100)
);
--> statement-breakpoint
ALTER TABLE "hr"."reviews" ADD COLUMN "self_assessment" text;--> statement-breakpoint
ALTER TABLE "hr"."reviews" ADD COLUMN "self_rating" integer;--> statement-breakpoint
ALTER TABLE "hr"."reviews" ADD COLUMN "self_submitted_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "hr"."review_comments" ADD CONSTRAINT "review_comments_review_id_reviews_id_fk" FOREIGN KEY ("review_id") REFERENCES "hr"."reviews"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hr"."review_comments" ADD CONSTRAINT "review_comments_author_employee_id_employees_id_fk" FOREIGN KEY ("author_employee_id") REFERENCES "hr"."employees"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hr"."review_goals" ADD CONSTRAINT "review_goals_review_id_reviews_id_fk" FOREIGN KEY ("review_id") REFERENCES "hr"."reviews"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "review_comments_review_idx" ON "hr"."review_comments" USING btree ("review_id","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "review_goals_review_position_idx" ON "hr"."review_goals" USING btree ("review_id","position");--> statement-breakpoint
ALTER TABLE "hr"."reviews" ADD CONSTRAINT "reviews_self_rating_check" CHECK ("hr"."reviews"."self_rating" is null or "hr"."reviews"."self_rating" between 1 and 5);--> statement-breakpoint
INSERT INTO "hr"."review_goals" ("review_id", "position", "title", "progress", "status")
SELECT r."id", g.ordinality::integer - 1, left(g.value->>'title', 200), least(greatest(coalesce((g.value->>'progress')::integer, 0), 0), 100),
  (CASE WHEN coalesce((g.value->>'progress')::integer, 0) >= 100 THEN 'achieved' WHEN coalesce((g.value->>'progress')::integer, 0) > 0 THEN 'in_progress' ELSE 'not_started' END)::"hr"."review_goal_status"
FROM "hr"."reviews" r CROSS JOIN LATERAL jsonb_array_elements(r."goals") WITH ORDINALITY AS g(value, ordinality)
WHERE coalesce(g.value->>'title', '') <> '';
