import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, apiToken, launch, openPage, shot, signIn } from './support';

/**
 * Payments in the browser: a finance clerk opens an issued invoice, follows "Record payment" to the
 * payment form prefilled with the invoice's amount due, allocates part of a larger payment to it
 * (the rest shown as unapplied credit), and the invoice then shows partially paid with the right
 * amount due.
 */

const STAFF = 'finance@konecta.local';
const SLOW = { timeout: 20_000, interval: 100 };
const RUN = Date.now().toString(36);

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const text = async (page: Page, testId: string) =>
  ((await page.getByTestId(testId).first().textContent()) ?? '').trim();
const post = <T>(token: string, path: string, body?: unknown) =>
  api<T>(token, path, { method: 'POST', ...(body === undefined ? {} : { body: JSON.stringify(body) }) });

describe('payments: a finance clerk', () => {
  it('records a partial payment from an invoice; the invoice shows partially paid and what is still due', async () => {
    const token = await apiToken(STAFF);
    const customer = await post<{ id: string }>(token, '/api/finance/customers', { name: `Nile Payments ${RUN}` });
    const accounts = await api<{ items: { id: string; code: string }[] }>(token, '/api/finance/accounts?q=4200');
    const income = accounts.items.find((a) => a.code === '4200');
    if (!income) throw new Error('no account 4200');
    const draft = await post<{ id: string }>(token, '/api/finance/invoices', {
      customerId: customer.id,
      lines: [{ description: 'Consulting', quantity: '1', unitPrice: '1000.00', accountId: income.id }],
    });
    await post(token, `/api/finance/invoices/${draft.id}/issue`);

    const { page, context, errors } = await openPage(browser);
    await signIn(page, STAFF);
    await page.goto(`/finance/invoices/${draft.id}`);
    await expect.poll(() => text(page, 'document-status'), SLOW).toBe('Issued');
    await page.getByTestId('record-payment').click();

    // Prefilled: the customer, the invoice's amount due in the grid and as the amount.
    await expect.poll(() => page.getByTestId('allocation-amount-0').inputValue(), SLOW).toBe('1000.00');
    expect(await page.getByTestId('payment-amount').inputValue()).toBe('1000.00');
    expect(await text(page, 'allocation-due-0')).toBe('1,000.00');
    expect(await page.getByTestId('payment-account').inputValue()).not.toBe('');

    await page.getByTestId('payment-amount').fill('500.00');
    await page.getByTestId('allocation-amount-0').fill('400.00');
    await page.getByTestId('payment-reference').fill(`TRX-${RUN}`);
    await expect.poll(() => text(page, 'payment-unapplied'), SLOW).toBe('100.00');
    expect(await text(page, 'payment-allocated')).toBe('400.00');
    await shot(page, 'payments-form');
    await page.getByTestId('save-payment').click();

    await expect
      .poll(
        () =>
          page
            .getByTestId('payment-row')
            .filter({ hasText: `TRX-${RUN}` })
            .count(),
        SLOW,
      )
      .toBe(1);
    // The grid now shows what the invoice still owes.
    await expect.poll(() => text(page, 'allocation-due-0'), SLOW).toBe('600.00');

    await page.goto(`/finance/invoices/${draft.id}`);
    await expect.poll(() => text(page, 'document-status'), SLOW).toBe('Partially paid');
    expect(await text(page, 'amount-due')).toBe('600.00');
    await shot(page, 'payments-invoice-partially-paid');
    expect(errors).toEqual([]);
    await context.close();
  });
});
