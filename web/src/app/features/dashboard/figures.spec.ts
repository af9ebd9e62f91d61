import '../../../testing';
import { describe, expect, it } from 'vitest';
import {
  attendanceToday,
  dashboardCards,
  greeting,
  headcountChart,
  type LeaveRow,
  leaveByType,
  monthRange,
  outOn,
  weekdaysBetween,
} from './figures';

const local = (h: number, m: number) => new Date(2026, 2, 2, h, m).toISOString();

describe('headcount chart', () => {
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
});

describe('attendance today', () => {
  it('counts present, remote, late, on leave and absent, one record per person', () => {
    const figures = attendanceToday(
      [
        { employeeId: 'a', status: 'present', checkInAt: local(8, 55) },
        { employeeId: 'b', status: 'present', checkInAt: local(9, 40) },
        { employeeId: 'b', status: 'present', checkInAt: local(9, 40) },
        { employeeId: 'c', status: 'remote', checkInAt: local(9, 0) },
        { employeeId: 'd', status: 'on_leave', checkInAt: null },
        { employeeId: 'e', status: 'absent', checkInAt: null },
      ],
      8,
    );
    expect(figures).toEqual({ present: 3, remote: 1, late: 1, onLeave: 1, absent: 4 });
  });

  it('does not invent absentees without a headcount', () => {
    expect(attendanceToday([]).absent).toBe(0);
  });
});

describe('leave this month', () => {
  const row = (over: Partial<LeaveRow>): LeaveRow => ({
    employeeId: 'a',
    employeeName: 'Ada',
    leaveType: 'Annual',
    startDate: '2026-03-02',
    endDate: '2026-03-03',
    days: 2,
    status: 'approved',
    ...over,
  });

  it('counts weekdays', () => {
    expect(weekdaysBetween('2026-03-02', '2026-03-08')).toBe(5);
    expect(weekdaysBetween('2026-03-07', '2026-03-08')).toBe(0);
    expect(weekdaysBetween('2026-03-08', '2026-03-07')).toBe(0);
  });

  it('knows the month range, leap years included', () => {
    expect(monthRange(new Date(2028, 1, 10))).toEqual({ month: '2028-02', from: '2028-02-01', to: '2028-02-29' });
  });

  it('sums approved days by type, pro rata across the month edges', () => {
    const chart = leaveByType(
      [
        row({}),
        row({ leaveType: 'Sick', days: 1, startDate: '2026-03-10', endDate: '2026-03-10' }),
        // Fri 27 Feb – Tue 3 Mar: 3 weekdays, 2 of them in March.
        row({ employeeId: 'b', startDate: '2026-02-27', endDate: '2026-03-03', days: 3 }),
        row({ status: 'pending', days: 5 }),
        row({ startDate: '2026-04-01', endDate: '2026-04-02' }),
      ],
      '2026-03-01',
      '2026-03-31',
    );
    expect(chart).toEqual({ labels: ['Annual', 'Sick'], values: [4, 1], total: 5 });
  });

  it('keeps half days as requested', () => {
    expect(leaveByType([row({ days: 1.5 })], '2026-03-01', '2026-03-31').total).toBe(1.5);
  });

  it('lists who is out on a day, once each', () => {
    const out = outOn(
      [
        row({ employeeName: 'Zed', employeeId: 'z', startDate: '2026-03-01', endDate: '2026-03-05' }),
        row({ startDate: '2026-03-03', endDate: '2026-03-03' }),
        row({ startDate: '2026-03-03', endDate: '2026-03-04' }),
        row({ employeeId: 'p', status: 'pending', startDate: '2026-03-03', endDate: '2026-03-03' }),
      ],
      '2026-03-03',
    );
    expect(out.map((o) => o.name)).toEqual(['Ada', 'Zed']);
  });
});

describe('per-role cards', () => {
  const holder =
    (...perms: string[]) =>
    (p: string) =>
      perms.includes(p);

  it('shows HR the organisation figures', () => {
    const cards = dashboardCards(
      holder('hr.employees.read-all', 'hr.attendance.read', 'hr.leaves.approve', 'hr.leaves.read'),
    );
    expect(cards).toMatchObject({ headcount: true, attendance: true, approvals: true, leaveMonth: true, team: false });
  });

  it('shows a manager their team', () => {
    const cards = dashboardCards(holder('hr.attendance.read', 'hr.leaves.approve', 'hr.leaves.request'));
    expect(cards).toMatchObject({ headcount: false, attendance: true, approvals: true, team: true, balances: true });
  });

  it('shows an employee their own', () => {
    const cards = dashboardCards(holder('hr.leaves.request', 'hr.attendance.self'));
    expect(cards).toEqual({
      headcount: false,
      attendance: false,
      approvals: false,
      leaveMonth: false,
      team: false,
      balances: true,
      checkIn: true,
    });
  });

  it('greets by the time of day', () => {
    expect(greeting(new Date(2026, 0, 1, 8))).toBe('Good morning');
    expect(greeting(new Date(2026, 0, 1, 13))).toBe('Good afternoon');
    expect(greeting(new Date(2026, 0, 1, 20))).toBe('Good evening');
  });
});
