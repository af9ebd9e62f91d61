import type { CompanyCalendar } from '../../core/company-calendar';

type DateWriter = { date?: (value: string | null | undefined) => string };

/**
 * A ledger date (`YYYY-MM-DD`) for people to read, through the company calendar: its `date()`
 * writes the company's date format. Until that formatter is on this branch the date shows as the
 * API gives it (ISO), which is also the company's default format.
 */
export function ledgerDate(calendar: CompanyCalendar, value: string | null | undefined): string {
  const writer = (calendar as unknown as DateWriter).date;
  return typeof writer === 'function' ? writer.call(calendar, value) : (value ?? '');
}

type MonthWriter = { month?: (value: string | null | undefined) => string };

/** A month (`YYYY-MM`) for people to read, through the company calendar (as given until it has `month()`). */
export function ledgerMonth(calendar: CompanyCalendar, value: string | null | undefined): string {
  const writer = (calendar as unknown as MonthWriter).month;
  return typeof writer === 'function' ? writer.call(calendar, value) : (value ?? '');
}
