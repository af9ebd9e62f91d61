-- What credit notes applied to a document is kept by the database: inserting a credit note adds its
-- applied amount to its invoice's or bill's credited_amount (credit notes never change: 0019), so
-- amount_due = total - Σ applied credit notes - Σ allocations always, and an ageing as of a past
-- date is today's amount_due plus what was applied after it (reports/ageing.ts).
CREATE FUNCTION "finance"."credit_notes_apply"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.applied_amount = 0 THEN
    RETURN NEW;
  END IF;
  IF NEW.invoice_id IS NOT NULL THEN
    UPDATE finance.invoices SET credited_amount = credited_amount + NEW.applied_amount, updated_at = now()
     WHERE id = NEW.invoice_id;
  ELSIF NEW.bill_id IS NOT NULL THEN
    UPDATE finance.bills SET credited_amount = credited_amount + NEW.applied_amount, updated_at = now()
     WHERE id = NEW.bill_id;
  END IF;
  IF NOT FOUND THEN
    RAISE EXCEPTION USING ERRCODE = 'check_violation', CONSTRAINT = 'credit_notes_applied',
      MESSAGE = 'A credit note can be applied only to the invoice or bill it credits.';
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER "credit_notes_apply" AFTER INSERT ON "finance"."credit_notes"
  FOR EACH ROW EXECUTE FUNCTION "finance"."credit_notes_apply"();
