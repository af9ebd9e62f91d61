import {
  type Caller,
  conflict,
  countUpTo,
  executorFor,
  inTransaction,
  type ListPage,
  notFound,
  pageOf,
  recordAudit,
  type SortKey,
  sortOrder,
  unprocessable,
} from '@konecta/core';
import { accounts, journalLines } from '@konecta/db';
import { and, asc, eq, ilike, or, type SQL } from 'drizzle-orm';
import type { FinanceContext } from '../context';

export type Account = typeof accounts.$inferSelect;
export type AccountType = Account['type'];

export interface AccountInput {
  code: string;
  name: string;
  type: AccountType;
  parentId?: string | null;
  isGroup?: boolean;
  active?: boolean;
  currency?: string | null;
  cash?: boolean;
  description?: string | null;
}

export interface AccountFilter extends ListPage {
  sort?: SortKey<'code' | 'name'>;
  type?: AccountType;
  active?: boolean;
  q?: string;
}

export function accountJson(a: Account) {
  return {
    id: a.id,
    code: a.code,
    name: a.name,
    type: a.type,
    parentId: a.parentId,
    isGroup: a.isGroup,
    active: a.active,
    currency: a.currency,
    cash: a.cash,
    role: a.role,
    description: a.description,
    createdAt: a.createdAt.toISOString(),
    updatedAt: a.updatedAt.toISOString(),
  };
}

export async function listAccounts(ctx: FinanceContext, filter: AccountFilter) {
  const db = executorFor(ctx.db);
  const where: SQL[] = [];
  if (filter.type) where.push(eq(accounts.type, filter.type));
  if (filter.active !== undefined) where.push(eq(accounts.active, filter.active));
  if (filter.q) {
    const like = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    where.push(or(ilike(accounts.code, like), ilike(accounts.name, like)) as SQL);
  }
  const condition = where.length ? and(...where) : undefined;
  const rows = await db
    .select()
    .from(accounts)
    .where(condition)
    .orderBy(...sortOrder(filter.sort, { code: accounts.code, name: accounts.name }, 'code'), asc(accounts.id))
    .limit(filter.limit)
    .offset(filter.offset);
  const total = await countUpTo(db, db.select({ id: accounts.id }).from(accounts).where(condition));
  return pageOf(rows.map(accountJson), total, filter);
}

export async function getAccount(ctx: FinanceContext, id: string): Promise<Account> {
  const [row] = await executorFor(ctx.db).select().from(accounts).where(eq(accounts.id, id));
  if (!row) throw notFound('No such account.');
  return row;
}

/** The account that plays a role (`retained_earnings`, `rounding`, …) in the chart. */
export async function accountByRole(ctx: FinanceContext, role: string): Promise<Account> {
  const [row] = await executorFor(ctx.db).select().from(accounts).where(eq(accounts.role, role));
  if (!row) throw unprocessable(`The chart of accounts has no account for "${role.replace(/_/g, ' ')}".`);
  return row;
}

async function checkParent(ctx: FinanceContext, input: Pick<AccountInput, 'parentId' | 'type'>) {
  if (!input.parentId) return;
  const [parent] = await executorFor(ctx.db).select().from(accounts).where(eq(accounts.id, input.parentId));
  if (!parent) throw unprocessable('No such parent account.', [{ path: 'parentId', message: 'No such account.' }]);
  // The database holds these too (accounts_guard); here they get a sentence before it is reached.
  if (!parent.isGroup || parent.type !== input.type)
    throw unprocessable('The parent must be a group account of the same type.', [
      { path: 'parentId', message: 'Choose a group account of the same type.' },
    ]);
}

function normalisedCurrency(ctx: FinanceContext, currency: string | null | undefined) {
  return currency && currency !== ctx.config.baseCurrency ? currency : null;
}

export async function createAccount(ctx: FinanceContext, caller: Pick<Caller, 'kind' | 'id'>, input: AccountInput) {
  return inTransaction(ctx.db, async (tx) => {
    await checkParent(ctx, input);
    const [row] = await tx
      .insert(accounts)
      .values({
        code: input.code,
        name: input.name,
        type: input.type,
        parentId: input.parentId ?? null,
        isGroup: input.isGroup ?? false,
        active: input.active ?? true,
        currency: normalisedCurrency(ctx, input.currency),
        cash: input.cash ?? false,
        description: input.description ?? null,
      })
      .returning();
    if (!row) throw new Error('insert returned nothing');
    await recordAudit(tx, {
      action: 'account.created',
      entityType: 'account',
      entityId: row.id,
      after: accountJson(row),
      actor: caller,
      service: 'finance',
    });
    return accountJson(row);
  });
}

/** Edits an account; `active: false` deactivates it (history stays and reports still show it). */
export async function updateAccount(
  ctx: FinanceContext,
  caller: Pick<Caller, 'kind' | 'id'>,
  id: string,
  input: Partial<AccountInput>,
) {
  return inTransaction(ctx.db, async (tx) => {
    const [before] = await tx.select().from(accounts).where(eq(accounts.id, id)).for('update');
    if (!before) throw notFound('No such account.');
    const type = input.type ?? before.type;
    if (input.parentId !== undefined || input.type !== undefined)
      await checkParent(ctx, { parentId: input.parentId === undefined ? before.parentId : input.parentId, type });
    const [row] = await tx
      .update(accounts)
      .set({
        ...(input.code !== undefined ? { code: input.code } : {}),
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.type !== undefined ? { type: input.type } : {}),
        ...(input.parentId !== undefined ? { parentId: input.parentId } : {}),
        ...(input.isGroup !== undefined ? { isGroup: input.isGroup } : {}),
        ...(input.active !== undefined ? { active: input.active } : {}),
        ...(input.currency !== undefined ? { currency: normalisedCurrency(ctx, input.currency) } : {}),
        ...(input.cash !== undefined ? { cash: input.cash } : {}),
        ...(input.description !== undefined ? { description: input.description } : {}),
        updatedAt: ctx.now(),
      })
      .where(eq(accounts.id, id))
      .returning();
    if (!row) throw notFound('No such account.');
    await recordAudit(tx, {
      action: input.active === false && before.active ? 'account.deactivated' : 'account.updated',
      entityType: 'account',
      entityId: id,
      before: accountJson(before),
      after: accountJson(row),
      actor: caller,
      service: 'finance',
    });
    return accountJson(row);
  });
}

/** Deletes an account that has never been used; one with history is deactivated instead. */
export async function deleteAccount(ctx: FinanceContext, caller: Pick<Caller, 'kind' | 'id'>, id: string) {
  await inTransaction(ctx.db, async (tx) => {
    const [row] = await tx.select().from(accounts).where(eq(accounts.id, id)).for('update');
    if (!row) throw notFound('No such account.');
    if (row.role) throw conflict('The system posts to this account; it cannot be deleted.');
    const [line] = await tx
      .select({ id: journalLines.id })
      .from(journalLines)
      .where(eq(journalLines.accountId, id))
      .limit(1);
    if (line) throw conflict('The account has journal lines; deactivate it instead.');
    const [child] = await tx.select({ id: accounts.id }).from(accounts).where(eq(accounts.parentId, id)).limit(1);
    if (child) throw conflict('Accounts sit under this group; move or delete them first.');
    await tx.delete(accounts).where(eq(accounts.id, id));
    await recordAudit(tx, {
      action: 'account.deleted',
      entityType: 'account',
      entityId: id,
      before: accountJson(row),
      actor: caller,
      service: 'finance',
    });
  });
}
