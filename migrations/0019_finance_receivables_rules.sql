-- Receivables and payables rules, held by the database so that no code path (nor raw SQL) breaks
-- them. Refusals are check violations naming a rule, mapped to problems in
-- packages/finance/src/constraints.ts.

-- An issued invoice cannot change, except for the amounts credit notes and payments take off it
-- (its status follows from them) and being voided. It is never deleted.
CREATE FUNCTION "finance"."invoices_guard"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF OLD.status <> 'draft' THEN
      RAISE EXCEPTION USING ERRCODE = 'check_violation', CONSTRAINT = 'invoices_issued',
        MESSAGE = 'An issued invoice cannot be changed or deleted; void it or issue a credit note.';
    END IF;
    RETURN OLD;
  END IF;
  IF OLD.status = 'draft' THEN
    RETURN NEW;
  END IF;
  IF (NEW.number, NEW.customer_id, NEW.issue_date, NEW.due_date, NEW.currency, NEW.rate, NEW.gross, NEW.discount,
      NEW.net, NEW.tax, NEW.withholding, NEW.total, NEW.memo, NEW.journal_entry_id, NEW.issued_by, NEW.issued_at,
      NEW.created_by)
     IS DISTINCT FROM
     (OLD.number, OLD.customer_id, OLD.issue_date, OLD.due_date, OLD.currency, OLD.rate, OLD.gross, OLD.discount,
      OLD.net, OLD.tax, OLD.withholding, OLD.total, OLD.memo, OLD.journal_entry_id, OLD.issued_by, OLD.issued_at,
      OLD.created_by)
     OR OLD.status = 'void' OR NEW.status = 'draft' THEN
    RAISE EXCEPTION USING ERRCODE = 'check_violation', CONSTRAINT = 'invoices_issued',
      MESSAGE = 'An issued invoice cannot be changed or deleted; void it or issue a credit note.';
  END IF;
  IF NEW.status <> 'void' THEN
    NEW.status := CASE
      WHEN NEW.total - NEW.credited_amount - NEW.paid_amount = 0 AND NEW.paid_amount > 0 THEN 'paid'
      WHEN NEW.total - NEW.credited_amount - NEW.paid_amount = 0 THEN 'credited'
      WHEN NEW.paid_amount > 0 THEN 'partially_paid'
      ELSE 'issued' END;
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER "invoices_guard" BEFORE UPDATE OR DELETE ON "finance"."invoices"
  FOR EACH ROW EXECUTE FUNCTION "finance"."invoices_guard"();
--> statement-breakpoint

-- The lines of an issued invoice cannot be added, changed or removed; only the quantity credit
-- notes took back moves.
CREATE FUNCTION "finance"."invoice_lines_guard"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  invoice_id uuid := CASE WHEN TG_OP = 'DELETE' THEN OLD.invoice_id ELSE NEW.invoice_id END;
BEGIN
  IF EXISTS (SELECT 1 FROM finance.invoices i WHERE i.id = invoice_id AND i.status <> 'draft')
     AND NOT (TG_OP = 'UPDATE'
       AND (to_jsonb(NEW) - 'credited_quantity') = (to_jsonb(OLD) - 'credited_quantity')) THEN
    RAISE EXCEPTION USING ERRCODE = 'check_violation', CONSTRAINT = 'invoice_lines_issued',
      MESSAGE = 'The lines of an issued invoice cannot be changed.';
  END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END $$;
--> statement-breakpoint
CREATE TRIGGER "invoice_lines_guard" BEFORE INSERT OR UPDATE OR DELETE ON "finance"."invoice_lines"
  FOR EACH ROW EXECUTE FUNCTION "finance"."invoice_lines_guard"();
--> statement-breakpoint

-- Bills, the same on the payable side: an approved bill changes only by payments and voiding.
CREATE FUNCTION "finance"."bills_guard"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF OLD.status <> 'draft' THEN
      RAISE EXCEPTION USING ERRCODE = 'check_violation', CONSTRAINT = 'bills_approved',
        MESSAGE = 'An approved bill cannot be changed or deleted; void it.';
    END IF;
    RETURN OLD;
  END IF;
  IF OLD.status = 'draft' THEN
    RETURN NEW;
  END IF;
  IF (NEW.number, NEW.vendor_id, NEW.vendor_reference, NEW.bill_date, NEW.due_date, NEW.currency, NEW.rate,
      NEW.gross, NEW.discount, NEW.net, NEW.tax, NEW.withholding, NEW.total, NEW.memo, NEW.journal_entry_id,
      NEW.approved_by, NEW.approved_at, NEW.order_id, NEW.order_number, NEW.created_by)
     IS DISTINCT FROM
     (OLD.number, OLD.vendor_id, OLD.vendor_reference, OLD.bill_date, OLD.due_date, OLD.currency, OLD.rate,
      OLD.gross, OLD.discount, OLD.net, OLD.tax, OLD.withholding, OLD.total, OLD.memo, OLD.journal_entry_id,
      OLD.approved_by, OLD.approved_at, OLD.order_id, OLD.order_number, OLD.created_by)
     OR OLD.status = 'void' OR NEW.status = 'draft' THEN
    RAISE EXCEPTION USING ERRCODE = 'check_violation', CONSTRAINT = 'bills_approved',
      MESSAGE = 'An approved bill cannot be changed or deleted; void it.';
  END IF;
  IF NEW.status <> 'void' THEN
    NEW.status := CASE
      WHEN NEW.total - NEW.credited_amount - NEW.paid_amount = 0 AND NEW.total > 0 THEN 'paid'
      WHEN NEW.paid_amount > 0 THEN 'partially_paid'
      ELSE 'approved' END;
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER "bills_guard" BEFORE UPDATE OR DELETE ON "finance"."bills"
  FOR EACH ROW EXECUTE FUNCTION "finance"."bills_guard"();
--> statement-breakpoint

CREATE FUNCTION "finance"."bill_lines_guard"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  bill_id uuid := CASE WHEN TG_OP = 'DELETE' THEN OLD.bill_id ELSE NEW.bill_id END;
BEGIN
  IF EXISTS (SELECT 1 FROM finance.bills b WHERE b.id = bill_id AND b.status <> 'draft') THEN
    RAISE EXCEPTION USING ERRCODE = 'check_violation', CONSTRAINT = 'bill_lines_approved',
      MESSAGE = 'The lines of an approved bill cannot be changed.';
  END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END $$;
--> statement-breakpoint
CREATE TRIGGER "bill_lines_guard" BEFORE INSERT OR UPDATE OR DELETE ON "finance"."bill_lines"
  FOR EACH ROW EXECUTE FUNCTION "finance"."bill_lines_guard"();
--> statement-breakpoint

-- A credit note and its lines are posted when made and never change.
CREATE FUNCTION "finance"."credit_notes_guard"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION USING ERRCODE = 'check_violation', CONSTRAINT = 'credit_notes_fixed',
    MESSAGE = 'A credit note cannot be changed or deleted.';
END $$;
--> statement-breakpoint
CREATE TRIGGER "credit_notes_guard" BEFORE UPDATE OR DELETE ON "finance"."credit_notes"
  FOR EACH ROW EXECUTE FUNCTION "finance"."credit_notes_guard"();
--> statement-breakpoint
CREATE TRIGGER "credit_note_lines_guard" BEFORE UPDATE OR DELETE ON "finance"."credit_note_lines"
  FOR EACH ROW EXECUTE FUNCTION "finance"."credit_notes_guard"();
--> statement-breakpoint

-- What a customer withholds from an invoice is the company's to claim: an asset. Charts installed
-- before this migration get the account here; new charts have it from the standard chart.
INSERT INTO "finance"."accounts" (code, name, type, parent_id, role)
SELECT '1170', 'Withholding tax receivable', 'asset', p.id, 'withholding_receivable'
  FROM "finance"."accounts" p
 WHERE p.code = '1100' AND p.is_group
   AND NOT EXISTS (SELECT 1 FROM "finance"."accounts" WHERE role = 'withholding_receivable' OR code = '1170');
--> statement-breakpoint

-- Published for reporting: what is still owed, document by document, with days past due as of
-- today (overdue is derived, never stored), and monthly totals of issued documents.
CREATE VIEW "finance"."open_receivables" AS
SELECT i.id AS invoice_id, i.number, i.customer_id, c.name AS customer_name, i.issue_date, i.due_date,
       i.currency, i.rate, i.total, i.amount_due, i.status,
       greatest(current_date - i.due_date, 0) AS days_overdue
  FROM finance.invoices i JOIN finance.customers c ON c.id = i.customer_id
 WHERE i.status IN ('issued', 'partially_paid') AND i.amount_due > 0;
--> statement-breakpoint
CREATE VIEW "finance"."open_payables" AS
SELECT b.id AS bill_id, b.number, b.vendor_id, v.name AS vendor_name, b.vendor_reference, b.bill_date, b.due_date,
       b.currency, b.rate, b.total, b.amount_due, b.status,
       greatest(current_date - b.due_date, 0) AS days_overdue
  FROM finance.bills b JOIN finance.vendors v ON v.id = b.vendor_id
 WHERE b.status IN ('approved', 'partially_paid') AND b.amount_due > 0;
--> statement-breakpoint
CREATE VIEW "finance"."invoice_totals_monthly" AS
SELECT to_char(issue_date, 'YYYY-MM') AS month, currency, count(*)::int AS documents,
       sum(net)::bigint AS net, sum(tax)::bigint AS tax, sum(withholding)::bigint AS withholding,
       sum(total)::bigint AS total, sum(amount_due)::bigint AS amount_due
  FROM finance.invoices
 WHERE status NOT IN ('draft', 'void')
 GROUP BY 1, 2;
--> statement-breakpoint
CREATE VIEW "finance"."bill_totals_monthly" AS
SELECT to_char(bill_date, 'YYYY-MM') AS month, currency, count(*)::int AS documents,
       sum(net)::bigint AS net, sum(tax)::bigint AS tax, sum(withholding)::bigint AS withholding,
       sum(total)::bigint AS total, sum(amount_due)::bigint AS amount_due
  FROM finance.bills
 WHERE status NOT IN ('draft', 'void')
 GROUP BY 1, 2;
--> statement-breakpoint
-- The company's one supplier record, as purchasing reads it.
CREATE VIEW "finance"."vendor_directory" AS
SELECT id, name, tax_number, contact_name, email, phone, payment_terms_days, currency, active
  FROM finance.vendors;
