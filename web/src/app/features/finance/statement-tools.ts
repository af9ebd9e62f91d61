import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, Injectable, inject, input, output, signal } from '@angular/core';
import { type FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { Api, type Query } from '../../core/api';
import { CompanyCalendar } from '../../core/company-calendar';
import { problemMessage, toProblem } from '../../core/problems';
import { type DateRange, fiscalYearToDate } from './ledger';
import type { FinanceSettings, FiscalYear } from './models';

/** The fiscal years, read once, for the statements' default dates. */
@Injectable({ providedIn: 'root' })
export class FiscalYears {
  private readonly api = inject(Api);
  private readonly calendar = inject(CompanyCalendar);
  private years: Promise<FiscalYear[]> | undefined;

  list(): Promise<FiscalYear[]> {
    this.years ??= this.api
      .get<{ items: FiscalYear[] }>('/api/finance/fiscal-years')
      .then((r) => r.items)
      .catch((err) => {
        this.years = undefined;
        throw err;
      });
    return this.years;
  }

  /** Forgets the years (one was created or closed). */
  changed(): void {
    this.years = undefined;
  }

  /** The current fiscal year to date, by the company's today; the calendar year when none is found. */
  async yearToDate(): Promise<DateRange> {
    await this.calendar.load();
    const today = this.calendar.today();
    const years = await this.list().catch(() => [] as FiscalYear[]);
    return fiscalYearToDate(years, today);
  }

  today(): string {
    return this.calendar.today();
  }
}

/** The ledger's settings (base currency, fiscal-year start, currencies in use), read once. */
@Injectable({ providedIn: 'root' })
export class LedgerSettings {
  private readonly api = inject(Api);
  private readonly loaded = signal<FinanceSettings | null>(null);
  private loading: Promise<void> | undefined;
  /** The settings, null until read. */
  readonly value = this.loaded.asReadonly();

  load(): Promise<void> {
    this.loading ??= this.api
      .get<FinanceSettings>('/api/finance/settings')
      .then((s) => this.loaded.set(s))
      .catch(() => {
        this.loading = undefined;
      });
    return this.loading;
  }
}

/** A failed file download carries its problem body as a Blob: read it back as JSON. */
export async function readBlobError(err: unknown): Promise<unknown> {
  if (err instanceof HttpErrorResponse && err.error instanceof Blob) {
    try {
      return new HttpErrorResponse({
        error: JSON.parse(await err.error.text()),
        status: err.status,
        statusText: err.statusText,
      });
    } catch {
      return err;
    }
  }
  return err;
}

const FORMATS = [
  { format: 'csv', label: 'CSV' },
  { format: 'xlsx', label: 'XLSX' },
  { format: 'pdf', label: 'PDF' },
] as const;

/** CSV, XLSX and PDF buttons for a statement: each downloads the file under the server's name. */
@Component({
  selector: 'k-export-buttons',
  imports: [MatButtonModule],
  template: `
    <div class="actions" role="group" aria-label="Export">
      @for (f of formats; track f.format) {
        <button
          mat-stroked-button
          type="button"
          [disabled]="busy() || disabled()"
          [attr.data-testid]="'export-' + f.format"
          (click)="download(f.format)"
        >
          Export {{ f.label }}
        </button>
      }
    </div>
    @if (notice()) {
      <p class="sub" role="status" data-testid="export-notice">{{ notice() }}</p>
    }
    @if (message()) {
      <p class="state error" role="alert">{{ message() }}</p>
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ExportButtons {
  private readonly api = inject(Api);
  readonly path = input.required<string>();
  /** The statement's query (its dates, account, comparison); `format` is added per button. */
  readonly query = input<object>({});
  /** The file's name before its extension, should the server not name it. */
  readonly name = input('statement');
  readonly disabled = input(false);
  protected readonly formats = FORMATS;
  protected readonly busy = signal(false);
  protected readonly notice = signal<string | undefined>(undefined);
  protected readonly message = signal<string | undefined>(undefined);

  protected async download(format: 'csv' | 'xlsx' | 'pdf'): Promise<void> {
    this.busy.set(true);
    this.notice.set(undefined);
    this.message.set(undefined);
    try {
      const name = await this.api.download(
        this.path(),
        { ...(this.query() as Query), format },
        `${this.name()}.${format}`,
      );
      this.notice.set(`Downloaded ${name}.`);
    } catch (err) {
      this.message.set(problemMessage(toProblem(await readBlobError(err))));
    } finally {
      this.busy.set(false);
    }
  }
}

/**
 * The toolbar every statement page shares: its title and export buttons, then its filters — an
 * account or other fields projected first (`[lead]`) and after (comparison), the date range (`from`
 * and `to`) or the day (`asOf`) — a Show button, and the filters' problem.
 */
@Component({
  selector: 'k-statement-toolbar',
  imports: [ReactiveFormsModule, MatButtonModule, MatFormFieldModule, MatInputModule, ExportButtons],
  template: `
    <header class="page-header">
      <h1>{{ heading() }}</h1>
      <k-export-buttons [path]="path()" [query]="shown() ?? {}" [name]="fileName()" [disabled]="!shown()" />
    </header>
    <form class="filters" novalidate (submit)="$event.preventDefault(); show.emit()">
      <ng-content select="[lead]" />
      @if (asOf(); as day) {
        <mat-form-field>
          <mat-label>As of</mat-label>
          <input matInput type="date" [formControl]="day" data-testid="as-of" />
        </mat-form-field>
      }
      @if (from(); as start) {
        <mat-form-field>
          <mat-label>From</mat-label>
          <input matInput type="date" [formControl]="start" data-testid="range-from" />
        </mat-form-field>
      }
      @if (to(); as end) {
        <mat-form-field>
          <mat-label>To</mat-label>
          <input matInput type="date" [formControl]="end" data-testid="range-to" />
        </mat-form-field>
      }
      <ng-content />
      <button mat-flat-button type="submit" data-testid="range-show">Show</button>
    </form>
    @if (message()) {
      <p class="state error" role="alert">{{ message() }}</p>
    }
  `,
  styleUrl: './finance.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class StatementToolbar {
  readonly heading = input.required<string>();
  /** The statement's API path, for the export buttons. */
  readonly path = input.required<string>();
  /** The exported file's name before its extension. */
  readonly fileName = input('statement');
  /** The query of the statement shown (exports disabled until one is). */
  readonly shown = input<object | null>(null);
  readonly from = input<FormControl<string> | undefined>(undefined);
  readonly to = input<FormControl<string> | undefined>(undefined);
  readonly asOf = input<FormControl<string> | undefined>(undefined);
  readonly message = input<string | undefined>(undefined);
  readonly show = output<void>();
}
