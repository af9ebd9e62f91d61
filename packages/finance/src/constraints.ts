import type { ConstraintFields } from '@konecta/core';
import {
  bankConstraints,
  bankRules,
  budgetConstraints,
  chartConstraints,
  chartRules,
  creditNoteConstraints,
  creditNoteRules,
  expenseConstraints,
  expenseRules,
  journalConstraints,
  journalRules,
  numberingConstraints,
  paymentConstraints,
  paymentRules,
  purchaseConstraints,
  purchaseRules,
  salesConstraints,
  salesRules,
} from './refusals';

/**
 * The finance schema's check and unique constraints as a client meets them (a test holds every one
 * of the schema to an entry here). Declared by area in `refusals.ts`.
 */
export const financeConstraints: ConstraintFields = {
  ...chartConstraints,
  ...journalConstraints,
  ...salesConstraints,
  ...purchaseConstraints,
  ...creditNoteConstraints,
  ...numberingConstraints,
  ...paymentConstraints,
  ...bankConstraints,
  ...expenseConstraints,
  ...budgetConstraints,
};

/**
 * The rules the ledger's triggers hold (migrations/0015_finance_ledger_rules.sql), raised as check
 * violations naming the rule: what the client is told, and which field is at fault.
 */
export const financeRules: ConstraintFields = {
  ...chartRules,
  ...journalRules,
  ...salesRules,
  ...purchaseRules,
  ...creditNoteRules,
  ...paymentRules,
  ...bankRules,
  ...expenseRules,
};
