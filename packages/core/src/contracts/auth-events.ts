import * as z from '../z';
import { defineEvent } from './define-event';

const id = z.uuid();

/** The events the auth service publishes (see `events.ts`). */
export const authEvents = {
  /** Forgot password: its consumer mails a reset link when the address is an active account's. */
  passwordResetRequested: defineEvent('auth.password-reset.requested', z.object({ email: z.email() })),
  /** A login now belongs to an employee; HR records the user id on the employee. */
  userLinked: defineEvent('auth.user.linked', z.object({ userId: id, employeeId: id })),
} as const;
