/**
 * One date and time format, the company's, on every screen: templates and components write dates
 * through `CompanyCalendar` (date, month, time, dateTime), which follows COMPANY_DATE_FORMAT and
 * COMPANY_TIME_FORMAT on the company's clocks. This reads every source file of the app and fails
 * on a date written any other way: Angular's date pipe or DatePipe/formatDate, the browser's
 * toLocale…String, or an ISO instant cut to its first ten characters.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const APP = fileURLToPath(new URL('..', import.meta.url));
/** The one formatter, and generated types. */
const ALLOWED = new Set(['core/company-calendar.ts']);

const RULES: { name: string; pattern: RegExp }[] = [
  { name: "a date pipe (| date:'…')", pattern: /\|\s*date\b/ },
  {
    name: "Angular's DatePipe or formatDate",
    pattern: /\b(DatePipe|formatDate)\b.*@angular\/common|import\s*\{[^}]*\b(DatePipe|formatDate)\b/,
  },
  {
    name: "the browser's toLocaleDateString/toLocaleTimeString/toLocaleString",
    pattern: /\.toLocale(Date|Time)?String\(/,
  },
  { name: 'an ISO instant cut to its date (….slice(0, 10))', pattern: /(At|\bat)\??\.slice\(\s*0\s*,\s*10\s*\)/ },
];

/** Each place `source` writes a date outside the shared formatter: `line: rule`. */
export function dateFormatViolations(source: string): string[] {
  const found: string[] = [];
  source.split('\n').forEach((line, i) => {
    for (const rule of RULES) if (rule.pattern.test(line)) found.push(`${i + 1}: ${rule.name}`);
  });
  return found;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'api-types' ? [] : sourceFiles(path);
    return /\.(ts|html)$/.test(entry.name) && !entry.name.endsWith('.spec.ts') ? [path] : [];
  });
}

describe("one date format, the company's", () => {
  it('finds a date written outside the shared formatter', () => {
    expect(dateFormatViolations("<td>{{ u.lastLoginAt | date: 'medium' }}</td>")).toHaveLength(1);
    expect(dateFormatViolations("{{ x | date:'dd/MM/yyyy' }}")).toHaveLength(1);
    expect(dateFormatViolations("import { DatePipe } from '@angular/common';")).toHaveLength(1);
    expect(dateFormatViolations('return d.toLocaleDateString(undefined, { weekday: "long" });')).toHaveLength(1);
    expect(dateFormatViolations('<span>{{ r.acknowledgedAt.slice(0, 10) }}</span>')).toHaveLength(1);
    expect(dateFormatViolations('<td>{{ calendar.date(r.startDate) }}</td>')).toEqual([]);
    expect(dateFormatViolations('{{ updated | dateRange }}')).toEqual([]);
  });

  it('no template or component writes a date any other way', () => {
    const files = sourceFiles(APP);
    expect(files.length).toBeGreaterThan(50);
    const offenders = files
      .map((file) => ({ file: relative(APP, file), found: dateFormatViolations(readFileSync(file, 'utf8')) }))
      .filter((f) => !ALLOWED.has(f.file) && f.found.length)
      .map((f) => `${f.file} ${f.found.join(', ')}`);
    expect(offenders).toEqual([]);
  });
});
