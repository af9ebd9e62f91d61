import { HttpErrorResponse } from '@angular/common/http';
import type { AbstractControl, FormGroup } from '@angular/forms';
import type { AuthSchemas } from './api-types';

/** RFC 9457 problem response, as every service answers errors (the kernel's one schema). */
type ServerProblem = AuthSchemas['Problem'];
export type FieldError = NonNullable<ServerProblem['errors']>[number];
/** A server's problem, or one the app describes itself (no connection, no type). */
export type Problem = Omit<ServerProblem, 'type'> & { type?: string; [extension: string]: unknown };

/** Any failure of an API call as a problem: the server's body, or one describing what happened. */
export function toProblem(err: unknown): Problem {
  if (err instanceof HttpErrorResponse) {
    const body = err.error as Partial<Problem> | null;
    if (body && typeof body === 'object' && typeof body.status === 'number' && typeof body.title === 'string') {
      return body as Problem;
    }
    if (err.status === 0) {
      return { title: 'No connection', status: 0, detail: 'The server could not be reached. Check your connection.' };
    }
    return { title: err.statusText || 'Error', status: err.status, detail: `The server answered ${err.status}.` };
  }
  if (err && typeof err === 'object' && 'status' in err && 'title' in err) return err as Problem;
  return { title: 'Error', status: 0, detail: err instanceof Error ? err.message : String(err) };
}

/** One sentence for a banner or a snack bar. */
export function problemMessage(problem: Problem): string {
  if (problem.status === 403) return problem.detail ?? 'You do not have permission to do this.';
  return problem.detail ?? problem.title;
}

/** `body.lines.2.amount` → `lines.2.amount`; the server names body fields without a prefix. */
const fieldPath = (path: string) => path.replace(/^(body|json|query|param)\./, '');

/**
 * Puts each field error on the form control it names (`server` error key, shown by the field's
 * mat-error), marks those controls touched, and returns the message for what no field explains.
 */
export function applyProblem(form: FormGroup, err: unknown): string | undefined {
  const problem = toProblem(err);
  const unplaced: string[] = [];
  for (const error of problem.errors ?? []) {
    const control: AbstractControl | null = form.get(fieldPath(error.path));
    if (control) {
      control.setErrors({ ...(control.errors ?? {}), server: error.message });
      control.markAsTouched();
    } else {
      unplaced.push(error.message);
    }
  }
  if (problem.errors?.length && !unplaced.length) return undefined;
  return unplaced.length ? unplaced.join(' ') : problemMessage(problem);
}

/** The text a field shows for its first error. */
export function controlError(control: AbstractControl | null, label = 'This field'): string {
  const errors = control?.errors;
  if (!errors) return '';
  if (typeof errors.server === 'string') return errors.server;
  if (errors.required) return `${label} is required.`;
  if (errors.email) return 'Enter a valid email address.';
  if (errors.minlength) return `${label} needs at least ${errors.minlength.requiredLength} characters.`;
  if (errors.maxlength) return `${label} takes at most ${errors.maxlength.requiredLength} characters.`;
  if (errors.min) return `${label} must be at least ${errors.min.min}.`;
  if (errors.max) return `${label} must be at most ${errors.max.max}.`;
  if (errors.pattern) return `${label} is not in the expected format.`;
  if (typeof errors.custom === 'string') return errors.custom;
  return `${label} is not valid.`;
}
