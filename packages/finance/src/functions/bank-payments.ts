import type { ServiceDeps } from '@konecta/core';
import { lambdaHandler } from '@konecta/core/lambda';
import { bankPaymentRoutes } from '../bank/payment-routes';
import { bankConstraints, bankRules, paymentRefusals } from '../refusals';
import { financeApp } from '../service-app';

/**
 * Deployed on Lambda, the function answering the catalogue's `finance.functions['bank-payments']`
 * path: a payment made from a statement line, which records and allocates the payment (the
 * payments' refusals) and matches the line (the bank's).
 */
export const createApp = (deps: ServiceDeps) =>
  financeApp(deps, [bankPaymentRoutes], { ...paymentRefusals(), ...bankConstraints, ...bankRules });
export const handler = lambdaHandler({ name: 'finance', createApp });
