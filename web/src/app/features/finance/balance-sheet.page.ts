import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { FormControl, FormGroup } from '@angular/forms';
import { ActivatedRoute, Router } from '@angular/router';
import { Api } from '../../core/api';
import { CompanyCalendar } from '../../core/company-calendar';
import { ListStateView } from '../../shared/list-state';
import { loader } from '../../shared/loader';
import { isIsoDate, showAmount } from './ledger';
import type { BalanceSheet } from './models';
import { FiscalYears, StatementToolbar } from './statement-tools';

type Row = BalanceSheet['rows'][number];

const SECTIONS = [
  { type: 'asset', title: 'Assets', total: 'assets' },
  { type: 'liability', title: 'Liabilities', total: 'liabilities' },
  { type: 'equity', title: 'Equity', total: 'equity' },
] as const;

/** The balance sheet as of a day: assets against liabilities and equity (current-year earnings inside). */
@Component({
  selector: 'k-balance-sheet',
  imports: [ListStateView, StatementToolbar],
  template: `
    <section class="page">
      <k-statement-toolbar
        heading="Balance sheet"
        path="/api/finance/reports/balance-sheet"
        fileName="balance-sheet"
        [shown]="shownAsOf() ? { asOf: shownAsOf() } : null"
        [asOf]="asOf"
        [message]="message()"
        (show)="show()"
      />
      <k-list-state [state]="report.state()" [error]="report.error()" (retry)="report.reload()" />
      @if (report.data(); as bs) {
        <dl class="summary">
          <div><dt>As of</dt><dd>{{ date(bs.asOf) }}</dd></div>
          <div><dt>Assets</dt><dd data-testid="bs-assets">{{ amount(bs.totals.assets) }} {{ bs.currency }}</dd></div>
          <div>
            <dt>Liabilities and equity</dt>
            <dd data-testid="bs-liabilities-equity">{{ amount(bs.totals.liabilitiesAndEquity) }} {{ bs.currency }}</dd>
          </div>
          <div>
            <dt>Check</dt>
            <dd data-testid="bs-balanced" [class.ok]="bs.totals.balanced" [class.bad]="!bs.totals.balanced">
              {{ bs.totals.balanced ? 'Balanced' : 'Not balanced' }}
            </dd>
          </div>
        </dl>
        <p class="sub">Equity includes this fiscal year's earnings since {{ date(bs.fiscalYearStart) }}.</p>
        <div class="table-wrap" [class.stale]="report.loading()">
          <table class="k-table" data-testid="balance-sheet">
            <caption class="cdk-visually-hidden">Balance sheet as of {{ date(bs.asOf) }} in {{ bs.currency }}</caption>
            <thead><tr><th scope="col">Code</th><th scope="col">Account</th><th scope="col" class="num">Balance</th></tr></thead>
            @for (s of sections(); track s.type) {
              <tbody>
                <tr class="group"><th scope="rowgroup" colspan="3">{{ s.title }}</th></tr>
                @for (r of s.rows; track r.accountId) {
                  <tr data-testid="bs-row" [class.group]="r.isGroup" [class.inactive]="!r.active">
                    <td class="nowrap">{{ r.code }}</td>
                    <td class="name" [style.padding-left.px]="10 + r.depth * 16">{{ r.name }}@if (!r.active) { <span class="sub">(inactive)</span> }</td>
                    <td class="num">{{ amount(r.balance) }}</td>
                  </tr>
                }
                <tr class="total">
                  <td></td>
                  <td>Total {{ s.title.toLowerCase() }}</td>
                  <td class="num" [attr.data-testid]="'bs-total-' + s.type">{{ amount(s.total) }}</td>
                </tr>
              </tbody>
            }
            <tfoot>
              <tr>
                <td></td>
                <td>Total liabilities and equity</td>
                <td class="num">{{ amount(bs.totals.liabilitiesAndEquity) }}</td>
              </tr>
            </tfoot>
          </table>
        </div>
      }
    </section>
  `,
  styleUrl: './finance.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class BalanceSheetPage {
  private readonly api = inject(Api);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly years = inject(FiscalYears);
  private readonly calendar = inject(CompanyCalendar);
  protected readonly amount = showAmount;
  protected readonly asOf = new FormControl('', { nonNullable: true });
  protected readonly filters = new FormGroup({ asOf: this.asOf });
  protected readonly shownAsOf = signal('');
  protected readonly message = signal<string | undefined>(undefined);
  protected readonly report = loader(() =>
    this.api.get<BalanceSheet>('/api/finance/reports/balance-sheet', { asOf: this.shownAsOf() }),
  );
  protected readonly sections = computed(() => {
    const bs = this.report.data();
    if (!bs) return [];
    return SECTIONS.map((s) => ({
      type: s.type,
      title: s.title,
      total: bs.totals[s.total],
      rows: bs.rows.filter((r: Row) => r.type === s.type),
    }));
  });

  constructor() {
    const q = this.route.snapshot.queryParams as Record<string, string | undefined>;
    this.asOf.setValue(isIsoDate(q.asOf) ? q.asOf : this.years.today());
    this.show();
  }

  protected show(): void {
    const asOf = this.asOf.value;
    this.message.set(isIsoDate(asOf) ? undefined : 'Choose a date.');
    if (!isIsoDate(asOf)) return;
    this.shownAsOf.set(asOf);
    void this.router.navigate([], { relativeTo: this.route, queryParams: { asOf }, replaceUrl: true });
    void this.report.reload();
  }

  protected date(value: string | null): string {
    return this.calendar.date(value);
  }
}
