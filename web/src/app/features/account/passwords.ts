import type { AbstractControl, FormGroup, FormGroupDirective, ValidationErrors, ValidatorFn } from '@angular/forms';

/**
 * The server's password rules, checked as the person types (the server still decides: its
 * answer, e.g. "too common", lands on the field as a `server` error).
 */
export function passwordRuleProblem(password: string): string | null {
  if (!password) return null;
  if (password.length < 10) return 'Use at least 10 characters.';
  if (password.length > 128) return 'Use at most 128 characters.';
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((r) => r.test(password)).length;
  if (classes < 3) return 'Mix at least three of: lower case, upper case, digits, symbols.';
  return null;
}

/** A control validator for the rules above (`custom` error, shown by `controlError`). */
export const passwordRules: ValidatorFn = (control: AbstractControl): ValidationErrors | null => {
  const problem = passwordRuleProblem(String(control.value ?? ''));
  return problem ? { custom: problem } : null;
};

export const PASSWORD_MISMATCH = 'The passwords do not match.';

/** For the confirmation field: its value must equal the sibling control `other`. */
export function sameAs(other: string): ValidatorFn {
  return (control: AbstractControl): ValidationErrors | null => {
    const sibling = control.parent?.get(other);
    if (!sibling || !control.value) return null;
    return control.value === sibling.value ? null : { custom: PASSWORD_MISMATCH };
  };
}

/**
 * Re-checks the confirmation whenever the password changes, so a mismatch shows (or clears)
 * without touching the confirmation again. Returns the unsubscribe function.
 */
export function linkConfirmation(form: FormGroup, password: string, confirm: string): () => void {
  const sub = form.get(password)?.valueChanges.subscribe(() => {
    form.get(confirm)?.updateValueAndValidity({ emitEvent: false });
  });
  return () => sub?.unsubscribe();
}

/** Six digits, spaces and dashes ignored ("123 456" → "123456"); anything else stays as is. */
export function normaliseCode(value: string): string {
  const compact = value.replace(/[\s-]/g, '');
  return /^\d{6}$/.test(compact) ? compact : value.trim();
}

/**
 * Empties a form after it was sent successfully. `FormGroup.reset()` alone leaves the directive
 * `submitted`, and Material shows a submitted form's empty required fields as errors ("required"
 * in red on every field); `resetForm` clears both.
 */
export function clearSubmittedForm(directive: FormGroupDirective): void {
  directive.resetForm();
}
