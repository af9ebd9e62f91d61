import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { FormControl, FormGroup } from '@angular/forms';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { Api } from '../../core/api';
import { Auth } from '../../core/auth';
import { CompanyCalendar } from '../../core/company-calendar';
import { ListStateView } from '../../shared/list-state';
import { loader } from '../../shared/loader';
import { balanceSide, type DateRange, isIsoDate, rangeProblem, sameAmount, showAmount } from './ledger';
import type { TrialBalance } from './models';
import { FiscalYears, StatementToolbar } from './statement-tools';

/** Trial balance for a range: each account's opening, debits, credits and closing, rolled up the tree. */
@Component({
  selector: 'k-trial-balance',
  imports: [RouterLink, ListStateView, StatementToolbar],
  template: `
    <section class="page">
      <k-statement-toolbar
        heading="Trial balance"
        path="/api/finance/reports/trial-balance"
        fileName="trial-balance"
        [shown]="range()"
        [from]="form.controls.from"
        [to]="form.controls.to"
        [message]="message()"
        (show)="show()"
      />
      <k-list-state [state]="report.state()" [error]="report.error()" (retry)="report.reload()" />
      @if (report.data(); as tb) {
        <dl class="summary">
          <div><dt>Period</dt><dd>{{ date(tb.from) }} – {{ date(tb.to) }}</dd></div>
          <div><dt>Closing debits</dt><dd data-testid="tb-total-debit">{{ amount(tb.totals.debit) }} {{ tb.currency }}</dd></div>
          <div><dt>Closing credits</dt><dd data-testid="tb-total-credit">{{ amount(tb.totals.credit) }} {{ tb.currency }}</dd></div>
          <div>
            <dt>Check</dt>
            <dd data-testid="tb-balanced" [class.ok]="balanced()" [class.bad]="!balanced()">{{ balanced() ? 'Balanced' : 'Not balanced' }}</dd>
          </div>
        </dl>
        <div class="table-wrap" [class.stale]="report.loading()">
          <table class="k-table" data-testid="trial-balance">
            <caption class="cdk-visually-hidden">Trial balance, amounts in {{ tb.currency }}</caption>
            <thead>
              <tr>
                <th scope="col">Code</th>
                <th scope="col">Account</th>
                <th scope="col" class="num">Opening</th>
                <th scope="col" class="num">Debits</th>
                <th scope="col" class="num">Credits</th>
                <th scope="col" class="num">Closing debit</th>
                <th scope="col" class="num">Closing credit</th>
              </tr>
            </thead>
            <tbody>
              @for (r of tb.rows; track r.accountId) {
                <tr data-testid="tb-row" [class.group]="r.isGroup" [class.inactive]="!r.active">
                  <td class="nowrap">{{ r.code }}</td>
                  <td class="name" [style.padding-left.px]="10 + r.depth * 16">
                    @if (r.isGroup || !canLedger) {
                      {{ r.name }}
                    } @else {
                      <a
                        [routerLink]="['/finance/general-ledger']"
                        [queryParams]="{ accountId: r.accountId, from: tb.from, to: tb.to }"
                        [attr.aria-label]="'General ledger of ' + r.code + ' ' + r.name"
                        data-testid="tb-drill"
                        >{{ r.name }}</a
                      >
                    }
                    @if (!r.active) { <span class="sub">(inactive)</span> }
                  </td>
                  <td class="num">{{ side(r.opening) }}</td>
                  <td class="num">{{ amount(r.periodDebit) }}</td>
                  <td class="num">{{ amount(r.periodCredit) }}</td>
                  <td class="num">{{ amount(r.debit) }}</td>
                  <td class="num">{{ amount(r.credit) }}</td>
                </tr>
              }
            </tbody>
            <tfoot>
              <tr>
                <td></td>
                <td>Total</td>
                <td></td>
                <td class="num">{{ amount(tb.totals.periodDebit) }}</td>
                <td class="num">{{ amount(tb.totals.periodCredit) }}</td>
                <td class="num">{{ amount(tb.totals.debit) }}</td>
                <td class="num">{{ amount(tb.totals.credit) }}</td>
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
export class TrialBalancePage {
  private readonly api = inject(Api);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly years = inject(FiscalYears);
  private readonly calendar = inject(CompanyCalendar);
  protected readonly canLedger = inject(Auth).can('finance.journals.read');
  protected readonly amount = showAmount;
  protected readonly form = new FormGroup({
    from: new FormControl('', { nonNullable: true }),
    to: new FormControl('', { nonNullable: true }),
  });
  protected readonly range = signal<DateRange | null>(null);
  protected readonly message = signal<string | undefined>(undefined);
  protected readonly report = loader(() =>
    this.api.get<TrialBalance>('/api/finance/reports/trial-balance', { ...this.range() }),
  );
  protected readonly balanced = computed(() => {
    const t = this.report.data()?.totals;
    return !!t && sameAmount(t.debit, t.credit);
  });

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

  protected side(balance: string): string {
    const b = balanceSide(balance);
    return b.side ? `${b.amount} ${b.side}` : b.amount;
  }
}
