import {
  type Caller,
  type Config,
  countUpTo,
  dataKeyLoader,
  executorFor,
  type FieldCipher,
  fieldCipher,
  inTransaction,
  type ListPage,
  notFound,
  pageOf,
  recordAudit,
  unprocessable,
} from '@konecta/core';
import { accounts, type BankCsvMapping, bankAccounts } from '@konecta/db';
import { and, asc, eq, type SQL } from 'drizzle-orm';
import type { FinanceContext } from '../context';
import { ibanProblem, maskIban, normaliseIban } from './iban';

type Actor = Pick<Caller, 'kind' | 'id'>;
export type BankAccount = typeof bankAccounts.$inferSelect;

export interface BankAccountInput {
  name: string;
  accountId: string;
  bankName: string;
  iban?: string | null;
  currency?: string;
  active?: boolean;
}

/** The field cipher of the IBANs (the kernel's recipe: AES-256-GCM under the data key). */
const ciphers = new WeakMap<Config, FieldCipher>();
function cipherOf(ctx: FinanceContext): FieldCipher {
  let cipher = ciphers.get(ctx.config);
  if (!cipher) {
    cipher = fieldCipher(dataKeyLoader(ctx.config));
    ciphers.set(ctx.config, cipher);
  }
  return cipher;
}

export function bankAccountJson(b: BankAccount & { accountCode?: string; accountName?: string }) {
  return {
    id: b.id,
    name: b.name,
    accountId: b.accountId,
    accountCode: b.accountCode ?? null,
    accountName: b.accountName ?? null,
    bankName: b.bankName,
    iban: b.ibanMasked,
    currency: b.currency,
    active: b.active,
    csvMapping: b.csvMapping ?? null,
    createdAt: b.createdAt.toISOString(),
    updatedAt: b.updatedAt.toISOString(),
  };
}

const withLedger = { account: bankAccounts, accountCode: accounts.code, accountName: accounts.name };

export async function listBankAccounts(ctx: FinanceContext, filter: ListPage & { active?: boolean }) {
  const db = executorFor(ctx.db);
  const where: SQL[] = [];
  if (filter.active !== undefined) where.push(eq(bankAccounts.active, filter.active));
  const condition = where.length ? and(...where) : undefined;
  const rows = await db
    .select(withLedger)
    .from(bankAccounts)
    .innerJoin(accounts, eq(accounts.id, bankAccounts.accountId))
    .where(condition)
    .orderBy(asc(bankAccounts.name), asc(bankAccounts.id))
    .limit(filter.limit)
    .offset(filter.offset);
  const total = await countUpTo(db, db.select({ id: bankAccounts.id }).from(bankAccounts).where(condition));
  return pageOf(
    rows.map((r) => bankAccountJson({ ...r.account, accountCode: r.accountCode, accountName: r.accountName })),
    total,
    filter,
  );
}

export async function getBankAccount(ctx: FinanceContext, id: string): Promise<BankAccount> {
  const [row] = await executorFor(ctx.db).select().from(bankAccounts).where(eq(bankAccounts.id, id));
  if (!row) throw notFound('No such bank account.');
  return row;
}

export async function bankAccountView(ctx: FinanceContext, id: string) {
  const [r] = await executorFor(ctx.db)
    .select(withLedger)
    .from(bankAccounts)
    .innerJoin(accounts, eq(accounts.id, bankAccounts.accountId))
    .where(eq(bankAccounts.id, id));
  if (!r) throw notFound('No such bank account.');
  return bankAccountJson({ ...r.account, accountCode: r.accountCode, accountName: r.accountName });
}

/** The ledger account checked in words before the database's trigger refuses it anyway. */
async function checkLedgerAccount(ctx: FinanceContext, accountId: string) {
  const [a] = await executorFor(ctx.db).select().from(accounts).where(eq(accounts.id, accountId));
  const refuse = (message: string) => unprocessable(message, [{ path: 'accountId', message }]);
  if (!a) throw refuse('No such account.');
  if (a.type !== 'asset' || a.isGroup || !a.active)
    throw refuse(`${a.code} ${a.name} is not an active asset account that takes postings.`);
  return a;
}

async function sealedIban(ctx: FinanceContext, iban: string | null | undefined) {
  if (!iban) return { ibanEncrypted: null, ibanMasked: null };
  const problem = ibanProblem(iban);
  if (problem) throw unprocessable(problem, [{ path: 'iban', message: problem }]);
  const whole = normaliseIban(iban);
  return { ibanEncrypted: await cipherOf(ctx).encrypt(whole), ibanMasked: maskIban(whole) };
}

export async function createBankAccount(ctx: FinanceContext, caller: Actor, input: BankAccountInput) {
  const ledger = await checkLedgerAccount(ctx, input.accountId);
  const iban = await sealedIban(ctx, input.iban);
  const id = await inTransaction(ctx.db, async (tx) => {
    const [row] = await tx
      .insert(bankAccounts)
      .values({
        name: input.name,
        accountId: input.accountId,
        bankName: input.bankName,
        ...iban,
        currency: input.currency ?? ledger.currency ?? ctx.config.baseCurrency,
        active: input.active ?? true,
      })
      .returning();
    if (!row) throw new Error('insert returned nothing');
    await recordAudit(tx, {
      action: 'bank-account.created',
      entityType: 'bank_account',
      entityId: row.id,
      after: bankAccountJson(row),
      actor: caller,
      service: 'finance',
    });
    return row.id;
  });
  return bankAccountView(ctx, id);
}

export async function updateBankAccount(
  ctx: FinanceContext,
  caller: Actor,
  id: string,
  input: Partial<BankAccountInput>,
) {
  if (input.accountId) await checkLedgerAccount(ctx, input.accountId);
  const iban = input.iban !== undefined ? await sealedIban(ctx, input.iban) : {};
  await inTransaction(ctx.db, async (tx) => {
    const [before] = await tx.select().from(bankAccounts).where(eq(bankAccounts.id, id)).for('update');
    if (!before) throw notFound('No such bank account.');
    const [row] = await tx
      .update(bankAccounts)
      .set({
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.accountId !== undefined ? { accountId: input.accountId } : {}),
        ...(input.bankName !== undefined ? { bankName: input.bankName } : {}),
        ...(input.currency !== undefined ? { currency: input.currency } : {}),
        ...(input.active !== undefined ? { active: input.active } : {}),
        ...iban,
        updatedAt: ctx.now(),
      })
      .where(eq(bankAccounts.id, id))
      .returning();
    if (!row) throw notFound('No such bank account.');
    await recordAudit(tx, {
      action: 'bank-account.updated',
      entityType: 'bank_account',
      entityId: id,
      before: bankAccountJson(before),
      after: bankAccountJson(row),
      actor: caller,
      service: 'finance',
    });
  });
  return bankAccountView(ctx, id);
}

/** Remembers how this bank's CSV is read, for the next import. */
export async function rememberCsvMapping(ctx: FinanceContext, id: string, mapping: BankCsvMapping) {
  await executorFor(ctx.db)
    .update(bankAccounts)
    .set({ csvMapping: mapping, updatedAt: ctx.now() })
    .where(eq(bankAccounts.id, id));
}
