import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatPaginatorModule, type PageEvent } from '@angular/material/paginator';
import { MatSnackBar } from '@angular/material/snack-bar';
import { RouterLink } from '@angular/router';
import { Api } from '../../core/api';
import { Auth } from '../../core/auth';
import { CompanyCalendar } from '../../core/company-calendar';
import { FormMessage, formSubmission, pageActions } from '../../shared/form-submit';
import { ListStateView } from '../../shared/list-state';
import { loader } from '../../shared/loader';
import { isIsoDate } from './ledger';
import type { ExchangeRate, ListPage, Revaluation } from './models';
import { LedgerSettings } from './statement-tools';

/** The most a CSV of rates may weigh before it is sent (the API takes the whole file in one request). */
const MAX_CSV_BYTES = 2 * 1024 * 1024;

/** Exchange rates into the base currency by currency and date; entered one by one or imported from CSV. */
@Component({
  selector: 'k-rates',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatPaginatorModule,
    ListStateView,
    FormMessage,
  ],
  template: `
    <section class="page">
      <header class="page-header">
        <h1>Exchange rates</h1>
      </header>

      @if (canManage) {
        <form class="panel" [formGroup]="form" (ngSubmit)="save()" novalidate data-testid="rate-form">
          <h2>Enter a rate</h2>
          <div class="filters">
            <mat-form-field>
              <mat-label>Currency</mat-label>
              <input matInput formControlName="currency" maxlength="3" required placeholder="USD" data-testid="rate-currency" />
              <mat-error>{{ submission.error('currency', 'Currency') }}</mat-error>
            </mat-form-field>
            <mat-form-field>
              <mat-label>Date</mat-label>
              <input matInput type="date" formControlName="date" required data-testid="rate-date" />
              <mat-error>{{ submission.error('date', 'Date') }}</mat-error>
            </mat-form-field>
            <mat-form-field>
              <mat-label>Rate</mat-label>
              <input matInput formControlName="rate" inputmode="decimal" required placeholder="48.125000" data-testid="rate-value" />
              <mat-hint>{{ base() || 'Base-currency' }} units for one unit of the currency</mat-hint>
              <mat-error>{{ submission.error('rate', 'Rate') }}</mat-error>
            </mat-form-field>
            <button mat-flat-button type="submit" [disabled]="busy()" data-testid="rate-save">Save rate</button>
          </div>
          <k-form-message [message]="submission.message()" />
        </form>
        <div class="panel">
          <h2>Import from CSV</h2>
          <p class="sub">One rate a line: <code>currency,date,rate</code> (e.g. <code>USD,2026-03-31,50.125</code>); a header row is optional. All lines are saved or none.</p>
          <div class="actions">
            <input type="file" accept=".csv,text/csv" (change)="import($event)" aria-label="CSV file of rates" data-testid="rate-import" [disabled]="busy()" />
          </div>
          @if (importNotice()) {
            <p class="notice" role="status" data-testid="rate-import-notice">{{ importNotice() }}</p>
          }
        </div>
        <form class="panel" [formGroup]="revalueForm" (ngSubmit)="revalue()" novalidate>
          <h2>Month-end revaluation</h2>
          <p class="sub">Revalues open foreign-currency balances at the month's last rate; the difference is reversed on the 1st of the next month.</p>
          <div class="filters">
            <mat-form-field>
              <mat-label>Month</mat-label>
              <input matInput type="month" formControlName="month" required />
            </mat-form-field>
            <button mat-stroked-button type="submit" [disabled]="busy() || !month.value">Revalue</button>
          </div>
          @if (revaluation(); as r) {
            <p class="notice" role="status">
              @if (r.entry) {
                Posted <a [routerLink]="['/finance/journal-entries', r.entry.id]">{{ r.entry.number }}</a>
                @if (r.reversal) { and its reversal <a [routerLink]="['/finance/journal-entries', r.reversal.id]">{{ r.reversal.number }}</a> }.
              } @else {
                Nothing to revalue in {{ r.month }}.
              }
            </p>
          }
        </form>
      }
      @if (message()) {
        <p class="state error" role="alert" data-testid="rates-error">{{ message() }}</p>
      }

      <div class="filters">
        <mat-form-field>
          <mat-label>Currency</mat-label>
          <input matInput [formControl]="filterCurrency" maxlength="3" (change)="filter()" data-testid="rates-filter-currency" />
        </mat-form-field>
        <mat-form-field>
          <mat-label>From</mat-label>
          <input matInput type="date" [formControl]="filterFrom" (change)="filter()" />
        </mat-form-field>
        <mat-form-field>
          <mat-label>To</mat-label>
          <input matInput type="date" [formControl]="filterTo" (change)="filter()" />
        </mat-form-field>
      </div>
      <k-list-state [state]="rates.state()" [error]="rates.error()" empty="No rates match." (retry)="rates.reload()" />
      @if (rates.state() === 'ready') {
        <div class="table-wrap">
          <table class="k-table" data-testid="rates">
            <caption class="cdk-visually-hidden">Exchange rates</caption>
            <thead><tr><th scope="col">Currency</th><th scope="col">Date</th><th scope="col" class="num">Rate</th><th scope="col">Updated</th></tr></thead>
            <tbody>
              @for (r of rows(); track r.id) {
                <tr data-testid="rate-row">
                  <td>{{ r.currency }}</td>
                  <td class="nowrap">{{ date(r.date) }}</td>
                  <td class="num">{{ r.rate }}</td>
                  <td class="sub">{{ calendar.dateTime(r.updatedAt) }}</td>
                </tr>
              }
            </tbody>
          </table>
        </div>
      }
      <mat-paginator
        [length]="rates.data()?.total ?? 0"
        [pageIndex]="pageIndex()"
        [pageSize]="pageSize()"
        [pageSizeOptions]="[25, 50, 100]"
        (page)="page($event)"
        aria-label="Exchange rate pages"
      />
    </section>
  `,
  styleUrl: './finance.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RatesPage {
  private readonly api = inject(Api);
  private readonly settings = inject(LedgerSettings);
  protected readonly base = computed(() => this.settings.value()?.baseCurrency ?? '');
  private readonly snack = inject(MatSnackBar);
  protected readonly calendar = inject(CompanyCalendar);
  protected readonly canManage = inject(Auth).can('finance.rates.manage');
  protected readonly busy = signal(false);
  protected readonly message = signal<string | undefined>(undefined);
  private readonly actions = pageActions(this.busy, this.message);
  protected readonly form = new FormGroup({
    currency: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required, Validators.pattern(/^[A-Za-z]{3}$/)],
    }),
    date: new FormControl(this.calendar.today(), { nonNullable: true, validators: [Validators.required] }),
    rate: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required, Validators.pattern(/^\d{1,12}(\.\d{1,6})?$/)],
    }),
  });
  protected readonly submission = formSubmission(this.form, this.busy);
  protected readonly importNotice = signal<string | undefined>(undefined);
  protected readonly month = new FormControl(this.calendar.thisMonth(), { nonNullable: true });
  protected readonly revalueForm = new FormGroup({ month: this.month });
  protected readonly revaluation = signal<Revaluation | null>(null);

  protected readonly filterCurrency = new FormControl('', { nonNullable: true });
  protected readonly filterFrom = new FormControl('', { nonNullable: true });
  protected readonly filterTo = new FormControl('', { nonNullable: true });
  protected readonly pageIndex = signal(0);
  protected readonly pageSize = signal(25);
  protected readonly rates = loader(() => {
    const currency = this.filterCurrency.value.trim().toUpperCase();
    return this.api.get<ListPage<ExchangeRate>>('/api/finance/exchange-rates', {
      currency: /^[A-Z]{3}$/.test(currency) ? currency : undefined,
      from: isIsoDate(this.filterFrom.value) ? this.filterFrom.value : undefined,
      to: isIsoDate(this.filterTo.value) ? this.filterTo.value : undefined,
      limit: this.pageSize(),
      offset: this.pageIndex() * this.pageSize(),
    });
  });
  protected readonly rows = computed(() => this.rates.data()?.items ?? []);

  constructor() {
    void this.settings.load();
    void this.rates.reload();
  }

  protected date(value: string): string {
    return this.calendar.date(value);
  }

  protected filter(): void {
    this.pageIndex.set(0);
    void this.rates.reload();
  }

  protected page(event: PageEvent): void {
    this.pageIndex.set(event.pageIndex);
    this.pageSize.set(event.pageSize);
    void this.rates.reload();
  }

  protected async save(): Promise<void> {
    await this.submission.run(async () => {
      const v = this.form.getRawValue();
      await this.api.post('/api/finance/exchange-rates', { ...v, currency: v.currency.toUpperCase() });
      this.snack.open(`${v.currency.toUpperCase()} rate of ${v.date} saved.`, 'Close', { duration: 4000 });
      this.form.controls.rate.reset('');
      await this.rates.reload();
    });
  }

  protected async import(event: Event): Promise<void> {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    this.importNotice.set(undefined);
    if (!file) return;
    if (file.size > MAX_CSV_BYTES) {
      this.message.set('The file is larger than 2 MB; split it.');
      input.value = '';
      return;
    }
    await this.actions.run(
      async () => {
        const result = await this.api.postText<{ imported: number }>(
          '/api/finance/exchange-rates/import',
          await file.text(),
        );
        this.importNotice.set(`Imported ${result.imported} rate${result.imported === 1 ? '' : 's'} from ${file.name}.`);
        await this.rates.reload();
      },
      (text) => `${file.name} was not imported: ${text}`,
    );
    input.value = '';
  }

  protected async revalue(): Promise<void> {
    this.revaluation.set(null);
    await this.actions.run(
      async () => {
        this.revaluation.set(
          await this.api.post<Revaluation>('/api/finance/revaluations', { month: this.month.value }),
        );
      },
      (text) => `Not revalued: ${text}`,
    );
  }
}
