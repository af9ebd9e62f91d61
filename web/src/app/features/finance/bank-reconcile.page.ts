import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal } from '@angular/core';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { RouterLink } from '@angular/router';
import { Api } from '../../core/api';
import { Auth } from '../../core/auth';
import { CompanyCalendar } from '../../core/company-calendar';
import { isDecimal } from '../../core/money';
import { pageActions } from '../../shared/form-submit';
import { loader } from '../../shared/loader';
import { AccountPicker } from './account-picker';
import type {
  BankLedgerLine,
  BankMatchSuggestion,
  BankStatement,
  BankStatementLine,
  BankStatementWithPayment,
  Customer,
  ListPage,
  OpenDocuments,
  Vendor,
} from './models';

/**
 * Reconciliation side by side: the statement's lines on the left; on the right, for the chosen
 * line, the suggested ledger lines (best first) and every unreconciled one; confirm or undo a
 * match, or, for a line the books lack, create a payment (a customer's for money in, to a vendor for
 * money out, optionally allocated to their open documents) or post an entry. The balances are the API's.
 */
@Component({
  selector: 'k-bank-reconcile',
  imports: [ReactiveFormsModule, RouterLink, MatButtonModule, MatFormFieldModule, MatInputModule, AccountPicker],
  template: `
    <section class="page">
      <header class="page-header">
        <h1>Reconciliation</h1>
        <a mat-stroked-button routerLink="/finance/bank-statements">All statements</a>
      </header>
      @if (statement.error()) {
        <p class="state error" role="alert">{{ statement.error() }}</p>
      }
      @if (statement.data(); as s) {
        <p class="sub">{{ s.bankAccountName }} · {{ calendar.date(s.startDate) }} – {{ calendar.date(s.endDate) }} · {{ s.currency }}</p>
        <div class="balances" data-testid="balances">
          <div><span class="sub">Opening</span><strong data-testid="balance-opening">{{ s.openingBalance }}</strong></div>
          <div><span class="sub">Closing (bank)</span><strong data-testid="balance-closing">{{ s.closingBalance }}</strong></div>
          <div><span class="sub">Book balance on {{ calendar.date(s.endDate) }}</span><strong data-testid="balance-book">{{ s.bookBalance }}</strong></div>
          <div><span class="sub">Reconciled (matched lines)</span><strong data-testid="balance-reconciled">{{ s.reconciledAmount }}</strong></div>
          <div><span class="sub">Lines matched</span><strong data-testid="matched-count">{{ s.matchedCount }} / {{ s.lineCount }}</strong></div>
        </div>
        @if (message()) {
          <p class="state error" role="alert" data-testid="reconcile-error">{{ message() }}</p>
        }
        <div class="side-by-side">
          <div>
            <h2>Statement lines</h2>
            <table class="k-table" data-testid="statement-lines">
              <caption class="cdk-visually-hidden">Statement lines</caption>
              <thead><tr><th scope="col">Date</th><th scope="col">Description</th><th scope="col" class="num">Amount</th><th scope="col">Match</th></tr></thead>
              <tbody>
                @for (l of s.lines; track l.id) {
                  <tr data-testid="statement-line" [class.selected]="l.id === selectedId()" (click)="select(l)">
                    <td class="nowrap">{{ calendar.date(l.date) }}</td>
                    <td>{{ l.description }}@if (l.reference) { <span class="sub"> · {{ l.reference }}</span> }</td>
                    <td class="num">{{ l.amount }}</td>
                    <td>
                      @if (l.match; as m) {
                        <a [routerLink]="['/finance/journal-entries', m.entryId]" (click)="$event.stopPropagation()">{{ m.entryNumber }}</a>
                        @if (m.paymentId) {
                          <a [routerLink]="['/finance/payments', m.paymentId]" (click)="$event.stopPropagation()" data-testid="matched-payment"> · payment</a>
                        }
                        @if (canReconcile) {
                          <button mat-button type="button" (click)="undo(l); $event.stopPropagation()" [disabled]="busy()" data-testid="undo-match">Undo</button>
                        }
                      } @else {
                        <button mat-button type="button" (click)="select(l); $event.stopPropagation()" data-testid="pick-line">Match…</button>
                      }
                    </td>
                  </tr>
                }
              </tbody>
            </table>
          </div>
          <div>
            @if (selected(); as l) {
              <h2>Line {{ l.lineNo }}: {{ l.amount }} on {{ calendar.date(l.date) }}</h2>
              @if (l.match) {
                <p class="sub">Matched to {{ l.match.entryNumber }}.</p>
              } @else {
                <h2>Suggested</h2>
                @if (suggestions().length === 0) {
                  <p class="sub" data-testid="no-suggestions">No ledger line of this amount within a week.</p>
                }
                <table class="k-table" data-testid="suggestions">
                  <caption class="cdk-visually-hidden">Suggested ledger lines</caption>
                  <tbody>
                    @for (g of suggestions(); track g.journalLineId) {
                      <tr data-testid="suggestion">
                        <td class="nowrap">{{ calendar.date(g.date) }}</td>
                        <td>{{ g.entryNumber }} · {{ g.memo }}@if (g.paymentId) { <span class="sub" data-testid="suggestion-payment"> · payment, {{ g.partyName }}</span> }@if (g.referenceFound) { <span class="sub"> · reference found</span> }</td>
                        <td class="num">{{ g.amount }}</td>
                        <td>
                          @if (canReconcile) {
                            <button mat-flat-button type="button" (click)="confirm(l, g.journalLineId)" [disabled]="busy()" data-testid="confirm-match">Confirm</button>
                          }
                        </td>
                      </tr>
                    }
                  </tbody>
                </table>
                @if (canCreatePayment) {
                  <div class="panel" data-testid="line-payment">
                    <h2>Not in the books? Create a payment</h2>
                    <p class="sub">{{ moneyIn(l) ? 'Received from a customer' : 'Made to a vendor' }}: {{ l.amount.replace('-', '') }} through {{ s.bankAccountName }}, dated {{ calendar.date(l.date) }}, matched to this line.</p>
                    <mat-form-field>
                      <mat-label>{{ moneyIn(l) ? 'Customer' : 'Vendor' }}</mat-label>
                      <select matNativeControl [formControl]="payParty" (change)="payPartyChanged()" data-testid="line-payment-party">
                        <option value="">Choose…</option>
                        @for (p of parties(); track p.id) {
                          <option [value]="p.id">{{ p.name }} ({{ p.currency }})</option>
                        }
                      </select>
                    </mat-form-field>
                    @if (payOpen(); as o) {
                      @if (o.documents.length) {
                        <table class="k-table" data-testid="line-allocation-grid">
                          <caption class="cdk-visually-hidden">Open documents to allocate to (optional)</caption>
                          <thead><tr><th scope="col">{{ o.kind === 'customer' ? 'Invoice' : 'Bill' }}</th><th scope="col">Due</th><th scope="col" class="num">Amount due</th><th scope="col" class="num">Allocate</th></tr></thead>
                          <tbody>
                            @for (d of o.documents; track d.id; let i = $index) {
                              <tr>
                                <td>{{ d.number }}</td>
                                <td class="nowrap">{{ calendar.date(d.dueDate) }}</td>
                                <td class="num">{{ d.amountDue }}</td>
                                <td class="num"><input class="cell" [formControl]="payAllocations[i]!" inputmode="decimal"
                                  [attr.aria-label]="'Allocate to ' + d.number" [attr.data-testid]="'line-allocation-' + i" /></td>
                              </tr>
                            }
                          </tbody>
                        </table>
                      } @else {
                        <p class="sub">Nothing open for this party: the payment stays its credit.</p>
                      }
                    }
                    <button mat-flat-button type="button" (click)="createPayment(l)" [disabled]="busy() || !payParty.value" data-testid="create-payment">Create payment and match</button>
                  </div>
                }
                @if (canPostEntry) {
                  <h2>Not in the books? Post an entry</h2>
                  <p class="sub">{{ l.amount.startsWith('-') ? 'Debits the account chosen and credits the bank' : 'Debits the bank and credits the account chosen' }}, dated {{ calendar.date(l.date) }}, and matches it.</p>
                  <k-account-picker [control]="entryAccount" label="Account (e.g. bank charges)" [postingOnly]="true" testId="entry-account" />
                  <button mat-stroked-button type="button" (click)="postEntry(l)" [disabled]="busy() || !entryAccount.value" data-testid="post-entry">Post and match</button>
                }
              }
            } @else {
              <p class="sub">Choose a statement line to see its suggested matches.</p>
            }
            <h2>Unreconciled ledger lines</h2>
            <table class="k-table" data-testid="ledger-lines">
              <caption class="cdk-visually-hidden">Unreconciled ledger lines</caption>
              <tbody>
                @for (g of ledgerRows(); track g.journalLineId) {
                  <tr data-testid="ledger-line">
                    <td class="nowrap">{{ calendar.date(g.date) }}</td>
                    <td>{{ g.entryNumber }} · {{ g.memo }}</td>
                    <td class="num">{{ g.amount }}</td>
                    <td>
                      @if (canReconcile && selected() && !selected()?.match && selected()?.amount === g.amount) {
                        <button mat-button type="button" (click)="confirm(selected()!, g.journalLineId)" [disabled]="busy()">Match</button>
                      }
                    </td>
                  </tr>
                } @empty {
                  <tr><td class="sub">Every ledger line of the account is reconciled.</td></tr>
                }
              </tbody>
            </table>
          </div>
        </div>
      }
    </section>
  `,
  styleUrl: './finance.scss',
  styles: `
    .balances { display: flex; flex-wrap: wrap; gap: 12px 32px; margin: 8px 0 16px; }
    .balances div { display: flex; flex-direction: column; }
    .side-by-side { display: grid; grid-template-columns: 1fr 1fr; gap: 24px; }
    @media (max-width: 900px) { .side-by-side { grid-template-columns: 1fr; } }
    tr.selected { background: var(--mat-sys-secondary-container); }
    tr[data-testid='statement-line'] { cursor: pointer; }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class BankReconcilePage {
  private readonly api = inject(Api);
  protected readonly calendar = inject(CompanyCalendar);
  private readonly auth = inject(Auth);
  protected readonly canReconcile = this.auth.can('finance.bank.reconcile');
  protected readonly canPostEntry = this.canReconcile && this.auth.can('finance.journals.post');
  readonly id = input.required<string>();
  protected readonly busy = signal(false);
  protected readonly message = signal<string | undefined>(undefined);
  private readonly actions = pageActions(this.busy, this.message);
  protected readonly selectedId = signal<string | null>(null);
  protected readonly suggestions = signal<BankMatchSuggestion[]>([]);
  protected readonly entryAccount = new FormControl('', { nonNullable: true });
  protected readonly canCreatePayment = this.canReconcile && this.auth.can('finance.payments.manage');
  protected readonly payParty = new FormControl('', { nonNullable: true });
  protected readonly parties = signal<(Customer | Vendor)[]>([]);
  protected readonly payOpen = signal<OpenDocuments | undefined>(undefined);
  protected payAllocations: FormControl<string>[] = [];
  protected readonly statement = loader(() => this.api.get<BankStatement>(`/api/finance/bank-statements/${this.id()}`));
  protected readonly ledger = loader(() =>
    this.api.get<{ items: BankLedgerLine[] }>(`/api/finance/bank-statements/${this.id()}/ledger-lines`),
  );
  protected readonly ledgerRows = computed(() => this.ledger.data()?.items ?? []);
  protected readonly selected = computed(
    () => this.statement.data()?.lines.find((l) => l.id === this.selectedId()) ?? null,
  );

  constructor() {
    effect(() => {
      this.id();
      this.selectedId.set(null);
      void this.statement.reload();
      void this.ledger.reload();
    });
  }

  protected async select(line: BankStatementLine): Promise<void> {
    this.selectedId.set(line.id);
    this.suggestions.set([]);
    this.entryAccount.setValue('');
    this.payParty.setValue('');
    this.payOpen.set(undefined);
    this.payAllocations = [];
    if (line.match) return;
    if (this.canCreatePayment) void this.loadParties(line);
    await this.actions.run(async () => {
      const s = await this.api.get<{ items: BankMatchSuggestion[] }>(
        `/api/finance/bank-statements/${this.id()}/lines/${line.id}/suggestions`,
      );
      if (this.selectedId() === line.id) this.suggestions.set(s.items);
    });
  }

  private async apply(change: () => Promise<BankStatement>): Promise<void> {
    await this.actions.run(async () => {
      this.statement.data.set(await change());
      this.suggestions.set([]);
      await this.ledger.reload();
    });
  }

  protected confirm(line: BankStatementLine, journalLineId: string): Promise<void> {
    return this.apply(() =>
      this.api.post<BankStatement>(`/api/finance/bank-statements/${this.id()}/lines/${line.id}/match`, {
        journalLineId,
      }),
    );
  }

  protected undo(line: BankStatementLine): Promise<void> {
    return this.apply(async () => {
      const s = await this.api.delete<BankStatement>(
        `/api/finance/bank-statements/${this.id()}/lines/${line.id}/match`,
      );
      this.selectedId.set(null);
      return s;
    });
  }

  protected moneyIn(line: BankStatementLine): boolean {
    return !line.amount.startsWith('-');
  }

  private async loadParties(line: BankStatementLine): Promise<void> {
    const path = this.moneyIn(line) ? '/api/finance/customers' : '/api/finance/vendors';
    const page = await this.api.get<ListPage<Customer | Vendor>>(path, { active: true, limit: 200 });
    if (this.selectedId() === line.id) this.parties.set(page.items);
  }

  protected async payPartyChanged(): Promise<void> {
    const partyId = this.payParty.value;
    this.payOpen.set(undefined);
    this.payAllocations = [];
    if (!partyId) return;
    await this.actions.run(async () => {
      const open = await this.api.get<OpenDocuments>('/api/finance/payments/open-documents', { partyId });
      this.payAllocations = open.documents.map(() => new FormControl('', { nonNullable: true }));
      if (this.payParty.value === partyId) this.payOpen.set(open);
    });
  }

  protected createPayment(line: BankStatementLine): Promise<void> {
    const o = this.payOpen();
    const bad = this.payAllocations.findIndex((c) => c.value.trim() && !isDecimal(c.value.trim()));
    if (bad >= 0) {
      this.message.set(`Allocation ${bad + 1} is not an amount like 1250.00.`);
      return Promise.resolve();
    }
    const key = this.moneyIn(line) ? 'invoiceId' : 'billId';
    const allocations = (o?.documents ?? [])
      .map((d, i) => ({ [key]: d.id, amount: this.payAllocations[i]?.value.trim() ?? '' }))
      .filter((a) => a.amount);
    return this.apply(async () => {
      const { paymentId: _, ...statement } = await this.api.post<BankStatementWithPayment>(
        `/api/finance/bank-statements/${this.id()}/lines/${line.id}/payment`,
        { partyId: this.payParty.value, ...(allocations.length ? { allocations } : {}) },
      );
      return statement;
    });
  }

  protected postEntry(line: BankStatementLine): Promise<void> {
    return this.apply(() =>
      this.api.post<BankStatement>(`/api/finance/bank-statements/${this.id()}/lines/${line.id}/entry`, {
        accountId: this.entryAccount.value,
      }),
    );
  }
}
