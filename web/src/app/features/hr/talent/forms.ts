import type { AbstractControl, ValidationErrors, ValidatorFn } from '@angular/forms';
import { AMOUNT, compareAmounts, normaliseAmount } from '../../../core/money';
import { endsBeforeStart } from './logic';

/** A group validator: puts a `custom` error on the end control when it comes before the start. */
export function dateOrder(
  startKey: string,
  endKey: string,
  message = 'Choose a date on or after the start.',
): ValidatorFn {
  return (group: AbstractControl): ValidationErrors | null => {
    const start = group.get(startKey);
    const end = group.get(endKey);
    if (!start || !end) return null;
    const bad = endsBeforeStart(String(start.value ?? ''), String(end.value ?? ''));
    const errors = { ...(end.errors ?? {}) };
    if (bad) errors.custom = message;
    else delete errors.custom;
    const next = Object.keys(errors).length ? errors : null;
    if (JSON.stringify(next) !== JSON.stringify(end.errors)) end.setErrors(next);
    return null;
  };
}

/** A group validator: the maximum amount is at least the minimum (compared digit for digit, never as floats). */
export function amountOrder(minKey: string, maxKey: string): ValidatorFn {
  return (group: AbstractControl): ValidationErrors | null => {
    const min = normaliseAmount(String(group.get(minKey)?.value ?? ''));
    const max = group.get(maxKey);
    if (!max) return null;
    const top = normaliseAmount(String(max.value ?? ''));
    // Only two well-formed amounts are compared; a malformed one has its own error.
    const bad = AMOUNT.test(min) && AMOUNT.test(top) && compareAmounts(top, min) < 0;
    const errors = { ...(max.errors ?? {}) };
    if (bad) errors.custom = 'The maximum must be at least the minimum.';
    else delete errors.custom;
    const next = Object.keys(errors).length ? errors : null;
    if (JSON.stringify(next) !== JSON.stringify(max.errors)) max.setErrors(next);
    return null;
  };
}
