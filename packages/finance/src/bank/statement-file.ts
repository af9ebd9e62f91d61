import { createHash } from 'node:crypto';
import { parseMoney, toMoneyJson, unprocessable } from '@konecta/core';

/** What a statement file holds, whatever its format: amounts signed (money in positive), minor units. */
export interface StatementLineInput {
  date: string;
  description: string;
  reference: string | null;
  amount: bigint;
  balance?: bigint | null;
  /** Where the line is in the file, for messages. */
  sourceLine: number;
}

export interface ParsedStatement {
  reference: string | null;
  currency: string;
  startDate: string;
  endDate: string;
  openingBalance: bigint;
  closingBalance: bigint;
  lines: StatementLineInput[];
}

/** A decimal string ("-12.5") in minor units of `currency`, exactly (throws DecimalError). */
export function minorOf(text: string, currency: string): bigint {
  const negative = text.startsWith('-');
  const minor = parseMoney({ amount: negative ? text.slice(1) : text, currency }).minor;
  return negative ? -minor : minor;
}

/** Signed minor units as a decimal string ("-12.50"). */
export const signed = (minor: bigint, currency: string) =>
  (minor < 0n ? '-' : '') + toMoneyJson({ minor: minor < 0n ? -minor : minor, currency }).amount;

/** Opening + lines = closing, or a 422 saying by how much it is off. */
export function assertReconciles(s: ParsedStatement): void {
  const total = s.lines.reduce((sum, l) => sum + l.amount, 0n);
  if (s.openingBalance + total !== s.closingBalance)
    throw unprocessable(
      `The statement does not add up: opening ${signed(s.openingBalance, s.currency)} + lines ${signed(total, s.currency)} = ${signed(s.openingBalance + total, s.currency)}, but the closing balance is ${signed(s.closingBalance, s.currency)}.`,
      [{ path: 'content', message: 'Opening balance plus the lines must equal the closing balance.' }],
    );
}

/**
 * Each line's fingerprint: its date, amount, reference and description, and how many equal lines
 * came before it on the statement (two identical transfers on one day stay two lines).
 */
export function fingerprints(lines: readonly StatementLineInput[]): string[] {
  const seen = new Map<string, number>();
  return lines.map((l) => {
    const key = [
      l.date,
      l.amount.toString(),
      l.reference ?? '',
      l.description.replace(/\s+/g, ' ').trim().toLowerCase(),
    ].join('|');
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    return createHash('sha256').update(`${key}|${n}`).digest('hex').slice(0, 32);
  });
}
