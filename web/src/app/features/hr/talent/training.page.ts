import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { FormBuilder, type FormGroupDirective, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTabsModule } from '@angular/material/tabs';
import { Api } from '../../../core/api';
import { Auth } from '../../../core/auth';
import { CompanyCalendar } from '../../../core/company-calendar';
import { FormMessage, formSubmission, pageActions } from '../../../shared/form-submit';
import { ListStateView } from '../../../shared/list-state';
import { loader } from '../../../shared/loader';
import { dateOrder } from './forms';
import { enrolState, statusText } from './logic';
import type { Course, Enrolment } from './models';

@Component({
  selector: 'k-training',
  imports: [
    FormMessage,
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatTabsModule,
    ListStateView,
  ],
  template: `
    <section class="page">
      <header class="page-header"><h1>Training</h1></header>
      @if (message()) {
        <p class="state error" role="alert">{{ message() }}</p>
      }
      <mat-tab-group mat-stretch-tabs="false" dynamicHeight>
        <mat-tab label="Courses">
          <div class="tab">
            <k-list-state [state]="courses.state()" [error]="courses.error()" empty="No courses yet." (retry)="courses.reload()" />
            @if (courses.state() === 'ready') {
              <div class="table-wrap">
                <table class="grid" aria-label="Courses">
                  <thead>
                    <tr><th scope="col">Course</th><th scope="col">Dates</th><th scope="col">Capacity</th><th scope="col">Seats left</th><th scope="col">Actions</th></tr>
                  </thead>
                  <tbody>
                    @for (c of courses.data()?.items; track c.id) {
                      <tr>
                        <td>
                          <strong>{{ c.title }}</strong>
                          @if (c.description) {
                            <div class="muted">{{ c.description }}</div>
                          }
                        </td>
                        <td>{{ calendar.date(c.startsOn) }} – {{ calendar.date(c.endsOn) }}</td>
                        <td>{{ c.capacity }}</td>
                        <td data-testid="seats-left">{{ c.seatsLeft }}</td>
                        <td class="actions">
                          @if (self) {
                            @switch (stateOf(c)) {
                              @case ('open') {
                                <button mat-flat-button type="button" [disabled]="busy()" (click)="enrol(c)" [attr.aria-label]="'Enrol in ' + c.title">Enrol</button>
                              }
                              @case ('enrolled') { <span>Enrolled</span> }
                              @case ('completed') { <span>Completed</span> }
                              @case ('full') { <span>Full</span> }
                              @case ('closed') { <span>Closed</span> }
                              @case ('ended') { <span>Ended {{ calendar.date(c.endsOn) }}</span> }
                            }
                          }
                          @if (manage) {
                            <button mat-stroked-button type="button" (click)="showRoster(c)" [attr.aria-label]="'Enrolments of ' + c.title">Enrolments</button>
                          }
                        </td>
                      </tr>
                    }
                  </tbody>
                </table>
              </div>
            }

            @if (roster(); as c) {
              <h2 id="roster-title" tabindex="-1">Enrolments · {{ c.title }}</h2>
              <k-list-state [state]="rosterList.state()" [error]="rosterList.error()" empty="Nobody is enrolled yet." (retry)="rosterList.reload()" />
              @if (rosterList.state() === 'ready') {
                <div class="table-wrap">
                  <table class="grid" [attr.aria-label]="'Enrolments of ' + c.title">
                    <thead><tr><th scope="col">Employee</th><th scope="col">Status</th><th scope="col">Certificate</th><th scope="col">Actions</th></tr></thead>
                    <tbody>
                      @for (e of rosterList.data()?.items; track e.id) {
                        <tr>
                          <td>{{ e.employeeName }}</td>
                          <td>{{ statusText(e.status) }}</td>
                          <td>{{ e.certificateNumber ?? '—' }}</td>
                          <td class="actions">
                            @if (e.status === 'enrolled') {
                              <button mat-flat-button type="button" [disabled]="busy()" (click)="complete(e)" [attr.aria-label]="'Mark ' + e.employeeName + ' complete'">Mark complete</button>
                            }
                            @if (e.status === 'completed') {
                              <button mat-stroked-button type="button" [disabled]="busy()" (click)="certificate(e)">Download certificate</button>
                            }
                          </td>
                        </tr>
                      }
                    </tbody>
                  </table>
                </div>
              }
            }

            @if (manage) {
              <h2>New course</h2>
              <form [formGroup]="form" #courseF="ngForm" (ngSubmit)="create(courseF)" novalidate>
                <div class="form-grid">
                  <mat-form-field>
                    <mat-label>Title</mat-label>
                    <input matInput formControlName="title" required />
                    <mat-error>{{ submission.error('title', 'Title') }}</mat-error>
                  </mat-form-field>
                  <mat-form-field>
                    <mat-label>Capacity</mat-label>
                    <input matInput type="number" min="1" max="10000" formControlName="capacity" required />
                    <mat-error>{{ submission.error('capacity', 'Capacity') }}</mat-error>
                  </mat-form-field>
                  <mat-form-field>
                    <mat-label>Starts on</mat-label>
                    <input matInput type="date" formControlName="startsOn" required />
                    <mat-error>{{ submission.error('startsOn', 'Start date') }}</mat-error>
                  </mat-form-field>
                  <mat-form-field>
                    <mat-label>Ends on</mat-label>
                    <input matInput type="date" formControlName="endsOn" required />
                    <mat-error>{{ submission.error('endsOn', 'End date') }}</mat-error>
                  </mat-form-field>
                </div>
                <mat-form-field class="full-width">
                  <mat-label>Description</mat-label>
                  <textarea matInput formControlName="description" rows="2"></textarea>
                  <mat-error>{{ submission.error('description', 'Description') }}</mat-error>
                </mat-form-field>
                <k-form-message [message]="submission.message()" />
                <div class="actions"><button mat-flat-button type="submit" [disabled]="busy()">Create course</button></div>
              </form>
            }
          </div>
        </mat-tab>
        @if (self) {
          <mat-tab label="My enrolments">
            <div class="tab">
              <k-list-state [state]="mine.state()" [error]="mine.error()" empty="You are not enrolled in any course." (retry)="mine.reload()" />
              @if (mine.state() === 'ready') {
                <div class="table-wrap">
                  <table class="grid" aria-label="My enrolments">
                    <thead><tr><th scope="col">Course</th><th scope="col">Status</th><th scope="col">Completed</th><th scope="col">Certificate</th></tr></thead>
                    <tbody>
                      @for (e of myEnrolments(); track e.id) {
                        <tr>
                          <td>{{ e.courseTitle }}</td>
                          <td>{{ statusText(e.status) }}</td>
                          <td>{{ e.completedAt ? calendar.date(e.completedAt) : '—' }}</td>
                          <td>
                            @if (e.status === 'completed') {
                              <button mat-stroked-button type="button" [disabled]="busy()" (click)="certificate(e)" [attr.aria-label]="'Download certificate for ' + e.courseTitle">Download certificate</button>
                            } @else {
                              —
                            }
                          </td>
                        </tr>
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
  styles: `.muted { color: var(--mat-sys-on-surface-variant); font: var(--mat-sys-body-small); }`,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TrainingPage {
  protected readonly statusText = statusText;
  private readonly api = inject(Api);
  protected readonly calendar = inject(CompanyCalendar);
  private readonly auth = inject(Auth);
  private readonly snack = inject(MatSnackBar);
  protected readonly self = this.auth.can('hr.training.self');
  protected readonly manage = this.auth.can('hr.training.manage');
  private readonly me = this.auth.user()?.employeeId ?? null;
  protected readonly busy = signal(false);
  protected readonly message = signal<string | undefined>(undefined);
  /** Row actions (not form submits) share the page's busy flag and alert. */
  private readonly run = pageActions(this.busy, this.message).run;
  protected readonly roster = signal<Course | undefined>(undefined);

  protected readonly courses = loader(() => this.api.all<Course>('/api/hr/courses'));
  /** HR sees everyone's enrolments from this endpoint: "mine" keeps the caller's own. */
  protected readonly mine = loader(() =>
    this.api.all<Enrolment>('/api/hr/enrolments').then((r) => r.items.filter((e) => e.employeeId === this.me)),
  );
  protected readonly myEnrolments = computed(() => this.mine.data() ?? []);
  protected readonly rosterList = loader(() =>
    this.api.all<Enrolment>('/api/hr/enrolments', { courseId: this.roster()?.id }),
  );

  protected readonly form = inject(FormBuilder).nonNullable.group(
    {
      title: ['', [Validators.required, Validators.minLength(2), Validators.maxLength(200)]],
      description: ['', Validators.maxLength(4000)],
      capacity: [20, [Validators.required, Validators.min(1), Validators.max(10000)]],
      startsOn: ['', Validators.required],
      endsOn: ['', Validators.required],
    },
    { validators: dateOrder('startsOn', 'endsOn') },
  );
  protected readonly submission = formSubmission(this.form, this.busy);

  constructor() {
    void this.courses.reload();
    if (this.self) void this.mine.reload();
  }

  protected stateOf(c: Course) {
    return enrolState(c, this.myEnrolments());
  }

  protected enrol(c: Course): Promise<void> {
    return this.run(async () => {
      await this.api.post(`/api/hr/courses/${c.id}/enrol`, {});
      this.snack.open(`Enrolled in ${c.title}.`, undefined, { duration: 3000 });
      await Promise.all([this.courses.reload(), this.mine.reload()]);
    });
  }

  protected showRoster(c: Course): void {
    this.roster.set(c);
    void this.rosterList.reload();
    setTimeout(() => document.getElementById('roster-title')?.focus());
  }

  protected complete(e: Enrolment): Promise<void> {
    return this.run(async () => {
      await this.api.post(`/api/hr/enrolments/${e.id}/complete`);
      this.snack.open(`${e.employeeName ?? 'The enrolment'} marked complete.`, undefined, { duration: 3000 });
      await Promise.all([this.rosterList.reload(), this.self ? this.mine.reload() : undefined]);
    });
  }

  protected certificate(e: Enrolment): Promise<void> {
    return this.run(async () => {
      const name = await this.api.download(
        `/api/hr/enrolments/${e.id}/certificate`,
        undefined,
        `${e.certificateNumber ?? 'certificate'}.pdf`,
      );
      this.snack.open(`Downloaded ${name}.`, undefined, { duration: 3000 });
    });
  }

  protected async create(directive: FormGroupDirective): Promise<void> {
    await this.submission.run(async () => {
      const v = this.form.getRawValue();
      await this.api.post('/api/hr/courses', {
        title: v.title.trim(),
        description: v.description.trim() || undefined,
        capacity: Number(v.capacity),
        startsOn: v.startsOn,
        endsOn: v.endsOn,
      });
      directive.resetForm();
      this.snack.open('Course created.', undefined, { duration: 3000 });
      await this.courses.reload();
    });
  }
}
