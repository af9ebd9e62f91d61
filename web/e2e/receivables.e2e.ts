import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, apiToken, launch, openPage, shot, signIn } from './support';

/**
 * Receivables in the browser: a finance clerk creates a customer, drafts an invoice whose totals
 * follow the lines as they are typed (worked out by the server, per line, half away from zero),
 * issues it and gets its number, downloads its PDF, and credits it by lines and by an amount; and
 * records a vendor's credit note by amount against an approved bill.
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

describe('receivables: a finance clerk', () => {
  it('creates a customer, drafts and issues an invoice with live totals, prints it and credits part of it', async () => {
    const { page, context, errors } = await openPage(browser);
    await signIn(page, STAFF);
    const menu = page.getByRole('navigation', { name: 'Main menu' });
    await menu.getByRole('link', { name: 'Customers' }).click();

    const name = `Sphinx Trading ${RUN}`;
    await page.getByTestId('new-party').click();
    await page.getByTestId('party-name').fill(name);
    await page.getByTestId('party-tax').fill('100-200-300');
    await page.getByTestId('party-email').fill(`ap-${RUN}@sphinx.example`);
    await page.getByTestId('party-terms').fill('30');
    await page.getByTestId('save-party').click();
    await page.getByTestId('party-search').fill(name);
    await expect.poll(() => page.getByTestId('party-row').filter({ hasText: name }).count(), SLOW).toBe(1);

    await menu.getByRole('link', { name: 'Invoices' }).click();
    await page.getByTestId('new-document').click();
    await expect
      .poll(() => page.locator('[data-testid=document-party] option', { hasText: name }).count(), SLOW)
      .toBe(1);
    const value = await page.locator('[data-testid=document-party] option', { hasText: name }).getAttribute('value');
    await page.getByTestId('document-party').selectOption(value as string);
    await page.getByTestId('line-description-0').fill('Consulting hours');
    await page.getByTestId('line-quantity-0').fill('3');
    await page.getByTestId('line-price-0').fill('333.33');
    await page.getByTestId('line-discount-0').fill('10');
    await page.getByTestId('line-tax-0').fill('14');
    await page.getByTestId('line-withholding-0').fill('1');
    await page.getByTestId('line-account-0').selectOption({ label: '4200 Services revenue' });
    // Live totals, as the server will store them: 999.99 − 100.00 = 899.99 net, 126.00 tax, 9.00 withheld.
    await expect.poll(() => text(page, 'total-net'), SLOW).toBe('899.99');
    expect(await text(page, 'total-tax')).toBe('126.00');
    expect(await text(page, 'total-withholding')).toBe('9.00');
    expect(await text(page, 'total-total')).toBe('1,016.99 EGP');
    // A second line moves them.
    await page.getByTestId('add-line').click();
    await page.getByTestId('line-description-1').fill('Travel');
    await page.getByTestId('line-quantity-1').fill('1');
    await page.getByTestId('line-price-1').fill('100');
    await page.getByTestId('line-tax-1').fill('0');
    await page.getByTestId('line-account-1').selectOption({ label: '4200 Services revenue' });
    await expect.poll(() => text(page, 'total-total'), SLOW).toBe('1,116.99 EGP');
    await shot(page, 'receivables-invoice-form');
    await page.getByTestId('save-document').click();

    await expect.poll(() => text(page, 'document-status'), SLOW).toBe('Draft');
    expect(await text(page, 'total-total')).toBe('1,116.99 EGP');
    await page.getByTestId('post-document').click();
    await expect.poll(() => text(page, 'document-status'), SLOW).toBe('Issued');
    expect(await text(page, 'document-number')).toMatch(/^INV-\d{4}-\d{5}$/);
    expect(await text(page, 'amount-due')).toBe('1,116.99');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('document-pdf').click()]);
    expect(download.suggestedFilename()).toMatch(/^INV-\d{4}-\d{5}\.pdf$/);
    const pdf = await readFile((await download.path()) as string);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');

    await page.getByTestId('open-credit-note').click();
    await page.getByTestId('credit-reason').fill('Travel not incurred');
    await page.getByTestId('credit-qty-1').fill('1');
    await page.getByTestId('save-credit-note').click();
    await expect
      .poll(() => text(page, 'document-notice'), SLOW)
      .toMatch(/^Credit note CN-\d{4}-\d{5} issued for 100\.00 EGP\.$/);
    await expect.poll(() => text(page, 'amount-due'), SLOW).toBe('1,016.99');
    expect(await page.getByTestId('credit-notes').textContent()).toContain('Travel not incurred');
    // A price reduction of 100.00 net: tax (126.00 of 999.99 net) and withholding (9.00) follow in proportion.
    await page.getByTestId('open-credit-note').click();
    await page.getByTestId('credit-reason').fill('Agreed discount');
    await page.getByTestId('credit-amount').fill('100.00');
    await page.getByTestId('save-credit-note').click();
    await expect
      .poll(() => text(page, 'document-notice'), SLOW)
      .toMatch(/^Credit note CN-\d{4}-\d{5} issued for 111\.70 EGP\.$/);
    await expect.poll(() => text(page, 'amount-due'), SLOW).toBe('905.29');
    await shot(page, 'receivables-invoice-credited');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('records a vendor credit note by amount against an approved bill', async () => {
    const token = await apiToken(STAFF);
    const post = <T>(path: string, body?: unknown) =>
      api<T>(token, path, { method: 'POST', ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    const vendor = await post<{ id: string }>('/api/finance/vendors', { name: `Delta Supplies ${RUN}` });
    const accounts = await api<{ items: { id: string; code: string }[] }>(token, '/api/finance/accounts?q=5500');
    const expense = accounts.items.find((a) => a.code === '5500');
    if (!expense) throw new Error('no account 5500');
    const draft = await post<{ id: string }>('/api/finance/bills', {
      vendorId: vendor.id,
      vendorReference: `DS-${RUN}`,
      lines: [{ description: 'Toner', quantity: '10', unitPrice: '50.00', taxPercent: '14', accountId: expense.id }],
    });
    await post(`/api/finance/bills/${draft.id}/approve`);

    const { page, context, errors } = await openPage(browser);
    await signIn(page, STAFF);
    await page.goto(`/finance/bills/${draft.id}`);
    await expect.poll(() => text(page, 'document-status'), SLOW).toBe('Approved');
    expect(await text(page, 'amount-due')).toBe('570.00');
    await page.getByTestId('open-credit-note').click();
    await page.getByTestId('credit-reason').fill('Damaged cartridges');
    await page.getByTestId('credit-amount').fill('100.00');
    await page.getByTestId('save-credit-note').click();
    await expect
      .poll(() => text(page, 'document-notice'), SLOW)
      .toMatch(/^Credit note VCN-\d{4}-\d{5} issued for 114\.00 EGP\.$/);
    await expect.poll(() => text(page, 'amount-due'), SLOW).toBe('456.00');
    expect(await page.getByTestId('credit-notes').textContent()).toContain('Damaged cartridges');
    await shot(page, 'payables-bill-credited');
    expect(errors).toEqual([]);
    await context.close();
  });
});
