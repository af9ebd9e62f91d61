import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, apiToken, launch, openPage, shot, signIn } from './support';

/**
 * The finance dashboard and the ageing report against the demo data: the cards show the figures
 * the API gives, the ageing page switches between receivables and payables and exports its file.
 */

const MANAGER = 'finance.manager@konecta.local';
const SLOW = { timeout: 20_000, interval: 100 };

type Dashboard = { asOf: string; cash: { total: string }; receivables: { outstanding: string } };
type Ageing = { asOf: string; totals: { baseTotal: string } };

let browser: Browser;
let token = '';
beforeAll(async () => {
  browser = await launch();
  token = await apiToken(MANAGER);
});
afterAll(async () => {
  await browser?.close();
});

/** "1,250.00" → "1250.00". */
const plain = (text: string | null) => (text ?? '').replace(/,/g, '').trim();

describe('finance dashboard and ageing', () => {
  it('the dashboard is the finance landing page and shows the API’s figures', async () => {
    const expected = await api<Dashboard>(token, '/api/finance/dashboard');
    const { page, context, errors } = await openPage(browser);
    await signIn(page, MANAGER);
    await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Finance dashboard' }).click();
    await expect.poll(() => new URL(page.url()).pathname, SLOW).toBe('/finance');
    const cash = page.getByTestId('card-cash').locator('.figure');
    await expect.poll(async () => plain(await cash.textContent()), SLOW).toBe(expected.cash.total);
    expect(plain(await page.getByTestId('card-receivables').locator('.figure').textContent())).toBe(
      expected.receivables.outstanding,
    );
    expect(await page.getByTestId('ageing-bars').count()).toBe(2);
    await shot(page, 'finance-dashboard');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('the ageing page shows receivables and payables as of a day, and exports CSV', async () => {
    const receivables = await api<Ageing>(token, '/api/finance/reports/receivables-ageing');
    const payables = await api<Ageing>(token, '/api/finance/reports/payables-ageing');
    const { page, context, errors } = await openPage(browser);
    await signIn(page, MANAGER);
    await page.goto('/finance/ageing');
    await expect
      .poll(async () => plain(await page.getByTestId('ageing-total').textContent()), SLOW)
      .toBe(receivables.totals.baseTotal);
    expect(await page.getByTestId('as-of').inputValue()).toBe(receivables.asOf);
    await page.getByTestId('kind-payables').click();
    await expect
      .poll(async () => plain(await page.getByTestId('ageing-total').textContent()), SLOW)
      .toBe(payables.totals.baseTotal);
    expect(new URL(page.url()).searchParams.get('kind')).toBe('payables');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
    expect(download.suggestedFilename()).toBe(`payables-ageing-${payables.asOf}.csv`);
    await shot(page, 'finance-ageing');
    expect(errors).toEqual([]);
    await context.close();
  });
});
