import { readFile } from 'node:fs/promises';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, apiToken, launch, openPage, pickAccount, shot, signIn, testIdText } from './support';

/**
 * The finance screens against the demo ledger (`npm start` seeds a year of activity): a finance
 * manager reads balanced statements, drills from the trial balance to a general ledger, posts a
 * manual entry through the form, reverses it, closes the month and is refused a posting into it,
 * and reopens it with a reason. Finance Staff cannot close or reopen; an employee sees no Finance.
 *
 * The tests of the first block run in order over one server and are the issue's "done when" flow:
 * a finance manager signs in and sees the demo year's statements balance (trial balance, balance
 * sheet, P&L, cash flow, a general ledger), posts a manual entry, closes the month and is refused a
 * posting into it.
 */

const MANAGER = 'finance.manager@konecta.local';
const STAFF = 'finance@konecta.local';
/** Screens wait on the server (statements over a year of ledger): give them time, not a race. */
const SLOW = { timeout: 20_000, interval: 100 };
/** Tells this run's entries apart from those of an earlier run on the same data. */
const RUN = Date.now().toString(36);

let browser: Browser;
/** The company's today and month, from the server's calendar. */
let today = '';
let month = '';

beforeAll(async () => {
  browser = await launch();
  const token = await apiToken(MANAGER);
  const calendar = await api<{ today: string }>(token, '/api/hr/calendar');
  today = calendar.today;
  month = today.slice(0, 7);
});
afterAll(async () => {
  await browser?.close();
});

const text = testIdText;

describe('finance: a finance manager', () => {
  it('sees the Finance menu and a balanced trial balance for the fiscal year to date, and exports it', async () => {
    const { page, context, errors } = await openPage(browser);
    await signIn(page, MANAGER);
    const menu = page.getByRole('navigation', { name: 'Main menu' });
    await menu.getByRole('link', { name: 'Trial balance' }).click();
    await expect.poll(() => text(page, 'tb-balanced'), SLOW).toBe('Balanced');
    const debit = await text(page, 'tb-total-debit');
    expect(debit).toMatch(/^[\d,]+\.\d{2} EGP$/);
    expect(debit).not.toBe('0.00 EGP');
    expect(await text(page, 'tb-total-credit')).toBe(debit);
    // The default range is the fiscal year to date, ending today.
    expect(await page.getByTestId('range-to').inputValue()).toBe(today);
    expect(await page.getByTestId('tb-row').count()).toBeGreaterThan(20);
    await shot(page, 'finance-trial-balance');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
    expect(download.suggestedFilename()).toBe(`trial-balance-${today}.csv`);
    const csv = await readFile((await download.path()) as string, 'utf8');
    expect(csv.split('\r\n')[0]).toBe('Code,Account,Opening,Debits,Credits,Closing debit,Closing credit');
    expect(csv).toContain('1120,');
    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-xlsx').click()]);
    expect(xlsx.suggestedFilename()).toBe(`trial-balance-${today}.xlsx`);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('sees the balance sheet balance: assets equal liabilities and equity', async () => {
    const { page, context, errors } = await openPage(browser);
    await signIn(page, MANAGER);
    await page.goto('/finance/balance-sheet');
    await expect.poll(() => text(page, 'bs-balanced'), SLOW).toBe('Balanced');
    const assets = await text(page, 'bs-assets');
    expect(assets).toMatch(/^[\d,]+\.\d{2} EGP$/);
    expect(await text(page, 'bs-liabilities-equity')).toBe(assets);
    expect(await page.getByTestId('as-of').inputValue()).toBe(today);
    await shot(page, 'finance-balance-sheet');

    await page.goto('/finance/profit-and-loss?compare=previous-period');
    await expect.poll(() => text(page, 'pnl-net'), SLOW).toMatch(/EGP$/);
    await page.getByTestId('pnl-net-comparison').waitFor();
    await shot(page, 'finance-profit-and-loss');
    await page.goto('/finance/cash-flow');
    await expect.poll(() => text(page, 'cf-closing'), SLOW).toMatch(/EGP$/);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('drills down from a trial-balance row to that account’s general ledger and loads more lines', async () => {
    const { page, context, errors } = await openPage(browser);
    await signIn(page, MANAGER);
    await page.goto('/finance/trial-balance');
    await expect.poll(() => text(page, 'tb-balanced'), SLOW).toBe('Balanced');
    const row = page.getByTestId('tb-row').filter({ hasText: '1120' });
    const closingDebit = ((await row.locator('td').nth(5).textContent()) ?? '').trim();
    await row.getByTestId('tb-drill').click();
    await expect.poll(() => new URL(page.url()).pathname, SLOW).toBe('/finance/general-ledger');
    expect(new URL(page.url()).searchParams.get('to')).toBe(today);
    await expect.poll(() => text(page, 'gl-account-name'), SLOW).toContain('1120');
    await page.getByTestId('gl-row').first().waitFor();
    let shown = await page.getByTestId('gl-row').count();
    expect(shown).toBeGreaterThan(0);
    // A page holds 100 lines; the rest come by keyset, appended, until the last page.
    while (await page.getByTestId('gl-more').isVisible()) {
      expect(shown % 100).toBe(0);
      await page.getByTestId('gl-more').click();
      await expect.poll(() => page.getByTestId('gl-row').count(), SLOW).toBeGreaterThan(shown);
      shown = await page.getByTestId('gl-row').count();
    }
    // All lines shown: the ledger closes where the trial balance does.
    expect(await text(page, 'gl-closing')).toBe(`${closingDebit} Dr EGP`);
    await shot(page, 'finance-general-ledger');
    expect(errors).toEqual([]);
    await context.close();
  });

  let entryId = '';

  it('posts a manual entry through the form: Post stays disabled, showing the difference, until it balances', async () => {
    const { page, context, errors } = await openPage(browser);
    await signIn(page, MANAGER);
    await page.goto('/finance/journal-entries');
    await page.getByTestId('new-entry').click();
    await expect.poll(() => page.getByTestId('entry-date').inputValue(), SLOW).toBe(today);
    await page.getByTestId('entry-memo').fill(`E2E petty cash top-up ${RUN}`);
    await pickAccount(page, 'line-account-0', '1110');
    await page.getByTestId('line-debit-0').fill('1,000');
    await pickAccount(page, 'line-account-1', '1120');
    await page.getByTestId('line-credit-1').fill('999.99');
    await expect.poll(() => text(page, 'difference'), SLOW).toBe('Difference 0.01 (debits larger)');
    expect(await page.getByTestId('post-entry').isDisabled()).toBe(true);
    expect(await text(page, 'post-blocker')).toBe('Debits and credits differ by 0.01 EGP: the debits are larger.');
    await shot(page, 'finance-entry-unbalanced');
    // 0.1 + 0.2 against 0.3 would not balance in floating point; here it does.
    await page.getByTestId('line-debit-0').fill('1000.1');
    await page.getByTestId('line-credit-1').fill('1000');
    await page.getByTestId('add-line').click();
    await pickAccount(page, 'line-account-2', '1120');
    await page.getByTestId('line-credit-2').fill('0.1');
    await expect.poll(() => text(page, 'difference'), SLOW).toBe('Difference 0 · balanced');
    // The totals name the entry's currency: the base currency from the ledger's settings.
    expect(await text(page, 'total-debit')).toBe('1,000.10 EGP');
    expect(await page.getByTestId('post-entry').isDisabled()).toBe(false);
    await page.getByTestId('post-entry').click();
    await expect.poll(() => text(page, 'entry-status'), SLOW).toBe('Posted');
    entryId = new URL(page.url()).pathname.split('/').pop() as string;
    expect(await text(page, 'entry-title')).toMatch(/^Entry \S+/);
    expect(await text(page, 'entry-total-debit')).toBe('1,000.10');
    await shot(page, 'finance-entry-posted');

    // It shows in the list, found by its memo.
    await page.goto(`/finance/journal-entries?q=${encodeURIComponent(`top-up ${RUN}`)}`);
    await expect.poll(() => page.getByTestId('entry-row').count(), SLOW).toBe(1);
    expect(await page.getByTestId('entry-row').textContent()).toContain('Posted');
    // Filtered by an account it has a line on, it stays; by one it has none on, it goes.
    await pickAccount(page, 'entry-account', '1110');
    await expect.poll(() => new URL(page.url()).searchParams.get('accountId'), SLOW).toBeTruthy();
    await expect.poll(() => page.getByTestId('entry-row').count(), SLOW).toBe(1);
    await pickAccount(page, 'entry-account', '5500');
    await expect.poll(() => text(page, 'state-empty'), SLOW).toBe('No entries match these filters.');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('reverses the posted entry after confirming, and the two link to each other', async () => {
    const { page, context, errors } = await openPage(browser);
    await signIn(page, MANAGER);
    await page.goto(`/finance/journal-entries/${entryId}`);
    await page.getByTestId('reverse-entry').click();
    await page.getByTestId('reverse-confirm').waitFor();
    await page.getByTestId('reverse-confirm-button').click();
    await page.getByTestId('reverses-link').waitFor();
    expect(new URL(page.url()).pathname).not.toBe(`/finance/journal-entries/${entryId}`);
    expect(await text(page, 'entry-total-credit')).toBe('1,000.10');
    await page.getByTestId('reverses-link').getByRole('link').click();
    await page.getByTestId('reversed-by-link').waitFor();
    expect(new URL(page.url()).pathname).toBe(`/finance/journal-entries/${entryId}`);
    expect(await page.getByTestId('reverse-entry').count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('closes this month, is refused a posting into it with a clear message, and reopens it with a reason', async () => {
    const { page, context, errors } = await openPage(browser);
    await signIn(page, MANAGER);
    await page.goto('/finance/periods');
    const period = page.locator(`[data-testid="period-row"][data-period="${month}"]`);
    await period.getByTestId('close-period').click();
    await period.getByTestId('close-period-confirm').click();
    await expect.poll(() => period.getByTestId('period-status').textContent(), SLOW).toBe('Closed');

    await page.goto('/finance/journal-entries/new');
    await expect.poll(() => page.getByTestId('entry-date').inputValue(), SLOW).toBe(today);
    await page.getByTestId('entry-memo').fill('E2E into a closed month');
    await pickAccount(page, 'line-account-0', '5500');
    await page.getByTestId('line-debit-0').fill('50');
    await pickAccount(page, 'line-account-1', '1110');
    await page.getByTestId('line-credit-1').fill('50');
    await page.getByTestId('post-entry').click();
    await expect.poll(() => text(page, 'entry-date-error'), SLOW).toBe('The period of this date is closed.');
    expect(await text(page, 'entry-notice')).toBe(
      'Saved as a draft but not posted: The period of this date is closed.',
    );
    // The page now edits that draft: it is not posted, and saving again does not add another.
    await expect.poll(() => new URL(page.url()).pathname, SLOW).toMatch(/^\/finance\/journal-entries\/[\w-]+\/edit$/);
    await shot(page, 'finance-entry-closed-period');

    await page.goto('/finance/periods');
    await period.getByTestId('reopen-period').click();
    await period.getByTestId('reopen-confirm').click();
    await expect.poll(() => period.locator('mat-error').textContent(), SLOW).toContain('Reason is required.');
    await period.getByTestId('reopen-reason').fill('E2E: a late supplier invoice');
    await period.getByTestId('reopen-confirm').click();
    await expect.poll(() => period.getByTestId('period-status').textContent(), SLOW).toBe('Open');
    expect(await period.textContent()).toContain('E2E: a late supplier invoice');
    await shot(page, 'finance-periods');
    // The refused posting is the service's 422, which the browser logs; nothing else went wrong.
    expect(errors.filter((e) => !/status of 422/.test(e))).toEqual([]);
    expect(errors).toHaveLength(1);
    await context.close();
  });
});

describe('finance: who sees what', () => {
  it('Finance Staff reads periods but sees no close or reopen', async () => {
    const { page, context, errors } = await openPage(browser);
    await signIn(page, STAFF);
    const menu = page.getByRole('navigation', { name: 'Main menu' });
    await menu.getByRole('link', { name: 'Periods & fiscal years' }).click();
    await page.getByTestId('period-row').first().waitFor();
    expect(await page.getByTestId('period-status').filter({ hasText: 'Closed' }).count()).toBeGreaterThan(0);
    expect(await page.getByTestId('close-period').count()).toBe(0);
    expect(await page.getByTestId('reopen-period').count()).toBe(0);
    expect(await page.getByTestId('close-year').count()).toBe(0);
    // Staff post entries: the journal list offers a new entry.
    await menu.getByRole('link', { name: 'Journal entries' }).click();
    await page.getByTestId('new-entry').waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  it('an employee sees no Finance menu, and a finance address answers "no access"', async () => {
    const { page, context } = await openPage(browser);
    await signIn(page, 'employee@konecta.local');
    const menu = page.getByRole('navigation', { name: 'Main menu' });
    await menu.getByRole('link', { name: 'Dashboard' }).waitFor();
    expect(await menu.getByText('Finance', { exact: true }).count()).toBe(0);
    expect(await menu.getByRole('link', { name: 'Trial balance' }).count()).toBe(0);
    await page.goto('/finance/trial-balance');
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    expect(await page.getByRole('heading', { level: 1 }).first().textContent()).not.toContain('Trial balance');
    expect(new URL(page.url()).pathname).toBe('/finance/trial-balance');
    await context.close();
  });
});
