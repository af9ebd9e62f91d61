import { ChangeDetectionStrategy, Component, computed, effect, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatPaginatorModule, type PageEvent } from '@angular/material/paginator';
import { MatSelectModule } from '@angular/material/select';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { debounceTime, distinctUntilChanged } from 'rxjs';
import { Api } from '../../core/api';
import { Auth } from '../../core/auth';
import { CompanyCalendar } from '../../core/company-calendar';
import { ListStateView } from '../../shared/list-state';
import { loader } from '../../shared/loader';
import { AccountPicker } from './account-picker';
import {
  type EntryFilters,
  entryFiltersFrom,
  entryFiltersToParams,
  entryListQuery,
  isIsoDate,
  JOURNAL_SOURCES,
  JOURNAL_STATUSES,
  sourceLabel,
} from './ledger';
import type { Account, JournalEntrySummary, ListPage } from './models';

/** Journal entries, newest first, filtered by dates, status, source and text, a page at a time. */
@Component({
  selector: 'k-journal-list',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    MatPaginatorModule,
    ListStateView,
    AccountPicker,
  ],
  template: `
    <section class="page">
      <header class="page-header">
        <h1>Journal entries</h1>
        @if (canPost) {
          <a mat-flat-button routerLink="/finance/journal-entries/new" data-testid="new-entry">New entry</a>
        }
      </header>
      <div class="filters">
        <mat-form-field>
          <mat-label>Search</mat-label>
          <input matInput type="search" [formControl]="search" placeholder="Memo or number" maxlength="100" data-testid="entry-search" />
        </mat-form-field>
        <mat-form-field>
          <mat-label>From</mat-label>
          <input matInput type="date" [value]="filters().from" (change)="dateChanged('from', $event)" data-testid="entry-from" />
        </mat-form-field>
        <mat-form-field>
          <mat-label>To</mat-label>
          <input matInput type="date" [value]="filters().to" (change)="dateChanged('to', $event)" data-testid="entry-to" />
        </mat-form-field>
        <mat-form-field>
          <mat-label>Status</mat-label>
          <mat-select [value]="filters().status" (selectionChange)="patch({ status: $event.value })" data-testid="entry-status">
            <mat-option value="">All statuses</mat-option>
            @for (s of statuses; track s.value) {
              <mat-option [value]="s.value">{{ s.label }}</mat-option>
            }
          </mat-select>
        </mat-form-field>
        <mat-form-field>
          <mat-label>Source</mat-label>
          <mat-select [value]="filters().source" (selectionChange)="patch({ source: $event.value })" data-testid="entry-source">
            <mat-option value="">All sources</mat-option>
            @for (s of sources; track s.value) {
              <mat-option [value]="s.value">{{ s.label }}</mat-option>
            }
          </mat-select>
        </mat-form-field>
        <k-account-picker [control]="account" [initial]="initialAccount()" label="Account" testId="entry-account" />
        @if (filters().accountId) {
          <button mat-stroked-button type="button" (click)="openLedger()" data-testid="entry-account-ledger">Its general ledger</button>
        }
        @if (filtered()) {
          <button mat-button type="button" (click)="clear()">Clear filters</button>
        }
      </div>

      <div class="table-wrap" [class.stale]="list.loading() && list.state() === 'ready'">
        @if (list.state() === 'ready') {
          <table class="k-table" data-testid="entries">
            <caption class="cdk-visually-hidden">Journal entries</caption>
            <thead>
              <tr>
                <th scope="col">Number</th>
                <th scope="col">Date</th>
                <th scope="col">Memo</th>
                <th scope="col">Source</th>
                <th scope="col">Status</th>
                <th scope="col">Currency</th>
              </tr>
            </thead>
            <tbody>
              @for (e of rows(); track e.id) {
                <tr data-testid="entry-row">
                  <td class="nowrap">
                    <a [routerLink]="['/finance/journal-entries', e.id]">{{ e.number ?? 'Draft' }}</a>
                  </td>
                  <td class="nowrap">{{ date(e.date) }}</td>
                  <td>
                    {{ e.memo || '—' }}
                    @if (e.reversedById) { <div class="sub">Reversed</div> }
                    @if (e.reversesId) { <div class="sub">Reversal</div> }
                  </td>
                  <td>{{ sourceLabel(e.source) }}@if (e.sourceRef) { <div class="sub">{{ e.sourceRef }}</div> }</td>
                  <td><span class="status" [attr.data-status]="e.status">{{ e.status === 'posted' ? 'Posted' : 'Draft' }}</span></td>
                  <td>{{ e.currency }}</td>
                </tr>
              }
            </tbody>
          </table>
        }
      </div>
      <k-list-state
        [state]="list.state()"
        [error]="list.error()"
        [empty]="filtered() ? 'No entries match these filters.' : 'No journal entries yet.'"
        (retry)="list.reload()"
      />
      <mat-paginator
        [length]="list.data()?.total ?? 0"
        [pageIndex]="filters().pageIndex"
        [pageSize]="filters().pageSize"
        [pageSizeOptions]="[10, 25, 50, 100]"
        (page)="page($event)"
        aria-label="Journal entry pages"
      />
    </section>
  `,
  styleUrl: './finance.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class JournalListPage {
  private readonly api = inject(Api);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly calendar = inject(CompanyCalendar);
  protected readonly canPost = inject(Auth).can('finance.journals.post');
  protected readonly statuses = JOURNAL_STATUSES;
  protected readonly sources = JOURNAL_SOURCES;
  protected readonly sourceLabel = sourceLabel;
  protected readonly filters = signal<EntryFilters>(
    entryFiltersFrom(this.route.snapshot.queryParams as Record<string, string | undefined>),
  );
  protected readonly search = new FormControl(this.filters().q, { nonNullable: true });
  protected readonly account = new FormControl(this.filters().accountId, { nonNullable: true });
  /** The account of the filter the page opened with, shown in the picker. */
  protected readonly initialAccount = signal<Account | null>(null);
  protected readonly list = loader(() =>
    this.api.get<ListPage<JournalEntrySummary>>('/api/finance/journal-entries', entryListQuery(this.filters())),
  );
  protected readonly rows = computed(() => this.list.data()?.items ?? []);
  protected readonly filtered = computed(() => {
    const f = this.filters();
    return !!(f.from || f.to || f.status || f.source || f.accountId || f.q);
  });

  constructor() {
    effect(() => {
      const f = this.filters();
      void this.list.reload();
      void this.router.navigate([], { relativeTo: this.route, queryParams: entryFiltersToParams(f), replaceUrl: true });
    });
    this.search.valueChanges
      .pipe(debounceTime(300), distinctUntilChanged(), takeUntilDestroyed())
      .subscribe((q) => this.patch({ q }));
    // A chosen account filters the list; typing over it (the id cleared) lists every account again.
    this.account.valueChanges.pipe(takeUntilDestroyed()).subscribe((accountId) => {
      if (accountId !== this.filters().accountId) this.patch({ accountId });
    });
    const accountId = this.filters().accountId;
    if (accountId)
      void this.api
        .get<Account>(`/api/finance/accounts/${accountId}`)
        .then((a) => this.initialAccount.set(a))
        .catch(() => this.patch({ accountId: '' }));
  }

  protected patch(change: Partial<EntryFilters>): void {
    this.filters.update((f) => ({ ...f, ...change, pageIndex: 0 }));
  }

  protected dateChanged(which: 'from' | 'to', event: Event): void {
    const value = (event.target as HTMLInputElement).value;
    this.patch({ [which]: isIsoDate(value) ? value : '' });
  }

  protected clear(): void {
    this.search.setValue('', { emitEvent: false });
    this.account.setValue('', { emitEvent: false });
    this.patch({ from: '', to: '', status: '', source: '', accountId: '', q: '' });
  }

  protected page(event: PageEvent): void {
    this.filters.update((f) => ({ ...f, pageIndex: event.pageIndex, pageSize: event.pageSize }));
  }

  protected openLedger(): void {
    const f = this.filters();
    void this.router.navigate(['/finance/general-ledger'], {
      queryParams: { accountId: f.accountId, from: f.from || null, to: f.to || null },
    });
  }

  protected date(value: string): string {
    return this.calendar.date(value);
  }
}
