import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSnackBar } from '@angular/material/snack-bar';
import { ActivatedRoute, RouterLink } from '@angular/router';
import { Api } from '../../core/api';
import { Auth } from '../../core/auth';
import { CompanyCalendar } from '../../core/company-calendar';
import { formatAmount, isDecimal } from '../../core/money';
import { FormMessage, formSubmission } from '../../shared/form-submit';
import { ListStateView } from '../../shared/list-state';
import { loader } from '../../shared/loader';
import type { Account, Customer, ListPage, OpenDocuments, Payment, PaymentSummary, Vendor } from './models';

type Direction = 'received' | 'made';

/** A decimal string as a whole number of thousandths (every currency here has at most 3 decimals). */
function thousandths(text: string): bigint | undefined {
  const m = /^(\d{1,15})(?:\.(\d{1,3}))?$/.exec(text.trim());
  if (!m) return undefined;
  return BigInt(m[1] ?? '0') * 1000n + BigInt((m[2] ?? '').padEnd(3, '0'));
}
/** Thousandths back to a decimal string with `scale` places (the remainder is exact at that scale). */
function fromThousandths(value: bigint, scale: number): string {
  const negative = value < 0n;
  const abs = negative ? -value : value;
  const whole = abs / 1000n;
  const fraction = (abs % 1000n).toString().padStart(3, '0').slice(0, scale);
  return `${negative ? '-' : ''}${whole}${scale ? `.${fraction}` : ''}`;
}

/**
 * Payments received and made, and the form that records one: the party, the bank or cash account,
 * the amount, and an allocation grid of the party's open invoices or bills with what each still
 * owes; what is not allocated is shown as the party's unapplied credit. Opened from an invoice or a
 * bill (`?direction=…&partyId=…&documentId=…`), it comes prefilled with that document's amount due.
 */
@Component({
  selector: 'k-payments',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    ListStateView,
    FormMessage,
  ],
  template: `
    <section class="page">
      <header class="page-header">
        <h1>Payments</h1>
      </header>

      @if (canManage) {
        <form class="panel" [formGroup]="form" (ngSubmit)="save()" novalidate data-testid="payment-form">
          <h2>Record a payment</h2>
          <div class="filters">
            <mat-form-field>
              <mat-label>Direction</mat-label>
              <select matNativeControl formControlName="direction" data-testid="payment-direction" (change)="directionChanged()">
                <option value="received">Received from a customer</option>
                <option value="made">Made to a vendor</option>
              </select>
            </mat-form-field>
            <mat-form-field>
              <mat-label>{{ form.controls.direction.value === 'received' ? 'Customer' : 'Vendor' }}</mat-label>
              <select matNativeControl formControlName="partyId" required data-testid="payment-party" (change)="partyChanged()">
                <option value="">Choose…</option>
                @for (p of parties(); track p.id) {
                  <option [value]="p.id">{{ p.name }} ({{ p.currency }})</option>
                }
              </select>
              <mat-error>{{ submission.error('partyId', 'Party') }}</mat-error>
            </mat-form-field>
            <mat-form-field>
              <mat-label>Bank or cash account</mat-label>
              <select matNativeControl formControlName="accountId" required data-testid="payment-account">
                <option value="">Choose…</option>
                @for (a of cashAccounts(); track a.id) {
                  <option [value]="a.id">{{ a.code }} {{ a.name }}</option>
                }
              </select>
              <mat-error>{{ submission.error('accountId', 'Account') }}</mat-error>
            </mat-form-field>
            <mat-form-field>
              <mat-label>Date</mat-label>
              <input matInput type="date" formControlName="date" required data-testid="payment-date" />
              <mat-error>{{ submission.error('date', 'Date') }}</mat-error>
            </mat-form-field>
            <mat-form-field>
              <mat-label>Amount{{ open()?.currency ? ' (' + open()?.currency + ')' : '' }}</mat-label>
              <input matInput formControlName="amount" inputmode="decimal" required data-testid="payment-amount" />
              <mat-error>{{ submission.error('amount', 'Amount') }}</mat-error>
            </mat-form-field>
            <mat-form-field>
              <mat-label>Reference</mat-label>
              <input matInput formControlName="reference" data-testid="payment-reference" />
            </mat-form-field>
          </div>

          @if (open(); as o) {
            @if (o.documents.length) {
              <div class="table-wrap">
                <table class="k-table" data-testid="allocation-grid">
                  <caption class="cdk-visually-hidden">Open documents</caption>
                  <thead>
                    <tr>
                      <th scope="col">{{ o.kind === 'customer' ? 'Invoice' : 'Bill' }}</th>
                      <th scope="col">Date</th>
                      <th scope="col">Due</th>
                      <th scope="col" class="num">Total</th>
                      <th scope="col" class="num">Amount due</th>
                      <th scope="col" class="num">Allocate</th>
                    </tr>
                  </thead>
                  <tbody>
                    @for (d of o.documents; track d.id; let i = $index) {
                      <tr data-testid="allocation-row">
                        <td>{{ d.number }}</td>
                        <td class="nowrap">{{ date(d.date) }}</td>
                        <td class="nowrap">{{ date(d.dueDate) }}</td>
                        <td class="num">{{ amount(d.total) }}</td>
                        <td class="num" [attr.data-testid]="'allocation-due-' + i">{{ amount(d.amountDue) }}</td>
                        <td class="num">
                          <input class="cell" [formControl]="allocations[i]!" inputmode="decimal" [attr.aria-label]="'Allocate to ' + d.number"
                            [attr.data-testid]="'allocation-amount-' + i" (input)="touch()" />
                        </td>
                      </tr>
                    }
                  </tbody>
                </table>
              </div>
            } @else {
              <p class="sub" data-testid="no-open-documents">Nothing open for this party.</p>
            }
            <dl class="summary">
              <dt>Allocated</dt><dd data-testid="payment-allocated">{{ allocated() }}</dd>
              <dt>Unapplied credit</dt><dd data-testid="payment-unapplied" [class.bad]="unappliedNegative()">{{ unapplied() }}</dd>
            </dl>
          }
          <div class="actions">
            <button mat-flat-button type="submit" [disabled]="busy()" data-testid="save-payment">Record payment</button>
          </div>
          <k-form-message [message]="submission.message()" testid="payment-error" />
        </form>
      }

      <h2>Recorded payments</h2>
      <k-list-state [state]="list.state()" [error]="list.error()" empty="No payment yet." (retry)="list.reload()" />
      @if (list.state() === 'ready') {
        <div class="table-wrap">
          <table class="k-table" data-testid="payments">
            <caption class="cdk-visually-hidden">Payments</caption>
            <thead>
              <tr>
                <th scope="col">Date</th><th scope="col">Direction</th><th scope="col">Party</th><th scope="col">Account</th>
                <th scope="col">Reference</th><th scope="col" class="num">Amount</th><th scope="col" class="num">Allocated</th>
                <th scope="col" class="num">Unapplied</th><th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              @for (p of rows(); track p.id) {
                <tr data-testid="payment-row">
                  <td class="nowrap">{{ date(p.date) }}</td>
                  <td>{{ p.direction === 'received' ? 'Received' : 'Made' }}</td>
                  <td><a [routerLink]="['/finance/payments', p.id]" data-testid="payment-link">{{ p.partyName }}</a></td>
                  <td>{{ p.accountName }}</td>
                  <td>{{ p.reference }}</td>
                  <td class="num">{{ amount(p.amount) }} {{ p.currency }}</td>
                  <td class="num">{{ amount(p.allocatedAmount) }}</td>
                  <td class="num">{{ amount(p.unappliedAmount) }}</td>
                  <td data-testid="payment-row-status">{{ p.status === 'void' ? 'Void' : 'Posted' }}</td>
                </tr>
              }
            </tbody>
          </table>
        </div>
      }
    </section>
  `,
  styleUrl: './finance.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PaymentsPage {
  private readonly api = inject(Api);
  private readonly snack = inject(MatSnackBar);
  private readonly calendar = inject(CompanyCalendar);
  private readonly query = inject(ActivatedRoute).snapshot.queryParamMap;
  protected readonly canManage = inject(Auth).can('finance.payments.manage');
  protected readonly busy = signal(false);
  protected readonly amount = formatAmount;
  protected readonly form = new FormGroup({
    direction: new FormControl<Direction>(this.query.get('direction') === 'made' ? 'made' : 'received', {
      nonNullable: true,
    }),
    partyId: new FormControl(this.query.get('partyId') ?? '', { nonNullable: true, validators: [Validators.required] }),
    accountId: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
    date: new FormControl(this.calendar.today(), { nonNullable: true, validators: [Validators.required] }),
    amount: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
    reference: new FormControl('', { nonNullable: true }),
  });
  protected readonly submission = formSubmission(this.form, this.busy);
  protected allocations: FormControl<string>[] = [];
  protected readonly parties = signal<(Customer | Vendor)[]>([]);
  protected readonly cashAccounts = signal<Account[]>([]);
  protected readonly open = signal<OpenDocuments | undefined>(undefined);
  /** Bumped when an allocation or the amount is typed, so the totals recompute. */
  private readonly typed = signal(0);
  protected readonly list = loader(() =>
    this.api.get<ListPage<PaymentSummary>>('/api/finance/payments', { limit: 100 }),
  );
  protected readonly rows = computed(() => this.list.data()?.items ?? []);

  private readonly scale = computed(() => {
    const docs = this.open()?.documents ?? [];
    return Math.max(2, ...docs.map((d) => d.amountDue.split('.')[1]?.length ?? 0));
  });
  private readonly allocatedUnits = computed(() => {
    this.typed();
    return this.allocations.reduce((sum, c) => sum + (thousandths(c.value) ?? 0n), 0n);
  });
  protected readonly allocated = computed(() => formatAmount(fromThousandths(this.allocatedUnits(), this.scale())));
  private readonly unappliedUnits = computed(() => {
    this.typed();
    return (thousandths(this.form.controls.amount.value) ?? 0n) - this.allocatedUnits();
  });
  protected readonly unapplied = computed(() => formatAmount(fromThousandths(this.unappliedUnits(), this.scale())));
  protected readonly unappliedNegative = computed(() => this.unappliedUnits() < 0n);

  constructor() {
    this.form.controls.amount.valueChanges.subscribe(() => this.touch());
    void this.list.reload();
    void this.loadParties();
    void this.loadAccounts();
    if (this.form.controls.partyId.value) void this.loadOpen(this.query.get('documentId'));
  }

  protected date(value: string): string {
    return this.calendar.date(value);
  }
  protected touch(): void {
    this.typed.update((n) => n + 1);
  }

  private async loadParties(): Promise<void> {
    const path = this.form.controls.direction.value === 'received' ? '/api/finance/customers' : '/api/finance/vendors';
    const page = await this.api.get<ListPage<Customer | Vendor>>(path, { active: true, limit: 200 });
    this.parties.set(page.items);
  }

  private async loadAccounts(): Promise<void> {
    const page = await this.api.get<ListPage<Account>>('/api/finance/accounts', {
      active: 'true',
      limit: 200,
      sort: 'code',
    });
    const cash = page.items.filter((a) => a.type === 'asset' && !a.isGroup && a.cash);
    this.cashAccounts.set(cash);
    if (!this.form.controls.accountId.value) {
      const bank = cash.find((a) => a.role === 'bank') ?? cash[0];
      if (bank) this.form.controls.accountId.setValue(bank.id);
    }
  }

  private async loadOpen(prefill?: string | null): Promise<void> {
    const partyId = this.form.controls.partyId.value;
    if (!partyId) {
      this.allocations = [];
      this.open.set(undefined);
      return;
    }
    const open = await this.api.get<OpenDocuments>('/api/finance/payments/open-documents', { partyId });
    this.allocations = open.documents.map(
      (d) => new FormControl(d.id === prefill ? d.amountDue : '', { nonNullable: true }),
    );
    const chosen = open.documents.find((d) => d.id === prefill);
    if (chosen && !this.form.controls.amount.value) this.form.controls.amount.setValue(chosen.amountDue);
    this.open.set(open);
    this.touch();
  }

  protected directionChanged(): void {
    this.form.controls.partyId.setValue('');
    void this.loadParties();
    void this.loadOpen();
  }
  protected partyChanged(): void {
    void this.loadOpen();
  }

  protected async save(): Promise<void> {
    const o = this.open();
    const bad = this.allocations.findIndex((c) => c.value.trim() && !isDecimal(c.value.trim()));
    if (bad >= 0) {
      this.submission.message.set(`Allocation ${bad + 1} is not an amount like 1250.00.`);
      return;
    }
    await this.submission.run(async () => {
      const v = this.form.getRawValue();
      const key = v.direction === 'received' ? 'invoiceId' : 'billId';
      const allocations = (o?.documents ?? [])
        .map((d, i) => ({ [key]: d.id, amount: this.allocations[i]?.value.trim() ?? '' }))
        .filter((a) => a.amount && thousandths(a.amount) !== 0n);
      const payment = await this.api.post<Payment>('/api/finance/payments', {
        direction: v.direction,
        partyId: v.partyId,
        accountId: v.accountId,
        date: v.date,
        amount: v.amount.trim(),
        ...(v.reference.trim() ? { reference: v.reference.trim() } : {}),
        ...(allocations.length ? { allocations } : {}),
      });
      this.snack.open(
        `Payment of ${payment.amount} ${payment.currency} recorded; ${payment.unappliedAmount} left as credit.`,
        'Close',
        { duration: 5000 },
      );
      this.form.controls.amount.setValue('');
      this.form.controls.reference.setValue('');
      await Promise.all([this.list.reload(), this.loadOpen()]);
    });
  }
}
