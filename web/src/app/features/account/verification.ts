import type { AbstractControl } from '@angular/forms';
import { toProblem } from '../../core/problems';

/** The server's `code` for a sign-in with the right password on an account still waiting for its emailed code. */
export const VERIFICATION_REQUIRED = 'verification-required';

/**
 * The address to confirm when a sign-in failed only because the emailed code was never entered
 * (403 `verification-required`, which the server gives only after checking the password);
 * undefined for any other failure.
 */
export function verificationPending(err: unknown, identifier: string): string | undefined {
  const problem = toProblem(err);
  if (problem.status !== 403 || problem.code !== VERIFICATION_REQUIRED) return undefined;
  const email = problem.email;
  if (typeof email === 'string' && email) return email;
  return identifier.includes('@') ? identifier.trim() : '';
}

/**
 * After a new code is sent, the old code's verdict ("3 attempt(s) left") no longer holds: the
 * server's error leaves the code field, which keeps only what its own validators say.
 */
export function forgetCodeVerdict(code: AbstractControl): void {
  code.updateValueAndValidity();
}

/**
 * The one sentence for an invitation link that can no longer be used (unknown or withdrawn 404,
 * already used 409, expired 410): trying again cannot help, so the page offers sign-in instead of
 * a retry. Undefined for failures a retry may cure (no connection, server error).
 */
export function invitationClosed(err: unknown): string | undefined {
  const problem = toProblem(err);
  if (problem.status === 409) return 'This invitation has already been used — sign in instead.';
  if (problem.status === 404)
    return 'This invitation link is not valid. Ask for a new one, or sign in if you already joined.';
  if (problem.status === 410)
    return 'This invitation has expired. Ask for a new one, or sign in if you already joined.';
  return undefined;
}
