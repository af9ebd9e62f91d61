import type { CompanyCalendar } from '../../core/company-calendar';

/** A ledger date (`YYYY-MM-DD`) for people to read, in the company's date format. */
export function ledgerDate(calendar: CompanyCalendar, value: string | null | undefined): string {
  return calendar.date(value);
}

/** A month (`YYYY-MM`) for people to read, in the company's format. */
export function ledgerMonth(calendar: CompanyCalendar, value: string | null | undefined): string {
  return calendar.month(value);
}
