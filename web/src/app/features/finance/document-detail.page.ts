import { ChangeDetectionStrategy, Component, computed, inject, input, type OnInit, signal } from '@angular/core';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { Api } from '../../core/api';
import { Auth } from '../../core/auth';
import { CompanyCalendar } from '../../core/company-calendar';
import { formatAmount } from '../../core/money';
import { problemMessage, toProblem } from '../../core/problems';
import { type DocumentKind, INVOICES, statusLabel } from './documents';
import type { Bill, CreditNote, CreditNoteSummary, Invoice, IssuedInvoice, VendorCreditNote } from './models';
import { readBlobError } from './statement-tools';

/**
 * One invoice or bill: its lines and totals as the server worked them out, and what can be done
 * with it now: edit or issue (approve) a draft, void an unpaid one, print an invoice, credit it
 * (an invoice or a bill; by an amount, by lines, or all that is left).
 */
@Component({
  selector: 'k-document-detail',
  imports: [ReactiveFormsModule, RouterLink, MatButtonModule, MatFormFieldModule, MatInputModule],
  template: `
    <section class="page">
      @if (d(); as d) {
        <header class="page-header">
          <h1 data-testid="document-number">{{ d.number ?? 'Draft ' + doc.noun }}</h1>
          <span class="status" [attr.data-status]="d.status" data-testid="document-status">{{ label(d.status) }}</span>
          @if (d.overdue) { <span class="bad" data-testid="document-overdue">Overdue</span> }
        </header>
        <p class="sub">
          {{ party(d) }} · {{ date(dateOf(d)) }} · due {{ date(d.dueDate) }} · {{ d.currency }}
          @if (d.rate !== '1.000000') { at {{ d.rate }} }
        </p>
        @if (reference(d)) { <p class="sub">Vendor invoice {{ reference(d) }}</p> }
        @if (orderNumber(d)) { <p class="sub">From goods received on {{ orderNumber(d) }} @if (difference(d)) { <span class="bad">· billed differs from ordered or received</span> }</p> }
        @if (notice()) { <p class="notice" role="status" data-testid="document-notice">{{ notice() }}</p> }
        @if (message()) { <p class="state error" role="alert" data-testid="document-error">{{ message() }}</p> }
        <div class="actions">
          @if (canManage && d.status === 'draft') {
            <a mat-stroked-button [routerLink]="[doc.route, d.id, 'edit']" data-testid="edit-document">Edit</a>
            <button mat-flat-button type="button" [disabled]="busy()" (click)="act(doc.action)" data-testid="post-document">{{ doc.actionLabel }}</button>
            <button mat-button type="button" [disabled]="busy()" (click)="remove()">Delete draft</button>
          }
          @if (canManage && (d.status === 'issued' || d.status === 'approved')) {
            <button mat-stroked-button type="button" [disabled]="busy()" (click)="act('void')" data-testid="void-document">Void</button>
          }
          @if (doc.kind === 'invoice') {
            <button mat-stroked-button type="button" (click)="pdf()" data-testid="document-pdf">PDF</button>
          }
          @if (canPay && payable()) {
            <a mat-stroked-button routerLink="/finance/payments" data-testid="record-payment"
              [queryParams]="{ direction: doc.kind === 'invoice' ? 'received' : 'made', partyId: partyId(d), documentId: d.id }">Record payment</a>
          }
          @if (canManage && creditable()) {
            <button mat-stroked-button type="button" (click)="crediting.set(!crediting())" data-testid="open-credit-note">Credit note</button>
          }
        </div>
        @if (crediting()) {
          <div class="panel" data-testid="credit-note-form">
            <h2>Credit note</h2>
            <mat-form-field>
              <mat-label>Reason</mat-label>
              <input matInput [formControl]="reason" required data-testid="credit-reason" />
            </mat-form-field>
            <p class="sub">A net amount off (a price reduction: tax and withholding follow the {{ doc.noun }}’s), or quantities to take back per line; leave all empty to credit everything left.</p>
            <mat-form-field>
              <mat-label>Net amount off ({{ d.currency }})</mat-label>
              <input matInput [formControl]="creditAmount" inputmode="decimal" data-testid="credit-amount" />
            </mat-form-field>
            @if (!creditAmount.value.trim()) {
              @for (l of d.lines; track l.id; let i = $index) {
                <mat-form-field>
                  <mat-label>{{ l.description }} (of {{ l.quantity }})</mat-label>
                  <input matInput [formControl]="creditQty[i]!" inputmode="decimal" [attr.data-testid]="'credit-qty-' + i" />
                </mat-form-field>
              }
            }
            <div class="actions">
              <button mat-flat-button type="button" [disabled]="busy()" (click)="credit()" data-testid="save-credit-note">Issue credit note</button>
            </div>
          </div>
        }
        <div class="table-wrap">
          <table class="k-table" data-testid="document-lines">
            <thead>
              <tr>
                <th scope="col">Description</th>
                <th scope="col" class="num">Qty</th>
                <th scope="col" class="num">Unit price</th>
                <th scope="col" class="num">Disc %</th>
                <th scope="col" class="num">Net</th>
                <th scope="col" class="num">Tax</th>
                <th scope="col" class="num">Withholding</th>
                <th scope="col" class="num">Total</th>
              </tr>
            </thead>
            <tbody>
              @for (l of d.lines; track l.id) {
                <tr>
                  <td>{{ l.description }}</td>
                  <td class="num">{{ l.quantity }}</td>
                  <td class="num">{{ amount(l.unitPrice) }}</td>
                  <td class="num">{{ l.discountPercent }}</td>
                  <td class="num">{{ amount(l.net) }}</td>
                  <td class="num">{{ amount(l.tax) }} ({{ l.taxPercent }}%)</td>
                  <td class="num">{{ amount(l.withholding) }} ({{ l.withholdingPercent }}%)</td>
                  <td class="num">{{ amount(l.total) }}</td>
                </tr>
              }
            </tbody>
          </table>
        </div>
        <dl class="summary" data-testid="document-totals">
          <dt>Net</dt><dd data-testid="total-net">{{ amount(d.net) }}</dd>
          <dt>Tax</dt><dd data-testid="total-tax">{{ amount(d.tax) }}</dd>
          <dt>Withholding</dt><dd data-testid="total-withholding">{{ amount(d.withholding) }}</dd>
          <dt>Total</dt><dd data-testid="total-total">{{ amount(d.total) }} {{ d.currency }}</dd>
          <dt>Amount due</dt><dd data-testid="amount-due">{{ amount(d.amountDue) }}</dd>
        </dl>
        @if (notes().length) {
          <h2>Credit notes</h2>
          <ul data-testid="credit-notes">
            @for (n of notes(); track n.id) {
              <li>{{ n.number }} · {{ date(n.date) }} · {{ amount(n.total) }} · {{ n.reason }}</li>
            }
          </ul>
        }
      } @else if (message()) {
        <p class="state error" role="alert">{{ message() }}</p>
      }
    </section>
  `,
  styleUrl: './finance.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DocumentDetailPage implements OnInit {
  private readonly api = inject(Api);
  private readonly router = inject(Router);
  private readonly calendar = inject(CompanyCalendar);
  protected readonly doc: DocumentKind = inject(ActivatedRoute).snapshot.data.document ?? INVOICES;
  protected readonly canManage = inject(Auth).can('finance.invoices.manage');
  protected readonly canPay = inject(Auth).can('finance.payments.manage');
  readonly id = input.required<string>();
  protected readonly d = signal<Invoice | Bill | undefined>(undefined);
  protected readonly notes = signal<CreditNoteSummary[]>([]);
  protected readonly busy = signal(false);
  protected readonly message = signal<string | undefined>(undefined);
  protected readonly notice = signal<string | undefined>(undefined);
  protected readonly crediting = signal(false);
  protected readonly reason = new FormControl('', { nonNullable: true });
  protected readonly creditAmount = new FormControl('', { nonNullable: true });
  protected creditQty: FormControl<string>[] = [];
  protected readonly amount = formatAmount;
  protected readonly creditable = computed(() => {
    const d = this.d();
    return !!d && ['issued', 'approved', 'partially_paid', 'paid'].includes(d.status);
  });

  /** Something is still owed on an issued invoice or an approved bill. */
  protected readonly payable = computed(() => {
    const d = this.d();
    return !!d && ['issued', 'approved', 'partially_paid'].includes(d.status) && d.amountDue !== '0.00';
  });

  ngOnInit(): void {
    void this.load();
  }

  private async load(): Promise<void> {
    try {
      const d = await this.api.get<Invoice | Bill>(`${this.doc.api}/${this.id()}`);
      this.creditQty = d.lines.map(() => new FormControl('', { nonNullable: true }));
      this.d.set(d);
      if (d.status !== 'draft')
        this.notes.set(await this.api.get<CreditNoteSummary[]>(`${this.doc.api}/${this.id()}/credit-notes`));
    } catch (err) {
      this.message.set(problemMessage(toProblem(err)));
    }
  }

  protected label(status: string): string {
    return statusLabel(this.doc, status);
  }
  protected party(d: Invoice | Bill): string {
    return ('customerName' in d ? d.customerName : d.vendorName) ?? '';
  }
  protected partyId(d: Invoice | Bill): string {
    return 'customerId' in d ? d.customerId : d.vendorId;
  }
  protected dateOf(d: Invoice | Bill): string {
    return 'issueDate' in d ? d.issueDate : d.billDate;
  }
  protected reference(d: Invoice | Bill): string | null {
    return 'vendorReference' in d ? d.vendorReference : null;
  }
  protected orderNumber(d: Invoice | Bill): string | null {
    return 'orderNumber' in d ? d.orderNumber : null;
  }
  protected difference(d: Invoice | Bill): boolean {
    return 'hasDifference' in d && d.hasDifference;
  }
  protected date(value: string): string {
    return this.calendar.date(value);
  }

  protected async act(action: 'issue' | 'approve' | 'void'): Promise<void> {
    this.message.set(undefined);
    this.notice.set(undefined);
    this.busy.set(true);
    try {
      const d = await this.api.post<IssuedInvoice | Bill>(`${this.doc.api}/${this.id()}/${action}`);
      if ('warnings' in d && d.warnings.length) this.notice.set(d.warnings.join(' '));
      this.d.set(d);
    } catch (err) {
      this.message.set(problemMessage(toProblem(err)));
    } finally {
      this.busy.set(false);
    }
  }

  protected async remove(): Promise<void> {
    try {
      await this.api.delete(`${this.doc.api}/${this.id()}`);
      await this.router.navigate([this.doc.route]);
    } catch (err) {
      this.message.set(problemMessage(toProblem(err)));
    }
  }

  protected async pdf(): Promise<void> {
    this.message.set(undefined);
    try {
      await this.api.download(`${this.doc.api}/${this.id()}/pdf`, undefined, `${this.doc.noun}.pdf`);
    } catch (err) {
      this.message.set(problemMessage(toProblem(await readBlobError(err))));
    }
  }

  protected async credit(): Promise<void> {
    const d = this.d();
    if (!d) return;
    this.message.set(undefined);
    const amount = this.creditAmount.value.trim();
    const lines = d.lines
      .map((l, i) => ({ lineId: l.id, quantity: this.creditQty[i]?.value.trim() ?? '' }))
      .filter((l) => l.quantity);
    this.busy.set(true);
    try {
      const note = await this.api.post<CreditNote | VendorCreditNote>(`${this.doc.api}/${this.id()}/credit-notes`, {
        reason: this.reason.value,
        ...(amount ? { amount } : lines.length ? { lines } : {}),
      });
      this.creditAmount.setValue('');
      this.notice.set(`Credit note ${note.number} issued for ${note.total} ${note.currency}.`);
      this.crediting.set(false);
      await this.load();
    } catch (err) {
      this.message.set(problemMessage(toProblem(err)));
    } finally {
      this.busy.set(false);
    }
  }
}
