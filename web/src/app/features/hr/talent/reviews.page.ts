import { NgTemplateOutlet } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormArray, FormBuilder, type FormGroupDirective, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTabsModule } from '@angular/material/tabs';
import { Api } from '../../../core/api';
import { Auth } from '../../../core/auth';
import { CompanyCalendar } from '../../../core/company-calendar';
import { applyProblem, toProblem } from '../../../core/problems';
import { FormMessage, formSubmission, pageActions } from '../../../shared/form-submit';
import { ListStateView } from '../../../shared/list-state';
import { loader } from '../../../shared/loader';
import { PersonPicker } from '../person-picker';
import { dateOrder } from './forms';
import { goalWeights, statusText } from './logic';
import type { Goal, GoalStatus, Review, ReviewCycle } from './models';
import { ReviewComments } from './review-comments';

@Component({
  selector: 'k-reviews',
  imports: [
    NgTemplateOutlet,
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
    ReviewComments,
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
                      <mat-card-subtitle>
                        Status: {{ statusText(r.status) }}
                        @if (r.status !== 'draft') { · Rating {{ r.rating ?? '—' }} / 5 }
                      </mat-card-subtitle>
                    </mat-card-header>
                    <mat-card-content>
                      @if (r.status !== 'draft') {
                        <h3>Strengths</h3>
                        <p>{{ r.strengths || '—' }}</p>
                        <h3>To improve</h3>
                        <p>{{ r.improvements || '—' }}</p>
                      } @else {
                        <p>Your reviewer is writing this review; you will see it once it is shared.</p>
                      }
                      @if (r.goals.length) {
                        <h3>Goals</h3>
                        <ng-container *ngTemplateOutlet="goalTable; context: { $implicit: r.goals }" />
                      }
                      <h3>My self-assessment</h3>
                      @if (r.status === 'draft' && !r.selfSubmittedAt) {
                        <form [formGroup]="selfForm(r)" (ngSubmit)="saveSelf(r)" novalidate data-testid="self-assessment-form">
                          <mat-form-field class="full-width">
                            <mat-label>How did this period go for you?</mat-label>
                            <textarea matInput formControlName="selfAssessment" rows="4"></textarea>
                            <mat-error>{{ selfError(r, 'selfAssessment', 'Self-assessment') }}</mat-error>
                          </mat-form-field>
                          <mat-form-field>
                            <mat-label>My rating (1–5)</mat-label>
                            <mat-select formControlName="selfRating">
                              <mat-option [value]="null">Not rated</mat-option>
                              @for (n of [1, 2, 3, 4, 5]; track n) {
                                <mat-option [value]="n">{{ n }}</mat-option>
                              }
                            </mat-select>
                            <mat-error>{{ selfError(r, 'selfRating', 'My rating') }}</mat-error>
                          </mat-form-field>
                          <k-form-message [message]="selfMessage()[r.id]" />
                          <div class="actions">
                            <button mat-stroked-button type="submit" [disabled]="busy()">Save</button>
                            <button mat-flat-button type="button" [disabled]="busy()" (click)="submitSelf(r)">Submit to my reviewer</button>
                          </div>
                        </form>
                      } @else {
                        <p data-testid="self-assessment">{{ r.selfAssessment || '—' }}</p>
                        <p>
                          My rating {{ r.selfRating ?? '—' }} / 5
                          @if (r.selfSubmittedAt) { · submitted {{ calendar.date(r.selfSubmittedAt) }} }
                        </p>
                      }
                      <k-review-comments [reviewId]="r.id" [open]="r.status !== 'acknowledged'" />
                    </mat-card-content>
                    <mat-card-actions>
                      @if (r.status === 'submitted') {
                        <button mat-flat-button type="button" [disabled]="busy()" (click)="acknowledge(r)">Acknowledge</button>
                      } @else if (r.acknowledgedAt) {
                        <span>Acknowledged {{ calendar.date(r.acknowledgedAt) }}</span>
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
                    <thead><tr><th scope="col">Employee</th><th scope="col">Cycle</th><th scope="col">Rating</th><th scope="col">Self-assessment</th><th scope="col">Status</th><th scope="col">Actions</th></tr></thead>
                    <tbody>
                      @for (r of written.data(); track r.id) {
                        <tr>
                          <td>{{ r.employeeName }}</td>
                          <td>{{ r.cycleName }}</td>
                          <td>{{ r.rating ?? '—' }}</td>
                          <td>{{ r.selfSubmittedAt ? 'Submitted ' + calendar.date(r.selfSubmittedAt) : 'Not yet' }}</td>
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
                    <h3>{{ r.employeeName }}'s self-assessment</h3>
                    @if (r.selfSubmittedAt) {
                      <p data-testid="reviewer-self-assessment">{{ r.selfAssessment }}</p>
                      <p>Their rating {{ r.selfRating ?? '—' }} / 5 · submitted {{ calendar.date(r.selfSubmittedAt) }}</p>
                    } @else {
                      <p>Not submitted yet. You can finalise the review without it.</p>
                    }
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
                      <h3>Goals</h3>
                      <div formArrayName="goals" class="goals">
                        @for (g of goalRows.controls; track g; let i = $index) {
                          <fieldset [formGroupName]="i" class="goal" [attr.aria-label]="'Goal ' + (i + 1)" data-testid="goal-row">
                            <legend>Goal {{ i + 1 }}</legend>
                            <mat-form-field>
                              <mat-label>Title</mat-label>
                              <input matInput formControlName="title" required />
                              <mat-error>{{ reviewing.error('goals.' + i + '.title', 'Title') }}</mat-error>
                            </mat-form-field>
                            <mat-form-field>
                              <mat-label>Weight %</mat-label>
                              <input matInput type="number" min="1" max="100" formControlName="weight" />
                              <mat-error>{{ reviewing.error('goals.' + i + '.weight', 'Weight') }}</mat-error>
                            </mat-form-field>
                            <mat-form-field>
                              <mat-label>Due</mat-label>
                              <input matInput type="date" formControlName="dueDate" />
                              <mat-error>{{ reviewing.error('goals.' + i + '.dueDate', 'Due date') }}</mat-error>
                            </mat-form-field>
                            <mat-form-field>
                              <mat-label>Status</mat-label>
                              <mat-select formControlName="status">
                                @for (st of goalStatuses; track st) {
                                  <mat-option [value]="st">{{ statusText(st) }}</mat-option>
                                }
                              </mat-select>
                            </mat-form-field>
                            <mat-form-field>
                              <mat-label>Progress %</mat-label>
                              <input matInput type="number" min="0" max="100" formControlName="progress" />
                              <mat-error>{{ reviewing.error('goals.' + i + '.progress', 'Progress') }}</mat-error>
                            </mat-form-field>
                            <mat-form-field class="full-width">
                              <mat-label>Description</mat-label>
                              <textarea matInput formControlName="description" rows="2"></textarea>
                              <mat-error>{{ reviewing.error('goals.' + i + '.description', 'Description') }}</mat-error>
                            </mat-form-field>
                            <button mat-button type="button" (click)="removeGoal(i)" [attr.aria-label]="'Remove goal ' + (i + 1)">Remove</button>
                          </fieldset>
                        }
                      </div>
                      <p class="hint" [class.error]="!weights().ok" data-testid="goal-weights">{{ weights().text }}</p>
                      @if (reviewing.error('goals', 'Goals'); as goalsError) {
                        <p class="state error" role="alert">{{ goalsError }}</p>
                      }
                      <button mat-stroked-button type="button" (click)="addGoal()" [disabled]="goalRows.length >= 20">Add a goal</button>
                      <k-form-message [message]="reviewing.message()" />
                      <div class="actions">
                        <button mat-flat-button type="submit" [disabled]="busy()">Save draft</button>
                        <button mat-stroked-button type="button" [disabled]="busy()" (click)="saveAndSubmit()">Save and submit</button>
                        <button mat-button type="button" (click)="editing.set(undefined)">Close</button>
                      </div>
                    </form>
                    <k-review-comments [reviewId]="r.id" />
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
                        <tr><td>{{ c.name }}</td><td>{{ calendar.date(c.startDate) }}</td><td>{{ calendar.date(c.endDate) }}</td><td>{{ statusText(c.status) }}</td></tr>
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
    <ng-template #goalTable let-goals>
      <div class="table-wrap">
        <table class="grid" data-testid="goal-table">
          <caption class="sr-only">Goals</caption>
          <thead><tr><th scope="col">Goal</th><th scope="col">Weight</th><th scope="col">Due</th><th scope="col">Status</th><th scope="col">Progress</th></tr></thead>
          <tbody>
            @for (g of asGoals(goals); track $index) {
              <tr>
                <td>{{ g.title }}@if (g.description) {<br /><small>{{ g.description }}</small>}</td>
                <td>{{ g.weight === null ? '—' : g.weight + '%' }}</td>
                <td>{{ g.dueDate ? calendar.date(g.dueDate) : '—' }}</td>
                <td>{{ statusText(g.status) }}</td>
                <td>{{ g.progress }}%</td>
              </tr>
            }
          </tbody>
        </table>
      </div>
    </ng-template>
  `,
  styleUrl: './talent.scss',
  styles: `
    .review { margin-bottom: 16px; }
    h3 { font: var(--mat-sys-title-small); margin: 12px 0 4px; }
    .goal { border: 1px solid var(--mat-sys-outline-variant); border-radius: 8px; margin: 0 0 12px; display: flex; flex-wrap: wrap; gap: 0 12px; }
    .full-width { width: 100%; }
    .hint.error { color: var(--mat-sys-error); }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ReviewsPage {
  protected readonly statusText = statusText;
  protected readonly calendar = inject(CompanyCalendar);
  protected readonly goalStatuses: GoalStatus[] = [
    'not_started',
    'in_progress',
    'achieved',
    'partly_achieved',
    'not_achieved',
  ];
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
    goals: new FormArray<ReturnType<ReviewsPage['goalGroup']>>([]),
  });
  protected get goalRows() {
    return this.editForm.controls.goals;
  }
  private readonly goalValues = toSignal(this.editForm.controls.goals.valueChanges, { initialValue: [] });
  /** Whether the weights add up, as the server will check them. */
  protected readonly weights = computed(() => goalWeights(this.goalValues().map((g) => g.weight ?? null)));
  protected readonly asGoals = (goals: unknown) => goals as Goal[];

  /** Self-assessment forms, one per own open review. */
  private readonly selfForms = new Map<string, ReturnType<ReviewsPage['newSelfForm']>>();
  protected readonly selfMessage = signal<Record<string, string | undefined>>({});
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

  private goalGroup(g?: Goal) {
    return this.fb.group({
      title: [g?.title ?? '', [Validators.required, Validators.maxLength(200)]],
      description: [g?.description ?? '', Validators.maxLength(2000)],
      weight: this.fb.control<number | null>(g?.weight ?? null, [Validators.min(1), Validators.max(100)]),
      dueDate: [g?.dueDate ?? ''],
      status: this.fb.control<GoalStatus>(g?.status ?? 'not_started'),
      progress: this.fb.control<number>(g?.progress ?? 0, [
        Validators.required,
        Validators.min(0),
        Validators.max(100),
      ]),
    });
  }

  protected addGoal(): void {
    this.goalRows.push(this.goalGroup());
  }

  protected removeGoal(i: number): void {
    this.goalRows.removeAt(i);
  }

  protected edit(r: Review): void {
    this.reviewing.message.set(undefined);
    this.goalRows.clear({ emitEvent: false });
    for (const g of r.goals) this.goalRows.push(this.goalGroup(g), { emitEvent: false });
    this.editForm.reset({
      rating: r.rating,
      strengths: r.strengths ?? '',
      improvements: r.improvements ?? '',
      goals: this.goalRows.getRawValue(),
    });
    this.editing.set(r);
    setTimeout(() => document.getElementById('review-editor')?.scrollIntoView({ block: 'start' }));
  }

  /** The goals as the API takes them; an empty weight or date is none. */
  private goals() {
    return this.goalRows.getRawValue().map((g) => ({
      title: g.title.trim(),
      description: g.description.trim() || null,
      weight: g.weight === null || (g.weight as unknown) === '' ? null : Number(g.weight),
      dueDate: g.dueDate || null,
      status: g.status,
      progress: Number(g.progress),
    }));
  }

  private persist(r: Review, goals: ReturnType<ReviewsPage['goals']>): Promise<Review> {
    const v = this.editForm.getRawValue();
    return this.api.patch<Review>(`/api/hr/reviews/${r.id}`, {
      rating: v.rating,
      strengths: v.strengths.trim() || null,
      improvements: v.improvements.trim() || null,
      goals,
    });
  }

  private newSelfForm(r: Review) {
    return this.fb.group({
      selfAssessment: [r.selfAssessment ?? '', Validators.maxLength(4000)],
      selfRating: this.fb.control<number | null>(r.selfRating),
    });
  }

  protected selfForm(r: Review) {
    let form = this.selfForms.get(r.id);
    if (!form) {
      form = this.newSelfForm(r);
      this.selfForms.set(r.id, form);
    }
    return form;
  }

  protected selfError(r: Review, name: 'selfAssessment' | 'selfRating', label: string): string {
    return formSubmission(this.selfForm(r)).error(name, label);
  }

  private saveSelfDraft(r: Review): Promise<Review> {
    const v = this.selfForm(r).getRawValue();
    return this.api.patch<Review>(`/api/hr/reviews/${r.id}/self-assessment`, {
      selfAssessment: v.selfAssessment.trim() || null,
      selfRating: v.selfRating,
    });
  }

  private async selfRun(r: Review, action: () => Promise<void>): Promise<void> {
    const run = formSubmission(this.selfForm(r), this.busy);
    await run.run(action);
    this.selfMessage.update((m) => ({ ...m, [r.id]: run.message() }));
  }

  protected saveSelf(r: Review): Promise<void> {
    return this.selfRun(r, async () => {
      await this.saveSelfDraft(r);
      this.snack.open('Self-assessment saved.', undefined, { duration: 3000 });
    });
  }

  protected submitSelf(r: Review): Promise<void> {
    return this.selfRun(r, async () => {
      await this.saveSelfDraft(r);
      await this.api.post(`/api/hr/reviews/${r.id}/self-assessment/submit`);
      this.selfForms.delete(r.id);
      this.snack.open('Self-assessment sent to your reviewer.', undefined, { duration: 3000 });
      await this.mine.reload();
    });
  }

  protected async save(): Promise<void> {
    const r = this.editing();
    if (!r) return;
    const goals = this.goals();
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
    if (!r) return;
    const goals = this.goals();
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
