import type { AbstractControl, ValidationErrors, ValidatorFn } from '@angular/forms';
import { amountField } from '../../../core/money';

/** A pattern check whose message says what is expected (shown by `controlError` as a `custom` error). */
export function matching(pattern: RegExp, message: string): ValidatorFn {
  return (control: AbstractControl): ValidationErrors | null => {
    const value = typeof control.value === 'string' ? control.value.trim() : control.value;
    if (value === '' || value === null || value === undefined) return null;
    return pattern.test(String(value)) ? null : { custom: message };
  };
}

/** yyyy-mm-dd that exists (what a native date input gives, or nothing when the text is incomplete). */
export const isoDate: ValidatorFn = (control) => {
  const v = control.value as string;
  if (!v) return null;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v) || Number.isNaN(Date.parse(`${v}T00:00:00Z`))) {
    return { custom: 'Use a date like 2026-03-01.' };
  }
  return null;
};

export const CURRENCY = /^[A-Za-z]{3}$/;

/** A decimal amount such as 12500 or 12,500.50 (commas and spaces are dropped before sending). */
export const amount = amountField;
