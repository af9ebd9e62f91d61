import '../../testing';
import { HttpErrorResponse } from '@angular/common/http';
import { FormControl, FormGroup } from '@angular/forms';
import { describe, expect, it } from 'vitest';
import { allPages, cleanQuery, fileNameFrom, PAGE_MAX } from './api';
import { hasSessionHint } from './auth';
import { parseRuntimeConfig } from './config';
import { visibleNavigation } from './nav';
import { applyProblem, controlError, toProblem } from './problems';

describe('runtime config', () => {
  it('uses the configured base, without a trailing slash', () => {
    expect(
      parseRuntimeConfig({ apiBaseUrl: 'https://abc.execute-api.us-east-1.amazonaws.com/', stage: 'dev' }),
    ).toEqual({
      apiBaseUrl: 'https://abc.execute-api.us-east-1.amazonaws.com',
      stage: 'dev',
    });
  });

  it('falls back to the same origin for an empty, unfilled or odd value', () => {
    expect(parseRuntimeConfig({ apiBaseUrl: '' }).apiBaseUrl).toBe('');
    expect(parseRuntimeConfig({ apiBaseUrl: '{{ KONECTA_API_URL }}' }).apiBaseUrl).toBe('');
    expect(parseRuntimeConfig(null).apiBaseUrl).toBe('');
    expect(parseRuntimeConfig({ apiBaseUrl: 42 }).apiBaseUrl).toBe('');
  });
});

describe('problem responses onto forms', () => {
  const problem = (status: number, body: unknown) => new HttpErrorResponse({ status, error: body });

  it('puts each field error on its control and returns nothing else to say', () => {
    const form = new FormGroup({ email: new FormControl(''), fullName: new FormControl('') });
    const message = applyProblem(
      form,
      problem(422, {
        title: 'Unprocessable Content',
        status: 422,
        detail: 'Check the highlighted fields.',
        errors: [{ path: 'email', message: 'Enter a valid email address.' }],
      }),
    );
    expect(message).toBeUndefined();
    expect(form.controls.email.errors).toEqual({ server: 'Enter a valid email address.' });
    expect(form.controls.email.touched).toBe(true);
    expect(controlError(form.controls.email, 'Email')).toBe('Enter a valid email address.');
    expect(form.controls.fullName.errors).toBeNull();
  });

  it('returns the messages of errors no field explains, and the detail when there are none', () => {
    const form = new FormGroup({ email: new FormControl('') });
    expect(
      applyProblem(
        form,
        problem(422, { title: 'x', status: 422, errors: [{ path: 'lines.0.amount', message: 'Too large.' }] }),
      ),
    ).toBe('Too large.');
    expect(applyProblem(form, problem(409, { title: 'Conflict', status: 409, detail: 'Already exists.' }))).toBe(
      'Already exists.',
    );
  });

  it('describes failures that carry no problem body', () => {
    expect(toProblem(new HttpErrorResponse({ status: 0 })).title).toBe('No connection');
    expect(toProblem(new HttpErrorResponse({ status: 502, statusText: 'Bad Gateway' })).detail).toBe(
      'The server answered 502.',
    );
  });

  it('names the rule a field breaks', () => {
    const control = new FormControl('', { nonNullable: true });
    control.setErrors({ required: true });
    expect(controlError(control, 'Email')).toBe('Email is required.');
    control.setErrors({ minlength: { requiredLength: 8, actualLength: 3 } });
    expect(controlError(control, 'Password')).toBe('Password needs at least 8 characters.');
  });
});

describe('menu by permission', () => {
  it('shows an employee only what they may use, and drops empty sections', () => {
    const employee = new Set(['hr.employees.read', 'hr.attendance.self', 'hr.leaves.request']);
    const sections = visibleNavigation(employee);
    const labels = sections.flatMap((s) => s.items.map((i) => i.label));
    expect(labels).toContain('My attendance');
    expect(labels).toContain('My leave');
    expect(labels).not.toContain('Leave approvals');
    expect(labels).not.toContain('Users');
    expect(sections.map((s) => s.title)).not.toContain('Administration');
  });

  it('offers "My employee record" only to a user linked to an employee', () => {
    const held = new Set(['hr.employees.read']);
    const labels = (linkedEmployee: boolean) =>
      visibleNavigation(held, { linkedEmployee }).flatMap((s) => s.items.map((i) => i.label));
    expect(labels(true)).toContain('My employee record');
    expect(labels(false)).not.toContain('My employee record');
    expect(labels(false)).toContain('Employees');
  });
});

describe('session hint', () => {
  it('is present only when the auth service set its cookie', () => {
    expect(hasSessionHint('a=1; konecta_session=1; b=2')).toBe(true);
    expect(hasSessionHint('konecta_session_old=1')).toBe(false);
    expect(hasSessionHint('')).toBe(false);
  });
});

describe('API helpers', () => {
  it('drops empty query values', () => {
    expect(cleanQuery({ search: '', limit: 25, active: false, x: null, y: undefined })).toEqual({
      limit: '25',
      active: 'false',
    });
  });

  it('reads the download name from Content-Disposition', () => {
    expect(fileNameFrom('attachment; filename="employees-2026-11-24.xlsx"', 'x')).toBe('employees-2026-11-24.xlsx');
    expect(fileNameFrom("attachment; filename*=UTF-8''r%C3%A9sum%C3%A9.pdf", 'x')).toBe('résumé.pdf');
    expect(fileNameFrom(null, 'fallback.csv')).toBe('fallback.csv');
  });

  it('reads a whole list page by page until a short page', async () => {
    const rows = Array.from({ length: PAGE_MAX * 2 + 3 }, (_, i) => i);
    const asked: { limit: number; offset: number }[] = [];
    const all = await allPages(async (page) => {
      asked.push(page);
      const items = rows.slice(page.offset, page.offset + page.limit);
      return { items, total: rows.length, ...page };
    });
    expect(all.items).toEqual(rows);
    expect(asked.map((p) => p.offset)).toEqual([0, PAGE_MAX, PAGE_MAX * 2]);
    expect(asked.every((p) => p.limit === PAGE_MAX)).toBe(true);
  });

  it('stops reading a list at the row limit however long it is', async () => {
    let calls = 0;
    const all = await allPages(async (page) => {
      calls++;
      return { items: Array(page.limit).fill(0), total: null, ...page };
    }, PAGE_MAX * 3);
    expect(calls).toBe(3);
    expect(all.items).toHaveLength(PAGE_MAX * 3);
  });
});
