import { addDays, formatDecimal, unprocessable } from '@konecta/core';
import type { FinanceContext } from '../context';
import { rateOn } from '../currencies/rates';
import { getParty, type PartyKind } from '../parties/parties';

/**
 * What a draft invoice or bill takes from its party and date: the currency (the party's unless
 * given), the rate of the document date (1 for the base currency), and the due date, the date plus
 * the party's net days. A missing or deactivated party is refused, naming `customerId`/`vendorId`.
 */
export async function documentTerms(
  ctx: FinanceContext,
  kind: PartyKind,
  partyId: string,
  date: string | undefined,
  currency: string | undefined,
) {
  const path = `${kind}Id`;
  const party = await getParty(ctx, kind, partyId).catch(() => {
    throw unprocessable(`No such ${kind}.`, [{ path, message: `No such ${kind}.` }]);
  });
  if (!party.active) throw unprocessable(`${party.name} is deactivated.`, [{ path, message: 'Deactivated.' }]);
  const on = date ?? ctx.calendar.today();
  const cur = currency ?? party.currency;
  const rate = cur === ctx.config.baseCurrency ? '1' : formatDecimal(await rateOn(ctx, cur, on));
  return { date: on, dueDate: addDays(on, party.paymentTermsDays), currency: cur, rate };
}

/** Today, or the document's date when that is later: a void's reversal is never dated before the entry. */
export function reversalDate(ctx: FinanceContext, documentDate: string): string {
  const today = ctx.calendar.today();
  return today > documentDate ? today : documentDate;
}
