import { FormArray, FormControl, FormGroup, Validators } from '@angular/forms';
import { amountField } from '../../core/money';
import type { DraftLine } from './ledger';

/**
 * The journal entry form's controls, named as the API names the body's fields (`date`,
 * `lines.2.debit`, `lines.0.accountId`), so a 422's field errors land on the control they name.
 */
export type LineForm = FormGroup<{
  accountId: FormControl<string>;
  debit: FormControl<string>;
  credit: FormControl<string>;
  description: FormControl<string>;
  costCentre: FormControl<string>;
}>;

export function lineForm(line: Partial<DraftLine> = {}): LineForm {
  return new FormGroup({
    accountId: new FormControl(line.accountId ?? '', { nonNullable: true, validators: [Validators.required] }),
    debit: new FormControl(line.debit ?? '', { nonNullable: true, validators: [amountField] }),
    credit: new FormControl(line.credit ?? '', { nonNullable: true, validators: [amountField] }),
    description: new FormControl(line.description ?? '', {
      nonNullable: true,
      validators: [Validators.maxLength(500)],
    }),
    costCentre: new FormControl(line.costCentre ?? '', { nonNullable: true, validators: [Validators.maxLength(20)] }),
  });
}

export type EntryForm = FormGroup<{
  date: FormControl<string>;
  memo: FormControl<string>;
  currency: FormControl<string>;
  rate: FormControl<string>;
  lines: FormArray<LineForm>;
}>;

/** A new entry's form: the date given (the company's today), two empty lines. */
export function entryForm(
  date: string,
  lines: FormArray<LineForm> = new FormArray([lineForm(), lineForm()]),
): EntryForm {
  return new FormGroup({
    date: new FormControl(date, { nonNullable: true, validators: [Validators.required] }),
    memo: new FormControl('', { nonNullable: true, validators: [Validators.maxLength(500)] }),
    currency: new FormControl('', { nonNullable: true, validators: [Validators.pattern(/^[A-Za-z]{3}$/)] }),
    rate: new FormControl('', { nonNullable: true, validators: [Validators.pattern(/^\d{1,12}(\.\d{1,6})?$/)] }),
    lines,
  });
}
