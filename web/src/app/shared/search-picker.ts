import { ChangeDetectionStrategy, Component, effect, input } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatAutocompleteModule } from '@angular/material/autocomplete';
import type { ErrorStateMatcher } from '@angular/material/core';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { catchError, debounceTime, distinctUntilChanged, from, map, of, startWith, switchMap } from 'rxjs';

/** How many choices one search shows; typing more narrows it. */
export const PICKER_LIMIT = 20;

/** What the text box holds: what is being typed, or the choice made (its id and how it reads). */
export type PickerChoice = { id: string; label: string };

/** The text typed into a picker, or the choice made, as a search term. */
export function pickerSearch(value: string | object | null): string | undefined {
  if (value === null || typeof value !== 'string') return undefined;
  return value.trim() || undefined;
}

/**
 * A picker that searches on the server as the user types, PICKER_LIMIT at a time, so it works the
 * same for twenty records or twenty thousand (people, accounts). The caller gives the search and
 * how an item reads; `control` holds the chosen id ('' for none), and typing again clears it until
 * something is chosen from the list.
 */
@Component({
  selector: 'k-search-picker',
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
        @if (!required() && noneLabel()) {
          <mat-option [value]="null">{{ noneLabel() }}</mat-option>
        }
        @for (o of options(); track o.id) {
          <mat-option [value]="o">{{ o.option }}</mat-option>
        }
        @if (options().length === 0) {
          <mat-option disabled>{{ emptyText() }}</mat-option>
        } @else if (options().length >= limit) {
          <mat-option disabled>Type more to narrow the list…</mat-option>
        }
      </mat-autocomplete>
      @if (!dense()) {
        <mat-hint>{{ hint() }}</mat-hint>
      }
      <mat-error>{{ error() }}</mat-error>
    </mat-form-field>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SearchPicker<T extends { id: string }> {
  readonly control = input.required<FormControl<string>>();
  /** Up to PICKER_LIMIT items matching the term (undefined: the first ones). */
  readonly search = input.required<(term: string | undefined) => Promise<T[]>>();
  /** How a chosen item reads in the box. */
  readonly label = input('Choose');
  readonly itemLabel = input.required<(item: T) => string>();
  /** How an item reads in the list (its label unless given). */
  readonly optionLabel = input<((item: T) => string) | undefined>(undefined);
  /** How the chosen id reads when the form opens with one (editing), shown until changed. */
  readonly initialLabel = input<string | null | undefined>(undefined);
  readonly required = input(false);
  /** A first choice meaning none, when not required (no such choice when empty). */
  readonly noneLabel = input('');
  readonly hint = input('Type to search');
  readonly emptyText = input('Nothing matches');
  readonly dense = input(false);
  readonly error = input('');
  readonly testId = input<string | undefined>(undefined);
  protected readonly limit = PICKER_LIMIT;

  protected readonly text = new FormControl<string | PickerChoice | null>('');
  protected readonly display = (v: string | PickerChoice | null) => (typeof v === 'string' ? v : (v?.label ?? ''));
  protected readonly errorState: ErrorStateMatcher = {
    isErrorState: () => this.control().invalid && this.control().touched,
  };

  protected readonly options = toSignal(
    this.text.valueChanges.pipe(
      startWith(''),
      map((v) => pickerSearch(v)),
      debounceTime(250),
      distinctUntilChanged(),
      switchMap((term) =>
        from(this.search()(term)).pipe(
          map((items) =>
            items.slice(0, PICKER_LIMIT).map((item) => ({
              id: item.id,
              label: this.itemLabel()(item),
              option: (this.optionLabel() ?? this.itemLabel())(item),
            })),
          ),
          catchError(() => of([])),
        ),
      ),
    ),
    { initialValue: [] as (PickerChoice & { option: string })[] },
  );

  constructor() {
    // The text follows the form: a filled form shows its choice, a reset form clears it.
    effect((onCleanup) => {
      const control = this.control();
      this.initialLabel();
      this.showChosen(control.value);
      const sub = control.valueChanges.subscribe((id) => this.showChosen(id));
      onCleanup(() => sub.unsubscribe());
    });
    // Typing replaces the choice: the id is cleared until something is picked from the list.
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
    const label = this.initialLabel();
    if (label) this.text.setValue({ id, label }, { emitEvent: false });
  }

  pick(choice: PickerChoice | null): void {
    if (!choice) this.text.setValue('', { emitEvent: false });
    this.control().setValue(choice?.id ?? '');
    this.control().markAsDirty();
  }
}
