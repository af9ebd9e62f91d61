import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, apiToken, launch, openPage, shot, signIn } from './support';

/**
 * Payments, ageing and reconciliation in the browser, as a finance clerk (finance@) on the demo
 * company: a partial payment moves the customer's line of the receivables ageing; an unmatched
 * bank statement line becomes a payment of the chosen customer, allocated to their invoice and
 * matched; a payment is voided with a reason from its page and its invoice reopens.
 */

const STAFF = 'finance@konecta.local';
const SLOW = { timeout: 20_000, interval: 100 };
const RUN = Date.now().toString(36);

let browser: Browser;
let token: string;
let today: string;
let income: string;
beforeAll(async () => {
  browser = await launch();
  token = await apiToken(STAFF);
  today = (await api<{ today: string }>(token, '/api/hr/calendar')).today;
  const accounts = await api<{ items: { id: string; code: string }[] }>(token, '/api/finance/accounts?q=4200');
  const found = accounts.items.find((a) => a.code === '4200');
  if (!found) throw new Error('no account 4200');
  income = found.id;
});
afterAll(async () => {
  await browser?.close();
});

const text = async (page: Page, testId: string) =>
  ((await page.getByTestId(testId).first().textContent()) ?? '').trim();
const post = <T>(path: string, body?: unknown) =>
  api<T>(token, path, { method: 'POST', ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
/** A customer with one issued invoice of `price`. */
async function customerWithInvoice(name: string, price: string) {
  const customer = await post<{ id: string }>('/api/finance/customers', { name });
  const draft = await post<{ id: string }>('/api/finance/invoices', {
    customerId: customer.id,
    lines: [{ description: 'Consulting', quantity: '1', unitPrice: price, accountId: income }],
  });
  await post(`/api/finance/invoices/${draft.id}/issue`);
  return { customerId: customer.id, invoiceId: draft.id };
}
/** The customer's total on the ageing page (receivables, today), or '' when they owe nothing. */
const ageingTotalOf = async (page: Page, name: string) => {
  const row = page.getByTestId('ageing-row').filter({ hasText: name });
  if ((await row.count()) === 0) return '';
  return ((await row.locator('td').last().textContent()) ?? '').trim();
};

describe('payments, ageing and reconciliation', () => {
  it('a partial payment on an invoice moves the customer’s receivables ageing', async () => {
    const name = `Ageing Nile ${RUN}`;
    const { invoiceId } = await customerWithInvoice(name, '1000.00');
    const { page, context, errors } = await openPage(browser);
    await signIn(page, STAFF);
    await page.goto('/finance/ageing');
    await expect.poll(() => ageingTotalOf(page, name), SLOW).toBe('1,000.00');

    await page.goto(`/finance/invoices/${invoiceId}`);
    await page.getByTestId('record-payment').click();
    await expect.poll(() => page.getByTestId('allocation-amount-0').inputValue(), SLOW).toBe('1000.00');
    await page.getByTestId('payment-amount').fill('400.00');
    await page.getByTestId('allocation-amount-0').fill('400.00');
    await page.getByTestId('payment-reference').fill(`AGE-${RUN}`);
    await page.getByTestId('save-payment').click();
    await expect.poll(() => text(page, 'allocation-due-0'), SLOW).toBe('600.00');

    await page.goto('/finance/ageing');
    await expect.poll(() => ageingTotalOf(page, name), SLOW).toBe('600.00');
    await shot(page, 'recon-ageing-after-payment');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('creates a payment from an unmatched bank statement line, allocated to the customer’s invoice, and matches it', async () => {
    const name = `Bank Delta ${RUN}`;
    const { invoiceId } = await customerWithInvoice(name, '750.00');
    const banks = await api<{ items: { id: string }[] }>(token, '/api/finance/bank-accounts');
    const bankId = banks.items[0]?.id;
    if (!bankId) throw new Error('no bank account in the demo');
    const [y, m, d] = today.split('-');
    const statement = await post<{ id: string }>('/api/finance/bank-statements', {
      bankAccountId: bankId,
      format: 'csv',
      content: ['Date,Details,Amount', `${d}/${m}/${y},Transfer ${name},500.00`].join('\n'),
      mapping: {
        date: 'Date',
        description: 'Details',
        amount: 'Amount',
        dateFormat: 'dd/mm/yyyy',
        decimalSeparator: '.',
      },
      openingBalance: '0.00',
      closingBalance: '500.00',
    });

    const { page, context, errors } = await openPage(browser);
    await signIn(page, STAFF);
    await page.goto(`/finance/bank-statements/${statement.id}`);
    await expect.poll(() => text(page, 'matched-count'), SLOW).toBe('0 / 1');
    await page.getByTestId('statement-line').first().click();
    const panel = page.getByTestId('line-payment');
    await panel.waitFor(SLOW);
    await expect
      .poll(() => panel.getByTestId('line-payment-party').locator('option', { hasText: name }).count(), SLOW)
      .toBe(1);
    await panel.getByTestId('line-payment-party').selectOption({ label: `${name} (EGP)` });
    await panel.getByTestId('line-allocation-0').waitFor(SLOW);
    await panel.getByTestId('line-allocation-0').fill('500.00');
    await shot(page, 'recon-create-payment');
    await panel.getByTestId('create-payment').click();
    await expect.poll(() => text(page, 'matched-count'), SLOW).toBe('1 / 1');
    expect(await text(page, 'balance-reconciled')).toBe('500.00');

    await page.getByTestId('matched-payment').click();
    await expect.poll(() => text(page, 'payment-status'), SLOW).toBe('Posted');
    expect(await text(page, 'payment-amount')).toBe('500.00 EGP');
    expect(await text(page, 'payment-allocated')).toBe('500.00');
    const invoice = await api<{ status: string; amountDue: string }>(token, `/api/finance/invoices/${invoiceId}`);
    expect(invoice).toMatchObject({ status: 'partially_paid', amountDue: '250.00' });
    expect(errors).toEqual([]);
    await context.close();
  });

  it('voids a payment with a reason from its page; its invoice reopens', async () => {
    const name = `Void Giza ${RUN}`;
    const { customerId, invoiceId } = await customerWithInvoice(name, '300.00');
    const accounts = await api<{ items: { id: string; code: string }[] }>(token, '/api/finance/accounts?q=1120');
    const bank = accounts.items.find((a) => a.code === '1120');
    if (!bank) throw new Error('no account 1120');
    const payment = await post<{ id: string }>('/api/finance/payments', {
      direction: 'received',
      partyId: customerId,
      accountId: bank.id,
      amount: '300.00',
      reference: `VOID-${RUN}`,
      allocations: [{ invoiceId, amount: '300.00' }],
    });

    const { page, context, errors } = await openPage(browser);
    await signIn(page, STAFF);
    await page.goto('/finance/payments');
    await page
      .getByTestId('payment-row')
      .filter({ hasText: `VOID-${RUN}` })
      .getByTestId('payment-link')
      .click();
    await expect.poll(() => text(page, 'payment-status'), SLOW).toBe('Posted');
    expect(page.url()).toContain(`/finance/payments/${payment.id}`);
    expect(await page.getByTestId('payment-allocation').count()).toBe(1);
    expect(await page.getByTestId('void-payment').isDisabled()).toBe(true);
    await page.getByTestId('void-reason').fill('Cheque bounced');
    await page.getByTestId('void-payment').click();
    await expect.poll(() => text(page, 'payment-status'), SLOW).toBe('Void');
    expect(await text(page, 'payment-void-reason')).toContain('Cheque bounced');
    expect(await page.getByTestId('payment-allocation').count()).toBe(0);
    expect(await page.getByTestId('void-payment').count()).toBe(0);
    await shot(page, 'recon-payment-void');

    await page.goto(`/finance/invoices/${invoiceId}`);
    await expect.poll(() => text(page, 'document-status'), SLOW).toBe('Issued');
    expect(await text(page, 'amount-due')).toBe('300.00');
    expect(errors).toEqual([]);
    await context.close();
  });
});
