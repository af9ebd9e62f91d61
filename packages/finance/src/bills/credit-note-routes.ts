import { creditNoteRoutes } from '../documents/credit-note-routes';
import { vendorCreditNoteSchema, vendorCreditNoteSummarySchema } from './schemas';

/** Vendor credit notes against bills (the shared routes, with the bills' paths and words). */
export const billCreditNoteRoutes = creditNoteRoutes({
  side: 'payable',
  tag: 'bills',
  documents: '/bills',
  notes: '/vendor-credit-notes',
  schema: vendorCreditNoteSchema,
  summarySchema: vendorCreditNoteSummarySchema,
  words: {
    list: 'The vendor credit notes against a bill',
    listed: 'Vendor credit notes',
    create:
      'Record a vendor credit note against an approved bill: what is left of it, by lines and quantities, or by a net amount. Posts the reverse; any excess becomes credit with the vendor',
    created: 'The vendor credit note',
    one: 'One vendor credit note with its lines',
    found: 'Vendor credit note',
  },
});
