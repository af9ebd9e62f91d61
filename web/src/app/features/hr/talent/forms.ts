import type { AbstractControl, ValidationErrors, ValidatorFn } from '@angular/forms';
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

/** A group validator: the maximum amount is at least the minimum. */
export function amountOrder(minKey: string, maxKey: string): ValidatorFn {
  return (group: AbstractControl): ValidationErrors | null => {
    const min = group.get(minKey)?.value;
    const max = group.get(maxKey);
    if (!max) return null;
    const bad = min !== '' && min !== null && max.value !== '' && max.value !== null && Number(max.value) < Number(min);
    const errors = { ...(max.errors ?? {}) };
    if (bad) errors.custom = 'The maximum must be at least the minimum.';
    else delete errors.custom;
    const next = Object.keys(errors).length ? errors : null;
    if (JSON.stringify(next) !== JSON.stringify(max.errors)) max.setErrors(next);
    return null;
  };
}
