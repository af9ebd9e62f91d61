import { authEvents, hrEvents, notificationKinds, type ServiceModule } from '@konecta/core';
import { authContext, createApp } from './app';
import { rotateSigningKeys } from './keys/signing-keys';
import { mailerFor } from './mail/mailer';
import { notificationConsumer, notifyFromEvent } from './notifications/notifications';
import { sendPasswordResetMail } from './password-reset/password-reset';
import { bootstrapAuth, DEMO_PASSWORD, demoUsers, seedDemoUsers } from './seed';
import { onEmployeeHired, onEmployeeTerminated } from './users/employee-links';

export const authService: ServiceModule = {
  name: 'auth',
  createApp: (deps) => createApp(deps),
  async bootstrap(deps) {
    const { adminInvited } = await bootstrapAuth(authContext(deps));
    if (adminInvited) deps.logger.warn({ email: adminInvited }, 'first System Admin invited');
  },
  async seed(deps) {
    if (deps.config.local) await seedDemoUsers(authContext(deps));
  },
  jobs: {
    /**
     * One rotation step: publishes a next key, or (once it has been published longer than services
     * cache the key set) makes it the signing key. Weekly deployed, so a key signs for two weeks.
     */
    rotateSigningKeys: (deps) => rotateSigningKeys(authContext(deps)),
    /** Mail whose first send failed, retried with back-off (every minute deployed). */
    sendPendingMail: (deps) => mailerFor(deps.config, deps.logger, deps.db).sendPending(),
  },
  subscribe(bus, deps) {
    const ctx = authContext(deps);
    bus.subscribe(authEvents.passwordResetRequested, 'auth.password-reset-mailer', (event) =>
      sendPasswordResetMail(ctx, event),
    );
    bus.subscribe(hrEvents.employeeHired, 'auth.employee-logins', (event) => onEmployeeHired(ctx, event));
    bus.subscribe(hrEvents.employeeTerminated, 'auth.employee-exits', (event) => onEmployeeTerminated(ctx, event));
    // One consumer per notification kind, so each kind is idempotent on its own.
    for (const kind of notificationKinds) {
      bus.subscribe(kind.event, notificationConsumer(kind), (event) => notifyFromEvent(ctx, kind, event));
    }
  },
  banner(deps) {
    if (!deps.config.local) return [];
    const width = Math.max(...demoUsers.map((u) => u.email.length));
    return [
      `Demo sign-ins (password ${DEMO_PASSWORD}):`,
      ...demoUsers.map((u) => `  ${u.email.padEnd(width)}  ${u.role}`),
      `Local mailbox: ${deps.config.publicUrl}/api/auth/dev/mailbox`,
    ];
  },
};

export { authContext, createApp } from './app';
export { DEMO_PASSWORD, demoUsers } from './seed';
