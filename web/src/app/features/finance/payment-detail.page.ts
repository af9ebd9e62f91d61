import { ChangeDetectionStrategy, Component, effect, inject, input, signal } from '@angular/core';
import { FormControl, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { RouterLink } from '@angular/router';
import { Api } from '../../core/api';
import { Auth } from '../../core/auth';
import { CompanyCalendar } from '../../core/company-calendar';
import { formatAmount } from '../../core/money';
import { pageActions } from '../../shared/form-submit';
import { loader } from '../../shared/loader';
import type { Payment } from './models';

/**
 * One payment: party, account, amounts, its allocations, and, while it is posted, Void with the
 * reason (the server removes the allocations and reverses the entry, or says why not).
 */
@Component({
  selector: 'k-payment-detail',
  imports: [ReactiveFormsModule, RouterLink, MatButtonModule, MatFormFieldModule, MatInputModule],
  template: `
    <section class="page">
      <header class="page-header">
        <h1>Payment</h1>
        <a mat-stroked-button routerLink="/finance/payments">All payments</a>
      </header>
      @if (payment.error()) {
        <p class="state error" role="alert">{{ payment.error() }}</p>
      }
      @if (payment.data(); as p) {
        <p class="sub">
          {{ p.direction === 'received' ? 'Received from' : 'Made to' }} {{ p.partyName }} · {{ calendar.date(p.date) }} ·
          {{ p.accountName }}
          @if (p.reference) { · {{ p.reference }} }
        </p>
        <p><span class="status" [attr.data-status]="p.status" data-testid="payment-status">{{ p.status === 'void' ? 'Void' : 'Posted' }}</span></p>
        <dl class="summary">
          <dt>Amount</dt><dd data-testid="payment-amount">{{ amount(p.amount) }} {{ p.currency }}</dd>
          <dt>Allocated</dt><dd data-testid="payment-allocated">{{ amount(p.allocatedAmount) }}</dd>
          <dt>Unapplied credit</dt><dd data-testid="payment-unapplied">{{ amount(p.unappliedAmount) }}</dd>
          <dt>Entry</dt><dd><a [routerLink]="['/finance/journal-entries', p.journalEntryId]">Posted entry</a></dd>
          @if (p.voidEntryId) {
            <dt>Void</dt>
            <dd data-testid="payment-void-reason">{{ p.voidReason }} · <a [routerLink]="['/finance/journal-entries', p.voidEntryId]">reversal</a></dd>
          }
        </dl>
        <h2>Allocations</h2>
        <table class="k-table" data-testid="payment-allocations">
          <caption class="cdk-visually-hidden">Allocations</caption>
          <thead><tr><th scope="col">Document</th><th scope="col" class="num">Amount</th></tr></thead>
          <tbody>
            @for (a of p.allocations; track a.id) {
              <tr data-testid="payment-allocation">
                <td>
                  <a [routerLink]="a.invoiceId ? ['/finance/invoices', a.invoiceId] : ['/finance/bills', a.billId]">{{ a.documentNumber }}</a>
                </td>
                <td class="num">{{ amount(a.amount) }}</td>
              </tr>
            } @empty {
              <tr><td class="sub" colspan="2">Nothing allocated.</td></tr>
            }
          </tbody>
        </table>
        @if (message()) {
          <p class="state error" role="alert" data-testid="payment-error">{{ message() }}</p>
        }
        @if (canManage && p.status === 'posted') {
          <div class="panel">
            <h2>Void this payment</h2>
            <p class="sub">Removes its allocations (the documents reopen) and reverses its entry, dated today.</p>
            <mat-form-field class="wide">
              <mat-label>Reason</mat-label>
              <input matInput [formControl]="reason" required data-testid="void-reason" />
            </mat-form-field>
            <div class="actions">
              <button mat-stroked-button type="button" (click)="voidPayment()" [disabled]="busy() || reason.invalid" data-testid="void-payment">Void</button>
            </div>
          </div>
        }
      }
    </section>
  `,
  styleUrl: './finance.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PaymentDetailPage {
  private readonly api = inject(Api);
  protected readonly calendar = inject(CompanyCalendar);
  protected readonly canManage = inject(Auth).can('finance.payments.manage');
  protected readonly amount = formatAmount;
  readonly id = input.required<string>();
  protected readonly busy = signal(false);
  protected readonly message = signal<string | undefined>(undefined);
  private readonly actions = pageActions(this.busy, this.message);
  protected readonly reason = new FormControl('', {
    nonNullable: true,
    validators: [Validators.required, Validators.minLength(3)],
  });
  protected readonly payment = loader(() => this.api.get<Payment>(`/api/finance/payments/${this.id()}`));

  constructor() {
    effect(() => {
      this.id();
      void this.payment.reload();
    });
  }

  protected async voidPayment(): Promise<void> {
    await this.actions.run(async () => {
      this.payment.data.set(
        await this.api.post<Payment>(`/api/finance/payments/${this.id()}/void`, { reason: this.reason.value.trim() }),
      );
      this.reason.setValue('');
    });
  }
}
