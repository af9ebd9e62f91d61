import { ChangeDetectionStrategy, Component, effect, inject, input } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatAutocompleteModule } from '@angular/material/autocomplete';
import type { ErrorStateMatcher } from '@angular/material/core';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { catchError, debounceTime, distinctUntilChanged, from, map, of, startWith, switchMap } from 'rxjs';
import { Api } from '../../core/api';
import type { HrAnswer } from '../../core/api-types';

export type PickedPerson = Pick<
  HrAnswer<'/api/hr/employees'>['items'][number],
  'id' | 'fullName' | 'number' | 'departmentName'
>;

/** How many people one search shows; typing more narrows it. */
export const PICKER_LIMIT = 20;

/** The text typed into a picker, or the person chosen, as a search term. */
export function pickerSearch(value: string | PickedPerson | null): string | undefined {
  if (value === null || typeof value !== 'string') return undefined;
  return value.trim() || undefined;
}

/**
 * A people picker (manager, employee, reviewer) that searches on the server as the user types,
 * 20 at a time, so it works the same for 20 people or 2,000. `control` holds the chosen person's
 * id ('' for none); typing again clears it until a person is chosen from the list.
 */
@Component({
  selector: 'k-person-picker',
  imports: [ReactiveFormsModule, MatFormFieldModule, MatInputModule, MatAutocompleteModule],
  template: `
    <mat-form-field class="full-width">
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
        @if (!required()) {
          <mat-option [value]="null">{{ noneLabel() }}</mat-option>
        }
        @for (p of options(); track p.id) {
          <mat-option [value]="p">{{ p.fullName }} · {{ p.number }}@if (p.departmentName) { · {{ p.departmentName }} }</mat-option>
        }
        @if (options().length === limit) {
          <mat-option disabled>Type more of the name to narrow the list…</mat-option>
        }
      </mat-autocomplete>
      <mat-hint>Type a name, email or number</mat-hint>
      <mat-error>{{ error() }}</mat-error>
    </mat-form-field>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PersonPicker {
  private readonly api = inject(Api);
  readonly control = input.required<FormControl<string>>();
  readonly label = input('Person');
  /** The chosen person's name when the form opens with one (editing), shown until changed. */
  readonly initialName = input<string | null | undefined>(undefined);
  readonly required = input(false);
  readonly noneLabel = input('Nobody');
  /** Extra filters, e.g. `{ scope: 'mine' }` for people the caller manages. */
  readonly query = input<Record<string, string>>({});
  /** A person who may not be chosen (the employee being edited, or the caller). */
  readonly exclude = input<string | null | undefined>(undefined);
  readonly error = input('');
  readonly testId = input<string | undefined>(undefined);
  protected readonly limit = PICKER_LIMIT;

  protected readonly text = new FormControl<string | PickedPerson | null>('');
  protected readonly display = (p: string | PickedPerson | null) => (typeof p === 'string' ? p : (p?.fullName ?? ''));
  protected readonly errorState: ErrorStateMatcher = {
    isErrorState: () => this.control().invalid && this.control().touched,
  };

  protected readonly options = toSignal(
    this.text.valueChanges.pipe(
      startWith(''),
      map((v) => pickerSearch(v)),
      debounceTime(250),
      distinctUntilChanged(),
      switchMap((search) =>
        from(
          this.api.get<HrAnswer<'/api/hr/employees'>>('/api/hr/employees', {
            search,
            limit: PICKER_LIMIT,
            current: 'true',
            sort: 'name',
            ...this.query(),
          }),
        ).pipe(
          map((page) => page.items.filter((p) => p.id !== this.exclude())),
          catchError(() => of([] as PickedPerson[])),
        ),
      ),
    ),
    { initialValue: [] as PickedPerson[] },
  );

  constructor() {
    // The text follows the form: a filled form shows its person's name, a reset form clears it.
    effect((onCleanup) => {
      const control = this.control();
      this.initialName();
      this.showChosen(control.value);
      const sub = control.valueChanges.subscribe((id) => this.showChosen(id));
      onCleanup(() => sub.unsubscribe());
    });
    // Typing replaces the choice: the id is cleared until a person is picked from the list.
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
    const name = this.initialName();
    if (name) this.text.setValue({ id, fullName: name, number: '', departmentName: null }, { emitEvent: false });
  }

  pick(person: PickedPerson | null): void {
    if (!person) this.text.setValue('', { emitEvent: false });
    this.control().setValue(person?.id ?? '');
    this.control().markAsDirty();
  }
}
