import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormBuilder, FormControl, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { MatSnackBar } from '@angular/material/snack-bar';
import { Api } from '../../../core/api';
import { Auth } from '../../../core/auth';
import { CompanyCalendar } from '../../../core/company-calendar';
import { problemMessage, toProblem } from '../../../core/problems';
import { FormMessage, formSubmission, pageActions } from '../../../shared/form-submit';
import { ListStateView } from '../../../shared/list-state';
import { loader } from '../../../shared/loader';
import type { Holiday } from './models';
import { isIsoDate, yearOptions } from './time-logic';

const WEEKDAY = new Intl.DateTimeFormat('en-GB', { weekday: 'long', timeZone: 'UTC' });

@Component({
  selector: 'k-holidays',
  imports: [
    FormMessage,
    ListStateView,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    ReactiveFormsModule,
  ],
  template: `
    <section class="page">
      <header class="page-header">
        <h1>Holidays</h1>
        @if (canManage && editing() === null) {
          <button mat-flat-button type="button" data-testid="holiday-add" (click)="startCreate()">Add holiday</button>
        }
      </header>

      <mat-form-field>
        <mat-label>Year</mat-label>
        <mat-select [formControl]="year" (selectionChange)="holidays.reload()" data-testid="holiday-year">
          @for (y of years; track y) {
            <mat-option [value]="y">{{ y }}</mat-option>
          }
        </mat-select>
      </mat-form-field>

      @if (editing() !== null) {
        <form class="inline-form" [formGroup]="form" (ngSubmit)="save()" novalidate data-testid="holiday-form">
          <h2>{{ editing() === 'create' ? 'New holiday' : 'Edit holiday' }}</h2>
          <div class="form-grid">
            <mat-form-field>
              <mat-label>Date</mat-label>
              <input matInput type="date" formControlName="date" required />
              <mat-error>{{ submission.error('date', 'Date') }}</mat-error>
            </mat-form-field>
            <mat-form-field>
              <mat-label>Name</mat-label>
              <input matInput formControlName="name" required />
              <mat-error>{{ submission.error('name', 'Name') }}</mat-error>
            </mat-form-field>
          </div>
          <k-form-message [message]="submission.message()" />
          <div class="actions">
            <button mat-flat-button type="submit" [disabled]="busy()">{{ busy() ? 'Saving…' : 'Save holiday' }}</button>
            <button mat-button type="button" (click)="editing.set(null)">Cancel</button>
          </div>
        </form>
      }
      @if (message()) {
        <p class="state error" role="alert">{{ message() }}</p>
      }

      <k-list-state [state]="holidays.state()" [error]="holidays.error()" [empty]="'No holidays in ' + (year.value ?? 'this year') + '.'" (retry)="holidays.reload()" />
      @if (holidays.state() === 'ready') {
        <div class="table-wrap">
          <table class="k-table">
            <caption class="cdk-visually-hidden">Holidays in {{ year.value ?? 'this year' }}</caption>
            <thead><tr><th scope="col">Date</th><th scope="col">Day</th><th scope="col">Name</th>
              @if (canManage) { <th scope="col"><span class="cdk-visually-hidden">Actions</span></th> }</tr></thead>
            <tbody>
              @for (h of holidays.data()!.items; track h.id) {
                <tr data-testid="holiday-row">
                  <td>{{ calendar.date(h.date) }}</td>
                  <td>{{ weekday(h.date) }}</td>
                  <td>{{ h.name }}</td>
                  @if (canManage) {
                    <td><div class="actions">
                      @if (confirming() === h.id) {
                        <span>Delete {{ h.name }}?</span>
                        <button mat-flat-button type="button" [disabled]="busy()" (click)="remove(h)">Delete</button>
                        <button mat-button type="button" (click)="confirming.set(null)">Keep</button>
                      } @else {
                        <button mat-button type="button" (click)="startEdit(h)" [attr.aria-label]="'Edit ' + h.name">Edit</button>
                        <button mat-button type="button" (click)="confirming.set(h.id)" [attr.aria-label]="'Delete ' + h.name">Delete</button>
                      }
                    </div></td>
                  }
                </tr>
              }
            </tbody>
          </table>
        </div>
      }
    </section>
  `,
  styleUrl: './time.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class HolidaysPage {
  private readonly api = inject(Api);
  private readonly snack = inject(MatSnackBar);
  protected readonly canManage = inject(Auth).can('hr.holidays.manage');
  /** The company's year; while the calendar cannot load, none is chosen and the API lists its own year. */
  protected readonly calendar = inject(CompanyCalendar);
  private readonly currentYear = this.calendar.thisYear();
  protected readonly years = this.currentYear ? yearOptions(this.currentYear) : [];
  protected readonly year = new FormControl<number | null>(this.currentYear);
  protected readonly editing = signal<'create' | Holiday | null>(null);
  protected readonly confirming = signal<string | null>(null);
  protected readonly busy = signal(false);
  protected readonly message = signal<string | undefined>(undefined);
  /** Row actions (not form submits) share the page's busy flag and alert. */
  private readonly actions = pageActions(this.busy, this.message);
  protected readonly form = inject(FormBuilder).nonNullable.group({
    date: ['', Validators.required],
    name: ['', [Validators.required, Validators.minLength(2), Validators.maxLength(120)]],
  });
  protected readonly submission = formSubmission(this.form, this.busy);
  protected readonly holidays = loader(() => this.api.all<Holiday>('/api/hr/holidays', { year: this.year.value }));

  constructor() {
    void this.holidays.reload();
  }

  protected weekday(date: string): string {
    return isIsoDate(date) ? WEEKDAY.format(new Date(`${date}T00:00:00Z`)) : '';
  }

  startCreate(): void {
    this.submission.message.set(undefined);
    this.form.reset({ date: '', name: '' });
    this.editing.set('create');
  }

  startEdit(h: Holiday): void {
    this.submission.message.set(undefined);
    this.form.reset({ date: h.date, name: h.name });
    this.editing.set(h);
  }

  /**
   * Adds a holiday. The API has no edit: an edit removes the old entry and adds the new one,
   * putting the old one back if the new one is refused.
   */
  async save(): Promise<void> {
    const { date, name } = this.form.getRawValue();
    if (date && !isIsoDate(date)) this.form.controls.date.setErrors({ custom: 'Enter a valid date.' });
    const editing = this.editing();
    const taken =
      this.form.valid &&
      this.holidays.data()?.items.find((h) => h.date === date && (editing === 'create' || h.id !== editing?.id));
    if (taken)
      this.form.controls.date.setErrors({
        custom: `${this.calendar.date(date)} is already a holiday (${taken.name}).`,
      });
    await this.submission.run(async () => {
      const body = { date, name: name.trim() };
      try {
        if (editing && editing !== 'create') {
          if (editing.date === body.date && editing.name === body.name) {
            this.editing.set(null);
            return;
          }
          await this.api.delete(`/api/hr/holidays/${editing.id}`);
          try {
            await this.api.post('/api/hr/holidays', body);
          } catch (err) {
            await this.api.post('/api/hr/holidays', { date: editing.date, name: editing.name }).catch(() => undefined);
            throw err;
          }
        } else {
          await this.api.post('/api/hr/holidays', body);
        }
      } catch (err) {
        // "2026-01-07 is already a holiday." belongs to the date field.
        const problem = toProblem(err);
        throw problem.status === 409
          ? { ...problem, errors: [{ path: 'date', message: problemMessage(problem) }] }
          : problem;
      }
      this.snack.open('Holiday saved.', 'Close', { duration: 4000 });
      this.editing.set(null);
      const savedYear = Number(body.date.slice(0, 4));
      if (savedYear !== this.year.value && this.years.includes(savedYear)) this.year.setValue(savedYear);
      await this.holidays.reload();
    });
  }

  async remove(h: Holiday): Promise<void> {
    await this.actions.run(async () => {
      await this.api.delete(`/api/hr/holidays/${h.id}`);
      this.snack.open(`${h.name} removed.`, 'Close', { duration: 4000 });
      this.confirming.set(null);
      await this.holidays.reload();
    });
  }
}
