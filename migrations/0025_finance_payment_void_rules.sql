-- Voiding a payment, held by the database (refusals are check violations naming a rule, mapped in
-- packages/finance/src/constraints.ts). A payment changes only by its allocations, its memo, and
-- voiding once: the void's fields are set together with the status, never while it stays posted,
-- and a payment whose entry is matched to a bank statement line is not voided (undo the match
-- first). With no allocation left (payments_void_check), a void payment can never be allocated again.
CREATE OR REPLACE FUNCTION "finance"."payments_guard"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION USING ERRCODE = 'check_violation', CONSTRAINT = 'payments_fixed',
      MESSAGE = 'A recorded payment cannot be changed or deleted.';
  END IF;
  IF TG_OP = 'INSERT' THEN
    IF NOT EXISTS (SELECT 1 FROM finance.accounts a
                    WHERE a.id = NEW.account_id AND a.type = 'asset' AND a.active AND NOT a.is_group) THEN
      RAISE EXCEPTION USING ERRCODE = 'check_violation', CONSTRAINT = 'payments_account',
        MESSAGE = 'A payment goes through an active bank or cash (asset) account that is not a group.';
    END IF;
    IF NEW.status <> 'posted' THEN
      RAISE EXCEPTION USING ERRCODE = 'check_violation', CONSTRAINT = 'payments_fixed',
        MESSAGE = 'A payment is recorded posted and voided afterwards.';
    END IF;
    RETURN NEW;
  END IF;
  IF (NEW.direction, NEW.customer_id, NEW.vendor_id, NEW.date, NEW.account_id, NEW.currency, NEW.rate, NEW.amount,
      NEW.reference, NEW.journal_entry_id, NEW.created_by)
     IS DISTINCT FROM
     (OLD.direction, OLD.customer_id, OLD.vendor_id, OLD.date, OLD.account_id, OLD.currency, OLD.rate, OLD.amount,
      OLD.reference, OLD.journal_entry_id, OLD.created_by) OR OLD.status = 'void'
     OR (NEW.status = 'posted' AND (NEW.void_reason, NEW.void_entry_id, NEW.voided_by, NEW.voided_at)
         IS DISTINCT FROM (OLD.void_reason, OLD.void_entry_id, OLD.voided_by, OLD.voided_at)) THEN
    RAISE EXCEPTION USING ERRCODE = 'check_violation', CONSTRAINT = 'payments_fixed',
      MESSAGE = 'A recorded payment cannot be changed or deleted.';
  END IF;
  IF NEW.status = 'void' AND EXISTS (
       SELECT 1 FROM finance.bank_statement_lines s
         JOIN finance.journal_lines l ON l.id = s.journal_line_id
        WHERE l.entry_id = OLD.journal_entry_id) THEN
    RAISE EXCEPTION USING ERRCODE = 'check_violation', CONSTRAINT = 'payments_void_matched',
      MESSAGE = 'The payment is matched to a bank statement line; undo the match first.';
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint

-- The open documents no longer carry days past due "today": the database's current_date is the
-- server's (UTC) day and its wall clock, not the company's calendar. A reader passes its as-of
-- date (its calendar's today) and derives days past due from due_date (`daysPastDue` in
-- packages/db/src/finance.views.ts). See docs/decisions.md, "Published views hold no today".
DROP VIEW "finance"."open_receivables";
--> statement-breakpoint
CREATE VIEW "finance"."open_receivables" AS
SELECT i.id AS invoice_id, i.number, i.customer_id, c.name AS customer_name, i.issue_date, i.due_date,
       i.currency, i.rate, i.total, i.amount_due, i.status
  FROM finance.invoices i JOIN finance.customers c ON c.id = i.customer_id
 WHERE i.status IN ('issued', 'partially_paid') AND i.amount_due > 0;
--> statement-breakpoint
DROP VIEW "finance"."open_payables";
--> statement-breakpoint
CREATE VIEW "finance"."open_payables" AS
SELECT b.id AS bill_id, b.number, b.vendor_id, v.name AS vendor_name, b.vendor_reference, b.bill_date, b.due_date,
       b.currency, b.rate, b.total, b.amount_due, b.status
  FROM finance.bills b JOIN finance.vendors v ON v.id = b.vendor_id
 WHERE b.status IN ('approved', 'partially_paid') AND b.amount_due > 0;
