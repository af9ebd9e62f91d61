import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { Api } from '../../core/api';
import { CompanyCalendar } from '../../core/company-calendar';
import { formatMoney } from '../../core/money';
import { problemMessage, toProblem } from '../../core/problems';
import type { ExpenseClaim } from '../finance/models';

/** A claim's lines, receipts (downloaded with the caller's token) and budget notes. */
@Component({
  selector: 'k-claim-detail',
  imports: [MatButtonModule],
  template: `
    @let c = claim();
    <section class="panel" data-testid="claim-detail">
      <h2>{{ c.title }} <span class="sub">{{ c.employeeName }} · {{ c.departmentName }} · {{ c.status }}</span></h2>
      <table class="k-table">
        <caption class="cdk-visually-hidden">Lines of {{ c.title }}</caption>
        <thead>
          <tr>
            <th scope="col">Date</th>
            <th scope="col">Category</th>
            <th scope="col">Description</th>
            <th scope="col">Amount</th>
          </tr>
        </thead>
        <tbody>
          @for (l of c.lines; track l.id) {
            <tr>
              <td class="nowrap">{{ calendar.date(l.date) }}</td>
              <td>{{ l.categoryName }} <span class="sub">{{ l.accountCode }}</span></td>
              <td>{{ l.description }}</td>
              <td class="amount">{{ money(l.amount) }}</td>
            </tr>
          }
          <tr>
            <th scope="row" colspan="3">Total</th>
            <td class="amount" data-testid="claim-total">{{ money(c.total) }}</td>
          </tr>
        </tbody>
      </table>
      <p>
        Receipts:
        @for (r of c.receipts; track r.id) {
          <button mat-button type="button" (click)="download(r.id, r.fileName)" data-testid="receipt-download">
            {{ r.fileName }}
          </button>
        } @empty {
          none
        }
      </p>
      @for (note of c.budgetNotes; track note) {
        <p class="state warning" data-testid="budget-note">{{ note }}</p>
      }
      @if (c.rejectReason) {
        <p>Rejected: {{ c.rejectReason }}</p>
      }
      @if (error()) {
        <p class="state error" role="alert">{{ error() }}</p>
      }
    </section>
  `,
  styleUrl: '../finance/finance.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ClaimDetail {
  private readonly api = inject(Api);
  protected readonly calendar = inject(CompanyCalendar);
  readonly claim = input.required<ExpenseClaim>();
  protected readonly error = signal<string | undefined>(undefined);
  protected money = formatMoney;

  protected async download(receiptId: string, name: string): Promise<void> {
    this.error.set(undefined);
    try {
      await this.api.download(`/api/finance/expense-claims/${this.claim().id}/receipts/${receiptId}`, {}, name);
    } catch (err) {
      this.error.set(problemMessage(toProblem(err)));
    }
  }
}
