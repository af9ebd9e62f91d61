import { Location } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, input, type OnInit, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormArray, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { Router, RouterLink } from '@angular/router';
import { Api } from '../../core/api';
import { CompanyCalendar } from '../../core/company-calendar';
import { applyProblem, controlError, problemMessage, toProblem } from '../../core/problems';
import { AccountPicker, type PickedAccount } from './account-picker';
import { entryForm, type LineForm, lineForm } from './entry-form';
import { type DraftLine, entryBody, entryTotals, postBlocker, sameAmount, showAmount } from './ledger';
import type { JournalEntry } from './models';
import { LedgerSettings } from './statement-tools';

/** '' for a zero side, so a line shows only the amount it carries. */
const side = (amount: string) => (sameAmount(amount, '0') ? '' : amount);

/**
 * A manual journal entry: date, memo, and line rows (account, debit, credit, description, cost
 * centre). The totals and the difference follow every keystroke, summed exactly; Post stays
 * disabled, saying why, until the entry balances. A refusal from the server lands on its field.
 */
@Component({
  selector: 'k-journal-form',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressBarModule,
    AccountPicker,
  ],
  template: `
    <section class="page">
      <header class="page-header">
        <h1>{{ draftId() ? 'Edit draft entry' : 'New journal entry' }}</h1>
        <a mat-button [routerLink]="draftId() ? ['/finance/journal-entries', draftId()] : ['/finance/journal-entries']">Cancel</a>
      </header>
      @if (loading()) {
        <mat-progress-bar mode="indeterminate" aria-label="Loading" />
      }
      @if (notice()) {
        <p class="notice" role="status" data-testid="entry-notice">{{ notice() }}</p>
      }
      @if (message()) {
        <p class="state error" role="alert" data-testid="entry-error">{{ message() }}</p>
      }
      <form [formGroup]="form" (ngSubmit)="save(false)" novalidate data-testid="entry-form">
        <div class="form-grid">
          <mat-form-field>
            <mat-label>Date</mat-label>
            <input matInput type="date" formControlName="date" required data-testid="entry-date" />
            <mat-error data-testid="entry-date-error">{{ error('date', 'Date') }}</mat-error>
          </mat-form-field>
          <mat-form-field>
            <mat-label>Memo</mat-label>
            <input matInput formControlName="memo" maxlength="500" data-testid="entry-memo" />
            <mat-error>{{ error('memo', 'Memo') }}</mat-error>
          </mat-form-field>
          <mat-form-field>
            <mat-label>Currency</mat-label>
            <input
              matInput
              formControlName="currency"
              maxlength="3"
              [placeholder]="base() || 'Base currency'"
              list="entry-currencies"
              data-testid="entry-currency"
            />
            <datalist id="entry-currencies">
              @for (c of currencies(); track c) {
                <option [value]="c"></option>
              }
            </datalist>
            <mat-hint>Leave empty for {{ base() || 'the base currency' }}</mat-hint>
            <mat-error>{{ error('currency', 'Currency') }}</mat-error>
          </mat-form-field>
          @if (form.controls.currency.value) {
            <mat-form-field>
              <mat-label>Rate</mat-label>
              <input matInput formControlName="rate" inputmode="decimal" placeholder="The day's rate" />
              <mat-hint>{{ base() || 'Base' }} units per {{ form.controls.currency.value }}; empty takes the day's rate</mat-hint>
              <mat-error>{{ error('rate', 'Rate') }}</mat-error>
            </mat-form-field>
          }
        </div>

        <div class="table-wrap">
          <table class="k-table lines" formArrayName="lines" data-testid="entry-lines">
            <caption class="cdk-visually-hidden">Lines</caption>
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">Account</th>
                <th scope="col" class="num">Debit</th>
                <th scope="col" class="num">Credit</th>
                <th scope="col">Description</th>
                <th scope="col">Cost centre</th>
                <th scope="col"><span class="cdk-visually-hidden">Remove</span></th>
              </tr>
            </thead>
            <tbody>
              @for (line of lines.controls; track line; let i = $index) {
                <tr [formGroupName]="i" data-testid="entry-line" [class.invalid-line]="totals().invalidLines.includes(i)">
                  <td>{{ i + 1 }}</td>
                  <td class="account-cell">
                    <k-account-picker
                      [control]="line.controls.accountId"
                      [initial]="initialAccounts()[i]"
                      [label]="'Account, line ' + (i + 1)"
                      [postingOnly]="true"
                      [required]="true"
                      [dense]="true"
                      [error]="error('lines.' + i + '.accountId', 'Account')"
                      [testId]="'line-account-' + i"
                    />
                  </td>
                  <td>
                    <mat-form-field subscriptSizing="dynamic" class="amount">
                      <mat-label>Debit</mat-label>
                      <input matInput formControlName="debit" inputmode="decimal" [attr.data-testid]="'line-debit-' + i" />
                      <mat-error>{{ error('lines.' + i + '.debit', 'Debit') }}</mat-error>
                    </mat-form-field>
                  </td>
                  <td>
                    <mat-form-field subscriptSizing="dynamic" class="amount">
                      <mat-label>Credit</mat-label>
                      <input matInput formControlName="credit" inputmode="decimal" [attr.data-testid]="'line-credit-' + i" />
                      <mat-error>{{ error('lines.' + i + '.credit', 'Credit') }}</mat-error>
                    </mat-form-field>
                  </td>
                  <td>
                    <mat-form-field subscriptSizing="dynamic" class="description">
                      <mat-label>Description</mat-label>
                      <input matInput formControlName="description" maxlength="500" />
                    </mat-form-field>
                  </td>
                  <td>
                    <mat-form-field subscriptSizing="dynamic" class="short">
                      <mat-label>Cost centre</mat-label>
                      <input matInput formControlName="costCentre" maxlength="20" />
                    </mat-form-field>
                  </td>
                  <td>
                    <button mat-button type="button" [disabled]="lines.length <= 2" (click)="removeLine(i)" [attr.aria-label]="'Remove line ' + (i + 1)">
                      Remove
                    </button>
                  </td>
                </tr>
              }
            </tbody>
            <tfoot>
              <tr>
                <td></td>
                <td>Totals</td>
                <td class="num" data-testid="total-debit">{{ amount(totals().debit) }} {{ currency() }}</td>
                <td class="num" data-testid="total-credit">{{ amount(totals().credit) }} {{ currency() }}</td>
                <td colspan="3" aria-live="polite">
                  @if (totals().heavier) {
                    <span class="bad" data-testid="difference">Difference {{ amount(totals().difference) }} ({{ totals().heavier === 'debit' ? 'debits' : 'credits' }} larger)</span>
                  } @else {
                    <span [class.ok]="totals().balanced" data-testid="difference">Difference 0 · {{ totals().balanced ? 'balanced' : 'no amounts yet' }}</span>
                  }
                </td>
              </tr>
            </tfoot>
          </table>
        </div>
        @if (linesError()) {
          <p class="state error" role="alert" data-testid="lines-error">{{ linesError() }}</p>
        }
        <div class="actions">
          <button mat-stroked-button type="button" (click)="addLine()" data-testid="add-line">Add line</button>
        </div>
        <div class="actions submit">
          <button mat-stroked-button type="submit" [disabled]="busy()" data-testid="save-draft">{{ busy() ? 'Saving…' : 'Save draft' }}</button>
          <button mat-flat-button type="button" [disabled]="busy() || !!blocker()" (click)="save(true)" data-testid="post-entry">Post</button>
          @if (blocker()) {
            <span class="sub" data-testid="post-blocker">{{ blocker() }}</span>
          }
        </div>
      </form>
    </section>
  `,
  styleUrl: './finance.scss',
  styles: `
    .lines td {
      padding: 4px 6px;
    }
    .account-cell {
      min-width: 240px;
    }
    .amount {
      width: 120px;
    }
    .description {
      width: 170px;
    }
    .short {
      width: 100px;
    }
    tr.invalid-line {
      background: var(--mat-sys-error-container);
    }
    .submit {
      margin-top: 16px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class JournalFormPage implements OnInit {
  private readonly api = inject(Api);
  private readonly router = inject(Router);
  private readonly location = inject(Location);
  private readonly calendar = inject(CompanyCalendar);
  /** The draft being edited (route `:id/edit`). */
  readonly id = input<string | undefined>(undefined);

  protected readonly amount = showAmount;
  protected readonly lines = new FormArray<LineForm>([lineForm(), lineForm()]);
  protected readonly form = entryForm(this.calendar.today(), this.lines);
  protected readonly draftId = signal<string | undefined>(undefined);
  protected readonly initialAccounts = signal<(PickedAccount | null)[]>([]);
  protected readonly busy = signal(false);
  protected readonly loading = signal(false);
  protected readonly message = signal<string | undefined>(undefined);
  protected readonly notice = signal<string | undefined>(undefined);
  /** Bumped when a control's errors change without its value (server errors), to redraw. */
  private readonly touched = signal(0);

  private readonly value = toSignal(this.form.valueChanges, { initialValue: this.form.getRawValue() });
  private readonly settings = inject(LedgerSettings);
  /** The base currency (from the ledger's settings), and the currencies in use for the list. */
  protected readonly base = computed(() => this.settings.value()?.baseCurrency ?? '');
  protected readonly currencies = computed(() => this.settings.value()?.currencies ?? []);
  /** The entry's currency: the one typed, else the base currency. */
  protected readonly currency = computed(() => (this.value().currency ?? '').toUpperCase() || this.base());
  protected readonly totals = computed(() => entryTotals(this.rawLines(), this.currency()));
  protected readonly blocker = computed(() => postBlocker(this.rawLines(), this.currency()));
  protected readonly linesError = computed(() => {
    this.touched();
    return typeof this.lines.errors?.server === 'string' ? (this.lines.errors.server as string) : '';
  });

  ngOnInit(): void {
    void this.settings.load();
    void this.load();
  }

  private rawLines(): DraftLine[] {
    this.value();
    return this.lines.getRawValue();
  }

  private async load(): Promise<void> {
    const id = this.id();
    if (!id) return;
    this.loading.set(true);
    try {
      const entry = await this.api.get<JournalEntry>(`/api/finance/journal-entries/${id}`);
      if (entry.status !== 'draft') {
        this.message.set(`Entry ${entry.number} is posted: it cannot be edited. Reverse it instead.`);
        return;
      }
      this.draftId.set(entry.id);
      this.fill(entry);
    } catch (err) {
      this.message.set(problemMessage(toProblem(err)));
    } finally {
      this.loading.set(false);
    }
  }

  private fill(entry: JournalEntry): void {
    const own = entry.lines.filter((l) => !l.isRounding);
    this.lines.clear();
    for (const l of own) {
      this.lines.push(
        lineForm({
          accountId: l.accountId,
          debit: side(l.debit),
          credit: side(l.credit),
          description: l.description ?? '',
          costCentre: l.costCentre ?? '',
        }),
      );
    }
    while (this.lines.length < 2) this.lines.push(lineForm());
    this.initialAccounts.set(
      own.map((l) => ({
        id: l.accountId,
        code: l.accountCode,
        name: l.accountName,
        isGroup: false,
        active: true,
        currency: null,
      })),
    );
    this.form.patchValue({
      date: entry.date,
      memo: entry.memo,
      currency: entry.currency === entry.baseCurrency ? '' : entry.currency,
      rate: entry.currency === entry.baseCurrency ? '' : entry.rate,
    });
  }

  protected addLine(): void {
    this.lines.push(lineForm());
    this.initialAccounts.update((a) => [...a, null]);
  }

  protected removeLine(i: number): void {
    this.lines.removeAt(i);
    this.initialAccounts.update((a) => a.filter((_, j) => j !== i));
  }

  protected error(path: string, label: string): string {
    this.touched();
    return controlError(this.form.get(path), label);
  }

  /** Saves the draft (creating it the first time) and, with `post`, posts it. */
  protected async save(post: boolean): Promise<void> {
    this.message.set(undefined);
    this.notice.set(undefined);
    this.lines.setErrors(null);
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      this.touched.update((n) => n + 1);
      return;
    }
    if (post && this.blocker()) return;
    const value = this.form.getRawValue();
    const body = {
      ...entryBody(value),
      ...(value.currency ? { currency: value.currency.toUpperCase() } : {}),
      ...(value.currency && value.rate ? { rate: value.rate } : {}),
    };
    this.busy.set(true);
    let saved: JournalEntry | undefined;
    try {
      const id = this.draftId();
      saved = id
        ? await this.api.patch<JournalEntry>(`/api/finance/journal-entries/${id}`, body)
        : await this.api.post<JournalEntry>('/api/finance/journal-entries', body);
      if (!id) {
        // From here on the page edits this draft: saving again changes it rather than adding another.
        this.draftId.set(saved.id);
        this.location.replaceState(`/finance/journal-entries/${saved.id}/edit`);
      }
      if (post) await this.api.post<JournalEntry>(`/api/finance/journal-entries/${saved.id}/post`);
      await this.router.navigate(['/finance/journal-entries', saved.id]);
    } catch (err) {
      const unplaced = applyProblem(this.form, err);
      this.touched.update((n) => n + 1);
      if (saved) this.notice.set(`Saved as a draft but not posted: ${problemMessage(toProblem(err))}`);
      else if (unplaced) this.message.set(unplaced);
    } finally {
      this.busy.set(false);
    }
  }
}
