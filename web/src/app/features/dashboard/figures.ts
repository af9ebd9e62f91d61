import type { HrSchemas } from '../../core/api-types';

/** Pure aggregations behind the dashboard's cards and charts. */

export interface BarData {
  labels: string[];
  values: number[];
}

export type DepartmentHeadcount = Pick<HrSchemas['Department'], 'name' | 'headcount'>;

/** Departments as a bar chart, largest first; empty departments left out. */
export function headcountChart(departments: DepartmentHeadcount[]): BarData {
  const rows = departments
    .filter((d) => d.headcount > 0)
    .sort((a, b) => b.headcount - a.headcount || a.name.localeCompare(b.name));
  return { labels: rows.map((d) => d.name), values: rows.map((d) => d.headcount) };
}

export type AttendanceRow = Pick<HrSchemas['AttendanceRecord'], 'employeeId' | 'status' | 'checkInAt'>;

export interface AttendanceToday {
  /** Checked in today, at the office or remote. */
  present: number;
  remote: number;
  late: number;
  onLeave: number;
  /** Recorded absent, plus (when the headcount is known) those with no record at all. */
  absent: number;
}

/** The work start after which a check-in counts as late (local time), in minutes after midnight. */
export const LATE_AFTER_MINUTES = 9 * 60 + 15;

/** Today's attendance figures from the day's records; `headcount` (if known) counts the unrecorded as absent. */
export function attendanceToday(
  records: AttendanceRow[],
  headcount?: number,
  lateAfter = LATE_AFTER_MINUTES,
): AttendanceToday {
  const out: AttendanceToday = { present: 0, remote: 0, late: 0, onLeave: 0, absent: 0 };
  const seen = new Set<string>();
  for (const r of records) {
    if (seen.has(r.employeeId)) continue;
    seen.add(r.employeeId);
    if (r.status === 'present' || r.status === 'remote') {
      out.present += 1;
      if (r.status === 'remote') out.remote += 1;
      if (r.checkInAt) {
        const t = new Date(r.checkInAt);
        if (t.getHours() * 60 + t.getMinutes() > lateAfter) out.late += 1;
      }
    } else if (r.status === 'on_leave') out.onLeave += 1;
    else if (r.status === 'absent') out.absent += 1;
  }
  if (headcount !== undefined) out.absent += Math.max(0, headcount - seen.size);
  return out;
}

export type LeaveRow = Pick<
  HrSchemas['LeaveRequest'],
  'employeeId' | 'employeeName' | 'leaveType' | 'startDate' | 'endDate' | 'days' | 'status'
>;

/** Weekdays (Mon–Fri) from `from` to `to`, both included, as YYYY-MM-DD. */
export function weekdaysBetween(from: string, to: string): number {
  if (to < from) return 0;
  let n = 0;
  const d = new Date(`${from}T00:00:00Z`);
  const end = new Date(`${to}T00:00:00Z`);
  while (d <= end) {
    const day = d.getUTCDay();
    if (day !== 0 && day !== 6) n += 1;
    d.setUTCDate(d.getUTCDate() + 1);
  }
  return n;
}

/** First and last day of the month of `date` (local), and its `YYYY-MM` key. */
export function monthRange(date: Date = new Date()): { month: string; from: string; to: string } {
  const y = date.getFullYear();
  const m = date.getMonth() + 1;
  const last = new Date(y, m, 0).getDate();
  const mm = String(m).padStart(2, '0');
  return { month: `${y}-${mm}`, from: `${y}-${mm}-01`, to: `${y}-${mm}-${String(last).padStart(2, '0')}` };
}

/**
 * Leave days taken within [from, to], by leave type, largest first. A request spanning the range's
 * edges counts its share: its days in proportion to its weekdays inside the range.
 */
export function leaveByType(requests: LeaveRow[], from: string, to: string): BarData & { total: number } {
  const byType = new Map<string, number>();
  for (const r of requests) {
    if (r.status !== 'approved' || r.endDate < from || r.startDate > to) continue;
    const start = r.startDate < from ? from : r.startDate;
    const end = r.endDate > to ? to : r.endDate;
    const whole = weekdaysBetween(r.startDate, r.endDate);
    const inside = weekdaysBetween(start, end);
    const days = start === r.startDate && end === r.endDate ? r.days : whole ? (r.days * inside) / whole : 0;
    const type = r.leaveType ?? 'Other';
    byType.set(type, (byType.get(type) ?? 0) + days);
  }
  const rows = [...byType.entries()]
    .map(([label, value]) => ({ label, value: Math.round(value * 10) / 10 }))
    .filter((r) => r.value > 0)
    .sort((a, b) => b.value - a.value || a.label.localeCompare(b.label));
  return {
    labels: rows.map((r) => r.label),
    values: rows.map((r) => r.value),
    total: Math.round(rows.reduce((s, r) => s + r.value, 0) * 10) / 10,
  };
}

/** Who is on approved leave on `day`, one entry per person, by name. */
export function outOn(requests: LeaveRow[], day: string): { name: string; leaveType: string; until: string }[] {
  const seen = new Map<string, { name: string; leaveType: string; until: string }>();
  for (const r of requests) {
    if (r.status !== 'approved' || r.startDate > day || r.endDate < day || seen.has(r.employeeId)) continue;
    seen.set(r.employeeId, { name: r.employeeName ?? 'Someone', leaveType: r.leaveType ?? 'Leave', until: r.endDate });
  }
  return [...seen.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/** "Good morning" before noon, "Good afternoon" until 18:00, then "Good evening". */
export function greeting(now: Date = new Date()): string {
  const h = now.getHours();
  if (h < 12) return 'Good morning';
  if (h < 18) return 'Good afternoon';
  return 'Good evening';
}

/** Which cards a holder of these permissions sees. */
export function dashboardCards(can: (p: string) => boolean) {
  return {
    headcount: can('hr.employees.read-all'),
    attendance: can('hr.employees.read-all') || can('hr.attendance.read'),
    approvals: can('hr.leaves.approve'),
    leaveMonth: can('hr.employees.read-all') && (can('hr.leaves.read') || can('hr.leaves.approve')),
    team: !can('hr.employees.read-all') && can('hr.leaves.approve'),
    balances: can('hr.leaves.request'),
    checkIn: can('hr.attendance.self'),
  };
}
