import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { MatSnackBar } from '@angular/material/snack-bar';
import { RouterLink } from '@angular/router';
import { Api } from '../../../core/api';
import { Auth } from '../../../core/auth';
import { CompanyCalendar } from '../../../core/company-calendar';
import { amountField, moneyRange } from '../../../core/money';
import { FormMessage, formSubmission } from '../../../shared/form-submit';
import { ListStateView } from '../../../shared/list-state';
import { loader } from '../../../shared/loader';
import { amountOrder } from './forms';
import { statusText, toMoney } from './logic';
import type { DepartmentRef, Opening, OpeningStatus } from './models';

@Component({
  selector: 'k-recruitment',
  imports: [
    FormMessage,
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    MatCardModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    ListStateView,
  ],
  template: `
    <section class="page">
      <header class="page-header">
        <h1>Recruitment</h1>
        <div class="actions">
          <mat-form-field subscriptSizing="dynamic">
            <mat-label>Status</mat-label>
            <mat-select [value]="status()" (valueChange)="filter($event)">
              <mat-option value="">All</mat-option>
              <mat-option value="draft">Draft</mat-option>
              <mat-option value="open">Open</mat-option>
              <mat-option value="closed">Closed</mat-option>
            </mat-select>
          </mat-form-field>
          @if (manage) {
            <button mat-flat-button type="button" (click)="openForm()">New opening</button>
          }
        </div>
      </header>

      @if (formOpen()) {
        <mat-card class="editor" id="opening-editor">
          <mat-card-header><mat-card-title>{{ editing() ? 'Edit opening' : 'New opening' }}</mat-card-title></mat-card-header>
          <mat-card-content>
            <form [formGroup]="form" (ngSubmit)="save()" novalidate>
              <div class="form-grid">
                <mat-form-field>
                  <mat-label>Title</mat-label>
                  <input matInput formControlName="title" required />
                  <mat-error>{{ submission.error('title', 'Title') }}</mat-error>
                </mat-form-field>
                <mat-form-field>
                  <mat-label>Department</mat-label>
                  <mat-select formControlName="departmentId" required>
                    @for (d of departments.data()?.items ?? []; track d.id) {
                      <mat-option [value]="d.id">{{ d.name }}</mat-option>
                    }
                  </mat-select>
                  <mat-error>{{ submission.error('departmentId', 'Department') }}</mat-error>
                </mat-form-field>
                <mat-form-field>
                  <mat-label>Location</mat-label>
                  <input matInput formControlName="location" required />
                  <mat-error>{{ submission.error('location', 'Location') }}</mat-error>
                </mat-form-field>
                <mat-form-field>
                  <mat-label>Employment type</mat-label>
                  <mat-select formControlName="employmentType">
                    <mat-option value="full_time">Full time</mat-option>
                    <mat-option value="part_time">Part time</mat-option>
                    <mat-option value="contract">Contract</mat-option>
                    <mat-option value="intern">Intern</mat-option>
                  </mat-select>
                </mat-form-field>
                <mat-form-field>
                  <mat-label>Status</mat-label>
                  <mat-select formControlName="status">
                    <mat-option value="draft">Draft</mat-option>
                    <mat-option value="open">Open</mat-option>
                    <mat-option value="closed">Closed</mat-option>
                  </mat-select>
                </mat-form-field>
                <mat-form-field>
                  <mat-label>Closing date</mat-label>
                  <input matInput type="date" formControlName="closingDate" />
                  <mat-error>{{ submission.error('closingDate', 'Closing date') }}</mat-error>
                </mat-form-field>
                <mat-form-field>
                  <mat-label>Currency</mat-label>
                  <input matInput formControlName="currency" maxlength="3" />
                  <mat-error>{{ submission.error('currency', 'Currency') }}</mat-error>
                </mat-form-field>
                <mat-form-field>
                  <mat-label>Salary from</mat-label>
                  <input matInput formControlName="salaryMin" inputmode="decimal" />
                  <mat-error>{{ submission.error('salaryMin', 'Salary from') }}</mat-error>
                </mat-form-field>
                <mat-form-field>
                  <mat-label>Salary to</mat-label>
                  <input matInput formControlName="salaryMax" inputmode="decimal" />
                  <mat-error>{{ submission.error('salaryMax', 'Salary to') }}</mat-error>
                </mat-form-field>
              </div>
              <mat-form-field class="full-width">
                <mat-label>Description</mat-label>
                <textarea matInput formControlName="description" rows="3"></textarea>
                <mat-error>{{ submission.error('description', 'Description') }}</mat-error>
              </mat-form-field>
              <k-form-message [message]="submission.message()" />
              <div class="actions">
                <button mat-flat-button type="submit" [disabled]="busy()">{{ editing() ? 'Save opening' : 'Create opening' }}</button>
                <button mat-button type="button" (click)="formOpen.set(false)">Cancel</button>
              </div>
            </form>
          </mat-card-content>
        </mat-card>
      }

      <k-list-state [state]="openings.state()" [error]="openings.error()" empty="No job openings." (retry)="openings.reload()" />
      @if (openings.state() === 'ready') {
        <div class="table-wrap">
          <table class="grid" aria-label="Job openings">
            <thead>
              <tr><th scope="col">Title</th><th scope="col">Department</th><th scope="col">Status</th><th scope="col">Closing</th><th scope="col">Salary</th><th scope="col">Actions</th></tr>
            </thead>
            <tbody>
              @for (o of openings.data()?.items; track o.id) {
                <tr>
                  <td><a [routerLink]="['/hr/recruitment', o.id]">{{ o.title }}</a><div class="muted">{{ o.location }}</div></td>
                  <td>{{ o.departmentName }}</td>
                  <td>{{ statusText(o.status) }}</td>
                  <td>{{ o.closingDate ? calendar.date(o.closingDate) : '—' }}</td>
                  <td>{{ salary(o) }}</td>
                  <td class="actions">
                    <a mat-stroked-button [routerLink]="['/hr/recruitment', o.id]" [attr.aria-label]="'Applications for ' + o.title">Applications</a>
                    @if (manage) {
                      <button mat-button type="button" (click)="openForm(o)" [attr.aria-label]="'Edit ' + o.title">Edit</button>
                    }
                  </td>
                </tr>
              }
            </tbody>
          </table>
        </div>
      }
    </section>
  `,
  styleUrl: './talent.scss',
  styles: `
    .editor { margin-bottom: 16px; }
    .muted { color: var(--mat-sys-on-surface-variant); font: var(--mat-sys-body-small); }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RecruitmentPage {
  protected readonly statusText = statusText;
  private readonly api = inject(Api);
  protected readonly calendar = inject(CompanyCalendar);
  private readonly snack = inject(MatSnackBar);
  protected readonly manage = inject(Auth).can('hr.recruitment.manage');
  protected readonly busy = signal(false);
  protected readonly status = signal<OpeningStatus | ''>('');
  protected readonly formOpen = signal(false);
  protected readonly editing = signal<Opening | undefined>(undefined);

  protected readonly openings = loader(() => this.api.all<Opening>('/api/hr/job-openings', { status: this.status() }));
  protected readonly departments = loader(() => this.api.all<DepartmentRef>('/api/hr/departments'));

  protected readonly form = inject(FormBuilder).nonNullable.group(
    {
      title: ['', [Validators.required, Validators.minLength(2), Validators.maxLength(200)]],
      departmentId: ['', Validators.required],
      location: ['', [Validators.required, Validators.minLength(2), Validators.maxLength(200)]],
      employmentType: ['full_time'],
      status: ['draft' as OpeningStatus],
      closingDate: [''],
      currency: ['EGP', [Validators.required, Validators.pattern(/^[A-Za-z]{3}$/)]],
      salaryMin: ['', amountField],
      salaryMax: ['', amountField],
      description: ['', Validators.maxLength(8000)],
    },
    { validators: amountOrder('salaryMin', 'salaryMax') },
  );
  protected readonly submission = formSubmission(this.form, this.busy);

  constructor() {
    void this.openings.reload();
  }

  protected salary(o: Opening): string {
    return moneyRange(o.salaryMin, o.salaryMax);
  }

  protected filter(value: OpeningStatus | ''): void {
    this.status.set(value);
    void this.openings.reload();
  }

  protected openForm(o?: Opening): void {
    if (!this.departments.data()) void this.departments.reload();
    this.submission.message.set(undefined);
    this.editing.set(o);
    this.form.reset({
      title: o?.title ?? '',
      departmentId: o?.departmentId ?? '',
      location: o?.location ?? '',
      employmentType: o?.employmentType ?? 'full_time',
      status: o?.status ?? 'draft',
      closingDate: o?.closingDate ?? '',
      currency: o?.salaryMin?.currency ?? o?.salaryMax?.currency ?? 'EGP',
      salaryMin: o?.salaryMin?.amount ?? '',
      salaryMax: o?.salaryMax?.amount ?? '',
      description: o?.description ?? '',
    });
    this.formOpen.set(true);
    setTimeout(() => document.querySelector<HTMLInputElement>('#opening-editor input')?.focus());
  }

  protected async save(): Promise<void> {
    await this.submission.run(async () => {
      const v = this.form.getRawValue();
      const body = {
        title: v.title.trim(),
        departmentId: v.departmentId,
        location: v.location.trim(),
        employmentType: v.employmentType,
        status: v.status,
        closingDate: v.closingDate || null,
        salaryMin: toMoney(v.salaryMin, v.currency),
        salaryMax: toMoney(v.salaryMax, v.currency),
        description: v.description.trim() || null,
      };
      const current = this.editing();
      if (current) await this.api.patch(`/api/hr/job-openings/${current.id}`, body);
      else await this.api.post('/api/hr/job-openings', body);
      this.snack.open(current ? 'Opening saved.' : 'Opening created.', undefined, { duration: 3000 });
      this.formOpen.set(false);
      await this.openings.reload();
    });
  }
}
