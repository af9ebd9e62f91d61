import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { FormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { MatTableModule } from '@angular/material/table';
import { Api } from '../../../core/api';
import type { HrAnswer } from '../../../core/api-types';
import { Auth } from '../../../core/auth';
import { toProblem } from '../../../core/problems';
import { FormMessage, formSubmission, pageActions } from '../../../shared/form-submit';
import { ListStateView } from '../../../shared/list-state';
import { loader } from '../../../shared/loader';
import { indent } from './departments-tab';
import { departmentTree, normaliseAmount, type Position } from './people';
import { amount, CURRENCY, matching } from './validators';

/** Positions with their department and salary band; create, edit, delete. */
@Component({
  selector: 'k-positions-tab',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatCardModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    MatTableModule,
    ListStateView,
    FormMessage,
  ],
  template: `
    <div class="toolbar">
      <mat-form-field class="filter">
        <mat-label>Department</mat-label>
        <mat-select [value]="filter()" (selectionChange)="filter.set($event.value)">
          <mat-option value="">All departments</mat-option>
          @for (row of departmentRows(); track row.department.id) {
            <mat-option [value]="row.department.id">{{ indent(row.depth) }}{{ row.department.name }}</mat-option>
          }
        </mat-select>
      </mat-form-field>
      @if (canManage && !editing()) {
        <button mat-flat-button type="button" (click)="startCreate()" data-testid="new-position">New position</button>
      }
    </div>
    @if (editing()) {
      <mat-card appearance="outlined" class="panel">
        <h2>{{ editingId() ? 'Edit position' : 'New position' }}</h2>
        <form [formGroup]="form" (ngSubmit)="save()" novalidate data-testid="position-form">
          <div class="form-grid">
            <mat-form-field>
              <mat-label>Title</mat-label>
              <input matInput formControlName="title" required maxlength="120" />
              <mat-error>{{ submission.error('title', 'Title') }}</mat-error>
            </mat-form-field>
            <mat-form-field>
              <mat-label>Department</mat-label>
              <mat-select formControlName="departmentId" required>
                @for (row of departmentRows(); track row.department.id) {
                  <mat-option [value]="row.department.id">{{ indent(row.depth) }}{{ row.department.name }}</mat-option>
                }
              </mat-select>
              <mat-error>{{ submission.error('departmentId', 'Department') }}</mat-error>
            </mat-form-field>
            <mat-form-field>
              <mat-label>Grade</mat-label>
              <input matInput formControlName="grade" required maxlength="20" placeholder="G3" />
              <mat-error>{{ submission.error('grade', 'Grade') }}</mat-error>
            </mat-form-field>
            <mat-form-field>
              <mat-label>Band minimum</mat-label>
              <input matInput formControlName="min" inputmode="decimal" required />
              <mat-error>{{ submission.error('min', 'Band minimum') }}</mat-error>
            </mat-form-field>
            <mat-form-field>
              <mat-label>Band maximum</mat-label>
              <input matInput formControlName="max" inputmode="decimal" required />
              <mat-error>{{ submission.error('max', 'Band maximum') }}</mat-error>
            </mat-form-field>
            <mat-form-field>
              <mat-label>Currency</mat-label>
              <input matInput formControlName="currency" required maxlength="3" placeholder="EGP" />
              <mat-error>{{ submission.error('currency', 'Currency') }}</mat-error>
            </mat-form-field>
          </div>
          <k-form-message [message]="submission.message()" />
          <div class="actions">
            <button mat-flat-button type="submit" [disabled]="busy()">{{ busy() ? 'Saving…' : 'Save position' }}</button>
            <button mat-button type="button" (click)="editing.set(false)">Cancel</button>
          </div>
        </form>
      </mat-card>
    }
    @if (message()) {
      <p class="state error" role="alert">{{ message() }}</p>
    }
    <div class="table-wrap">
      <table mat-table [dataSource]="rows()" aria-label="Positions">
        <ng-container matColumnDef="title">
          <th mat-header-cell *matHeaderCellDef>Title</th>
          <td mat-cell *matCellDef="let p">{{ p.title }}</td>
        </ng-container>
        <ng-container matColumnDef="department">
          <th mat-header-cell *matHeaderCellDef>Department</th>
          <td mat-cell *matCellDef="let p">{{ departmentName(p.departmentId) }}</td>
        </ng-container>
        <ng-container matColumnDef="grade">
          <th mat-header-cell *matHeaderCellDef>Grade</th>
          <td mat-cell *matCellDef="let p">{{ p.grade }}</td>
        </ng-container>
        <ng-container matColumnDef="band">
          <th mat-header-cell *matHeaderCellDef>Salary band</th>
          <td mat-cell *matCellDef="let p" class="nowrap">
            {{ p.salaryMin.amount }}–{{ p.salaryMax.amount }} {{ p.salaryMin.currency }}
          </td>
        </ng-container>
        <ng-container matColumnDef="actions">
          <th mat-header-cell *matHeaderCellDef><span class="cdk-visually-hidden">Actions</span></th>
          <td mat-cell *matCellDef="let p">
            @if (deleting() === p.id) {
              <span class="actions nowrap">
                <button mat-flat-button type="button" class="danger-fill" [disabled]="busy()" (click)="remove(p)">
                  Confirm delete
                </button>
                <button mat-button type="button" (click)="deleting.set(undefined)">Keep</button>
              </span>
            } @else {
              <span class="actions nowrap">
                <button mat-button type="button" (click)="startEdit(p)" [attr.aria-label]="'Edit ' + p.title">Edit</button>
                <button mat-button type="button" class="danger" (click)="deleting.set(p.id)" [attr.aria-label]="'Delete ' + p.title">
                  Delete
                </button>
              </span>
            }
          </td>
        </ng-container>
        <tr mat-header-row *matHeaderRowDef="columns"></tr>
        <tr mat-row *matRowDef="let p; columns: columns" data-testid="position-row"></tr>
      </table>
    </div>
    <k-list-state
      [state]="state()"
      [error]="list.error() ?? departments.error()"
      empty="No positions here yet."
      (retry)="list.reload(); departments.reload()"
    />
  `,
  styleUrl: './organisation.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PositionsTab {
  private readonly api = inject(Api);
  protected readonly canManage = inject(Auth).can('hr.departments.manage');
  protected readonly indent = indent;
  protected readonly columns = this.canManage
    ? ['title', 'department', 'grade', 'band', 'actions']
    : ['title', 'department', 'grade', 'band'];
  protected readonly list = loader(() =>
    this.api.get<HrAnswer<'/api/hr/positions'>>('/api/hr/positions').then((r) => r.items),
  );
  protected readonly departments = loader(() =>
    this.api.get<HrAnswer<'/api/hr/departments'>>('/api/hr/departments').then((r) => r.items),
  );
  protected readonly filter = signal('');
  protected readonly departmentRows = computed(() => departmentTree(this.departments.data() ?? []));
  private readonly names = computed(() => new Map((this.departments.data() ?? []).map((d) => [d.id, d.name])));
  protected readonly rows = computed(() => {
    const f = this.filter();
    const all = this.list.data() ?? [];
    return (f ? all.filter((p) => p.departmentId === f) : all)
      .slice()
      .sort(
        (a, b) =>
          this.departmentName(a.departmentId).localeCompare(this.departmentName(b.departmentId)) ||
          a.title.localeCompare(b.title),
      );
  });
  protected readonly state = computed(() => {
    const s = this.list.state();
    if (s === 'ready' && this.rows().length === 0) return 'empty' as const;
    if (s === 'ready' && this.departments.state() === 'error') return 'error' as const;
    return s;
  });
  protected readonly editing = signal(false);
  protected readonly editingId = signal<string | undefined>(undefined);
  protected readonly deleting = signal<string | undefined>(undefined);
  protected readonly busy = signal(false);
  protected readonly message = signal<string | undefined>(undefined);
  /** Row actions (not form submits) share the page's busy flag and alert. */
  private readonly actions = pageActions(this.busy, this.message);

  protected readonly form = inject(FormBuilder).nonNullable.group({
    title: ['', [Validators.required, Validators.minLength(2), Validators.maxLength(120)]],
    departmentId: ['', [Validators.required]],
    grade: ['', [Validators.required, Validators.maxLength(20)]],
    min: ['', [Validators.required, amount]],
    max: ['', [Validators.required, amount]],
    currency: ['', [Validators.required, matching(CURRENCY, 'Use a 3-letter currency code, e.g. EGP.')]],
  });
  protected readonly submission = formSubmission(this.form, this.busy);

  constructor() {
    void this.list.reload();
    void this.departments.reload();
  }

  protected departmentName(id: string): string {
    return this.names().get(id) ?? '—';
  }

  protected startCreate(): void {
    this.editingId.set(undefined);
    this.form.reset({ departmentId: this.filter() });
    this.submission.message.set(undefined);
    this.editing.set(true);
  }

  protected startEdit(p: Position): void {
    this.editingId.set(p.id);
    this.form.reset({
      title: p.title,
      departmentId: p.departmentId,
      grade: p.grade,
      min: p.salaryMin.amount,
      max: p.salaryMax.amount,
      currency: p.salaryMin.currency,
    });
    this.submission.message.set(undefined);
    this.editing.set(true);
    setTimeout(() => document.querySelector<HTMLInputElement>('[data-testid="position-form"] input')?.focus());
  }

  protected async save(): Promise<void> {
    const v = this.form.getRawValue();
    const min = normaliseAmount(v.min);
    const max = normaliseAmount(v.max);
    if (this.form.valid && Number(max) < Number(min)) {
      this.form.controls.max.setErrors({ custom: 'The maximum must be at least the minimum.' });
    }
    await this.submission.run(async () => {
      const currency = v.currency.trim().toUpperCase();
      const body = {
        title: v.title.trim(),
        departmentId: v.departmentId,
        grade: v.grade.trim(),
        salaryMin: { amount: min, currency },
        salaryMax: { amount: max, currency },
      };
      try {
        const id = this.editingId();
        if (id) await this.api.patch(`/api/hr/positions/${id}`, body);
        else await this.api.post('/api/hr/positions', body);
        this.editing.set(false);
        await this.list.reload();
      } catch (err) {
        // The server names band errors by `salaryMin`/`salaryMax`; the form calls them min/max.
        const problem = toProblem(err);
        for (const e of problem.errors ?? []) {
          e.path = e.path
            .replace(/^salaryMin(\.amount)?$/, 'min')
            .replace(/^salaryMax(\.amount)?$/, 'max')
            .replace(/^salary(Min|Max)\.currency$/, 'currency');
        }
        throw problem;
      }
    });
  }

  protected async remove(p: Position): Promise<void> {
    const deleted = await this.actions.run(
      async () => {
        await this.api.delete(`/api/hr/positions/${p.id}`);
        this.deleting.set(undefined);
        await this.list.reload();
        return true;
      },
      (text) => `${p.title}: ${text}`,
    );
    if (!deleted) this.deleting.set(undefined);
  }
}
