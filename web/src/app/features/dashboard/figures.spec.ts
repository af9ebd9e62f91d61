import '../../../testing';
import { describe, expect, it } from 'vitest';
import { greeting, headcountChart, leaveChart, ownCards } from './figures';

describe('charts', () => {
  it('orders departments by headcount and drops empty ones', () => {
    expect(
      headcountChart([
        { name: 'Sales', headcount: 3 },
        { name: 'Empty', headcount: 0 },
        { name: 'Engineering', headcount: 7 },
        { name: 'Finance', headcount: 3 },
      ]),
    ).toEqual({ labels: ['Engineering', 'Finance', 'Sales'], values: [7, 3, 3] });
  });

  it('charts leave days by type as the server counted them, half days kept', () => {
    expect(
      leaveChart([
        { leaveType: 'Sick', days: 1 },
        { leaveType: 'Annual', days: 4.5 },
        { leaveType: 'Unpaid', days: 0 },
      ]),
    ).toEqual({ labels: ['Annual', 'Sick'], values: [4.5, 1] });
  });
});

describe('own cards', () => {
  const holder =
    (...perms: string[]) =>
    (p: string) =>
      perms.includes(p);

  it('shows an employee their balances and check-in, and nothing without the permissions', () => {
    expect(ownCards(holder('hr.leaves.request', 'hr.attendance.self'))).toEqual({ balances: true, checkIn: true });
    expect(ownCards(holder('finance.journals.read'))).toEqual({ balances: false, checkIn: false });
  });

  it('greets by the time of day', () => {
    expect(greeting(new Date(2026, 0, 1, 8))).toBe('Good morning');
    expect(greeting(new Date(2026, 0, 1, 13))).toBe('Good afternoon');
    expect(greeting(new Date(2026, 0, 1, 20))).toBe('Good evening');
  });
});
