import type { ServiceDeps } from '@konecta/core';
import { lambdaHandler } from '@konecta/core/lambda';
import { billCreditNoteRoutes } from '../bills/credit-note-routes';
import { invoiceCreditNoteRoutes } from '../invoices/credit-note-routes';
import {
  creditNoteConstraints,
  creditNoteRules,
  journalConstraints,
  journalRules,
  numberingConstraints,
  purchaseConstraints,
  purchaseRules,
  salesConstraints,
  salesRules,
} from '../refusals';
import { financeApp } from '../service-app';

/**
 * Deployed on Lambda, the function answering the catalogue's `finance.functions['credit-notes']`
 * paths: credit notes against invoices and vendor credit notes against bills (they credit the
 * document, so its side's refusals too).
 */
export const createApp = (deps: ServiceDeps) =>
  financeApp(deps, [invoiceCreditNoteRoutes, billCreditNoteRoutes], {
    ...journalConstraints,
    ...journalRules,
    ...salesConstraints,
    ...salesRules,
    ...purchaseConstraints,
    ...purchaseRules,
    ...creditNoteConstraints,
    ...creditNoteRules,
    ...numberingConstraints,
  });
export const handler = lambdaHandler({ name: 'finance', createApp });
