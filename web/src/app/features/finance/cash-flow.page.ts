import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormControl, FormGroup } from '@angular/forms';
import { ActivatedRoute, Router } from '@angular/router';
import { Api } from '../../core/api';
import { CompanyCalendar } from '../../core/company-calendar';
import { ListStateView } from '../../shared/list-state';
import { loader } from '../../shared/loader';
import { isIsoDate, rangeProblem, showAmount, typeLabel } from './ledger';
import type { CashFlow } from './models';
import { FiscalYears, StatementToolbar } from './statement-tools';

/** Cash and bank movements in a range, grouped by the type of their counterpart accounts. */
@Component({
  selector: 'k-cash-flow',
  imports: [ListStateView, StatementToolbar],
  template: `
    <section class="page">
      <k-statement-toolbar
        heading="Cash flow"
        path="/api/finance/reports/cash-flow"
        fileName="cash-flow"
        [shown]="range()"
        [from]="form.controls.from"
        [to]="form.controls.to"
        [message]="message()"
        (show)="show()"
      />
      <k-list-state [state]="report.state()" [error]="report.error()" (retry)="report.reload()" />
      @if (report.data(); as cf) {
        <dl class="summary">
          <div><dt>Opening cash</dt><dd data-testid="cf-opening">{{ amount(cf.opening) }} {{ cf.currency }}</dd></div>
          <div><dt>Inflows</dt><dd data-testid="cf-inflows">{{ amount(cf.inflows) }}</dd></div>
          <div><dt>Outflows</dt><dd data-testid="cf-outflows">{{ amount(cf.outflows) }}</dd></div>
          <div><dt>Net change</dt><dd data-testid="cf-net">{{ amount(cf.netChange) }}</dd></div>
          <div><dt>Closing cash</dt><dd data-testid="cf-closing">{{ amount(cf.closing) }} {{ cf.currency }}</dd></div>
        </dl>
        <div class="table-wrap" [class.stale]="report.loading()">
          <table class="k-table" data-testid="cash-flow">
            <caption class="cdk-visually-hidden">Cash flow {{ date(cf.from) }} to {{ date(cf.to) }} in {{ cf.currency }}</caption>
            <thead><tr><th scope="col">Code</th><th scope="col">Counterpart account</th><th scope="col" class="num">Amount</th></tr></thead>
            @for (s of cf.sections; track s.type) {
              <tbody>
                <tr class="group"><th scope="rowgroup" colspan="3">{{ typeLabel(s.type) }} accounts</th></tr>
                @for (a of s.accounts; track a.accountId) {
                  <tr data-testid="cf-row"><td class="nowrap">{{ a.code }}</td><td>{{ a.name }}</td><td class="num">{{ amount(a.amount) }}</td></tr>
                }
                <tr class="total"><td></td><td>Total from {{ typeLabel(s.type).toLowerCase() }} accounts</td><td class="num">{{ amount(s.total) }}</td></tr>
              </tbody>
            }
            <tfoot>
              <tr><td></td><td>Net change in cash</td><td class="num">{{ amount(cf.netChange) }}</td></tr>
            </tfoot>
          </table>
        </div>
      }
    </section>
  `,
  styleUrl: './finance.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CashFlowPage {
  private readonly api = inject(Api);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly years = inject(FiscalYears);
  private readonly calendar = inject(CompanyCalendar);
  protected readonly amount = showAmount;
  protected readonly typeLabel = typeLabel;
  protected readonly form = new FormGroup({
    from: new FormControl('', { nonNullable: true }),
    to: new FormControl('', { nonNullable: true }),
  });
  protected readonly range = signal<{ from: string; to: string } | null>(null);
  protected readonly message = signal<string | undefined>(undefined);
  protected readonly report = loader(() =>
    this.api.get<CashFlow>('/api/finance/reports/cash-flow', { ...this.range() }),
  );

  constructor() {
    void this.start();
  }

  private async start(): Promise<void> {
    const q = this.route.snapshot.queryParams as Record<string, string | undefined>;
    const range = isIsoDate(q.from) && isIsoDate(q.to) ? { from: q.from, to: q.to } : await this.years.yearToDate();
    this.form.setValue(range);
    this.show();
  }

  protected show(): void {
    const range = this.form.getRawValue();
    const problem = rangeProblem(range);
    this.message.set(problem ?? undefined);
    if (problem) return;
    this.range.set(range);
    void this.router.navigate([], { relativeTo: this.route, queryParams: range, replaceUrl: true });
    void this.report.reload();
  }

  protected date(value: string | null): string {
    return this.calendar.date(value);
  }
}
