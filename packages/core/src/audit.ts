import { auditLog, type Executor } from '@konecta/db';
import type { Caller } from './auth';
import { currentRequest } from './request-context';

/** Keys whose values never enter the audit log in clear. */
const SENSITIVE = /password|secret|token|hash|nationalid|account(number)?$|iban|cardnumber|encrypted/i;

export type AuditValue = Record<string, unknown> | null | undefined;

export interface AuditEntry {
  /** What happened, in business words: `employee.updated`, `leave.approved`. */
  action: string;
  entityType: string;
  entityId?: string | null;
  /** State before and after; only the fields that differ are stored. */
  before?: AuditValue;
  after?: AuditValue;
  reason?: string;
  /** Defaults to the caller of the current request; `system` when there is none (jobs, seeds). */
  actor?: Pick<Caller, 'kind' | 'id'> | { kind: 'system'; id?: string };
  service?: string;
}

function redact(key: string, value: unknown): unknown {
  return SENSITIVE.test(key) && value !== null && value !== undefined ? '[redacted]' : value;
}

/** Dates as ISO strings and bigints (money in minor units) as digit strings: JSON holds neither. */
function comparable(value: unknown): unknown {
  if (typeof value === 'bigint') return value.toString();
  return value instanceof Date ? value.toISOString() : value;
}

/** Field-level differences, `{ field: { from, to } }`, sensitive values redacted. */
export function diff(before: AuditValue, after: AuditValue): Record<string, { from?: unknown; to?: unknown }> {
  const out: Record<string, { from?: unknown; to?: unknown }> = {};
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  for (const key of keys) {
    const from = comparable(before?.[key]);
    const to = comparable(after?.[key]);
    if (JSON.stringify(from) === JSON.stringify(to)) continue;
    out[key] = { from: redact(key, from), to: redact(key, to) };
  }
  return out;
}

/**
 * Records who changed what, and when, in the same transaction as the change (pass the
 * transaction), so the log can never miss a committed change or show one that rolled back.
 */
export async function recordAudit(db: Executor, entry: AuditEntry): Promise<void> {
  await recordAudits(db, [entry]);
}

/** `recordAudit` for many changes made together (a bulk load), in one insert. */
export async function recordAudits(db: Executor, entries: AuditEntry[]): Promise<void> {
  if (!entries.length) return;
  const request = currentRequest();
  await db.insert(auditLog).values(
    entries.map((entry) => {
      const actor = entry.actor ?? request?.caller ?? { kind: 'system' as const };
      return {
        actorKind: actor.kind,
        actorId: actor.id ?? null,
        service: entry.service ?? request?.service ?? 'system',
        action: entry.action,
        entityType: entry.entityType,
        entityId: entry.entityId ?? null,
        changes: entry.before || entry.after ? diff(entry.before, entry.after) : null,
        reason: entry.reason ?? null,
        requestId: request?.requestId ?? null,
      };
    }),
  );
}
