import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { FormBuilder, type FormGroupDirective, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTabsModule } from '@angular/material/tabs';
import { Api } from '../../../core/api';
import { Auth } from '../../../core/auth';
import { applyProblem, toProblem } from '../../../core/problems';
import { FormMessage, formSubmission, pageActions } from '../../../shared/form-submit';
import { ListStateView } from '../../../shared/list-state';
import { loader } from '../../../shared/loader';
import { PersonPicker } from '../person-picker';
import { dateOrder } from './forms';
import { statusText } from './logic';
import type { Goal, Review, ReviewCycle } from './models';

@Component({
  selector: 'k-reviews',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatCardModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    MatTabsModule,
    ListStateView,
    FormMessage,
    PersonPicker,
  ],
  template: `
    <section class="page">
      <header class="page-header"><h1>Performance reviews</h1></header>
      <k-form-message [message]="message()" />
      <mat-tab-group mat-stretch-tabs="false" dynamicHeight>
        @if (self) {
          <mat-tab label="My reviews">
            <div class="tab">
              <k-list-state [state]="mine.state()" [error]="mine.error()" empty="No reviews have been shared with you yet." (retry)="mine.reload()" />
              @if (mine.state() === 'ready') {
                @for (r of mine.data(); track r.id) {
                  <mat-card class="review" data-testid="my-review">
                    <mat-card-header>
                      <mat-card-title>{{ r.cycleName ?? 'Review' }}</mat-card-title>
                      <mat-card-subtitle>Status: {{ statusText(r.status) }} · Rating {{ r.rating ?? '—' }} / 5</mat-card-subtitle>
                    </mat-card-header>
                    <mat-card-content>
                      <h3>Strengths</h3>
                      <p>{{ r.strengths || '—' }}</p>
                      <h3>To improve</h3>
                      <p>{{ r.improvements || '—' }}</p>
                      @if (r.goals.length) {
                        <h3>Goals</h3>
                        <ul>
                          @for (g of r.goals; track $index) {
                            <li>{{ g.title }} — {{ g.progress }}%</li>
                          }
                        </ul>
                      }
                    </mat-card-content>
                    <mat-card-actions>
                      @if (r.status === 'submitted') {
                        <button mat-flat-button type="button" [disabled]="busy()" (click)="acknowledge(r)">Acknowledge</button>
                      } @else if (r.acknowledgedAt) {
                        <span>Acknowledged {{ r.acknowledgedAt.slice(0, 10) }}</span>
                      }
                    </mat-card-actions>
                  </mat-card>
                }
              }
            </div>
          </mat-tab>
        }
        @if (manage) {
          <mat-tab label="Reviews to write">
            <div class="tab">
              <h2>Start a review</h2>
              <form [formGroup]="startForm" #startF="ngForm" (ngSubmit)="start(startF)" novalidate class="form-grid">
                <mat-form-field>
                  <mat-label>Review cycle</mat-label>
                  <mat-select formControlName="cycleId" required>
                    @for (c of openCycles(); track c.id) {
                      <mat-option [value]="c.id">{{ c.name }}</mat-option>
                    }
                  </mat-select>
                  <mat-error>{{ starting.error('cycleId', 'Review cycle') }}</mat-error>
                </mat-form-field>
<k-person-picker
                  label="Employee"
                  testId="review-employee-picker"
                  [required]="true"
                  [control]="startForm.controls.employeeId"
                  [query]="{ scope: 'mine' }"
                  [exclude]="me"
                  [error]="starting.error('employeeId', 'Employee')"
                />
                <div class="actions">
                  <button mat-flat-button type="submit" [disabled]="busy()">Start review</button>
                </div>
              </form>

              <h2>Reviews</h2>
              <k-list-state [state]="written.state()" [error]="written.error()" empty="No reviews yet: start one above." (retry)="written.reload()" />
              @if (written.state() === 'ready') {
                <div class="table-wrap">
                  <table class="grid">
                    <caption class="sr-only">Reviews you write</caption>
                    <thead><tr><th scope="col">Employee</th><th scope="col">Cycle</th><th scope="col">Rating</th><th scope="col">Status</th><th scope="col">Actions</th></tr></thead>
                    <tbody>
                      @for (r of written.data(); track r.id) {
                        <tr>
                          <td>{{ r.employeeName }}</td>
                          <td>{{ r.cycleName }}</td>
                          <td>{{ r.rating ?? '—' }}</td>
                          <td>{{ statusText(r.status) }}</td>
                          <td class="actions">
                            @if (r.status === 'draft') {
                              <button mat-stroked-button type="button" (click)="edit(r)" [attr.aria-label]="'Edit review of ' + r.employeeName">Edit</button>
                              <button mat-flat-button type="button" [disabled]="busy()" (click)="submit(r)" [attr.aria-label]="'Submit review of ' + r.employeeName">Submit</button>
                            }
                          </td>
                        </tr>
                      }
                    </tbody>
                  </table>
                </div>
              }

              @if (editing(); as r) {
                <mat-card class="review" id="review-editor">
                  <mat-card-header><mat-card-title>Review of {{ r.employeeName }} · {{ r.cycleName }}</mat-card-title></mat-card-header>
                  <mat-card-content>
                    <form [formGroup]="editForm" (ngSubmit)="save()" novalidate>
                      <mat-form-field>
                        <mat-label>Rating (1–5)</mat-label>
                        <mat-select formControlName="rating">
                          <mat-option [value]="null">Not rated</mat-option>
                          @for (n of [1, 2, 3, 4, 5]; track n) {
                            <mat-option [value]="n">{{ n }}</mat-option>
                          }
                        </mat-select>
                        <mat-error>{{ reviewing.error('rating', 'Rating') }}</mat-error>
                      </mat-form-field>
                      <mat-form-field class="full-width">
                        <mat-label>Strengths</mat-label>
                        <textarea matInput formControlName="strengths" rows="3"></textarea>
                        <mat-error>{{ reviewing.error('strengths', 'Strengths') }}</mat-error>
                      </mat-form-field>
                      <mat-form-field class="full-width">
                        <mat-label>Areas to improve</mat-label>
                        <textarea matInput formControlName="improvements" rows="3"></textarea>
                        <mat-error>{{ reviewing.error('improvements', 'Areas to improve') }}</mat-error>
                      </mat-form-field>
                      <mat-form-field class="full-width">
                        <mat-label>Goals (one a line, "title: progress%")</mat-label>
                        <textarea matInput formControlName="goals" rows="3"></textarea>
                        <mat-error>{{ reviewing.error('goals', 'Goals') }}</mat-error>
                      </mat-form-field>
                      <k-form-message [message]="reviewing.message()" />
                      <div class="actions">
                        <button mat-flat-button type="submit" [disabled]="busy()">Save draft</button>
                        <button mat-stroked-button type="button" [disabled]="busy()" (click)="saveAndSubmit()">Save and submit</button>
                        <button mat-button type="button" (click)="editing.set(undefined)">Close</button>
                      </div>
                    </form>
                  </mat-card-content>
                </mat-card>
              }
            </div>
          </mat-tab>
          <mat-tab label="Review cycles">
            <div class="tab">
              <h2>New cycle</h2>
              <form [formGroup]="cycleForm" #cycleF="ngForm" (ngSubmit)="createCycle(cycleF)" novalidate class="form-grid">
                <mat-form-field>
                  <mat-label>Name</mat-label>
                  <input matInput formControlName="name" required />
                  <mat-error>{{ cycling.error('name', 'Name') }}</mat-error>
                </mat-form-field>
                <mat-form-field>
                  <mat-label>Start date</mat-label>
                  <input matInput type="date" formControlName="startDate" required />
                  <mat-error>{{ cycling.error('startDate', 'Start date') }}</mat-error>
                </mat-form-field>
                <mat-form-field>
                  <mat-label>End date</mat-label>
                  <input matInput type="date" formControlName="endDate" required />
                  <mat-error>{{ cycling.error('endDate', 'End date') }}</mat-error>
                </mat-form-field>
                <div class="actions"><button mat-flat-button type="submit" [disabled]="busy()">Create cycle</button></div>
              </form>
              <k-form-message [message]="cycling.message()" />
              <k-list-state [state]="cycles.state()" [error]="cycles.error()" empty="No review cycles yet." (retry)="cycles.reload()" />
              @if (cycles.state() === 'ready') {
                <div class="table-wrap">
                  <table class="grid">
                    <caption class="sr-only">Review cycles</caption>
                    <thead><tr><th scope="col">Name</th><th scope="col">From</th><th scope="col">To</th><th scope="col">Status</th></tr></thead>
                    <tbody>
                      @for (c of cycles.data()?.items; track c.id) {
                        <tr><td>{{ c.name }}</td><td>{{ c.startDate }}</td><td>{{ c.endDate }}</td><td>{{ statusText(c.status) }}</td></tr>
                      }
                    </tbody>
                  </table>
                </div>
              }
            </div>
          </mat-tab>
        }
      </mat-tab-group>
    </section>
  `,
  styleUrl: './talent.scss',
  styles: `
    .review { margin-bottom: 16px; }
    h3 { font: var(--mat-sys-title-small); margin: 12px 0 4px; }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ReviewsPage {
  protected readonly statusText = statusText;
  private readonly api = inject(Api);
  private readonly auth = inject(Auth);
  private readonly snack = inject(MatSnackBar);
  private readonly fb = inject(FormBuilder).nonNullable;
  protected readonly self = this.auth.can('hr.reviews.self');
  protected readonly manage = this.auth.can('hr.reviews.manage');
  protected readonly me = this.auth.user()?.employeeId ?? null;

  protected readonly busy = signal(false);
  protected readonly editing = signal<Review | undefined>(undefined);

  private readonly all = () => this.api.all<Review>('/api/hr/reviews').then((r) => r.items);
  protected readonly mine = loader(() => this.all().then((items) => items.filter((r) => r.employeeId === this.me)));
  protected readonly written = loader(() => this.all().then((items) => items.filter((r) => r.employeeId !== this.me)));
  protected readonly cycles = loader(() => this.api.all<ReviewCycle>('/api/hr/review-cycles'));
  protected readonly openCycles = computed(() =>
    (this.cycles.data()?.items ?? []).filter((c) => c.status !== 'closed'),
  );

  protected readonly startForm = this.fb.group({
    cycleId: ['', Validators.required],
    employeeId: ['', Validators.required],
  });
  protected readonly cycleForm = this.fb.group(
    {
      name: ['', [Validators.required, Validators.minLength(2), Validators.maxLength(120)]],
      startDate: ['', Validators.required],
      endDate: ['', Validators.required],
    },
    { validators: dateOrder('startDate', 'endDate') },
  );
  protected readonly editForm = this.fb.group({
    rating: this.fb.control<number | null>(null),
    strengths: ['', Validators.maxLength(4000)],
    improvements: ['', Validators.maxLength(4000)],
    goals: [''],
  });
  protected readonly starting = formSubmission(this.startForm, this.busy);
  protected readonly cycling = formSubmission(this.cycleForm, this.busy);
  protected readonly reviewing = formSubmission(this.editForm, this.busy);
  /** The page's alert: a failed start, acknowledgement or submission. */
  protected readonly message = this.starting.message;
  /** Acknowledge and the per-row submit: not form submits, same busy flag and alert. */
  private readonly actions = pageActions(this.busy, this.message);

  constructor() {
    if (this.self) void this.mine.reload();
    if (this.manage) {
      void this.written.reload();
      void this.cycles.reload();
    }
  }

  protected acknowledge(r: Review): Promise<void> {
    return this.actions.run(async () => {
      await this.api.post(`/api/hr/reviews/${r.id}/acknowledge`);
      this.snack.open('Review acknowledged.', undefined, { duration: 3000 });
      await this.mine.reload();
    });
  }

  protected async createCycle(directive: FormGroupDirective): Promise<void> {
    await this.cycling.run(async () => {
      await this.api.post('/api/hr/review-cycles', this.cycleForm.getRawValue());
      directive.resetForm();
      this.snack.open('Review cycle created.', undefined, { duration: 3000 });
      await this.cycles.reload();
    });
  }

  protected async start(directive: FormGroupDirective): Promise<void> {
    await this.starting.run(async () => {
      const created = await this.api.post<Review>('/api/hr/reviews', this.startForm.getRawValue());
      directive.resetForm();
      await this.written.reload();
      this.edit(this.written.data()?.find((r) => r.id === created.id) ?? created);
    });
  }

  protected edit(r: Review): void {
    this.reviewing.message.set(undefined);
    this.editForm.reset({
      rating: r.rating,
      strengths: r.strengths ?? '',
      improvements: r.improvements ?? '',
      goals: r.goals.map((g) => `${g.title}: ${g.progress}%`).join('\n'),
    });
    this.editing.set(r);
    setTimeout(() => document.getElementById('review-editor')?.scrollIntoView({ block: 'start' }));
  }

  /** The goals, one a line; a line that does not read puts an error on the field. */
  private goals(): Goal[] {
    const lines = this.editForm.controls.goals.value
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean);
    const out: Goal[] = [];
    for (const line of lines) {
      const m = /^(.*?)(?::\s*(\d{1,3})\s*%?)?$/.exec(line);
      const title = (m?.[1] ?? line).trim();
      const progress = Number(m?.[2] ?? 0);
      if (!title || title.length > 200 || progress > 100) {
        this.editForm.controls.goals.setErrors({ custom: `Check the goal "${line}": a title, then ": 0–100%".` });
        return [];
      }
      out.push({ title, progress });
    }
    return out;
  }

  private persist(r: Review, goals: Goal[]): Promise<Review> {
    const v = this.editForm.getRawValue();
    return this.api.patch<Review>(`/api/hr/reviews/${r.id}`, {
      rating: v.rating,
      strengths: v.strengths.trim() || null,
      improvements: v.improvements.trim() || null,
      goals,
    });
  }

  protected async save(): Promise<void> {
    const r = this.editing();
    const goals = this.goals();
    if (!r) return;
    await this.reviewing.run(async () => {
      await this.persist(r, goals);
      this.snack.open('Draft saved.', undefined, { duration: 3000 });
      await this.written.reload();
    });
  }

  protected async saveAndSubmit(): Promise<void> {
    const rating = this.editForm.controls.rating;
    if (rating.value === null) {
      rating.setErrors({ custom: 'Rate from 1 to 5 before submitting.' });
      rating.markAsTouched();
      return;
    }
    const r = this.editing();
    const goals = this.goals();
    if (!r) return;
    await this.reviewing.run(async () => {
      const saved = await this.persist(r, goals);
      await this.api.post(`/api/hr/reviews/${saved.id}/submit`);
      this.editing.set(undefined);
      this.snack.open('Review submitted to the employee.', undefined, { duration: 3000 });
      await this.written.reload();
    });
  }

  protected submit(r: Review): Promise<void> | undefined {
    this.message.set(undefined);
    if (!r.rating) {
      this.edit(r);
      this.editForm.controls.rating.setErrors({ custom: 'Rate from 1 to 5 before submitting.' });
      this.editForm.controls.rating.markAsTouched();
      return;
    }
    return this.actions.run(async () => {
      try {
        await this.api.post(`/api/hr/reviews/${r.id}/submit`);
      } catch (err) {
        // A missing rating is the editor's business: open it there, not in the page's alert.
        if (!toProblem(err).errors?.some((e) => e.path === 'rating')) throw err;
        this.edit(r);
        this.reviewing.message.set(applyProblem(this.editForm, err) ?? 'Rate the review before submitting it.');
        return;
      }
      this.snack.open('Review submitted to the employee.', undefined, { duration: 3000 });
      if (this.editing()?.id === r.id) this.editing.set(undefined);
      await this.written.reload();
    });
  }
}
