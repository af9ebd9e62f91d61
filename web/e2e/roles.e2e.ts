import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { visibleNavigation } from '../src/app/core/nav';
import { api, apiToken, launch, openPage, shot, signIn } from './support';

const demo = [
  'admin',
  'hr.admin',
  'hr',
  'finance.manager',
  'finance',
  'inventory',
  'operations',
  'manager',
  'employee',
];

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe('each demo role signs in and sees only its menu', () => {
  for (const name of demo) {
    const email = `${name}@konecta.local`;
    it(email, async () => {
      // What the permission table grants this user, from the auth service itself.
      const me = await api<{ permissions: string[]; fullName: string; employeeId: string | null }>(
        await apiToken(email),
        '/api/auth/me',
      );
      const expected = visibleNavigation(new Set(me.permissions), { linkedEmployee: !!me.employeeId }).flatMap((s) =>
        s.items.map((i) => i.label),
      );

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
    const labels = visibleNavigation(new Set(me.permissions), { linkedEmployee: true }).flatMap((s) =>
      s.items.map((i) => i.label),
    );
    expect(labels).toEqual(expect.arrayContaining(['Dashboard', 'My attendance', 'My leave', 'My employee record']));
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
