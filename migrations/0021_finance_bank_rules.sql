-- Bank reconciliation's rules, held by the database (raised as check violations naming the rule,
-- mapped to 422/409 by packages/finance/src/constraints.ts).

-- A bank account's ledger account is an active asset account that is not a group.
CREATE FUNCTION "finance"."bank_accounts_guard"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  a record;
BEGIN
  SELECT type, is_group, active INTO a FROM finance.accounts WHERE id = NEW.account_id;
  IF NOT FOUND OR a.type <> 'asset' OR a.is_group OR NOT a.active THEN
    RAISE EXCEPTION USING ERRCODE = 'check_violation', CONSTRAINT = 'bank_accounts_ledger_account',
      MESSAGE = 'The ledger account must be an active asset account that is not a group.';
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER "bank_accounts_guard" BEFORE INSERT OR UPDATE OF account_id ON "finance"."bank_accounts"
  FOR EACH ROW EXECUTE FUNCTION "finance"."bank_accounts_guard"();
--> statement-breakpoint

-- A statement line is matched only to a posted journal line on its bank's ledger account, of the
-- same amount and direction (in the line's transaction currency), and its amount and date do not
-- change while matched.
CREATE FUNCTION "finance"."bank_statement_lines_guard"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  gl record;
  bank record;
BEGIN
  IF NEW.journal_line_id IS NULL THEN
    RETURN NEW;
  END IF;
  IF TG_OP = 'UPDATE' AND OLD.journal_line_id IS NOT NULL
     AND (NEW.amount, NEW.date) IS DISTINCT FROM (OLD.amount, OLD.date) THEN
    RAISE EXCEPTION USING ERRCODE = 'check_violation', CONSTRAINT = 'bank_statement_lines_matched_fixed',
      MESSAGE = 'A matched statement line cannot change; undo the match first.';
  END IF;
  SELECT account_id, currency INTO bank FROM finance.bank_accounts WHERE id = NEW.bank_account_id;
  SELECT account_id, posted, currency, txn_debit - txn_credit AS amount INTO gl
    FROM finance.journal_lines WHERE id = NEW.journal_line_id;
  IF NOT FOUND OR NOT gl.posted OR gl.account_id IS DISTINCT FROM bank.account_id
     OR gl.currency IS DISTINCT FROM bank.currency OR gl.amount <> NEW.amount THEN
    RAISE EXCEPTION USING ERRCODE = 'check_violation', CONSTRAINT = 'bank_statement_lines_match',
      MESSAGE = 'A statement line matches a posted journal line of its bank''s ledger account, of the same amount and direction.';
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER "bank_statement_lines_guard" BEFORE INSERT OR UPDATE ON "finance"."bank_statement_lines"
  FOR EACH ROW EXECUTE FUNCTION "finance"."bank_statement_lines_guard"();
