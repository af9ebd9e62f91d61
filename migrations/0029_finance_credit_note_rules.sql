-- Credit notes on both sides, by lines or by amount (0028). The lines of an issued invoice or an
-- approved bill move only by what credit notes took back; a bill credited in full without payment
-- is 'credited', as an invoice is.

CREATE OR REPLACE FUNCTION "finance"."invoice_lines_guard"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  invoice_id uuid := CASE WHEN TG_OP = 'DELETE' THEN OLD.invoice_id ELSE NEW.invoice_id END;
BEGIN
  IF EXISTS (SELECT 1 FROM finance.invoices i WHERE i.id = invoice_id AND i.status <> 'draft')
     AND NOT (TG_OP = 'UPDATE'
       AND (to_jsonb(NEW) - 'credited_quantity' - 'credited_net') = (to_jsonb(OLD) - 'credited_quantity' - 'credited_net')) THEN
    RAISE EXCEPTION USING ERRCODE = 'check_violation', CONSTRAINT = 'invoice_lines_issued',
      MESSAGE = 'The lines of an issued invoice cannot be changed.';
  END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION "finance"."bill_lines_guard"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  bill_id uuid := CASE WHEN TG_OP = 'DELETE' THEN OLD.bill_id ELSE NEW.bill_id END;
BEGIN
  IF EXISTS (SELECT 1 FROM finance.bills b WHERE b.id = bill_id AND b.status <> 'draft')
     AND NOT (TG_OP = 'UPDATE'
       -- has_difference is generated: not yet worked out in a BEFORE trigger's NEW.
       AND (to_jsonb(NEW) - 'credited_quantity' - 'credited_net' - 'has_difference')
         = (to_jsonb(OLD) - 'credited_quantity' - 'credited_net' - 'has_difference')) THEN
    RAISE EXCEPTION USING ERRCODE = 'check_violation', CONSTRAINT = 'bill_lines_approved',
      MESSAGE = 'The lines of an approved bill cannot be changed.';
  END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION "finance"."bills_guard"() RETURNS trigger LANGUAGE plpgsql AS $$
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
      WHEN NEW.total - NEW.credited_amount - NEW.paid_amount = 0 AND NEW.paid_amount > 0 THEN 'paid'
      WHEN NEW.total - NEW.credited_amount - NEW.paid_amount = 0 THEN 'credited'
      WHEN NEW.paid_amount > 0 THEN 'partially_paid'
      ELSE 'approved' END;
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
-- Credit notes made before 0028 were by lines of invoices: what they took back, on the lines and
-- the invoices, from their own rows.
UPDATE "finance"."invoice_lines" l SET credited_net = c.net
  FROM (SELECT invoice_line_id, sum(net) AS net FROM finance.credit_note_lines GROUP BY 1) c
 WHERE c.invoice_line_id = l.id;
--> statement-breakpoint
UPDATE "finance"."invoices" i
   SET credited_net = c.net, credited_tax = c.tax, credited_withholding = c.withholding
  FROM (SELECT invoice_id, sum(net) AS net, sum(tax) AS tax, sum(withholding) AS withholding
          FROM finance.credit_notes WHERE invoice_id IS NOT NULL GROUP BY 1) c
 WHERE c.invoice_id = i.id;
