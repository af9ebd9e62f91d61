import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, apiToken, launch, openPage, pickAccount, shot, signIn, testIdText } from './support';

/**
 * Bank reconciliation in the browser: a finance clerk adds a bank account, imports a CSV statement
 * with a column mapping, confirms the suggested match of a receipt, posts a bank-charge entry from
 * another line, and sees the reconciled balance move each time.
 */

const MANAGER = 'finance.manager@konecta.local';
const STAFF = 'finance@konecta.local';
const SLOW = { timeout: 20_000, interval: 100 };
/** Tells this run's accounts apart from those of an earlier run on the same data. */
const RUN = Date.now().toString(36).toUpperCase();
const LEDGER_CODE = `B${RUN}`;
const BANK_NAME = `CIB ${RUN}`;

let browser: Browser;
let today = '';

beforeAll(async () => {
  browser = await launch();
  const token = await apiToken(MANAGER);
  today = (await api<{ today: string }>(token, '/api/hr/calendar')).today;
  // A fresh ledger account for the bank, with a receipt in the books the statement will show.
  const groups = await api<{ items: { id: string; code: string }[] }>(token, '/api/finance/accounts?q=1100');
  const parent = groups.items.find((a) => a.code === '1100');
  const ledger = await api<{ id: string }>(token, '/api/finance/accounts', {
    method: 'POST',
    body: JSON.stringify({
      code: LEDGER_CODE,
      name: `Bank CIB ${RUN}`,
      type: 'asset',
      parentId: parent?.id,
      cash: true,
    }),
  });
  const sales = (
    await api<{ items: { id: string; code: string }[] }>(token, '/api/finance/accounts?q=4100')
  ).items.find((a) => a.code === '4100');
  const entry = await api<{ id: string }>(token, '/api/finance/journal-entries', {
    method: 'POST',
    body: JSON.stringify({
      date: today,
      memo: `Receipt INV-${RUN} Nile Foods`,
      lines: [
        { accountId: ledger.id, debit: '1500.00', credit: '0' },
        { accountId: sales?.id, debit: '0', credit: '1500.00' },
      ],
    }),
  });
  await api(token, `/api/finance/journal-entries/${entry.id}/post`, { method: 'POST' });
});
afterAll(async () => {
  await browser?.close();
});

const text = testIdText;

describe('bank reconciliation: a finance clerk', () => {
  it('adds a bank account, imports a CSV statement, confirms a match, posts a bank charge', async () => {
    const { page, context, errors } = await openPage(browser);
    await signIn(page, STAFF);
    const menu = page.getByRole('navigation', { name: 'Main menu' });
    await menu.getByRole('link', { name: 'Bank accounts' }).click();

    // A wrong IBAN is refused on its field; the right one is shown masked.
    await page.getByTestId('bank-name-field').fill(BANK_NAME);
    await page.getByTestId('bank-bank-field').fill('Commercial International Bank');
    await page.getByTestId('bank-iban-field').fill('EG38 0019 0005 0000 0000 2631 8000 3');
    await pickAccount(page, 'bank-ledger-field', LEDGER_CODE);
    await page.getByTestId('bank-save').click();
    await expect.poll(() => page.getByText(/check digits are wrong/).count(), SLOW).toBeGreaterThan(0);
    await page.getByTestId('bank-iban-field').fill('EG38 0019 0005 0000 0000 2631 8000 2');
    await page.getByTestId('bank-save').click();
    const row = page.getByTestId('bank-account-row').filter({ hasText: BANK_NAME });
    await expect.poll(() => row.count(), SLOW).toBe(1);
    expect(await row.textContent()).toContain('EG38 **** **** 0002');
    expect(await row.textContent()).not.toContain('263180002');

    // The statement: the receipt a day later, and a bank charge the books lack.
    await page.goto('/finance/bank-statements');
    await page.getByTestId('import-bank').selectOption({ label: `${BANK_NAME} · EGP` });
    const csv = [
      'Date,Description,Reference,Amount,Balance',
      `${today},Transfer Nile Foods,INV-${RUN},1500.00,1500.00`,
      `${today},Monthly account fee,FEE-1,-12.50,1487.50`,
    ].join('\n');
    await page
      .getByTestId('import-file')
      .setInputFiles({ name: 'statement.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByTestId('map-reference').fill('Reference');
    await page.getByTestId('map-balance').fill('Balance');
    await page.getByTestId('import-submit').click();
    await page.waitForURL(/\/finance\/bank-statements\/[0-9a-f-]{36}$/, SLOW);
    await expect.poll(() => text(page, 'balance-reconciled'), SLOW).toBe('0.00');
    expect(await text(page, 'balance-closing')).toBe('1487.50');
    expect(await text(page, 'balance-book')).toBe('1500.00');

    // Confirm the suggested match of the receipt.
    await page.getByTestId('statement-line').nth(0).click();
    const suggestion = page.getByTestId('suggestion').first();
    await expect.poll(() => suggestion.textContent(), SLOW).toContain(`INV-${RUN}`);
    await suggestion.getByTestId('confirm-match').click();
    await expect.poll(() => text(page, 'balance-reconciled'), SLOW).toBe('1500.00');
    expect(await text(page, 'matched-count')).toBe('1 / 2');

    // The bank charge: an entry to bank charges, posted and matched at once.
    await page.getByTestId('statement-line').nth(1).click();
    await expect.poll(() => page.getByTestId('no-suggestions').count(), SLOW).toBe(1);
    await pickAccount(page, 'entry-account', '5850');
    await page.getByTestId('post-entry').click();
    await expect.poll(() => text(page, 'balance-reconciled'), SLOW).toBe('1487.50');
    expect(await text(page, 'balance-book')).toBe('1487.50');
    expect(await text(page, 'matched-count')).toBe('2 / 2');
    await shot(page, 'bank-reconciliation');

    // Undo moves it back.
    await page.getByTestId('undo-match').first().click();
    await expect.poll(() => text(page, 'balance-reconciled'), SLOW).toBe('-12.50');
    // The one failed request is the wrong IBAN's 422, refused on purpose above.
    expect(errors).toEqual([
      'Failed to load resource: the server responded with a status of 422 (Unprocessable Entity)',
    ]);
    await context.close();
  });
});
