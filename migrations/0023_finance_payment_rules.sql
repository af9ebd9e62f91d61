-- Payment rules, held by the database so that no code path (nor raw SQL, nor two clerks at once)
-- breaks them. Refusals are check violations naming a rule, mapped in packages/finance/src/constraints.ts.

-- A payment goes through an active asset account that is not a group, and once recorded only its
-- allocated amount (kept by the allocations' trigger), its status and memo change. Never deleted.
CREATE FUNCTION "finance"."payments_guard"() RETURNS trigger LANGUAGE plpgsql AS $$
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
    RETURN NEW;
  END IF;
  IF (NEW.direction, NEW.customer_id, NEW.vendor_id, NEW.date, NEW.account_id, NEW.currency, NEW.rate, NEW.amount,
      NEW.reference, NEW.journal_entry_id, NEW.created_by)
     IS DISTINCT FROM
     (OLD.direction, OLD.customer_id, OLD.vendor_id, OLD.date, OLD.account_id, OLD.currency, OLD.rate, OLD.amount,
      OLD.reference, OLD.journal_entry_id, OLD.created_by) OR OLD.status = 'void' THEN
    RAISE EXCEPTION USING ERRCODE = 'check_violation', CONSTRAINT = 'payments_fixed',
      MESSAGE = 'A recorded payment cannot be changed or deleted.';
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER "payments_guard" BEFORE INSERT OR UPDATE OR DELETE ON "finance"."payments"
  FOR EACH ROW EXECUTE FUNCTION "finance"."payments_guard"();
--> statement-breakpoint

-- An allocation moves the payment's allocated amount and the document's paid amount in the same
-- statement: the payment row first, then the document's (a fixed order). Each UPDATE takes the row's
-- lock and re-reads the committed amounts, so the CHECKs (allocated ≤ amount; credited + paid ≤
-- total) refuse whatever would go over, however many transactions allocate at once. The document
-- must be open, of the payment's party, direction and currency. Allocations are never changed:
-- deleting one gives the amounts back (the document's status derives back from them).
CREATE FUNCTION "finance"."payment_allocations_apply"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  p finance.payments%ROWTYPE;
BEGIN
  IF TG_OP = 'UPDATE' THEN
    RAISE EXCEPTION USING ERRCODE = 'check_violation', CONSTRAINT = 'payment_allocations_fixed',
      MESSAGE = 'An allocation cannot be changed; delete it and allocate again.';
  END IF;
  IF TG_OP = 'DELETE' THEN
    UPDATE finance.payments SET allocated_amount = allocated_amount - OLD.amount, updated_at = now()
     WHERE id = OLD.payment_id;
    IF OLD.invoice_id IS NOT NULL THEN
      UPDATE finance.invoices SET paid_amount = paid_amount - OLD.amount, updated_at = now()
       WHERE id = OLD.invoice_id;
    ELSE
      UPDATE finance.bills SET paid_amount = paid_amount - OLD.amount, updated_at = now()
       WHERE id = OLD.bill_id;
    END IF;
    RETURN OLD;
  END IF;
  UPDATE finance.payments SET allocated_amount = allocated_amount + NEW.amount, updated_at = now()
   WHERE id = NEW.payment_id AND status = 'posted'
  RETURNING * INTO p;
  IF NOT FOUND THEN
    RAISE EXCEPTION USING ERRCODE = 'check_violation', CONSTRAINT = 'payment_allocations_payment',
      MESSAGE = 'Only a posted payment can be allocated.';
  END IF;
  IF NEW.invoice_id IS NOT NULL THEN
    UPDATE finance.invoices SET paid_amount = paid_amount + NEW.amount, updated_at = now()
     WHERE id = NEW.invoice_id AND status IN ('issued', 'partially_paid')
       AND p.direction = 'received' AND customer_id = p.customer_id AND currency = p.currency;
  ELSE
    UPDATE finance.bills SET paid_amount = paid_amount + NEW.amount, updated_at = now()
     WHERE id = NEW.bill_id AND status IN ('approved', 'partially_paid')
       AND p.direction = 'made' AND vendor_id = p.vendor_id AND currency = p.currency;
  END IF;
  IF NOT FOUND THEN
    RAISE EXCEPTION USING ERRCODE = 'check_violation', CONSTRAINT = 'payment_allocations_document',
      MESSAGE = 'Allocate to an open invoice (payment received) or bill (payment made) of the payment''s party and currency.';
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER "payment_allocations_apply" BEFORE INSERT OR UPDATE OR DELETE ON "finance"."payment_allocations"
  FOR EACH ROW EXECUTE FUNCTION "finance"."payment_allocations_apply"();
