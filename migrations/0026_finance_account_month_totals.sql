-- Posted totals per account and month, kept by the database as lines are posted, so that a trial
-- balance or an opening balance reads one row per account and month instead of every line (a
-- million lines: 7,200 rows for 200 accounts over three years). Posted lines never change nor go
-- away (journal_lines_guard), so the totals only grow, in the same statement that posts the lines.
-- finance.account_month_totals_recomputed() is the full recomputation the tests compare them with
-- (and a bulk load with triggers off refreshes them from: finance.refresh_account_month_totals()).
CREATE TABLE "finance"."account_month_totals" (
  "account_id" uuid NOT NULL REFERENCES "finance"."accounts"("id"),
  -- The first day of the month.
  "month" date NOT NULL CHECK (extract(day FROM "month") = 1),
  "debit" bigint NOT NULL,
  "credit" bigint NOT NULL,
  "lines" bigint NOT NULL,
  PRIMARY KEY ("account_id", "month")
);
--> statement-breakpoint
CREATE INDEX "account_month_totals_month_idx" ON "finance"."account_month_totals" ("month") INCLUDE ("account_id", "debit", "credit", "lines");
--> statement-breakpoint

-- Statements read the lines of partial months at the edges of a range by date, over all accounts.
CREATE INDEX "journal_lines_posted_date_idx" ON "finance"."journal_lines" ("date")
  INCLUDE ("account_id", "debit", "credit") WHERE "posted";
--> statement-breakpoint

CREATE FUNCTION "finance"."account_month_totals_recomputed"()
RETURNS TABLE (account_id uuid, month date, debit bigint, credit bigint, lines bigint) LANGUAGE sql STABLE AS $$
  SELECT l.account_id, date_trunc('month', l.date)::date, sum(l.debit)::bigint, sum(l.credit)::bigint, count(*)
    FROM finance.journal_lines l WHERE l.posted GROUP BY 1, 2
$$;
--> statement-breakpoint
CREATE FUNCTION "finance"."refresh_account_month_totals"() RETURNS void LANGUAGE sql AS $$
  DELETE FROM finance.account_month_totals;
  INSERT INTO finance.account_month_totals (account_id, month, debit, credit, lines)
  SELECT * FROM finance.account_month_totals_recomputed();
$$;
--> statement-breakpoint

-- Adds the lines a statement posted. Rows are locked in (month, account) order: one entry posts in
-- one statement and one month, so two postings never wait for each other's rows in opposite orders.
CREATE FUNCTION "finance"."account_month_totals_add"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO finance.account_month_totals AS t (account_id, month, debit, credit, lines)
    SELECT n.account_id, date_trunc('month', n.date)::date, sum(n.debit), sum(n.credit), count(*)
      FROM new_lines n WHERE n.posted
     GROUP BY 2, 1 ORDER BY 2, 1
    ON CONFLICT (account_id, month) DO UPDATE
      SET debit = t.debit + excluded.debit, credit = t.credit + excluded.credit, lines = t.lines + excluded.lines;
  ELSE
    INSERT INTO finance.account_month_totals AS t (account_id, month, debit, credit, lines)
    SELECT n.account_id, date_trunc('month', n.date)::date, sum(n.debit), sum(n.credit), count(*)
      FROM new_lines n JOIN old_lines o ON o.id = n.id
     WHERE n.posted AND NOT o.posted
     GROUP BY 2, 1 ORDER BY 2, 1
    ON CONFLICT (account_id, month) DO UPDATE
      SET debit = t.debit + excluded.debit, credit = t.credit + excluded.credit, lines = t.lines + excluded.lines;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "account_month_totals_insert" AFTER INSERT ON "finance"."journal_lines"
  REFERENCING NEW TABLE AS new_lines
  FOR EACH STATEMENT EXECUTE FUNCTION "finance"."account_month_totals_add"();
--> statement-breakpoint
CREATE TRIGGER "account_month_totals_update" AFTER UPDATE ON "finance"."journal_lines"
  REFERENCING OLD TABLE AS old_lines NEW TABLE AS new_lines
  FOR EACH STATEMENT EXECUTE FUNCTION "finance"."account_month_totals_add"();
--> statement-breakpoint

SELECT "finance"."refresh_account_month_totals"();
