import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, apiToken, launch, openPage, shot, signIn } from './support';

/**
 * Expense claims end to end on the demo company: Nour (employee@, Engineering) submits a claim with
 * a photographed receipt (PNG), her manager Tarek (manager@) approves it from the inbox, finance
 * sees it approved and reimburses it, and she sees it reimbursed; and with Engineering's office-supplies budget set to stop, Tarek's approval
 * of a claim over it is refused.
 */
const EMPLOYEE = 'employee@konecta.local';
const MANAGER = 'manager@konecta.local';
const STAFF = 'finance@konecta.local';
const FINANCE_MANAGER = 'finance.manager@konecta.local';
const SLOW = { timeout: 20_000, interval: 100 };
const RUN = Date.now().toString(36);
/** A 1×1 PNG: what a phone's camera would hand the file input. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const statusOf = (page: Page, testId: string, title: string) =>
  page.locator(`[data-testid="${testId}"][data-title="${title}"] [data-status]`).first().textContent();

describe('expense claims', () => {
  const title = `Taxi to client ${RUN}`;

  it('an employee submits a claim with a PNG receipt from the camera input', async () => {
    const { page, context, errors } = await openPage(browser, { width: 420, height: 900 });
    await signIn(page, EMPLOYEE);
    await page.goto('/expenses');
    await page.getByTestId('new-claim').click();
    await page.getByTestId('claim-title').fill(title);
    await page.getByTestId('line-category-0').click();
    await page.getByRole('option', { name: 'Local transport' }).click();
    await page.getByTestId('line-amount-0').fill('85.50');
    await page.getByTestId('line-description-0').fill('Airport to office');
    const input = page.getByTestId('receipt-input');
    expect(await input.getAttribute('accept')).toBe('image/*,application/pdf');
    expect(await input.getAttribute('capture')).not.toBeNull();
    await input.setInputFiles({ name: 'photo.png', mimeType: 'image/png', buffer: PNG });
    // The receipt goes straight to storage: grant, upload, confirm (not the API's small-body route).
    const paths: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST') paths.push(new URL(r.url()).pathname);
    });
    await page.getByTestId('save-submit').click();
    await expect.poll(() => statusOf(page, 'claim-row', title), SLOW).toBe('submitted');
    const receiptCalls = paths.filter((p) => /receipts|uploads/.test(p)).map((p) => p.replace(/[0-9a-f-]{36}/, ':id'));
    expect(receiptCalls).toEqual([
      '/api/finance/expense-claims/:id/receipts/uploads',
      '/api/finance/uploads/receipts',
      '/api/finance/expense-claims/:id/receipts/confirm',
    ]);
    await shot(page, 'expenses-my-claims');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('their manager approves it from the inbox, with the receipt there to see', async () => {
    const { page, context, errors } = await openPage(browser);
    await signIn(page, MANAGER);
    await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Expense approvals' }).click();
    const row = page.locator(`[data-testid="approval-row"][data-title="${title}"]`);
    await row.waitFor(SLOW);
    await row.getByTestId('open-claim').click();
    await page.getByTestId('claim-detail').waitFor();
    expect(await page.getByTestId('receipt-download').count()).toBe(1);
    expect((await page.getByTestId('claim-total').textContent())?.trim()).toBe('85.50 EGP');
    await page.getByTestId('approve-claim').click();
    await expect
      .poll(async () => (await page.getByTestId('claim-detail').textContent()) ?? '', SLOW)
      .toContain('approved');
    await shot(page, 'expenses-approved');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('finance sees it approved among all claims, reimburses it, and it shows reimbursed', async () => {
    const { page, context, errors } = await openPage(browser);
    await signIn(page, STAFF);
    await page.goto('/expenses/approvals');
    await expect.poll(() => statusOf(page, 'approval-row', title), SLOW).toBe('approved');
    await page.locator(`[data-testid="approval-row"][data-title="${title}"]`).getByTestId('open-claim').click();
    await page.getByTestId('claim-detail').waitFor(SLOW);
    await page.getByTestId('reimburse-claim').click();
    await expect.poll(() => statusOf(page, 'approval-row', title), SLOW).toBe('reimbursed');
    expect(await page.getByTestId('reimburse-claim').count()).toBe(0);
    await shot(page, 'expenses-reimbursed');
    expect(errors).toEqual([]);
    await context.close();

    // The employee sees it reimbursed among their own claims.
    const own = await openPage(browser, { width: 420, height: 900 });
    await signIn(own.page, EMPLOYEE);
    await own.page.goto('/expenses');
    await expect.poll(() => statusOf(own.page, 'claim-row', title), SLOW).toBe('reimbursed');
    expect(own.errors).toEqual([]);
    await own.context.close();
  });

  it('a budget set to stop refuses the approval', async () => {
    // The finance manager sets Engineering's office supplies to 1.00 a month, stop, in the grid.
    const fm = await openPage(browser);
    await signIn(fm.page, FINANCE_MANAGER);
    await fm.page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Budgets' }).click();
    await fm.page.getByTestId('budget-grid').waitFor(SLOW);
    await fm.page.getByTestId('budget-account').click();
    await fm.page.getByRole('option', { name: '5500 Office supplies' }).click();
    const grid = fm.page.locator('[data-testid="budget-row"][data-department="Engineering"]');
    await grid.getByTestId('budget-mode').selectOption('stop');
    for (let i = 0; i < 12; i++) await grid.getByTestId(`budget-cell-${i}`).fill('1.00');
    await grid.getByTestId('save-budget').click();
    await fm.page.getByText('Budget of Engineering saved.').waitFor(SLOW);
    // Sales' travel went over in the demo: its chart shows a bar over budget.
    await fm.page.getByTestId('budget-account').click();
    await fm.page.getByRole('option', { name: '5700 Travel' }).click();
    await fm.page.locator('[data-testid="budget-row"][data-department="Sales"]').getByTestId('show-chart').click();
    await fm.page.getByTestId('budget-chart').waitFor();
    expect(await fm.page.locator('[data-testid="budget-chart"] rect.over').count()).toBeGreaterThan(0);
    await shot(fm.page, 'expenses-budgets');
    expect(fm.errors).toEqual([]);
    await fm.context.close();
    const calendar = await api<{ today: string }>(await apiToken(FINANCE_MANAGER), '/api/hr/calendar');

    const employee = await apiToken(EMPLOYEE);
    const categories = await api<{ items: { id: string; code: string }[] }>(
      employee,
      '/api/finance/expense-categories',
    );
    const claimTitle = `Stationery ${RUN}`;
    const claim = await api<{ id: string }>(employee, '/api/finance/expense-claims', {
      method: 'POST',
      body: JSON.stringify({
        title: claimTitle,
        lines: [
          {
            date: calendar.today,
            categoryId: categories.items.find((c) => c.code === 'office-supplies')?.id,
            amount: { amount: '50.00', currency: 'EGP' },
          },
        ],
      }),
    });
    await api(employee, `/api/finance/expense-claims/${claim.id}/submit`, { method: 'POST' });

    const { page, context } = await openPage(browser);
    await signIn(page, MANAGER);
    await page.goto('/expenses/approvals');
    const row = page.locator(`[data-testid="approval-row"][data-title="${claimTitle}"]`);
    await row.waitFor(SLOW);
    await row.getByTestId('open-claim').click();
    await page.getByTestId('approve-claim').click();
    const error = page.getByTestId('approval-error');
    await error.waitFor(SLOW);
    expect(await error.textContent()).toMatch(/budget set to stop/);
    await shot(page, 'expenses-budget-stop');
    const after = await api<{ status: string }>(await apiToken(MANAGER), `/api/finance/expense-claims/${claim.id}`);
    expect(after.status).toBe('submitted');
    await context.close();
  });
});
