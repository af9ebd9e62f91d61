import { ChangeDetectionStrategy, Component, effect, inject, input } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatAutocompleteModule } from '@angular/material/autocomplete';
import type { ErrorStateMatcher } from '@angular/material/core';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { catchError, debounceTime, distinctUntilChanged, from, map, of, startWith, switchMap } from 'rxjs';
import { Api } from '../../core/api';
import type { Account, ListPage } from './models';

export type PickedAccount = Pick<Account, 'id' | 'code' | 'name' | 'isGroup' | 'active' | 'currency'>;

/** How many accounts one search shows; typing more narrows it. */
export const ACCOUNT_PICKER_LIMIT = 20;

export const accountLabel = (a: Pick<Account, 'code' | 'name'> | null | undefined) => (a ? `${a.code} ${a.name}` : '');

/**
 * An account picker that searches the chart on the server (code or name) as the user types, 20 at
 * a time. `postingOnly` leaves out group accounts and deactivated ones (what a journal line takes).
 * `control` holds the chosen account's id ('' for none); typing again clears it until one is chosen.
 */
@Component({
  selector: 'k-account-picker',
  imports: [ReactiveFormsModule, MatFormFieldModule, MatInputModule, MatAutocompleteModule],
  template: `
    <mat-form-field class="full-width" [subscriptSizing]="dense() ? 'dynamic' : 'fixed'">
      <mat-label>{{ label() }}</mat-label>
      <input
        matInput
        type="search"
        autocomplete="off"
        [formControl]="text"
        [matAutocomplete]="auto"
        [errorStateMatcher]="errorState"
        [required]="required()"
        [attr.data-testid]="testId()"
        (blur)="control().markAsTouched()"
      />
      <mat-autocomplete #auto="matAutocomplete" [displayWith]="display" (optionSelected)="pick($event.option.value)">
        @for (a of options(); track a.id) {
          <mat-option [value]="a">{{ a.code }} · {{ a.name }}@if (a.currency) { · {{ a.currency }} }@if (a.isGroup) { (group) }</mat-option>
        }
        @if (options().length === 0) {
          <mat-option disabled>No account matches</mat-option>
        }
      </mat-autocomplete>
      @if (!dense()) {
        <mat-hint>Type a code or a name</mat-hint>
      }
      <mat-error>{{ error() }}</mat-error>
    </mat-form-field>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AccountPicker {
  private readonly api = inject(Api);
  readonly control = input.required<FormControl<string>>();
  readonly label = input('Account');
  /** The chosen account when the form opens with one (editing), shown until changed. */
  readonly initial = input<PickedAccount | null | undefined>(undefined);
  readonly required = input(false);
  readonly postingOnly = input(false);
  readonly dense = input(false);
  readonly error = input('');
  readonly testId = input<string | undefined>(undefined);

  protected readonly text = new FormControl<string | PickedAccount | null>('');
  protected readonly display = (a: string | PickedAccount | null) => (typeof a === 'string' ? a : accountLabel(a));
  protected readonly errorState: ErrorStateMatcher = {
    isErrorState: () => this.control().invalid && this.control().touched,
  };

  protected readonly options = toSignal(
    this.text.valueChanges.pipe(
      startWith(''),
      map((v) => (typeof v === 'string' ? v.trim() : undefined)),
      debounceTime(250),
      distinctUntilChanged(),
      switchMap((q) =>
        from(
          this.api.get<ListPage<Account>>('/api/finance/accounts', {
            q,
            limit: ACCOUNT_PICKER_LIMIT * (this.postingOnly() ? 2 : 1),
            sort: 'code',
            active: this.postingOnly() ? 'true' : undefined,
          }),
        ).pipe(
          map((page) => page.items.filter((a) => !this.postingOnly() || !a.isGroup).slice(0, ACCOUNT_PICKER_LIMIT)),
          catchError(() => of([] as PickedAccount[])),
        ),
      ),
    ),
    { initialValue: [] as PickedAccount[] },
  );

  constructor() {
    // The text follows the form: a filled form shows its account, a reset form clears it.
    effect((onCleanup) => {
      const control = this.control();
      this.initial();
      this.showChosen(control.value);
      const sub = control.valueChanges.subscribe((id) => this.showChosen(id));
      onCleanup(() => sub.unsubscribe());
    });
    this.text.valueChanges.subscribe((v) => {
      if (typeof v === 'string' && this.control().value) this.control().setValue('', { emitEvent: false });
    });
  }

  private showChosen(id: string): void {
    const shown = this.text.value;
    if (!id) {
      if (shown && typeof shown !== 'string') this.text.setValue('', { emitEvent: false });
      return;
    }
    if (typeof shown !== 'string' && shown?.id === id) return;
    const initial = this.initial();
    if (initial && initial.id === id) this.text.setValue(initial, { emitEvent: false });
  }

  pick(account: PickedAccount): void {
    this.control().setValue(account.id);
    this.control().markAsDirty();
  }
}
