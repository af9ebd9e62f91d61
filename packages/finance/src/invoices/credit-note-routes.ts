import { creditNoteRoutes } from '../documents/credit-note-routes';
import { creditNoteSchema, creditNoteSummarySchema } from './schemas';

/** Credit notes against invoices (the shared routes, with the invoices' paths and words). */
export const invoiceCreditNoteRoutes = creditNoteRoutes({
  side: 'receivable',
  tag: 'invoices',
  documents: '/invoices',
  notes: '/credit-notes',
  schema: creditNoteSchema,
  summarySchema: creditNoteSummarySchema,
  words: {
    list: 'The credit notes against an invoice',
    listed: 'Credit notes',
    create:
      'Credit an issued invoice: what is left of it, by lines and quantities, or by a net amount (tax and withholding follow the invoice’s). Posts the reverse; any excess becomes customer credit',
    created: 'The credit note',
    one: 'One credit note with its lines',
    found: 'Credit note',
  },
});
