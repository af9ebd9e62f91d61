import { addDays } from '@konecta/core';
import { attendanceRecords, employees, officeLocations } from '@konecta/db';
import type { HrContext } from '../context';

/** Two offices and the last ten working days of attendance (09:00–17:30 company time, a few absences). */
export async function seedAttendance(ctx: HrContext) {
  const [hq] = await ctx.db
    .insert(officeLocations)
    .values([
      { name: 'Cairo HQ', latitude: 30.0444, longitude: 31.2357, radiusMeters: 300 },
      { name: 'Alexandria Branch', latitude: 31.2001, longitude: 29.9187, radiusMeters: 300 },
    ])
    .returning({ id: officeLocations.id });
  const people = await ctx.db.select({ id: employees.id, remote: employees.remote }).from(employees);
  const { calendar } = ctx;
  const today = calendar.today();
  const days: string[] = [];
  for (let back = 1; days.length < 10 && back < 30; back++) {
    const day = addDays(today, -back);
    if (calendar.isWorkingDay(day)) days.push(day);
  }
  /** An instant on `day` at `hh:mm` company time. */
  const at = (day: string, minutes: number) => new Date(calendar.startOf(day).getTime() + minutes * 60_000);
  const rows = people.flatMap((p, i) =>
    days.map((day, j) => {
      const absent = (i + j) % 23 === 0;
      const late = (i * 3 + j) % 7 === 0 ? 25 : 0;
      const checkInAt = at(day, 9 * 60 + late);
      const checkOutAt = at(day, 17 * 60 + 30);
      return absent
        ? { employeeId: p.id, workDate: day, status: 'absent' as const }
        : {
            employeeId: p.id,
            workDate: day,
            status: p.remote ? ('remote' as const) : ('present' as const),
            checkInAt,
            checkOutAt,
            officeLocationId: p.remote ? null : (hq?.id ?? null),
            workedMinutes: Math.round((checkOutAt.getTime() - checkInAt.getTime()) / 60_000),
          };
    }),
  );
  if (rows.length) await ctx.db.insert(attendanceRecords).values(rows);
}
