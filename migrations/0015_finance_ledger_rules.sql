-- The ledger's rules, held by the database so that no code path (nor raw SQL) can break them.
-- Each refusal is raised as a check violation naming a rule, which the finance service maps to a
-- 422 or 409 naming the request field (packages/finance/src/constraints.ts).

CREATE SEQUENCE "finance"."journal_number_seq";
--> statement-breakpoint

-- Statements read posted lines by account and date (trial balance, general ledger, balances).
CREATE INDEX "journal_lines_account_date_idx" ON "finance"."journal_lines" ("account_id", "date", "id")
  INCLUDE ("debit", "credit") WHERE "posted";
--> statement-breakpoint

-- Accounts: a parent is a group of the same type; a group takes no lines and an account with lines
-- does not become a group; no cycles; the type of an account with lines does not change.
CREATE FUNCTION "finance"."accounts_guard"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  parent record;
  cursor_id uuid;
  hops int := 0;
BEGIN
  IF NEW.parent_id IS NOT NULL THEN
    SELECT is_group, type INTO parent FROM finance.accounts WHERE id = NEW.parent_id;
    IF FOUND AND (NOT parent.is_group OR parent.type <> NEW.type) THEN
      RAISE EXCEPTION USING ERRCODE = 'check_violation', CONSTRAINT = 'accounts_parent_group',
        MESSAGE = 'The parent must be a group account of the same type.';
    END IF;
    cursor_id := NEW.parent_id;
    WHILE cursor_id IS NOT NULL AND hops < 100 LOOP
      IF cursor_id = NEW.id THEN
        RAISE EXCEPTION USING ERRCODE = 'check_violation', CONSTRAINT = 'accounts_parent_cycle',
          MESSAGE = 'An account cannot sit under itself or one of its own children.';
      END IF;
      SELECT parent_id INTO cursor_id FROM finance.accounts WHERE id = cursor_id;
      hops := hops + 1;
    END LOOP;
  END IF;
  IF TG_OP = 'UPDATE' THEN
    IF NEW.is_group AND NOT OLD.is_group AND EXISTS (SELECT 1 FROM finance.journal_lines WHERE account_id = NEW.id) THEN
      RAISE EXCEPTION USING ERRCODE = 'check_violation', CONSTRAINT = 'accounts_group_has_lines',
        MESSAGE = 'An account with journal lines cannot become a group.';
    END IF;
    IF NOT NEW.is_group AND OLD.is_group AND EXISTS (SELECT 1 FROM finance.accounts WHERE parent_id = NEW.id) THEN
      RAISE EXCEPTION USING ERRCODE = 'check_violation', CONSTRAINT = 'accounts_group_has_children',
        MESSAGE = 'A group with accounts under it must stay a group.';
    END IF;
    IF NEW.type <> OLD.type AND (
      EXISTS (SELECT 1 FROM finance.journal_lines WHERE account_id = NEW.id)
      OR EXISTS (SELECT 1 FROM finance.accounts WHERE parent_id = NEW.id)) THEN
      RAISE EXCEPTION USING ERRCODE = 'check_violation', CONSTRAINT = 'accounts_type_fixed',
        MESSAGE = 'The type of an account with history or children cannot change.';
    END IF;
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER "accounts_guard" BEFORE INSERT OR UPDATE ON "finance"."accounts"
  FOR EACH ROW EXECUTE FUNCTION "finance"."accounts_guard"();
--> statement-breakpoint

-- Fiscal years never overlap (the table lock makes two concurrent creations take turns).
CREATE FUNCTION "finance"."fiscal_years_guard"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  LOCK TABLE finance.fiscal_years IN SHARE ROW EXCLUSIVE MODE;
  IF EXISTS (SELECT 1 FROM finance.fiscal_years y
              WHERE y.id <> NEW.id AND y.start_date <= NEW.end_date AND NEW.start_date <= y.end_date) THEN
    RAISE EXCEPTION USING ERRCODE = 'check_violation', CONSTRAINT = 'fiscal_years_overlap',
      MESSAGE = 'The fiscal year overlaps another.';
  END IF;
  IF TG_OP = 'UPDATE' AND OLD.status = 'closed' AND NEW.status = 'closed'
     AND (NEW.start_date, NEW.end_date) IS DISTINCT FROM (OLD.start_date, OLD.end_date) THEN
    RAISE EXCEPTION USING ERRCODE = 'check_violation', CONSTRAINT = 'fiscal_years_closed',
      MESSAGE = 'A closed fiscal year cannot change.';
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER "fiscal_years_guard" BEFORE INSERT OR UPDATE ON "finance"."fiscal_years"
  FOR EACH ROW EXECUTE FUNCTION "finance"."fiscal_years_guard"();
--> statement-breakpoint

-- A period of a closed fiscal year stays closed; a period's dates never change.
CREATE FUNCTION "finance"."periods_guard"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF (NEW.start_date, NEW.end_date, NEW.fiscal_year_id) IS DISTINCT FROM (OLD.start_date, OLD.end_date, OLD.fiscal_year_id) THEN
    RAISE EXCEPTION USING ERRCODE = 'check_violation', CONSTRAINT = 'periods_dates_fixed',
      MESSAGE = 'A period''s dates cannot change.';
  END IF;
  IF NEW.status = 'open' AND OLD.status = 'closed'
     AND EXISTS (SELECT 1 FROM finance.fiscal_years WHERE id = NEW.fiscal_year_id AND status = 'closed') THEN
    RAISE EXCEPTION USING ERRCODE = 'check_violation', CONSTRAINT = 'periods_year_closed',
      MESSAGE = 'The period belongs to a closed fiscal year.';
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER "periods_guard" BEFORE UPDATE ON "finance"."periods"
  FOR EACH ROW EXECUTE FUNCTION "finance"."periods_guard"();
--> statement-breakpoint

-- Entries. A posted entry is immutable (only its reversal link may be set, once) and is never
-- deleted. Posting (an insert or update to 'posted') takes the period of its date FOR SHARE, so a
-- concurrent close (which updates the period row) waits for it, or it waits for the close and then
-- sees the period closed; gives the number; and refuses lines on group or inactive accounts.
CREATE FUNCTION "finance"."journal_entries_guard"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  period record;
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF OLD.status = 'posted' THEN
      RAISE EXCEPTION USING ERRCODE = 'check_violation', CONSTRAINT = 'journal_entries_posted',
        MESSAGE = 'A posted entry cannot be changed or deleted; reverse it.';
    END IF;
    RETURN OLD;
  END IF;
  IF TG_OP = 'UPDATE' AND OLD.status = 'posted' THEN
    IF (NEW.number, NEW.date, NEW.memo, NEW.source, NEW.source_ref, NEW.status, NEW.currency, NEW.rate,
        NEW.reverses_id, NEW.period_id, NEW.posted_by, NEW.posted_at, NEW.created_by)
       IS DISTINCT FROM
       (OLD.number, OLD.date, OLD.memo, OLD.source, OLD.source_ref, OLD.status, OLD.currency, OLD.rate,
        OLD.reverses_id, OLD.period_id, OLD.posted_by, OLD.posted_at, OLD.created_by)
       OR (OLD.reversed_by_id IS NOT NULL AND NEW.reversed_by_id IS DISTINCT FROM OLD.reversed_by_id) THEN
      RAISE EXCEPTION USING ERRCODE = 'check_violation', CONSTRAINT = 'journal_entries_posted',
        MESSAGE = 'A posted entry cannot be changed or deleted; reverse it.';
    END IF;
    RETURN NEW;
  END IF;
  IF NEW.status = 'posted' THEN
    SELECT id, status INTO period FROM finance.periods
     WHERE start_date <= NEW.date AND end_date >= NEW.date
     FOR SHARE;
    IF NOT FOUND THEN
      RAISE EXCEPTION USING ERRCODE = 'check_violation', CONSTRAINT = 'journal_entries_no_period',
        MESSAGE = 'No fiscal year covers this date; create the fiscal year first.';
    END IF;
    IF period.status <> 'open' THEN
      RAISE EXCEPTION USING ERRCODE = 'check_violation', CONSTRAINT = 'journal_entries_period_closed',
        MESSAGE = 'The period of this date is closed.';
    END IF;
    NEW.period_id := period.id;
    NEW.posted_at := coalesce(NEW.posted_at, now());
    NEW.number := coalesce(NEW.number,
      'JE-' || to_char(NEW.date, 'YYYY') || '-' || lpad(nextval('finance.journal_number_seq')::text, 7, '0'));
    IF TG_OP = 'UPDATE' AND EXISTS (
      SELECT 1 FROM finance.journal_lines l JOIN finance.accounts a ON a.id = l.account_id
       WHERE l.entry_id = NEW.id AND (a.is_group OR NOT a.active)) THEN
      RAISE EXCEPTION USING ERRCODE = 'check_violation', CONSTRAINT = 'journal_lines_account',
        MESSAGE = 'Lines can only use active accounts that are not groups.';
    END IF;
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER "journal_entries_guard" BEFORE INSERT OR UPDATE OR DELETE ON "finance"."journal_entries"
  FOR EACH ROW EXECUTE FUNCTION "finance"."journal_entries_guard"();
--> statement-breakpoint

-- The lines carry their entry's date, currency, rate, status, number and memo (statements read
-- lines alone): a draft's change follows to its lines, and posting marks them posted and numbered.
CREATE FUNCTION "finance"."journal_entries_follow"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF (NEW.date, NEW.currency, NEW.rate, NEW.status, NEW.number, NEW.memo)
     IS DISTINCT FROM (OLD.date, OLD.currency, OLD.rate, OLD.status, OLD.number, OLD.memo) THEN
    UPDATE finance.journal_lines
       SET date = NEW.date, currency = NEW.currency, rate = NEW.rate, posted = (NEW.status = 'posted'),
           entry_number = NEW.number, memo = NEW.memo
     WHERE entry_id = NEW.id;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "journal_entries_follow" AFTER UPDATE ON "finance"."journal_entries"
  FOR EACH ROW EXECUTE FUNCTION "finance"."journal_entries_follow"();
--> statement-breakpoint

-- Lines: a posted line is never changed or deleted, and no line is added to a posted entry. A new
-- or edited draft line takes its entry's date, currency, rate, status, number and memo, and uses an active
-- account that is not a group.
CREATE FUNCTION "finance"."journal_lines_guard"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  entry record;
  account record;
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF OLD.posted THEN
      RAISE EXCEPTION USING ERRCODE = 'check_violation', CONSTRAINT = 'journal_lines_posted',
        MESSAGE = 'A posted line cannot be changed or deleted; reverse the entry.';
    END IF;
    RETURN OLD;
  END IF;
  IF TG_OP = 'UPDATE' AND OLD.posted THEN
    RAISE EXCEPTION USING ERRCODE = 'check_violation', CONSTRAINT = 'journal_lines_posted',
      MESSAGE = 'A posted line cannot be changed or deleted; reverse the entry.';
  END IF;
  SELECT status, date, currency, rate, number, memo INTO entry FROM finance.journal_entries WHERE id = NEW.entry_id;
  IF FOUND THEN
    IF entry.status = 'posted' AND (TG_OP = 'INSERT' OR NEW IS DISTINCT FROM OLD
        AND (NEW.entry_id, NEW.line_no, NEW.account_id, NEW.debit, NEW.credit, NEW.txn_debit, NEW.txn_credit,
             NEW.description, NEW.cost_centre, NEW.party_id, NEW.project_id, NEW.is_rounding)
            IS DISTINCT FROM
            (OLD.entry_id, OLD.line_no, OLD.account_id, OLD.debit, OLD.credit, OLD.txn_debit, OLD.txn_credit,
             OLD.description, OLD.cost_centre, OLD.party_id, OLD.project_id, OLD.is_rounding)) THEN
      RAISE EXCEPTION USING ERRCODE = 'check_violation', CONSTRAINT = 'journal_lines_posted',
        MESSAGE = 'A posted line cannot be changed or deleted; reverse the entry.';
    END IF;
    NEW.date := entry.date;
    NEW.currency := entry.currency;
    NEW.rate := entry.rate;
    NEW.posted := (entry.status = 'posted');
    NEW.entry_number := entry.number;
    NEW.memo := entry.memo;
  END IF;
  IF TG_OP = 'INSERT' OR NEW.account_id IS DISTINCT FROM OLD.account_id THEN
    SELECT is_group, active INTO account FROM finance.accounts WHERE id = NEW.account_id;
    IF FOUND AND (account.is_group OR NOT account.active) THEN
      RAISE EXCEPTION USING ERRCODE = 'check_violation', CONSTRAINT = 'journal_lines_account',
        MESSAGE = 'Lines can only use active accounts that are not groups.';
    END IF;
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER "journal_lines_guard" BEFORE INSERT OR UPDATE OR DELETE ON "finance"."journal_lines"
  FOR EACH ROW EXECUTE FUNCTION "finance"."journal_lines_guard"();
--> statement-breakpoint

-- At commit, every posted entry touched in the transaction has at least two lines, its debits
-- equal its credits in the base currency and in the transaction currency, and only a system entry
-- (not 'manual') carries a rounding line (one at most, of at most one minor unit: the line's
-- check and the partial unique index).
CREATE FUNCTION "finance"."check_entry_balanced"(entry_id uuid) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  entry record;
  totals record;
BEGIN
  SELECT status, source INTO entry FROM finance.journal_entries WHERE id = entry_id;
  IF NOT FOUND OR entry.status <> 'posted' THEN
    RETURN;
  END IF;
  SELECT count(*) AS lines, coalesce(sum(debit), 0) AS debit, coalesce(sum(credit), 0) AS credit,
         coalesce(sum(txn_debit), 0) AS txn_debit, coalesce(sum(txn_credit), 0) AS txn_credit,
         count(*) FILTER (WHERE is_rounding) AS rounding
    INTO totals FROM finance.journal_lines l WHERE l.entry_id = check_entry_balanced.entry_id;
  IF totals.lines < 2 THEN
    RAISE EXCEPTION USING ERRCODE = 'check_violation', CONSTRAINT = 'journal_entries_two_lines',
      MESSAGE = 'A posted entry needs at least two lines.';
  END IF;
  IF totals.debit <> totals.credit OR totals.txn_debit <> totals.txn_credit THEN
    RAISE EXCEPTION USING ERRCODE = 'check_violation', CONSTRAINT = 'journal_entries_balanced',
      MESSAGE = 'Debits must equal credits.';
  END IF;
  IF totals.rounding > 0 AND entry.source = 'manual' THEN
    RAISE EXCEPTION USING ERRCODE = 'check_violation', CONSTRAINT = 'journal_lines_rounding_manual',
      MESSAGE = 'A manual entry balances exactly, without a rounding line.';
  END IF;
END $$;
--> statement-breakpoint
CREATE FUNCTION "finance"."journal_entries_balanced"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'journal_entries' THEN
    PERFORM finance.check_entry_balanced(NEW.id);
  ELSE
    IF TG_OP <> 'INSERT' THEN
      PERFORM finance.check_entry_balanced(OLD.entry_id);
    END IF;
    IF TG_OP <> 'DELETE' AND (TG_OP = 'INSERT' OR NEW.entry_id IS DISTINCT FROM OLD.entry_id) THEN
      PERFORM finance.check_entry_balanced(NEW.entry_id);
    END IF;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "journal_entries_balanced" AFTER INSERT OR UPDATE ON "finance"."journal_entries"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
  WHEN (NEW.status = 'posted') EXECUTE FUNCTION "finance"."journal_entries_balanced"();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "journal_lines_balanced" AFTER INSERT OR UPDATE OR DELETE ON "finance"."journal_lines"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "finance"."journal_entries_balanced"();
--> statement-breakpoint

-- Published read-only views (declared for readers in packages/db/src/finance.views.ts).
-- The chart of accounts with each account's depth and the codes from the root down.
CREATE VIEW "finance"."chart_of_accounts" AS
WITH RECURSIVE tree AS (
  SELECT a.id, 0 AS depth, a.code::text AS path FROM finance.accounts a WHERE a.parent_id IS NULL
  UNION ALL
  SELECT c.id, t.depth + 1, t.path || '/' || c.code FROM finance.accounts c JOIN tree t ON c.parent_id = t.id
)
SELECT a.id, a.code, a.name, a.type, a.parent_id, p.code AS parent_code, a.is_group, a.active, a.currency,
       a.cash, a.role, t.depth, t.path
FROM finance.accounts a
JOIN tree t ON t.id = a.id
LEFT JOIN finance.accounts p ON p.id = a.parent_id;
--> statement-breakpoint
-- Posted movements per account and month (`YYYY-MM`), in base-currency minor units.
CREATE VIEW "finance"."account_balances_monthly" AS
SELECT l.account_id, a.code, a.type, to_char(l.date, 'YYYY-MM') AS month,
       sum(l.debit)::bigint AS debit, sum(l.credit)::bigint AS credit, sum(l.debit - l.credit)::bigint AS net
FROM finance.journal_lines l
JOIN finance.accounts a ON a.id = l.account_id
WHERE l.posted
GROUP BY l.account_id, a.code, a.type, to_char(l.date, 'YYYY-MM');
