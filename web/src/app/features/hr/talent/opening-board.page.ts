import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { FormBuilder, type FormGroupDirective, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { MatSnackBar } from '@angular/material/snack-bar';
import { RouterLink } from '@angular/router';
import { Api } from '../../../core/api';
import type { HrAnswer } from '../../../core/api-types';
import { Auth } from '../../../core/auth';
import { CompanyCalendar } from '../../../core/company-calendar';
import { amountField, moneyRange, normaliseAmount } from '../../../core/money';
import { toProblem } from '../../../core/problems';
import { FormMessage, formSubmission, pageActions } from '../../../shared/form-submit';
import { ListStateView } from '../../../shared/list-state';
import { loader } from '../../../shared/loader';
import type { Position } from '../people/people';
import { PersonPicker } from '../person-picker';
import { BOARD_STAGES, boardColumns, canHire, canInterview, nextStage, STAGE_LABELS, statusText } from './logic';
import type { Application, Opening, Stage } from './models';

@Component({
  selector: 'k-opening-board',
  imports: [
    ReactiveFormsModule,
    FormMessage,
    RouterLink,
    MatButtonModule,
    MatCardModule,
    MatCheckboxModule,
    PersonPicker,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    ListStateView,
  ],
  template: `
    <section class="page">
      <p><a routerLink="/hr/recruitment">← All openings</a></p>
      <k-list-state [state]="opening.state()" [error]="opening.error()" empty="There is no such opening." (retry)="opening.reload()" />
      @if (opening.data(); as o) {
        <header class="page-header">
          <div>
            <h1>{{ o.title }}</h1>
            <p class="muted">{{ o.departmentName }} · {{ o.location }} · {{ statusText(o.status) }} · closes {{ o.closingDate ? calendar.date(o.closingDate) : '—' }} · {{ salary(o) }}</p>
          </div>
          @if (manage && o.status === 'open') {
            <button mat-flat-button type="button" (click)="toggleAdd()">Add application</button>
          }
        </header>
      }
      @if (message()) {
        <p class="state error" role="alert">{{ message() }}</p>
      }

      @if (adding()) {
        <mat-card class="panel" id="add-application">
          <mat-card-header><mat-card-title>New application</mat-card-title></mat-card-header>
          <mat-card-content>
            <form [formGroup]="appForm" (ngSubmit)="addApplication()" novalidate>
              <div class="form-grid">
                <mat-form-field>
                  <mat-label>Candidate name</mat-label>
                  <input matInput formControlName="candidateName" required />
                  <mat-error>{{ appSubmit.error('candidateName', 'Candidate name') }}</mat-error>
                </mat-form-field>
                <mat-form-field>
                  <mat-label>Email</mat-label>
                  <input matInput type="email" formControlName="email" required />
                  <mat-error>{{ appSubmit.error('email', 'Email') }}</mat-error>
                </mat-form-field>
                <mat-form-field>
                  <mat-label>Phone</mat-label>
                  <input matInput type="tel" formControlName="phone" />
                  <mat-error>{{ appSubmit.error('phone', 'Phone') }}</mat-error>
                </mat-form-field>
              </div>
              <mat-form-field class="full-width">
                <mat-label>Notes</mat-label>
                <textarea matInput formControlName="notes" rows="2"></textarea>
                <mat-error>{{ appSubmit.error('notes', 'Notes') }}</mat-error>
              </mat-form-field>
              <k-form-message [message]="appSubmit.message()" />
              <div class="actions">
                <button mat-flat-button type="submit" [disabled]="busy()">Add application</button>
                <button mat-button type="button" (click)="adding.set(false)">Cancel</button>
              </div>
            </form>
          </mat-card-content>
        </mat-card>
      }

      <h2>Applications</h2>
      <k-list-state [state]="apps.state()" [error]="apps.error()" empty="No applications yet." (retry)="apps.reload()" />
      @if (apps.state() === 'ready') {
        <div class="board" role="list" aria-label="Applications by stage">
          @for (col of columns(); track col.stage) {
            @if (col.items.length || isWorking(col.stage)) {
              <section class="column" role="listitem" [attr.aria-label]="col.label + ', ' + col.items.length" [attr.data-stage]="col.stage">
                <h3>{{ col.label }} <span class="count">{{ col.items.length }}</span></h3>
                @for (a of col.items; track a.id) {
                  <article class="card" [attr.data-testid]="'application-' + a.id">
                    <strong>{{ a.candidateName }}</strong>
                    <div class="muted">{{ a.email }}</div>
                    @if (a.notes) {
                      <div class="muted">{{ a.notes }}</div>
                    }
                    @if (manage) {
                      <div class="actions">
                        @if (next(a.stage); as n) {
                          <button mat-flat-button type="button" [disabled]="busy()" (click)="move(a, n)" [attr.aria-label]="'Move ' + a.candidateName + ' to ' + label(n)">To {{ label(n) }}</button>
                        }
                        @if (hire(a.stage) && canHireEmployees) {
                          <button mat-flat-button type="button" [disabled]="busy()" (click)="startHire(a)" [attr.aria-label]="'Hire ' + a.candidateName">Hire</button>
                        }
                        @if (isWorking(a.stage)) {
                          <button mat-button type="button" [disabled]="busy()" (click)="move(a, 'rejected')" [attr.aria-label]="'Reject ' + a.candidateName">Reject</button>
                          <button mat-button type="button" [disabled]="busy()" (click)="move(a, 'withdrawn')" [attr.aria-label]="'Mark ' + a.candidateName + ' withdrawn'">Withdrawn</button>
                        }
                      </div>
                    }
                    @if (a.stage === 'interview' || a.stage === 'offer' || a.stage === 'hired') {
                      <button mat-button type="button" (click)="showInterviews(a)" [attr.aria-label]="'Interviews of ' + a.candidateName">Interviews</button>
                    }
                  </article>
                } @empty {
                  <p class="muted">None</p>
                }
              </section>
            }
          }
        </div>
      }

      @if (hiring(); as a) {
        <mat-card class="panel" id="hire-panel">
          <mat-card-header><mat-card-title>Hire {{ a.candidateName }}</mat-card-title></mat-card-header>
          <mat-card-content>
            <form [formGroup]="hireForm" (ngSubmit)="confirmHire()" novalidate>
              <div class="form-grid">
                <mat-form-field>
                  <mat-label>Position</mat-label>
                  <mat-select formControlName="positionId" required data-testid="hire-position">
                    @for (p of positions(); track p.id) {
                      <mat-option [value]="p.id">{{ p.title }} ({{ p.grade }})</mat-option>
                    }
                  </mat-select>
                  <mat-error>{{ hireSubmit.error('positionId', 'Position') }}</mat-error>
                </mat-form-field>
                <div>
                  @if (!hireForm.controls.noManager.value) {
                    <k-person-picker
                      label="Manager"
                      testId="hire-manager"
                      [required]="true"
                      [control]="hireForm.controls.managerId"
                      [error]="hireSubmit.error('managerId', 'Manager')"
                    />
                  }
                  <mat-checkbox formControlName="noManager" data-testid="hire-no-manager">No manager</mat-checkbox>
                </div>
                <mat-form-field>
                  <mat-label>Work email</mat-label>
                  <input matInput type="email" formControlName="workEmail" required />
                  <mat-hint>The company address, not {{ a.email }}</mat-hint>
                  <mat-error>{{ hireSubmit.error('workEmail', 'Work email') }}</mat-error>
                </mat-form-field>
                <mat-form-field>
                  <mat-label>First day</mat-label>
                  <input matInput type="date" formControlName="hireDate" required [min]="calendar.today()" />
                  <mat-error>{{ hireSubmit.error('hireDate', 'First day') }}</mat-error>
                </mat-form-field>
                <mat-form-field>
                  <mat-label>Salary</mat-label>
                  <input matInput formControlName="amount" inputmode="decimal" required />
                  <mat-error>{{ hireSubmit.error('amount', 'Salary') }}</mat-error>
                </mat-form-field>
                <mat-form-field>
                  <mat-label>Currency</mat-label>
                  <input matInput formControlName="currency" maxlength="3" required />
                  <mat-error>{{ hireSubmit.error('currency', 'Currency') }}</mat-error>
                </mat-form-field>
              </div>
              <mat-checkbox formControlName="createLogin">Create a sign-in and email an invitation</mat-checkbox>
              <k-form-message [message]="hireSubmit.message()" />
              <div class="actions">
                <button mat-flat-button type="submit" [disabled]="busy()">Hire</button>
                <button mat-button type="button" (click)="hiring.set(undefined)">Cancel</button>
              </div>
            </form>
          </mat-card-content>
        </mat-card>
      }

      @if (interviewingNow(); as a) {
        <mat-card class="panel" id="interviews-panel">
          <mat-card-header><mat-card-title>Interviews · {{ a.candidateName }}</mat-card-title></mat-card-header>
          <mat-card-content>
            <k-list-state [state]="interviews.state()" [error]="interviews.error()" empty="No interviews recorded yet." (retry)="interviews.reload()" />
            @if (interviews.state() === 'ready') {
              <div class="table-wrap">
                <table class="grid" [attr.aria-label]="'Interviews of ' + a.candidateName">
                  <thead><tr><th scope="col">When</th><th scope="col">Rating</th><th scope="col">Feedback</th></tr></thead>
                  <tbody>
                    @for (i of interviews.data()?.items; track i.id) {
                      <tr><td>{{ when(i.scheduledAt) }}</td><td>{{ i.rating ?? '—' }}</td><td>{{ i.feedback ?? '—' }}</td></tr>
                    }
                  </tbody>
                </table>
              </div>
            }
            @if (manage && interviewable(a.stage)) {
              <h3>Schedule or record an interview</h3>
              <form [formGroup]="interviewForm" #interviewF="ngForm" (ngSubmit)="addInterview(interviewF)" novalidate>
                <div class="form-grid">
                  <mat-form-field>
                    <mat-label>Date and time</mat-label>
                    <input matInput type="datetime-local" formControlName="scheduledAt" required />
                    <mat-hint>{{ calendar.timeZone() }} time</mat-hint>
                    <mat-error>{{ interviewSubmit.error('scheduledAt', 'Date and time') }}</mat-error>
                  </mat-form-field>
                  <mat-form-field>
                    <mat-label>Rating</mat-label>
                    <mat-select formControlName="rating">
                      <mat-option [value]="null">Not rated yet</mat-option>
                      @for (n of [1, 2, 3, 4, 5]; track n) {
                        <mat-option [value]="n">{{ n }}</mat-option>
                      }
                    </mat-select>
                    <mat-error>{{ interviewSubmit.error('rating', 'Rating') }}</mat-error>
                  </mat-form-field>
                </div>
                <mat-form-field class="full-width">
                  <mat-label>Feedback</mat-label>
                  <textarea matInput formControlName="feedback" rows="2"></textarea>
                  <mat-error>{{ interviewSubmit.error('feedback', 'Feedback') }}</mat-error>
                </mat-form-field>
                <k-form-message [message]="interviewSubmit.message()" />
                <div class="actions">
                  <button mat-flat-button type="submit" [disabled]="busy()">Save interview</button>
                  <button mat-button type="button" (click)="interviewing.set(undefined)">Close</button>
                </div>
              </form>
            }
          </mat-card-content>
        </mat-card>
      }
    </section>
  `,
  styleUrl: './talent.scss',
  styles: `
    .muted { color: var(--mat-sys-on-surface-variant); font: var(--mat-sys-body-small); margin: 0; }
    .panel { margin: 16px 0; }
    .board { display: grid; grid-auto-flow: column; grid-auto-columns: minmax(220px, 1fr); gap: 12px; overflow-x: auto; padding-bottom: 8px; }
    .column { background: var(--mat-sys-surface-container); border-radius: 12px; padding: 8px; min-width: 0; }
    .column h3 { font: var(--mat-sys-title-small); margin: 4px 4px 8px; display: flex; justify-content: space-between; }
    .card { background: var(--mat-sys-surface); border: 1px solid var(--mat-sys-outline-variant); border-radius: 8px; padding: 8px; margin-bottom: 8px; display: grid; gap: 4px; }
    .card .actions { margin-top: 4px; }
    @media (max-width: 600px) { .board { grid-auto-flow: row; grid-auto-columns: auto; } }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class OpeningBoardPage {
  protected readonly statusText = statusText;
  private readonly api = inject(Api);
  private readonly auth = inject(Auth);
  private readonly snack = inject(MatSnackBar);
  protected readonly calendar = inject(CompanyCalendar);
  private readonly fb = inject(FormBuilder).nonNullable;
  readonly id = input.required<string>();
  protected readonly manage = this.auth.can('hr.recruitment.manage');
  protected readonly canHireEmployees = this.auth.can('hr.employees.manage');
  protected readonly busy = signal(false);
  protected readonly message = signal<string | undefined>(undefined);
  /** Row actions (not form submits) share the page's busy flag and alert. */
  private readonly actions = pageActions(this.busy, this.message);
  protected readonly adding = signal(false);
  protected readonly hiring = signal<Application | undefined>(undefined);
  protected readonly interviewing = signal<Application | undefined>(undefined);

  protected readonly opening = loader(
    () => this.api.all<Opening>('/api/hr/job-openings').then((r) => r.items.find((o) => o.id === this.id()) ?? null),
    (o) => o === null,
  );
  protected readonly apps = loader(() => this.api.all<Application>('/api/hr/applications', { openingId: this.id() }));
  protected readonly columns = computed(() => boardColumns(this.apps.data()?.items ?? []));
  protected readonly interviewingNow = computed(() => {
    const current = this.interviewing();
    return current ? (this.apps.data()?.items.find((a) => a.id === current.id) ?? current) : undefined;
  });
  protected readonly interviews = loader(() =>
    this.api.get<HrAnswer<'/api/hr/applications/{id}/interviews'>>(
      `/api/hr/applications/${this.interviewing()?.id}/interviews`,
    ),
  );

  protected readonly appForm = this.fb.group({
    candidateName: ['', [Validators.required, Validators.minLength(2), Validators.maxLength(200)]],
    email: ['', [Validators.required, Validators.email, Validators.maxLength(254)]],
    phone: ['', Validators.maxLength(40)],
    notes: ['', Validators.maxLength(4000)],
  });
  protected readonly hireForm = this.fb.group({
    positionId: ['', Validators.required],
    /** Chosen on the server-searched picker; none only when "No manager" is ticked on purpose. */
    managerId: [''],
    noManager: [false],
    workEmail: ['', [Validators.required, Validators.email, Validators.maxLength(254)]],
    hireDate: ['', Validators.required],
    amount: ['', [Validators.required, amountField]],
    currency: ['EGP', [Validators.required, Validators.pattern(/^[A-Za-z]{3}$/)]],
    createLogin: [false],
  });
  protected readonly interviewForm = this.fb.group({
    scheduledAt: ['', Validators.required],
    rating: this.fb.control<number | null>(null),
    feedback: ['', Validators.maxLength(4000)],
  });
  /** The positions of the hire form, loaded when it opens (the manager is searched on the server). */
  private readonly hireLookups = loader(async () => ({
    positions: (await this.api.all<Position>('/api/hr/positions')).items,
  }));
  protected readonly positions = computed(() => {
    const dept = this.opening.data()?.departmentId;
    const all = this.hireLookups.data()?.positions ?? [];
    return (dept ? all.filter((p) => p.departmentId === dept) : all).sort((x, y) => x.title.localeCompare(y.title));
  });
  protected readonly appSubmit = formSubmission(this.appForm, this.busy);
  protected readonly hireSubmit = formSubmission(this.hireForm, this.busy);
  protected readonly interviewSubmit = formSubmission(this.interviewForm, this.busy);

  ngOnInit(): void {
    void this.opening.reload();
    void this.apps.reload();
  }

  protected label(s: Stage): string {
    return STAGE_LABELS[s];
  }
  protected next(s: Stage): Stage | undefined {
    return nextStage(s);
  }
  protected hire(s: Stage): boolean {
    return canHire(s);
  }
  protected interviewable(s: Stage): boolean {
    return canInterview(s);
  }
  protected isWorking(s: Stage): boolean {
    return BOARD_STAGES.includes(s);
  }
  protected salary(o: Opening): string {
    return moneyRange(o.salaryMin, o.salaryMax);
  }
  protected when(iso: string): string {
    return this.calendar.dateTime(iso);
  }

  protected toggleAdd(): void {
    this.appForm.reset();
    this.appSubmit.message.set(undefined);
    this.adding.set(!this.adding());
    setTimeout(() => document.querySelector<HTMLInputElement>('#add-application input')?.focus());
  }

  protected async addApplication(): Promise<void> {
    const v = this.appForm.getRawValue();
    await this.appSubmit.run(async () => {
      await this.api.post('/api/hr/applications', {
        openingId: this.id(),
        candidateName: v.candidateName.trim(),
        email: v.email.trim(),
        phone: v.phone.trim() || undefined,
        notes: v.notes.trim() || undefined,
      });
      this.snack.open(`Application from ${v.candidateName} added.`, undefined, { duration: 3000 });
      this.adding.set(false);
      await this.apps.reload();
    });
  }

  protected async move(a: Application, stage: Stage): Promise<void> {
    await this.actions.run(async () => {
      await this.api.post(`/api/hr/applications/${a.id}/stage`, { stage });
      this.snack.open(`${a.candidateName}: ${STAGE_LABELS[stage]}.`, undefined, { duration: 3000 });
      await this.apps.reload();
      // Keep the keyboard where it was: on the moved card's first button, in its new column.
      setTimeout(() => document.querySelector<HTMLElement>(`[data-testid="application-${a.id}"] button`)?.focus());
    });
  }

  protected startHire(a: Application): void {
    this.hireSubmit.message.set(undefined);
    // The opening's position is the likely one and is shown; the rest is for HR to give.
    this.hireForm.reset({
      positionId: this.opening.data()?.positionId ?? '',
      managerId: '',
      noManager: false,
      workEmail: '',
      hireDate: '',
      amount: this.opening.data()?.salaryMin?.amount ?? '',
      currency: this.opening.data()?.salaryMin?.currency ?? 'EGP',
      createLogin: false,
    });
    this.hiring.set(a);
    if (!this.hireLookups.data()) void this.hireLookups.reload();
    setTimeout(() => document.querySelector<HTMLInputElement>('#hire-panel input')?.focus());
  }

  protected async confirmHire(): Promise<void> {
    const a = this.hiring();
    if (!a) return;
    const v = this.hireForm.getRawValue();
    const o = this.opening.data();
    const today = this.calendar.today();
    if (v.hireDate && v.hireDate < today)
      this.hireForm.controls.hireDate.setErrors({ custom: `Choose ${this.calendar.date(today)} or later.` });
    this.hireForm.controls.managerId.updateValueAndValidity(); // a previous "choose the manager" goes
    if (!v.noManager && !v.managerId)
      this.hireForm.controls.managerId.setErrors({ custom: 'Choose the manager, or tick "No manager".' });
    if (v.workEmail.trim().toLowerCase() === a.email.trim().toLowerCase())
      this.hireForm.controls.workEmail.setErrors({ custom: 'Give the work email, not the personal one.' });
    await this.hireSubmit.run(async () => {
      try {
        await this.api.post(`/api/hr/applications/${a.id}/hire`, {
          workEmail: v.workEmail.trim(),
          hireDate: v.hireDate,
          salary: { amount: normaliseAmount(v.amount), currency: v.currency.toUpperCase() },
          positionId: v.positionId,
          managerId: v.noManager ? null : v.managerId,
          employmentType: o?.employmentType,
          createLogin: v.createLogin,
        });
        this.snack.open(`${a.candidateName} hired.`, undefined, { duration: 3000 });
        this.hiring.set(undefined);
        await this.apps.reload();
      } catch (err) {
        const problem = toProblem(err);
        // The server names the salary as `salary.amount` / `salary.currency`.
        for (const e of problem.errors ?? []) e.path = e.path.replace(/^salary\./, '');
        throw problem;
      }
    });
  }

  protected showInterviews(a: Application): void {
    this.interviewSubmit.message.set(undefined);
    this.interviewForm.reset({ scheduledAt: '', rating: null, feedback: '' });
    this.interviewing.set(a);
    void this.interviews.reload();
    setTimeout(() => document.getElementById('interviews-panel')?.scrollIntoView({ block: 'start' }));
  }

  protected async addInterview(directive: FormGroupDirective): Promise<void> {
    const a = this.interviewing();
    if (!a) return;
    const v = this.interviewForm.getRawValue();
    await this.interviewSubmit.run(async () => {
      // The time typed is on the company's clocks, as the times on this page are shown.
      const [day = '', time = ''] = v.scheduledAt.split('T');
      await this.api.post(`/api/hr/applications/${a.id}/interviews`, {
        scheduledAt: this.calendar.instantAt(day, time),
        rating: v.rating,
        feedback: v.feedback.trim() || null,
      });
      this.snack.open('Interview saved.', undefined, { duration: 3000 });
      directive.resetForm({ scheduledAt: '', rating: null, feedback: '' });
      await this.interviews.reload();
    });
  }
}
