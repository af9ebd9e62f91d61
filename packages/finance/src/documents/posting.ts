import { accountByRole } from '../accounts/accounts';
import type { FinanceContext } from '../context';
import type { EntryLineInput } from '../journals/entries';

/**
 * Which side of the company a document is on: an invoice is owed to it (receivable), a bill is
 * owed by it (payable). Credit notes, postings and the rules they share take the side as their
 * parameter; everything else about the two is their own.
 */
export type Side = 'receivable' | 'payable';

/** The ledger roles each side posts to. */
const ROLES = {
  receivable: { party: 'receivables', withholding: 'withholding_receivable', tax: 'tax_payable' },
  payable: { party: 'payables', withholding: 'withholding', tax: 'tax_receivable' },
} as const;

/** What a posting needs of each line: its account and its rounded amounts. */
export interface PostedLine {
  accountId: string;
  net: bigint;
  tax: bigint;
  withholding: bigint;
  description: string;
  projectId: string | null;
}

/** The accounts a side posts to, by role, looked up once. */
export interface PostingAccounts {
  party: string;
  withholding: string;
  tax: string;
}

export async function postingAccounts(ctx: FinanceContext, side: Side): Promise<PostingAccounts> {
  const roles = ROLES[side];
  return {
    party: (await accountByRole(ctx, roles.party)).id,
    withholding: (await accountByRole(ctx, roles.withholding)).id,
    tax: (await accountByRole(ctx, roles.tax)).id,
  };
}

/**
 * The journal lines of a document (`post`: an invoice issued, a bill approved) or of a credit
 * against it (`credit`: the same with the sides swapped). An invoice debits receivable (net + tax −
 * withholding) and withholding receivable and credits income per line and tax payable; a bill
 * debits expense per line and tax receivable and credits withholding payable and payable.
 */
export async function documentEntryLines(
  ctx: FinanceContext,
  side: Side,
  partyId: string,
  lines: readonly PostedLine[],
  direction: 'post' | 'credit',
): Promise<EntryLineInput[]> {
  return entryLinesWith(await postingAccounts(ctx, side), side, partyId, lines, direction);
}

/** `documentEntryLines` with the accounts already looked up (the demo data posts hundreds at once). */
export function entryLinesWith(
  accounts: PostingAccounts,
  side: Side,
  partyId: string,
  lines: readonly PostedLine[],
  direction: 'post' | 'credit',
): EntryLineInput[] {
  let tax = 0n;
  let withholding = 0n;
  let net = 0n;
  for (const l of lines) {
    net += l.net;
    tax += l.tax;
    withholding += l.withholding;
  }
  // The party's side is the debit of an invoice posted; everything flips for bills and for credits.
  const partyDebit = (side === 'receivable') === (direction === 'post');
  const amount = (value: bigint, debit: boolean) =>
    debit ? { debit: value, credit: 0n } : { debit: 0n, credit: value };
  const party: EntryLineInput[] = [
    { accountId: accounts.party, ...amount(net + tax - withholding, partyDebit), partyId },
  ];
  if (withholding > 0n) party.push({ accountId: accounts.withholding, ...amount(withholding, partyDebit), partyId });
  const counter: EntryLineInput[] = lines
    .filter((l) => l.net > 0n)
    .map((l) => ({
      accountId: l.accountId,
      ...amount(l.net, !partyDebit),
      description: l.description,
      projectId: l.projectId,
    }));
  if (tax > 0n) counter.push({ accountId: accounts.tax, ...amount(tax, !partyDebit) });
  return side === 'receivable' ? [...party, ...counter] : [...counter, ...party.reverse()];
}
