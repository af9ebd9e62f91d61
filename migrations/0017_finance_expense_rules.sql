-- Expense claims' and budgets' rules, held by the database (raised as check violations naming the
-- rule; packages/finance/src/constraints.ts maps them to the client's field and status).

-- A claim's status only moves forward: draft → submitted → approved | rejected, approved → reimbursed.
CREATE FUNCTION "finance"."expense_claims_guard"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF OLD.status <> 'draft' THEN
      RAISE EXCEPTION USING ERRCODE = 'check_violation', CONSTRAINT = 'expense_claims_not_draft',
        MESSAGE = 'Only a draft claim can be deleted.';
    END IF;
    RETURN OLD;
  END IF;
  IF TG_OP = 'INSERT' THEN
    IF NEW.status <> 'draft' THEN
      RAISE EXCEPTION USING ERRCODE = 'check_violation', CONSTRAINT = 'expense_claims_transition',
        MESSAGE = 'A claim starts as a draft.';
    END IF;
    RETURN NEW;
  END IF;
  IF NEW.status IS DISTINCT FROM OLD.status AND NOT (
       (OLD.status = 'draft' AND NEW.status = 'submitted')
    OR (OLD.status = 'submitted' AND NEW.status IN ('approved', 'rejected'))
    OR (OLD.status = 'approved' AND NEW.status = 'reimbursed')) THEN
    RAISE EXCEPTION USING ERRCODE = 'check_violation', CONSTRAINT = 'expense_claims_transition',
      MESSAGE = format('A claim cannot go from %s to %s.', OLD.status, NEW.status);
  END IF;
  IF OLD.status <> 'draft' AND (NEW.employee_id <> OLD.employee_id OR NEW.currency <> OLD.currency
      OR NEW.total <> OLD.total) THEN
    RAISE EXCEPTION USING ERRCODE = 'check_violation', CONSTRAINT = 'expense_claims_not_draft',
      MESSAGE = 'A submitted claim cannot change.';
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER "expense_claims_guard" BEFORE INSERT OR UPDATE OR DELETE ON "finance"."expense_claims"
  FOR EACH ROW EXECUTE FUNCTION "finance"."expense_claims_guard"();
--> statement-breakpoint

-- Lines change only while their claim is a draft (the claim row is locked first), and the claim's
-- total is always the sum of its lines.
CREATE FUNCTION "finance"."expense_claim_lines_guard"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  claim uuid := coalesce(NEW.claim_id, OLD.claim_id);
  state finance.expense_claim_status;
BEGIN
  SELECT status INTO state FROM finance.expense_claims WHERE id = claim FOR UPDATE;
  IF FOUND AND state <> 'draft' THEN
    RAISE EXCEPTION USING ERRCODE = 'check_violation', CONSTRAINT = 'expense_claims_not_draft',
      MESSAGE = 'A submitted claim cannot change.';
  END IF;
  IF TG_OP = 'UPDATE' AND NEW.claim_id <> OLD.claim_id THEN
    RAISE EXCEPTION USING ERRCODE = 'check_violation', CONSTRAINT = 'expense_claims_not_draft',
      MESSAGE = 'A line stays on its claim.';
  END IF;
  IF FOUND THEN
    UPDATE finance.expense_claims
      SET total = (SELECT coalesce(sum(amount), 0) FROM finance.expense_claim_lines WHERE claim_id = claim)
      WHERE id = claim;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "expense_claim_lines_guard" AFTER INSERT OR UPDATE OR DELETE ON "finance"."expense_claim_lines"
  FOR EACH ROW EXECUTE FUNCTION "finance"."expense_claim_lines_guard"();
--> statement-breakpoint

-- Published for purchasing: what is left of each budget per month, after the posted actuals (the
-- ledger's lines of the account and the department's cost centre) and the open commitments.
CREATE VIEW "finance"."budget_remaining" AS
SELECT b.id AS budget_id, b.fiscal_year_id, b.department_id, b.department_name, b.cost_centre, b.account_id,
       a.code AS account_code, b.mode, m.month, m.amount AS budget,
       coalesce(act.amount, 0)::bigint AS actual,
       coalesce(com.amount, 0)::bigint AS committed,
       (m.amount - coalesce(act.amount, 0) - coalesce(com.amount, 0))::bigint AS remaining
FROM finance.budgets b
JOIN finance.budget_months m ON m.budget_id = b.id
JOIN finance.accounts a ON a.id = b.account_id
LEFT JOIN LATERAL (
  SELECT sum(l.debit - l.credit) AS amount FROM finance.journal_lines l
  WHERE l.posted AND l.account_id = b.account_id AND l.cost_centre = b.cost_centre
    AND l.date BETWEEN m.start_date AND m.end_date
) act ON true
LEFT JOIN LATERAL (
  SELECT sum(c.amount) AS amount FROM finance.budget_consumptions c
  WHERE c.budget_id = b.id AND c.month = m.month AND c.kind = 'commitment' AND c.open
) com ON true;
