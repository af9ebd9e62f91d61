import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal } from '@angular/core';
import { FormControl, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { Router, RouterLink } from '@angular/router';
import { Api } from '../../core/api';
import { Auth } from '../../core/auth';
import { CompanyCalendar } from '../../core/company-calendar';
import { formatAmount } from '../../core/money';
import { pageActions } from '../../shared/form-submit';
import { ListStateView } from '../../shared/list-state';
import { loader } from '../../shared/loader';
import { sameAmount, showAmount, sourceLabel } from './ledger';
import type { JournalEntry } from './models';

/** One journal entry with its lines; a draft is edited, posted or deleted, a posted entry reversed. */
@Component({
  selector: 'k-journal-detail',
  imports: [ReactiveFormsModule, RouterLink, MatButtonModule, MatFormFieldModule, MatInputModule, ListStateView],
  template: `
    <section class="page">
      <p><a routerLink="/finance/journal-entries">← Journal entries</a></p>
      <k-list-state [state]="entry.state()" [error]="entry.error()" (retry)="entry.reload()" />
      @if (entry.data(); as e) {
        <header class="page-header">
          <h1 data-testid="entry-title">{{ e.number ? 'Entry ' + e.number : 'Draft entry' }}</h1>
          <div class="actions">
            @if (canPost && e.status === 'draft') {
              <a mat-stroked-button [routerLink]="['/finance/journal-entries', e.id, 'edit']" data-testid="edit-entry">Edit</a>
              <button mat-flat-button type="button" [disabled]="busy() || !balanced()" (click)="post(e)" data-testid="post-entry">Post</button>
              <button mat-button type="button" [disabled]="busy()" (click)="confirming.set('delete')">Delete draft</button>
            }
            @if (canPost && e.status === 'posted' && !e.reversedById && !e.reversesId) {
              <button mat-stroked-button type="button" [disabled]="busy()" (click)="confirming.set('reverse')" data-testid="reverse-entry">Reverse</button>
            }
          </div>
        </header>

        @if (confirming() === 'reverse') {
          <div class="panel" role="alertdialog" aria-labelledby="reverse-title" data-testid="reverse-confirm">
            <h2 id="reverse-title">Reverse entry {{ e.number }}?</h2>
            <p>An opposite entry dated today ({{ date(today()) }}) will be posted and linked to this one. This cannot be undone.</p>
            <mat-form-field class="full-width">
              <mat-label>Memo of the reversal (optional)</mat-label>
              <input matInput [formControl]="reverseMemo" maxlength="500" />
            </mat-form-field>
            <div class="actions">
              <button mat-flat-button type="button" [disabled]="busy()" (click)="reverse(e)" data-testid="reverse-confirm-button">Reverse entry</button>
              <button mat-button type="button" (click)="confirming.set(null)">Keep it</button>
            </div>
          </div>
        }
        @if (confirming() === 'delete') {
          <div class="panel" role="alertdialog" aria-labelledby="delete-title">
            <h2 id="delete-title">Delete this draft?</h2>
            <div class="actions">
              <button mat-flat-button type="button" [disabled]="busy()" (click)="remove(e)">Delete draft</button>
              <button mat-button type="button" (click)="confirming.set(null)">Keep it</button>
            </div>
          </div>
        }
        @if (message()) {
          <p class="state error" role="alert" data-testid="entry-error">{{ message() }}</p>
        }

        <dl class="summary">
          <div><dt>Status</dt><dd><span class="status" [attr.data-status]="e.status" data-testid="entry-status">{{ e.status === 'posted' ? 'Posted' : 'Draft' }}</span></dd></div>
          <div><dt>Date</dt><dd>{{ date(e.date) }}</dd></div>
          <div><dt>Source</dt><dd>{{ sourceLabel(e.source) }}@if (e.sourceRef) { · {{ e.sourceRef }} }</dd></div>
          <div><dt>Currency</dt><dd>{{ e.currency }}@if (e.currency !== e.baseCurrency) { at {{ e.rate }} }</dd></div>
          @if (e.postedAt) {
            <div><dt>Posted</dt><dd>{{ calendar.dateTime(e.postedAt) }}</dd></div>
          }
        </dl>
        @if (e.memo) {
          <p data-testid="entry-memo">{{ e.memo }}</p>
        }
        @if (e.reversesId) {
          <p class="notice" data-testid="reverses-link">
            This entry reverses <a [routerLink]="['/finance/journal-entries', e.reversesId]">the original entry</a>.
          </p>
        }
        @if (e.reversedById) {
          <p class="notice" data-testid="reversed-by-link">
            Reversed by <a [routerLink]="['/finance/journal-entries', e.reversedById]">its reversing entry</a>.
          </p>
        }

        <div class="table-wrap">
          <table class="k-table" data-testid="entry-lines">
            <caption class="cdk-visually-hidden">Lines of the entry, amounts in {{ e.currency }}</caption>
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">Account</th>
                <th scope="col">Description</th>
                <th scope="col">Cost centre</th>
                <th scope="col" class="num">Debit</th>
                <th scope="col" class="num">Credit</th>
                @if (e.currency !== e.baseCurrency) {
                  <th scope="col" class="num">Debit {{ e.baseCurrency }}</th>
                  <th scope="col" class="num">Credit {{ e.baseCurrency }}</th>
                }
              </tr>
            </thead>
            <tbody>
              @for (l of e.lines; track l.id) {
                <tr data-testid="entry-line">
                  <td>{{ l.lineNo }}</td>
                  <td>{{ l.accountCode }} {{ l.accountName }}@if (l.isRounding) { <span class="sub">(rounding)</span> }</td>
                  <td>{{ l.description ?? '' }}</td>
                  <td>{{ l.costCentre ?? '' }}</td>
                  <td class="num">{{ shown(l.debit) }}</td>
                  <td class="num">{{ shown(l.credit) }}</td>
                  @if (e.currency !== e.baseCurrency) {
                    <td class="num">{{ shown(l.baseDebit) }}</td>
                    <td class="num">{{ shown(l.baseCredit) }}</td>
                  }
                </tr>
              }
            </tbody>
            <tfoot>
              <tr>
                <td></td>
                <td colspan="3">Totals ({{ e.baseCurrency }})</td>
                <td class="num" data-testid="entry-total-debit">{{ amount(e.totals.debit) }}</td>
                <td class="num" data-testid="entry-total-credit">{{ amount(e.totals.credit) }}</td>
                @if (e.currency !== e.baseCurrency) {
                  <td colspan="2"></td>
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
export class JournalDetailPage {
  private readonly api = inject(Api);
  private readonly router = inject(Router);
  protected readonly calendar = inject(CompanyCalendar);
  protected readonly canPost = inject(Auth).can('finance.journals.post');
  readonly id = input.required<string>();

  protected readonly amount = showAmount;
  protected readonly sourceLabel = sourceLabel;
  protected readonly today = this.calendar.today;
  protected readonly busy = signal(false);
  protected readonly message = signal<string | undefined>(undefined);
  private readonly actions = pageActions(this.busy, this.message);
  protected readonly confirming = signal<'reverse' | 'delete' | null>(null);
  protected readonly reverseMemo = new FormControl('', { nonNullable: true, validators: [Validators.maxLength(500)] });
  protected readonly entry = loader(() => this.api.get<JournalEntry>(`/api/finance/journal-entries/${this.id()}`));
  protected readonly balanced = computed(() => {
    const t = this.entry.data()?.totals;
    return !!t && sameAmount(t.debit, t.credit);
  });

  constructor() {
    // A link to the reversal (or back) changes only the id: load that entry.
    effect(() => {
      this.id();
      this.confirming.set(null);
      this.message.set(undefined);
      void this.entry.reload();
    });
  }

  protected shown(amount: string): string {
    return sameAmount(amount, '0') ? '' : formatAmount(amount);
  }

  protected date(value: string | null | undefined): string {
    return this.calendar.date(value);
  }

  protected async post(e: JournalEntry): Promise<void> {
    await this.actions.run(
      async () => {
        await this.api.post(`/api/finance/journal-entries/${e.id}/post`);
        await this.entry.reload();
      },
      (text) => `Not posted: ${text}`,
    );
  }

  protected async reverse(e: JournalEntry): Promise<void> {
    await this.actions.run(
      async () => {
        const memo = this.reverseMemo.value.trim();
        const reversal = await this.api.post<JournalEntry>(
          `/api/finance/journal-entries/${e.id}/reverse`,
          memo ? { memo } : {},
        );
        this.confirming.set(null);
        await this.router.navigate(['/finance/journal-entries', reversal.id]);
      },
      (text) => `Not reversed: ${text}`,
    );
  }

  protected async remove(e: JournalEntry): Promise<void> {
    await this.actions.run(async () => {
      await this.api.delete(`/api/finance/journal-entries/${e.id}`);
      await this.router.navigate(['/finance/journal-entries']);
    });
  }
}
