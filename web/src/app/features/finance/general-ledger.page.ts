import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormControl, FormGroup } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { Api } from '../../core/api';
import { CompanyCalendar } from '../../core/company-calendar';
import { formatAmount } from '../../core/money';
import { problemMessage, toProblem } from '../../core/problems';
import { AccountPicker, type PickedAccount } from './account-picker';
import { balanceSide, isIsoDate, rangeProblem, sameAmount, showAmount } from './ledger';
import type { Account, GeneralLedger } from './models';
import { FiscalYears, StatementToolbar } from './statement-tools';

type LedgerLine = GeneralLedger['items'][number];

/** Lines fetched per page ("Load more" asks for the next by keyset). */
export const LEDGER_PAGE = 100;

/** One account's posted lines with the running balance, a page at a time by keyset. */
@Component({
  selector: 'k-general-ledger',
  imports: [RouterLink, MatButtonModule, MatProgressBarModule, AccountPicker, StatementToolbar],
  template: `
    <section class="page">
      <k-statement-toolbar
        heading="General ledger"
        path="/api/finance/reports/general-ledger"
        fileName="general-ledger"
        [shown]="query()"
        [from]="form.controls.from"
        [to]="form.controls.to"
        [message]="message()"
        (show)="show()"
      >
        <k-account-picker
          lead
          [control]="form.controls.accountId"
          [initial]="initial()"
          label="Account"
          [required]="true"
          testId="gl-account"
          [error]="form.controls.accountId.invalid ? 'Choose an account.' : ''"
        />
      </k-statement-toolbar>
      @if (loading() && !ledger()) {
        <div class="state" role="status"><mat-progress-bar mode="indeterminate" aria-label="Loading" /><p>Loading…</p></div>
      }
      @if (!query() && !loading()) {
        <p class="state" role="status">Choose an account to see its lines.</p>
      }
      @if (ledger(); as gl) {
        <h2 data-testid="gl-account-name">{{ gl.account.code }} {{ gl.account.name }}</h2>
        <dl class="summary">
          <div><dt>Period</dt><dd>{{ date(gl.from) }} – {{ date(gl.to) }}</dd></div>
          <div><dt>Opening balance</dt><dd data-testid="gl-opening">{{ side(gl.opening) }} {{ gl.currency }}</dd></div>
          <div>
            <dt>{{ gl.nextCursor ? 'Balance after the lines shown' : 'Closing balance' }}</dt>
            <dd data-testid="gl-closing">{{ side(gl.closing) }} {{ gl.currency }}</dd>
          </div>
          <div><dt>Lines shown</dt><dd data-testid="gl-count">{{ lines().length }}</dd></div>
        </dl>
        @if (lines().length === 0) {
          <p class="state" role="status">No posted lines on this account in the period.</p>
        } @else {
          <div class="table-wrap">
            <table class="k-table" data-testid="general-ledger">
              <caption class="cdk-visually-hidden">Lines of {{ gl.account.code }} {{ gl.account.name }} in {{ gl.currency }}</caption>
              <thead>
                <tr>
                  <th scope="col">Date</th>
                  <th scope="col">Entry</th>
                  <th scope="col">Memo</th>
                  <th scope="col" class="num">Debit</th>
                  <th scope="col" class="num">Credit</th>
                  <th scope="col" class="num">Balance</th>
                </tr>
              </thead>
              <tbody>
                @for (l of lines(); track l.lineId) {
                  <tr data-testid="gl-row">
                    <td class="nowrap">{{ date(l.date) }}</td>
                    <td class="nowrap"><a [routerLink]="['/finance/journal-entries', l.entryId]">{{ l.number }}</a></td>
                    <td>
                      {{ l.memo }}
                      @if (l.description) { <div class="sub">{{ l.description }}</div> }
                      @if (l.transactionCurrency !== gl.currency) {
                        <div class="sub">{{ l.transactionCurrency }} {{ transactionAmount(l) }}</div>
                      }
                    </td>
                    <td class="num">{{ amount(l.debit) }}</td>
                    <td class="num">{{ amount(l.credit) }}</td>
                    <td class="num">{{ side(l.balance) }}</td>
                  </tr>
                }
              </tbody>
            </table>
          </div>
        }
        @if (gl.nextCursor) {
          <div class="actions">
            <button mat-stroked-button type="button" [disabled]="loading()" (click)="more()" data-testid="gl-more">
              {{ loading() ? 'Loading…' : 'Load more' }}
            </button>
          </div>
        }
      }
    </section>
  `,
  styleUrl: './finance.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class GeneralLedgerPage {
  private readonly api = inject(Api);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly years = inject(FiscalYears);
  private readonly calendar = inject(CompanyCalendar);
  protected readonly amount = showAmount;
  protected readonly form = new FormGroup({
    accountId: new FormControl('', { nonNullable: true }),
    from: new FormControl('', { nonNullable: true }),
    to: new FormControl('', { nonNullable: true }),
  });
  protected readonly initial = signal<PickedAccount | null>(null);
  protected readonly query = signal<{ accountId: string; from: string; to: string } | null>(null);
  /** The last page's answer (its opening is the first page's; its closing and cursor the last's). */
  protected readonly ledger = signal<GeneralLedger | null>(null);
  protected readonly lines = signal<LedgerLine[]>([]);
  protected readonly loading = signal(false);
  protected readonly message = signal<string | undefined>(undefined);
  private call = 0;

  constructor() {
    void this.start();
  }

  private async start(): Promise<void> {
    const q = this.route.snapshot.queryParams as Record<string, string | undefined>;
    const range = isIsoDate(q.from) && isIsoDate(q.to) ? { from: q.from, to: q.to } : await this.years.yearToDate();
    const accountId = q.accountId ?? '';
    if (accountId) {
      const account = await this.api.get<Account>(`/api/finance/accounts/${accountId}`).catch(() => null);
      if (account) this.initial.set(account);
    }
    this.form.setValue({ accountId: this.initial() ? accountId : '', ...range });
    if (this.initial()) this.show();
  }

  protected show(): void {
    const value = this.form.getRawValue();
    if (!value.accountId) {
      this.form.controls.accountId.setErrors({ required: true });
      this.form.controls.accountId.markAsTouched();
      return;
    }
    const problem = rangeProblem(value);
    this.message.set(problem ?? undefined);
    if (problem) return;
    this.query.set(value);
    void this.router.navigate([], { relativeTo: this.route, queryParams: value, replaceUrl: true });
    this.ledger.set(null);
    this.lines.set([]);
    void this.load();
  }

  protected more(): void {
    void this.load(this.ledger()?.nextCursor ?? undefined);
  }

  private async load(cursor?: string): Promise<void> {
    const query = this.query();
    if (!query) return;
    const mine = ++this.call;
    this.loading.set(true);
    this.message.set(undefined);
    try {
      const page = await this.api.get<GeneralLedger>('/api/finance/reports/general-ledger', {
        ...query,
        limit: LEDGER_PAGE,
        cursor,
      });
      if (mine !== this.call) return;
      const first = this.ledger();
      this.ledger.set(cursor && first ? { ...page, opening: first.opening } : page);
      this.lines.update((lines) => (cursor ? [...lines, ...page.items] : page.items));
    } catch (err) {
      if (mine === this.call) this.message.set(problemMessage(toProblem(err)));
    } finally {
      if (mine === this.call) this.loading.set(false);
    }
  }

  protected date(value: string | null): string {
    return this.calendar.date(value);
  }

  /** A foreign-currency line's own amount, on whichever side it has one. */
  protected transactionAmount(l: LedgerLine): string {
    return formatAmount(sameAmount(l.transactionDebit, '0') ? l.transactionCredit : l.transactionDebit);
  }

  protected side(balance: string): string {
    const b = balanceSide(balance);
    return b.side ? `${b.amount} ${b.side}` : b.amount;
  }
}
