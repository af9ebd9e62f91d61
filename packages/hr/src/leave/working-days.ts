const DAY = 86_400_000;

function parse(date: string): number {
  return Date.parse(`${date}T00:00:00Z`);
}

/**
 * Working days from `start` to `end` inclusive: weekends and holidays are not counted, and a
 * half day at either end counts 0.5. Both ends must be working days to be halved.
 */
export function countWorkingDays(
  start: string,
  end: string,
  options: { weekendDays: number[]; holidays: ReadonlySet<string>; halfDayStart?: boolean; halfDayEnd?: boolean },
): number {
  let days = 0;
  const working = (t: number) => {
    const iso = new Date(t).toISOString().slice(0, 10);
    return !options.weekendDays.includes(new Date(t).getUTCDay()) && !options.holidays.has(iso);
  };
  const from = parse(start);
  const to = parse(end);
  for (let t = from; t <= to; t += DAY) if (working(t)) days += 1;
  if (options.halfDayStart && working(from)) days -= 0.5;
  if (options.halfDayEnd && working(to) && (to !== from || !options.halfDayStart)) days -= 0.5;
  return days;
}

/** Whole days in a range, to bound requests (a year at most). */
export function calendarDays(start: string, end: string): number {
  return Math.round((parse(end) - parse(start)) / DAY) + 1;
}
