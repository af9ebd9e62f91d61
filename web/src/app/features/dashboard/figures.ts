/**
 * Presentation helpers behind the dashboard's cards and charts. Every figure comes from
 * `GET /api/hr/dashboard`, counted by the server's calendar in the caller's scope: nothing here
 * counts days or people.
 */

export interface BarData {
  labels: string[];
  values: number[];
}

export interface DepartmentHeadcount {
  name: string;
  headcount: number;
}

/** Rows as a bar chart, largest first; empty rows left out. */
export function barChart<T>(rows: T[], label: (row: T) => string, value: (row: T) => number): BarData {
  const sorted = rows
    .filter((r) => value(r) > 0)
    .sort((a, b) => value(b) - value(a) || label(a).localeCompare(label(b)));
  return { labels: sorted.map(label), values: sorted.map(value) };
}

/** Departments as a bar chart, largest first; empty departments left out. */
export function headcountChart(departments: DepartmentHeadcount[]): BarData {
  return barChart(
    departments,
    (d) => d.name,
    (d) => d.headcount,
  );
}

/** Leave days by type as a bar chart, largest first. */
export function leaveChart(byType: { leaveType: string; days: number }[]): BarData {
  return barChart(
    byType,
    (t) => t.leaveType,
    (t) => t.days,
  );
}

/** "Good morning" before noon, "Good afternoon" until 18:00, then "Good evening". */
export function greeting(now: Date = new Date()): string {
  const h = now.getHours();
  if (h < 12) return 'Good morning';
  if (h < 18) return 'Good afternoon';
  return 'Good evening';
}

/**
 * The cards about the caller's own work, by permission. The organisation and team cards follow the
 * figures the server sends: it leaves out what the caller may not see.
 */
export function ownCards(can: (p: string) => boolean) {
  return { balances: can('hr.leaves.request'), checkIn: can('hr.attendance.self') };
}
