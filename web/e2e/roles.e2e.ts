import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { visibleNavigation } from '../src/app/core/nav';
import { api, apiToken, baseUrl, launch, openPage, shot, signIn } from './support';

/**
 * The menu each demo user must see, written out from the permission table (docs/product.md's roles):
 * everyone's self-service entries (every demo user is linked to an employee record, so 'My employee
 * record' is there), plus what the role's grants add. Not computed by the menu code,
 * so a wrong grant or a wrong menu rule fails here.
 */
const selfService = [
  'Dashboard',
  'My profile',
  'Employees',
  'Departments & positions',
  'Org chart',
  'My employee record',
  'My attendance',
  'Holidays',
  'My leave',
  'Performance reviews',
  'Training',
  'Offboarding',
];
const everything = [
  'Dashboard',
  'My profile',
  'Employees',
  'Departments & positions',
  'Org chart',
  'My employee record',
  'My attendance',
  'Team attendance',
  'Office locations',
  'Holidays',
  'My leave',
  'Leave approvals',
  'Performance reviews',
  'Training',
  'Recruitment',
  'Offboarding',
  'Users',
  'Roles & permissions',
  'System status',
  'Mailbox (local)',
];
const finance = [
  'Finance dashboard',
  'Invoices',
  'Customers',
  'Bills',
  'Vendors',
  'Payments',
  'Chart of accounts',
  'Journal entries',
  'Periods & fiscal years',
  'Exchange rates',
  'Bank accounts',
  'Bank reconciliation',
  'Trial balance',
  'General ledger',
  'Profit and loss',
  'Balance sheet',
  'Cash flow',
  'Ageing',
];
/** Between HR and Finance: everyone's own claims; approvals and budgets for managers and finance. */
const claims = ['My expense claims'];
const expenses = ['My expense claims', 'Expense approvals', 'Budgets'];
/** `list` with `extra` inserted before `before`. */
const insert = (list: string[], before: string, extra: string[]) => [
  ...list.slice(0, list.indexOf(before)),
  ...extra,
  ...list.slice(list.indexOf(before)),
];
const menus: Record<string, string[]> = {
  // System Admin: everything, expenses and the finance section between HR and administration
  admin: insert(everything, 'Users', [...expenses, ...finance]),
  'hr.admin': insert(everything, 'Users', claims), // HR Admin: all of HR, and users, roles and invitations
  hr: [
    // HR Staff: HR's daily work and invitations, but no user or role administration
    'Dashboard',
    'My profile',
    'Employees',
    'Departments & positions',
    'Org chart',
    'My employee record',
    'My attendance',
    'Team attendance',
    'Office locations',
    'Holidays',
    'My leave',
    'Leave approvals',
    'Performance reviews',
    'Training',
    'Recruitment',
    'Offboarding',
    ...claims,
    'Mailbox (local)',
  ],
  // Finance Manager and Finance Staff: self-service and the finance section (Staff sees no close/reopen inside it)
  'finance.manager': [...selfService, ...expenses, ...finance],
  finance: [...selfService, ...expenses, ...finance],
  inventory: [...selfService, ...claims],
  operations: [...selfService, ...claims],
  manager: [
    // Department Manager: their team's attendance, leave approvals and recruitment
    'Dashboard',
    'My profile',
    'Employees',
    'Departments & positions',
    'Org chart',
    'My employee record',
    'My attendance',
    'Team attendance',
    'Holidays',
    'My leave',
    'Leave approvals',
    'Performance reviews',
    'Training',
    'Recruitment',
    'Offboarding',
    ...expenses,
  ],
  employee: [...selfService, ...claims],
};

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe('each demo role signs in and sees only its menu', () => {
  for (const [name, expected] of Object.entries(menus)) {
    const email = `${name}@konecta.local`;
    it(email, async () => {
      const me = await api<{ permissions: string[]; fullName: string }>(await apiToken(email), '/api/auth/me');

      const { page, context, errors } = await openPage(browser);
      await signIn(page, email);
      await expect.poll(() => page.getByTestId('user-name').textContent()).toContain(me.fullName);
      const menu = page.getByRole('navigation', { name: 'Main menu' });
      const shown = (await menu.getByRole('link').allTextContents()).map((t) => t.trim());
      expect(shown).toEqual(expected);
      await shot(page, `menu-${name}`);

      // A page the menu hides is refused by its guard too, saying so at the address asked for.
      if (!me.permissions.includes('auth.users.read')) {
        await page.goto('/admin/users');
        await page.getByRole('heading', { name: "You don't have access to this page" }).waitFor();
        expect(new URL(page.url()).pathname).toBe('/admin/users');
        await page.getByRole('link', { name: 'Back to the dashboard' }).click();
        await expect.poll(() => new URL(page.url()).pathname).toBe('/');
      }
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.getByRole('button', { name: 'Sign in' }).waitFor();
      expect(errors).toEqual([]);
      await context.close();
    });
  }

  it('an employee sees none of the administration or approval screens', async () => {
    const me = await api<{ permissions: string[] }>(await apiToken('employee@konecta.local'), '/api/auth/me');
    const labels = visibleNavigation(new Set(me.permissions)).flatMap((s) => s.items.map((i) => i.label));
    expect(labels).toEqual(expect.arrayContaining(['Dashboard', 'My attendance', 'My leave']));
    for (const hidden of ['Users', 'Roles & permissions', 'Leave approvals', 'Team attendance', 'Recruitment']) {
      expect(labels).not.toContain(hidden);
    }
  });
});

describe('sign-in', () => {
  it('shows validation on the fields before sending, and the server refusal after', async () => {
    const { page, context, errors } = await openPage(browser);
    await page.goto('/');
    await expect.poll(() => new URL(page.url()).pathname).toBe('/sign-in');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect
      .poll(() => page.locator('mat-error').allTextContents())
      .toEqual(['Email or username is required.', 'Password is required.']);
    await shot(page, 'sign-in-validation');
    await page.getByLabel('Email or username').fill('employee@konecta.local');
    await page.getByLabel('Password').fill('wrong password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('do not match');
    // The refused sign-in is a 401 the browser logs; nothing else may be.
    expect(errors.filter((e) => !e.includes('401'))).toEqual([]);
    await context.close();
  });

  it('a deep link survives sign-in and a reload keeps the session', async () => {
    const { page, context } = await openPage(browser);
    await page.goto('/profile');
    await expect.poll(() => new URL(page.url()).pathname).toBe('/sign-in');
    await page.getByLabel('Email or username').fill('hr@konecta.local');
    await page.getByLabel('Password').fill('Konecta#2026');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/profile');
    await page.reload();
    await page.getByTestId('user-name').waitFor();
    expect(new URL(page.url()).pathname).toBe('/profile');
    await context.close();
  });

  it('works at a phone width: the menu opens from the toolbar', async () => {
    const { page, context, errors } = await openPage(browser, { width: 390, height: 844 });
    await signIn(page, 'employee@konecta.local');
    await page.getByRole('button', { name: 'Open the menu' }).click();
    await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'My leave' }).click();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/hr/leave/me');
    await shot(page, 'phone-my-leave');
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('role administration', () => {
  it('a duplicate role name is refused where the person is looking: the top of the scrolled dialog', async () => {
    const { page, context } = await openPage(browser);
    await signIn(page, 'admin@konecta.local');
    await page.goto('/admin/roles');
    await page.getByTestId('new-role').click();
    await page.getByTestId('role-name').fill('Employee');
    // Scroll the long permission list to its end, as someone ticking permissions would.
    const content = page.locator('mat-dialog-content');
    await content.evaluate((el) => el.scrollTo(0, el.scrollHeight));
    await page.getByTestId('role-save').click();
    const error = page.getByTestId('role-error');
    await expect.poll(() => error.textContent()).toContain('already exists');
    const inView = () =>
      error.evaluate((el) => {
        const box = el.getBoundingClientRect();
        const frame = (el.closest('mat-dialog-content') as HTMLElement).getBoundingClientRect();
        return box.top >= frame.top && box.bottom <= frame.bottom;
      });
    await expect.poll(inView).toBe(true);
    await shot(page, 'role-duplicate-name');
    await context.close();
  });
});

describe('an invitation accepted but never confirmed with the emailed code', () => {
  const email = `unconfirmed.${Date.now()}@konecta.local`;
  const password = 'Unconfirmed#2026';
  let link = '';

  beforeAll(async () => {
    const token = await apiToken('admin@konecta.local');
    const roles = await api<{ items: { id: string; name: string }[] }>(token, '/api/auth/roles');
    const employee = roles.items.find((r) => r.name === 'Employee')?.id;
    await api(token, '/api/auth/invitations', {
      method: 'POST',
      body: JSON.stringify({ email, fullName: 'Una Confirmed', roleIds: [employee] }),
    });
    // Mail leaves through the outbox: wait for the invitation to arrive.
    const invitationLink = async () => {
      const box = await api<{ items: { text: string; template: string }[] }>(
        token,
        `/api/auth/dev/mailbox?to=${encodeURIComponent(email)}`,
      );
      const mail = box.items.find((m) => m.template === 'invitation');
      return mail?.text.match(/https?:\/\/\S+\/invitations\/\S+/)?.[0] ?? '';
    };
    for (let tries = 0; !link && tries < 60; tries++) {
      link = await invitationLink();
      if (!link) await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(link).not.toBe('');
    const accepted = await fetch(`${baseUrl()}/api/auth${new URL(link).pathname}/accept`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ password }),
    });
    expect(accepted.status).toBe(202);
  });

  it('signing in with the right password leads to the code page with the address filled in', async () => {
    const { page, context } = await openPage(browser);
    await page.goto('/sign-in');
    await page.getByLabel('Email or username').fill(email);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/verify');
    await page.getByTestId('verify-pending').waitFor();
    expect(await page.getByTestId('verify-email').inputValue()).toBe(email);
    expect(await page.getByRole('button', { name: 'Send a new code' }).isVisible()).toBe(true);
    await shot(page, 'sign-in-unconfirmed');
    await context.close();
  });

  it('reopening the used invitation link says so once and offers sign-in, not a retry', async () => {
    const { page, context } = await openPage(browser);
    await page.goto(new URL(link).pathname);
    const closed = page.getByTestId('invitation-closed');
    await expect.poll(() => closed.textContent()).toBe('This invitation has already been used — sign in instead.');
    expect(await page.getByRole('button', { name: 'Try again' }).count()).toBe(0);
    await page.getByTestId('invitation-sign-in').click();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/sign-in');
    await context.close();
  });
});
