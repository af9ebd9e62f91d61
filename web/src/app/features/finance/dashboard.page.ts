import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { RouterLink } from '@angular/router';
import { Api } from '../../core/api';
import { CompanyCalendar } from '../../core/company-calendar';
import { ListStateView } from '../../shared/list-state';
import { loader } from '../../shared/loader';
import { AgeingBars } from './ageing-bars';
import { showAmount } from './ledger';
import type { FinanceDashboard } from './models';

/** The finance section's landing page: cash, receivables, payables and this month's profit, as of today. */
@Component({
  selector: 'k-finance-dashboard',
  imports: [ListStateView, RouterLink, AgeingBars],
  template: `
    <section class="page">
      <header class="page-header"><h1>Finance dashboard</h1></header>
      <k-list-state [state]="dash.state()" [error]="dash.error()" (retry)="dash.reload()" />
      @if (dash.data(); as d) {
        <p class="sub">As of {{ date(d.asOf) }}, in {{ d.currency }}.</p>
        <div class="cards">
          <article class="card" data-testid="card-cash">
            <h2>Cash position</h2>
            <p class="figure">{{ amount(d.cash.total) }}</p>
            <ul>
              @for (a of d.cash.accounts; track a.accountId) {
                <li>{{ a.code }} {{ a.name }}: {{ amount(a.balance) }}</li>
              }
            </ul>
          </article>
          <article class="card" data-testid="card-receivables">
            <h2>Receivables</h2>
            <p class="figure">{{ amount(d.receivables.outstanding) }}</p>
            <p>Overdue: {{ amount(d.receivables.overdue) }} ({{ d.receivables.overdueDocuments }} invoices)</p>
            <k-ageing-bars [buckets]="d.receivables.buckets" />
            <a routerLink="/finance/ageing" [queryParams]="{ kind: 'receivables' }">Receivables ageing</a>
          </article>
          <article class="card" data-testid="card-payables">
            <h2>Payables</h2>
            <p class="figure">{{ amount(d.payables.outstanding) }}</p>
            <p>Overdue: {{ amount(d.payables.overdue) }} ({{ d.payables.overdueDocuments }} bills)</p>
            <k-ageing-bars [buckets]="d.payables.buckets" />
            <a routerLink="/finance/ageing" [queryParams]="{ kind: 'payables' }">Payables ageing</a>
          </article>
          <article class="card" data-testid="card-profit">
            <h2>Profit this month</h2>
            <p class="figure">{{ amount(d.profit.netIncome) }}</p>
            <p>Income {{ amount(d.profit.income) }}, expenses {{ amount(d.profit.expenses) }}</p>
          </article>
        </div>
      }
    </section>
  `,
  styles: [
    '.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(260px, 1fr)); gap: 16px; }',
    '.card { border: 1px solid #ddd; border-radius: 8px; padding: 12px 16px; }',
    '.card h2 { font-size: 1rem; margin: 0 0 4px; }',
    '.figure { font-size: 1.6rem; margin: 4px 0; font-variant-numeric: tabular-nums; }',
    '.card ul { padding-left: 16px; margin: 4px 0; }',
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class FinanceDashboardPage {
  private readonly api = inject(Api);
  private readonly calendar = inject(CompanyCalendar);
  protected readonly amount = showAmount;
  protected readonly dash = loader(() => this.api.get<FinanceDashboard>('/api/finance/dashboard'));

  constructor() {
    void this.dash.reload();
  }

  protected date(value: string | null): string {
    return this.calendar.date(value);
  }
}
