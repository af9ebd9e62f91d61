import * as z from './z';

/** Shared request schemas, so every service validates ids and dates the same way. */

/** `{id}` path parameter: a UUID. */
export const idParam = z.object({
  id: z.openapi(z.uuid(), { param: { name: 'id', in: 'path' } }),
});

/**
 * The dates any record here can hold. Outside them a date is a typo (9999-12-31, 0001-01-01), and
 * letting one in makes every later calculation over it (working days, accruals, ages) absurd or slow.
 * Domain rules narrow this further where the clock matters (a hire date at most a year ahead).
 */
export const EARLIEST_DATE = '1900-01-01';
export const LATEST_DATE = '2199-12-31';
const OUT_OF_RANGE = `Use a date from ${EARLIEST_DATE} to ${LATEST_DATE}.`;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

const realDay = (d: string) =>
  !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d);

/** A calendar date, `YYYY-MM-DD`, that exists, from EARLIEST_DATE to LATEST_DATE. */
export const isoDate = z.string().check(
  z.regex(DAY, 'Use a date like 2026-03-01.'),
  z.superRefine((d, ctx) => {
    if (!DAY.test(d)) return; // the pattern has said so
    if (!realDay(d)) ctx.addIssue({ code: 'custom', message: 'Not a real date.' });
    else if (d < EARLIEST_DATE || d > LATEST_DATE) ctx.addIssue({ code: 'custom', message: OUT_OF_RANGE });
  }),
);

/** An instant with its offset (`2026-03-01T09:00:00+02:00`), on a day from EARLIEST_DATE to LATEST_DATE. */
export const isoInstant = z.iso
  .datetime({ offset: true, message: 'Use an ISO instant like 2026-03-01T09:00:00Z.' })
  .check(
    z.superRefine((t, ctx) => {
      const day = t.slice(0, 10);
      if (DAY.test(day) && (day < EARLIEST_DATE || day > LATEST_DATE))
        ctx.addIssue({ code: 'custom', message: OUT_OF_RANGE });
    }),
  );

/** Bearer-token security requirement for route declarations. */
export const bearerSecurity = [{ bearerAuth: [] }];
