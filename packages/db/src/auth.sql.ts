import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, updatedAt } from './columns';
import { auth } from './schemas';

export const userStatus = auth.enum('user_status', ['invited', 'active', 'disabled', 'locked']);

export const users = auth.table(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    email: text('email').notNull(),
    username: text('username').notNull(),
    fullName: text('full_name').notNull(),
    phone: text('phone'),
    status: userStatus('status').notNull().default('invited'),
    passwordHash: text('password_hash'),
    /** The HR employee this login belongs to, when linked. */
    employeeId: uuid('employee_id'),
    emailVerifiedAt: timestamp('email_verified_at', { withTimezone: true }),
    lastLoginAt: timestamp('last_login_at', { withTimezone: true }),
    /** Consecutive failed sign-ins; reset by a success. Drives the lock-out back-off. */
    failedLogins: integer('failed_logins').notNull().default(0),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    /** Raised on disable, password reset and logout-all: access tokens carry it and are checked. */
    sessionVersion: integer('session_version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('users_email_lower_idx').on(sql`lower(${t.email})`),
    uniqueIndex('users_username_lower_idx').on(sql`lower(${t.username})`),
    uniqueIndex('users_employee_idx').on(t.employeeId),
    index('users_status_idx').on(t.status),
  ],
);

export const roles = auth.table('roles', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull().unique(),
  description: text('description').notNull().default(''),
  /** Shipped by default; editable, but not deletable. */
  builtIn: boolean('built_in').notNull().default(false),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const permissions = auth.table('permissions', {
  /** `{domain}.{resource}.{action}`, e.g. `hr.leaves.approve`. */
  code: text('code').primaryKey(),
  domain: text('domain').notNull(),
  description: text('description').notNull(),
});

export const rolePermissions = auth.table(
  'role_permissions',
  {
    roleId: uuid('role_id')
      .notNull()
      .references(() => roles.id, { onDelete: 'cascade' }),
    permission: text('permission')
      .notNull()
      .references(() => permissions.code, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.roleId, t.permission] })],
);

export const userRoles = auth.table(
  'user_roles',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    roleId: uuid('role_id')
      .notNull()
      .references(() => roles.id),
  },
  (t) => [primaryKey({ columns: [t.userId, t.roleId] }), index('user_roles_role_idx').on(t.roleId)],
);

export const invitations = auth.table(
  'invitations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** SHA-256 of the single-use token in the link; the token itself is never stored. */
    tokenHash: text('token_hash').notNull().unique(),
    invitedBy: uuid('invited_by'),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index('invitations_user_idx').on(t.userId)],
);

export const codePurpose = auth.enum('code_purpose', ['verify_email', 'reset_password']);

export const oneTimeCodes = auth.table(
  'one_time_codes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    purpose: codePurpose('purpose').notNull(),
    codeHash: text('code_hash').notNull(),
    attempts: integer('attempts').notNull().default(0),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    consumedAt: timestamp('consumed_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index('one_time_codes_user_idx').on(t.userId, t.purpose)],
);

export const refreshTokens = auth.table(
  'refresh_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Every token rotated from one sign-in shares a family; reuse of a used one revokes it all. */
    familyId: uuid('family_id').notNull(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull().unique(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    userAgent: text('user_agent'),
    createdAt: createdAt(),
  },
  (t) => [index('refresh_tokens_family_idx').on(t.familyId), index('refresh_tokens_user_idx').on(t.userId)],
);

export const loginAttempts = auth.table(
  'login_attempts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The email or username as typed, lower-cased. */
    identifier: text('identifier').notNull(),
    userId: uuid('user_id'),
    ip: text('ip'),
    succeeded: boolean('succeeded').notNull(),
    reason: text('reason'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('login_attempts_identifier_idx').on(t.identifier, t.at)],
);

export const signingKeys = auth.table('signing_keys', {
  kid: text('kid').primaryKey(),
  /** The public half (JWK); the private half lives in .data/ locally or Secrets Manager deployed. */
  publicJwk: jsonb('public_jwk').notNull(),
  createdAt: createdAt(),
  /** When this key started signing; null while published ahead of use. */
  activatedAt: timestamp('activated_at', { withTimezone: true }),
  /** When it stopped signing; still published until its last token has expired. */
  retiredAt: timestamp('retired_at', { withTimezone: true }),
});

export const mailOutbox = auth.table(
  'mail_outbox',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    to: text('to').notNull(),
    subject: text('subject').notNull(),
    /** Deployed: encrypted until sent, then dropped (links and codes are not kept). Local: the mailbox. */
    text: text('text').notNull(),
    template: text('template').notNull(),
    createdAt: createdAt(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    providerId: text('provider_id'),
    /** The last failed attempt's error; the row stays pending and is retried. */
    error: text('error'),
    attempts: integer('attempts').notNull().default(0),
    /** Not sent before then: a sender's lease while it sends, or the back-off after a failure. */
    availableAt: timestamp('available_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('mail_outbox_created_idx').on(t.createdAt),
    index('mail_outbox_pending_idx').on(t.availableAt).where(sql`${t.sentAt} is null`),
  ],
);

/** Services that may obtain service tokens (client-credentials grant). */
export const serviceClients = auth.table('service_clients', {
  name: text('name').primaryKey(),
  /** SHA-256 of the client secret (256 random bits, so a fast hash is enough). */
  secretHash: text('secret_hash').notNull(),
  permissions: text('permissions').array().notNull().default(sql`'{}'::text[]`),
  createdAt: createdAt(),
  rotatedAt: timestamp('rotated_at', { withTimezone: true }),
});
