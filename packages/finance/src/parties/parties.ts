import {
  type Caller,
  countUpTo,
  executorFor,
  inTransaction,
  type ListPage,
  notFound,
  pageOf,
  parseMoney,
  recordAudit,
  toMoneyJson,
  unprocessable,
} from '@konecta/core';
import { customers, vendors } from '@konecta/db';
import { and, asc, eq, ilike, or, type SQL } from 'drizzle-orm';
import type { FinanceContext } from '../context';
import { containing } from '../search';

type Actor = Pick<Caller, 'kind' | 'id'>;
export type Customer = typeof customers.$inferSelect;
export type Vendor = typeof vendors.$inferSelect;

/** Customers and vendors share their shape; a customer also has a credit limit. */
export type PartyKind = 'customer' | 'vendor';

export interface PartyInput {
  name?: string | undefined;
  taxNumber?: string | null | undefined;
  contactName?: string | null | undefined;
  email?: string | null | undefined;
  phone?: string | null | undefined;
  address?: string | null | undefined;
  paymentTermsDays?: number | undefined;
  currency?: string | undefined;
  active?: boolean | undefined;
  /** Customers only: a decimal string of the customer's currency, or null for none. */
  creditLimit?: string | null | undefined;
  creditLimitAction?: 'warn' | 'stop' | undefined;
}

export interface PartyFilter extends ListPage {
  q?: string | undefined;
  active?: boolean | undefined;
  currency?: string | undefined;
}

const tableOf = (kind: PartyKind) => (kind === 'customer' ? customers : vendors);

export function partyJson(p: Customer | Vendor) {
  const limit = 'creditLimit' in p ? p.creditLimit : undefined;
  return {
    id: p.id,
    name: p.name,
    taxNumber: p.taxNumber,
    contactName: p.contactName,
    email: p.email,
    phone: p.phone,
    address: p.address,
    paymentTermsDays: p.paymentTermsDays,
    currency: p.currency,
    active: p.active,
    ...('creditLimitAction' in p
      ? {
          creditLimit: limit == null ? null : toMoneyJson({ minor: limit, currency: p.currency }).amount,
          creditLimitAction: p.creditLimitAction,
        }
      : {}),
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  };
}

export async function listParties(ctx: FinanceContext, kind: PartyKind, filter: PartyFilter) {
  const t = tableOf(kind);
  const db = executorFor(ctx.db);
  const where: SQL[] = [];
  if (filter.active !== undefined) where.push(eq(t.active, filter.active));
  if (filter.currency) where.push(eq(t.currency, filter.currency));
  if (filter.q) {
    const like = containing(filter.q);
    where.push(or(ilike(t.name, like), ilike(t.taxNumber, like), ilike(t.email, like)) as SQL);
  }
  const condition = where.length ? and(...where) : undefined;
  const rows = await db
    .select()
    .from(t)
    .where(condition)
    .orderBy(asc(t.name), asc(t.id))
    .limit(filter.limit)
    .offset(filter.offset);
  const total = await countUpTo(db, db.select({ id: t.id }).from(t).where(condition));
  return pageOf(rows.map(partyJson), total, filter);
}

export async function getParty(ctx: FinanceContext, kind: PartyKind, id: string) {
  const t = tableOf(kind);
  const [row] = await executorFor(ctx.db).select().from(t).where(eq(t.id, id));
  if (!row) throw notFound(`No such ${kind}.`);
  return row;
}

function values(ctx: FinanceContext, kind: PartyKind, input: PartyInput, currency: string) {
  let creditLimit: bigint | null | undefined;
  if (input.creditLimit !== undefined && kind === 'customer') {
    try {
      creditLimit = input.creditLimit === null ? null : parseMoney({ amount: input.creditLimit, currency }).minor;
    } catch (err) {
      throw unprocessable((err as Error).message, [{ path: 'creditLimit', message: (err as Error).message }]);
    }
  }
  return {
    ...(input.name !== undefined ? { name: input.name } : {}),
    ...(input.taxNumber !== undefined ? { taxNumber: input.taxNumber } : {}),
    ...(input.contactName !== undefined ? { contactName: input.contactName } : {}),
    ...(input.email !== undefined ? { email: input.email } : {}),
    ...(input.phone !== undefined ? { phone: input.phone } : {}),
    ...(input.address !== undefined ? { address: input.address } : {}),
    ...(input.paymentTermsDays !== undefined ? { paymentTermsDays: input.paymentTermsDays } : {}),
    currency,
    ...(input.active !== undefined ? { active: input.active } : {}),
    ...(kind === 'customer' && creditLimit !== undefined ? { creditLimit } : {}),
    ...(kind === 'customer' && input.creditLimitAction ? { creditLimitAction: input.creditLimitAction } : {}),
    updatedAt: ctx.now(),
  };
}

export async function createParty(ctx: FinanceContext, caller: Actor, kind: PartyKind, input: PartyInput) {
  return inTransaction(ctx.db, async (tx) => {
    const t = tableOf(kind);
    const [row] = await tx
      .insert(t)
      .values({ name: '', ...values(ctx, kind, input, input.currency ?? ctx.config.baseCurrency) })
      .returning();
    if (!row) throw new Error('insert returned nothing');
    await recordAudit(tx, {
      action: `${kind}.created`,
      entityType: kind,
      entityId: row.id,
      after: partyJson(row),
      actor: caller,
      service: 'finance',
    });
    return partyJson(row);
  });
}

/** Changes a customer's or vendor's details (deactivating is `active: false`; history keeps it). */
export async function updateParty(ctx: FinanceContext, caller: Actor, kind: PartyKind, id: string, input: PartyInput) {
  return inTransaction(ctx.db, async (tx) => {
    const t = tableOf(kind);
    const [before] = await tx.select().from(t).where(eq(t.id, id)).for('update');
    if (!before) throw notFound(`No such ${kind}.`);
    const [row] = await tx
      .update(t)
      .set(values(ctx, kind, input, input.currency ?? before.currency))
      .where(eq(t.id, id))
      .returning();
    if (!row) throw notFound(`No such ${kind}.`);
    await recordAudit(tx, {
      action: `${kind}.updated`,
      entityType: kind,
      entityId: id,
      before: partyJson(before),
      after: partyJson(row),
      actor: caller,
      service: 'finance',
    });
    return partyJson(row);
  });
}
