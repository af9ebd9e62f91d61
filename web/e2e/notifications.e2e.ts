import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, apiToken, iso, launch, openPage, shot, signIn, sundayAfter } from './support';

/**
 * Notifications end to end: an employee asks for leave; their manager sees the bell's count, opens
 * the notification, lands on the approvals page and approves; the employee is told of the decision.
 */

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

/** Waits until the outbox has delivered the event and the person has a notification unread. */
async function waitForUnread(email: string): Promise<void> {
  const token = await apiToken(email);
  await expect
    .poll(async () => (await api<{ unread: number }>(token, '/api/auth/notifications/unread-count')).unread, {
      timeout: 15_000,
    })
    .toBeGreaterThan(0);
}

const bell = (page: Page) => page.getByTestId('notification-bell');

describe('notifications: leave requested, approved from the notification, decision told', () => {
  const day = iso(sundayAfter(120));
  const reason = 'Notification e2e day off';

  it('the manager sees the count, opens the notification and approves on the linked page', async () => {
    const employee = await apiToken('employee@konecta.local');
    const types = await api<{ items: { id: string; code: string }[] }>(employee, '/api/hr/leave-types');
    const annual = types.items.find((t) => t.code === 'ANNUAL');
    if (!annual) throw new Error('no annual leave type');
    await api(employee, '/api/hr/leave-requests', {
      method: 'POST',
      body: JSON.stringify({ leaveTypeId: annual.id, startDate: day, endDate: day, reason }),
    });
    await waitForUnread('manager@konecta.local');

    const { page, context, errors } = await openPage(browser);
    await signIn(page, 'manager@konecta.local');
    await expect.poll(() => bell(page).getAttribute('aria-label')).toMatch(/Notifications: [1-9]\d* unread/);
    await bell(page).click();
    const item = page.getByTestId('notification-item').filter({ hasText: day });
    await expect.poll(() => item.textContent()).toContain('Nour Adel requested leave');
    await shot(page, 'notification-bell');
    await item.click();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/hr/leave/approvals');

    const row = page.getByTestId('approval-row').filter({ hasText: reason });
    await row.waitFor();
    await row.getByRole('button', { name: 'Approve' }).click();
    await expect.poll(() => row.count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('the employee sees the decision in the bell and on the notifications page', async () => {
    await waitForUnread('employee@konecta.local');
    const { page, context, errors } = await openPage(browser);
    await signIn(page, 'employee@konecta.local');
    await expect.poll(() => bell(page).getAttribute('aria-label')).toMatch(/Notifications: [1-9]\d* unread/);
    await bell(page).click();
    const item = page.getByTestId('notification-item').filter({ hasText: day });
    await expect.poll(() => item.textContent()).toContain('Your leave was approved');
    await page.keyboard.press('Escape');

    await page.goto('/notifications');
    const row = page.getByTestId('notification-row').filter({ hasText: day });
    await expect.poll(() => row.textContent()).toContain('unread');
    await shot(page, 'notifications-page');
    await row.getByRole('button').click();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/hr/leave/me');
    await page.goto('/notifications');
    await expect
      .poll(() => page.getByTestId('notification-row').filter({ hasText: day }).textContent())
      .not.toContain('unread');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('the employee turns off email for leave decisions on the profile, and it stays off', async () => {
    const { page, context, errors } = await openPage(browser);
    await signIn(page, 'employee@konecta.local');
    await page.goto('/profile');
    const email = page.getByRole('checkbox', { name: 'Decisions on my leave by email' });
    await expect.poll(() => email.isChecked()).toBe(true);
    await email.click();
    await page.getByTestId('notification-preferences-message').waitFor();
    await page.reload();
    await expect.poll(() => email.isChecked()).toBe(false);
    expect(await page.getByRole('checkbox', { name: 'Decisions on my leave in the app' }).isChecked()).toBe(true);
    await shot(page, 'notification-preferences');
    const token = await apiToken('employee@konecta.local');
    const prefs = await api<{ items: { kind: string; inApp: boolean; email: boolean }[] }>(
      token,
      '/api/auth/notification-preferences',
    );
    expect(prefs.items.find((p) => p.kind === 'leave-decided')).toMatchObject({ inApp: true, email: false });
    expect(errors).toEqual([]);
    await context.close();
  });
});
