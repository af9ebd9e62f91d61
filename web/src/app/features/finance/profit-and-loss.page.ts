import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatSelectModule } from '@angular/material/select';
import { ActivatedRoute, Router } from '@angular/router';
import { Api } from '../../core/api';
import { CompanyCalendar } from '../../core/company-calendar';
import { ListStateView } from '../../shared/list-state';
import { loader } from '../../shared/loader';
import { isIsoDate, rangeProblem, showAmount } from './ledger';
import type { ProfitAndLoss } from './models';
import { FiscalYears, StatementToolbar } from './statement-tools';

type Compare = '' | 'previous-period' | 'previous-year';
const COMPARES: { value: Compare; label: string }[] = [
  { value: '', label: 'No comparison' },
  { value: 'previous-period', label: 'Previous period' },
  { value: 'previous-year', label: 'Same period last year' },
];

/** Profit and loss for a range, months as columns, with the previous period or year beside it. */
@Component({
  selector: 'k-profit-and-loss',
  imports: [ReactiveFormsModule, MatFormFieldModule, MatSelectModule, ListStateView, StatementToolbar],
  template: `
    <section class="page">
      <k-statement-toolbar
        heading="Profit and loss"
        path="/api/finance/reports/profit-and-loss"
        fileName="profit-and-loss"
        [shown]="query()"
        [from]="form.controls.from"
        [to]="form.controls.to"
        [message]="message()"
        (show)="show()"
      >
        <mat-form-field>
          <mat-label>Compare with</mat-label>
          <mat-select [formControl]="form.controls.compare" data-testid="pnl-compare">
            @for (c of compares; track c.value) {
              <mat-option [value]="c.value">{{ c.label }}</mat-option>
            }
          </mat-select>
        </mat-form-field>
      </k-statement-toolbar>
      <k-list-state [state]="report.state()" [error]="report.error()" (retry)="report.reload()" />
      @if (report.data(); as pl) {
        <dl class="summary">
          <div><dt>Period</dt><dd>{{ date(pl.from) }} – {{ date(pl.to) }}</dd></div>
          <div><dt>Income</dt><dd data-testid="pnl-income">{{ amount(pl.totals.income) }} {{ pl.currency }}</dd></div>
          <div><dt>Expenses</dt><dd data-testid="pnl-expenses">{{ amount(pl.totals.expenses) }} {{ pl.currency }}</dd></div>
          <div><dt>Net income</dt><dd data-testid="pnl-net">{{ amount(pl.totals.netIncome) }} {{ pl.currency }}</dd></div>
          @if (pl.totals.comparison && pl.comparison) {
            <div>
              <dt>Net income {{ date(pl.comparison.from) }} – {{ date(pl.comparison.to) }}</dt>
              <dd data-testid="pnl-net-comparison">{{ amount(pl.totals.comparison.netIncome) }} {{ pl.currency }}</dd>
            </div>
          }
        </dl>
        <div class="table-wrap" [class.stale]="report.loading()">
          <table class="k-table" data-testid="profit-and-loss">
            <caption class="cdk-visually-hidden">Profit and loss in {{ pl.currency }}</caption>
            <thead>
              <tr>
                <th scope="col">Code</th>
                <th scope="col">Account</th>
                @for (m of pl.months; track m) {
                  <th scope="col" class="num">{{ month(m) }}</th>
                }
                <th scope="col" class="num">Total</th>
                @if (pl.comparison) {
                  <th scope="col" class="num">Comparison</th>
                }
              </tr>
            </thead>
            @for (s of sections(); track s.type) {
              <tbody>
                <tr class="group"><th scope="rowgroup" [attr.colspan]="columns()">{{ s.title }}</th></tr>
                @for (r of s.rows; track r.accountId) {
                  <tr data-testid="pnl-row" [class.group]="r.isGroup" [class.inactive]="!r.active">
                    <td class="nowrap">{{ r.code }}</td>
                    <td class="name" [style.padding-left.px]="10 + r.depth * 16">{{ r.name }}</td>
                    @for (m of pl.months; track m) {
                      <td class="num">{{ amount(r.months[m]) }}</td>
                    }
                    <td class="num">{{ amount(r.total) }}</td>
                    @if (pl.comparison) {
                      <td class="num">{{ amount(r.comparison) }}</td>
                    }
                  </tr>
                }
                <tr class="total">
                  <td></td>
                  <td>Total {{ s.title.toLowerCase() }}</td>
                  <td [attr.colspan]="pl.months.length"></td>
                  <td class="num">{{ amount(s.total) }}</td>
                  @if (pl.comparison) {
                    <td class="num">{{ amount(s.comparison) }}</td>
                  }
                </tr>
              </tbody>
            }
            <tfoot>
              <tr>
                <td></td>
                <td>Net income</td>
                <td [attr.colspan]="pl.months.length"></td>
                <td class="num">{{ amount(pl.totals.netIncome) }}</td>
                @if (pl.comparison) {
                  <td class="num">{{ amount(pl.totals.comparison?.netIncome) }}</td>
                }
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
export class ProfitAndLossPage {
  private readonly api = inject(Api);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly years = inject(FiscalYears);
  private readonly calendar = inject(CompanyCalendar);
  protected readonly amount = showAmount;
  protected readonly compares = COMPARES;
  protected readonly form = new FormGroup({
    from: new FormControl('', { nonNullable: true }),
    to: new FormControl('', { nonNullable: true }),
    compare: new FormControl<Compare>('', { nonNullable: true }),
  });
  protected readonly query = signal<{ from: string; to: string; compare: Compare } | null>(null);
  protected readonly message = signal<string | undefined>(undefined);
  protected readonly report = loader(() =>
    this.api.get<ProfitAndLoss>('/api/finance/reports/profit-and-loss', { ...this.query() }),
  );
  protected readonly columns = computed(
    () => 3 + (this.report.data()?.months.length ?? 0) + (this.report.data()?.comparison ? 1 : 0),
  );
  protected readonly sections = computed(() => {
    const pl = this.report.data();
    if (!pl) return [];
    return [
      { type: 'income', title: 'Income', total: pl.totals.income, comparison: pl.totals.comparison?.income },
      { type: 'expense', title: 'Expenses', total: pl.totals.expenses, comparison: pl.totals.comparison?.expenses },
    ].map((s) => ({ ...s, rows: pl.rows.filter((r) => r.type === s.type) }));
  });

  constructor() {
    void this.start();
  }

  private async start(): Promise<void> {
    const q = this.route.snapshot.queryParams as Record<string, string | undefined>;
    const range = isIsoDate(q.from) && isIsoDate(q.to) ? { from: q.from, to: q.to } : await this.years.yearToDate();
    const compare = COMPARES.find((c) => c.value === q.compare)?.value ?? '';
    this.form.setValue({ ...range, compare });
    this.show();
  }

  protected show(): void {
    const value = this.form.getRawValue();
    const problem = rangeProblem(value);
    this.message.set(problem ?? undefined);
    if (problem) return;
    this.query.set(value);
    void this.router.navigate([], {
      relativeTo: this.route,
      queryParams: { ...value, compare: value.compare || null },
      replaceUrl: true,
    });
    void this.report.reload();
  }

  protected date(value: string | null): string {
    return this.calendar.date(value);
  }

  protected month(value: string): string {
    return this.calendar.month(value);
  }
}
