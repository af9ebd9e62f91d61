/**
 * What the invoice and bill screens differ by: the API paths, the party, the dates' names and
 * the action that posts a draft. The amounts on these screens are the server's (drafts and the
 * preview route work them out); the browser never computes a figure itself.
 */
export interface DocumentKind {
  kind: 'invoice' | 'bill';
  title: string;
  noun: string;
  api: string;
  route: string;
  partyApi: string;
  partyLabel: string;
  partyField: 'customerId' | 'vendorId';
  dateField: 'issueDate' | 'billDate';
  dateLabel: string;
  /** The action that numbers and posts a draft. */
  action: 'issue' | 'approve';
  actionLabel: string;
  /** The account types a line may use. */
  accountTypes: string[];
  statuses: { value: string; label: string }[];
}

export const INVOICES: DocumentKind = {
  kind: 'invoice',
  title: 'Invoices',
  noun: 'invoice',
  api: '/api/finance/invoices',
  route: '/finance/invoices',
  partyApi: '/api/finance/customers',
  partyLabel: 'Customer',
  partyField: 'customerId',
  dateField: 'issueDate',
  dateLabel: 'Issue date',
  action: 'issue',
  actionLabel: 'Issue',
  accountTypes: ['income'],
  statuses: [
    { value: 'draft', label: 'Draft' },
    { value: 'issued', label: 'Issued' },
    { value: 'partially_paid', label: 'Partially paid' },
    { value: 'paid', label: 'Paid' },
    { value: 'credited', label: 'Credited' },
    { value: 'void', label: 'Void' },
  ],
};

export const BILLS: DocumentKind = {
  kind: 'bill',
  title: 'Bills',
  noun: 'bill',
  api: '/api/finance/bills',
  route: '/finance/bills',
  partyApi: '/api/finance/vendors',
  partyLabel: 'Vendor',
  partyField: 'vendorId',
  dateField: 'billDate',
  dateLabel: 'Bill date',
  action: 'approve',
  actionLabel: 'Approve',
  accountTypes: ['expense', 'asset'],
  statuses: [
    { value: 'draft', label: 'Draft' },
    { value: 'approved', label: 'Approved' },
    { value: 'partially_paid', label: 'Partially paid' },
    { value: 'paid', label: 'Paid' },
    { value: 'credited', label: 'Credited' },
    { value: 'void', label: 'Void' },
  ],
};

export const statusLabel = (kind: DocumentKind, status: string) =>
  kind.statuses.find((s) => s.value === status)?.label ?? status;
