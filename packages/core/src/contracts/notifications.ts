import type { EventContract, EventPayload } from './define-event';
import { financeEvents } from './finance-events';
import { hrEvents } from './hr-events';

/**
 * Who a notification goes to, as the publisher knows them: an employee (the auth service finds
 * their login), a user, or everyone holding a permission (e.g. HR when a person has no manager).
 */
export type Recipient = { employeeId: string } | { userId: string } | { permission: string };

/** One notification as composed from an event, before it is addressed to each recipient. */
export interface ComposedNotification {
  recipients: Recipient[];
  title: string;
  body: string;
  /** The web app's page of the record (`/hr/leave/approvals`). */
  link: string;
}

/**
 * A kind of notification: which event raises it and what it says. The auth service subscribes to
 * each kind's event, so a new kind is this one declaration in `notificationKinds` below.
 */
export interface NotificationKind {
  /** Stable key, stored with each notification and preference (`leave-requested`). */
  readonly kind: string;
  /** How the preferences page names it. */
  readonly label: string;
  readonly event: EventContract;
  /** Empty recipients: this event raises nothing of this kind (e.g. a decision that was a withdrawal). */
  compose(data: unknown): ComposedNotification;
}

export interface NotificationDefinition<C extends EventContract> {
  kind: string;
  label: string;
  event: C;
  recipients(data: EventPayload<C>): Recipient[];
  title(data: EventPayload<C>): string;
  body(data: EventPayload<C>): string;
  link(data: EventPayload<C>): string;
}

export function defineNotification<C extends EventContract>(def: NotificationDefinition<C>): NotificationKind {
  return Object.freeze({
    kind: def.kind,
    label: def.label,
    event: def.event,
    // The bus hands consumers `data` already parsed by the event's schema, hence the narrowing.
    compose(raw: unknown): ComposedNotification {
      const data = raw as EventPayload<C>;
      return { recipients: def.recipients(data), title: def.title(data), body: def.body(data), link: def.link(data) };
    },
  });
}

const employee = (employeeId: string): Recipient => ({ employeeId });
/** The approver when there is one, else whoever holds the permission (HR). */
const approverOr = (employeeId: string | null, permission: string): Recipient[] =>
  employeeId ? [employee(employeeId)] : [{ permission }];
const period = (d: { startDate: string; endDate: string; days: number }) =>
  d.startDate === d.endDate
    ? `${d.startDate} (${d.days} day${d.days === 1 ? '' : 's'})`
    : `${d.startDate} to ${d.endDate} (${d.days} day${d.days === 1 ? '' : 's'})`;

export const notificationKinds: readonly NotificationKind[] = [
  defineNotification({
    kind: 'leave-requested',
    label: 'Leave requests to decide',
    event: hrEvents.leaveRequested,
    recipients: (d) => approverOr(d.approverEmployeeId, 'hr.leaves.manage'),
    title: (d) => `${d.employeeName} requested leave`,
    body: (d) => `${d.employeeName} asks for leave ${period(d)}.`,
    link: () => '/hr/leave/approvals',
  }),
  defineNotification({
    kind: 'leave-decided',
    label: 'Decisions on my leave',
    event: hrEvents.leaveDecided,
    recipients: (d) => (d.decision === 'cancelled' ? [] : [employee(d.employeeId)]),
    title: (d) => `Your leave was ${d.decision}`,
    body: (d) => `Your leave ${period(d)} was ${d.decision}.`,
    link: () => '/hr/leave/me',
  }),
  defineNotification({
    kind: 'leave-cancelled',
    label: 'Leave requests withdrawn',
    event: hrEvents.leaveDecided,
    recipients: (d) => (d.decision === 'cancelled' ? approverOr(d.approverEmployeeId, 'hr.leaves.manage') : []),
    title: (d) => `${d.employeeName} withdrew a leave request`,
    body: (d) => `${d.employeeName} no longer asks for leave ${period(d)}.`,
    link: () => '/hr/leave/approvals',
  }),
  defineNotification({
    kind: 'review-shared',
    label: 'My performance reviews',
    event: hrEvents.reviewSubmitted,
    recipients: (d) => [employee(d.employeeId)],
    title: () => 'Your performance review is ready',
    body: () => 'Your reviewer has shared your performance review. Read it and acknowledge it.',
    link: () => '/hr/reviews',
  }),
  defineNotification({
    kind: 'review-self-assessed',
    label: 'Self-assessments to read',
    event: hrEvents.reviewSelfAssessed,
    recipients: (d) => approverOr(d.reviewerEmployeeId, 'hr.employees.read-all'),
    title: (d) => `${d.employeeName} submitted their self-assessment`,
    body: (d) => `${d.employeeName} has written their self-assessment: read it before you finalise the review.`,
    link: () => '/hr/reviews',
  }),
  defineNotification({
    kind: 'resignation-decided',
    label: 'Decisions on my resignation',
    event: hrEvents.resignationDecided,
    recipients: (d) => [employee(d.employeeId)],
    title: (d) => `Your resignation was ${d.decision}`,
    body: (d) =>
      d.decision === 'approved'
        ? `Your resignation was approved; your last working day is ${d.lastWorkingDay}.`
        : 'Your resignation was rejected. Talk to HR about the next steps.',
    link: () => '/hr/offboarding',
  }),
  defineNotification({
    kind: 'exit-date-reached',
    label: "A team member's exit date",
    event: hrEvents.exitDateReached,
    recipients: (d) => approverOr(d.managerEmployeeId, 'hr.offboarding.manage'),
    title: (d) => `${d.fullName} leaves today`,
    body: (d) => `${d.fullName}'s exit date (${d.exitDate}) has come: check their offboarding.`,
    link: () => '/hr/offboarding',
  }),
  defineNotification({
    kind: 'expense-submitted',
    label: 'Expense claims to decide',
    event: financeEvents.expenseSubmitted,
    recipients: (d) => approverOr(d.approverEmployeeId, 'finance.expenses.read-all'),
    title: (d) => `${d.employeeName} submitted an expense claim`,
    body: (d) => `${d.employeeName} claims ${d.total.amount} ${d.total.currency} for "${d.title}".`,
    link: () => '/expenses/approvals',
  }),
  defineNotification({
    kind: 'expense-decided',
    label: 'Decisions on my expense claims',
    event: financeEvents.expenseDecided,
    recipients: (d) => [employee(d.employeeId)],
    title: (d) => `Your expense claim was ${d.decision}`,
    body: (d) =>
      d.decision === 'approved'
        ? `Your claim "${d.title}" (${d.total.amount} ${d.total.currency}) was approved.`
        : `Your claim "${d.title}" was rejected: ${d.reason ?? ''}`,
    link: () => '/expenses',
  }),
];

/** The kinds' keys, for route schemas (`z.enum(notificationKindKeys)`). */
export const notificationKindKeys = notificationKinds.map((k) => k.kind) as [string, ...string[]];
