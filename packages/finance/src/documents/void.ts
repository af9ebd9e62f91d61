import { type Caller, conflict, inTransaction, notFound, recordAudit } from '@konecta/core';
import type { FinanceContext } from '../context';
import { type Entry, reverseEntry } from '../journals/entries';
import type { Side } from './posting';
import { type LockedDocument, SIDES } from './sides';
import { reversalDate } from './terms';

type Actor = Pick<Caller, 'kind' | 'id'>;
type Tx = Parameters<Parameters<typeof inTransaction>[1]>[0];

/**
 * Voids an issued invoice or an approved bill nothing has been paid or credited on: its entry is
 * reversed (dated today, or the document's date when that is later) and it keeps its number,
 * marked void. `then` runs in the same transaction (an invoice publishes its event there).
 */
export async function voidDocument(
  ctx: FinanceContext,
  caller: Actor,
  side: Side,
  id: string,
  then?: (tx: Tx, d: LockedDocument, reversal: Entry) => Promise<unknown>,
) {
  const s = SIDES[side];
  const posted = side === 'receivable' ? 'an issued invoice' : 'an approved bill';
  await inTransaction(ctx.db, async (tx) => {
    const d = await s.lock(ctx, id);
    if (!d) throw notFound(`No such ${s.noun}.`);
    if (d.status === 'draft') throw conflict('A draft is deleted, not voided.');
    if (d.status !== s.posted || d.creditedNet > 0n)
      throw conflict(`Only ${posted} with nothing paid or credited can be voided; issue a credit note.`);
    const reversal = await reverseEntry(ctx, caller, d.journalEntryId as string, {
      date: reversalDate(ctx, d.date),
      memo: `Void of ${s.noun} ${d.number}`,
    });
    await s.markVoid(ctx, caller, id, reversal.id);
    await recordAudit(tx, {
      action: `${s.noun}.voided`,
      entityType: s.noun,
      entityId: id,
      after: { number: d.number, reversal: reversal.number },
      actor: caller,
      service: 'finance',
    });
    await then?.(tx, d, reversal);
  });
}
