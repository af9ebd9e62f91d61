import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { FormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { MatTableModule } from '@angular/material/table';
import { Api } from '../../../core/api';
import { Auth } from '../../../core/auth';
import { FormMessage, formSubmission, pageActions } from '../../../shared/form-submit';
import { ListStateView } from '../../../shared/list-state';
import { loader } from '../../../shared/loader';
import { PersonPicker } from '../person-picker';
import { type Department, departmentTree, descendantIds } from './people';
import { matching } from './validators';

/** Indents a department option by its depth in the tree (both tabs' department pickers). */
export const indent = (depth: number) => '\u00a0\u00a0'.repeat(depth);

/** Departments as an indented tree with manager, cost centre and headcount; create, edit, delete. */
@Component({
  selector: 'k-departments-tab',
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
    PersonPicker,
  ],
  template: `
    <div class="toolbar">
      @if (canManage && !editing()) {
        <button mat-flat-button type="button" (click)="startCreate()" data-testid="new-department">New department</button>
      }
    </div>
    @if (editing()) {
      <mat-card appearance="outlined" class="panel">
        <h2>{{ editingId() ? 'Edit department' : 'New department' }}</h2>
        <form [formGroup]="form" (ngSubmit)="save()" novalidate data-testid="department-form">
          <div class="form-grid">
            <mat-form-field>
              <mat-label>Name</mat-label>
              <input matInput formControlName="name" required maxlength="120" />
              <mat-error>{{ submission.error('name', 'Name') }}</mat-error>
            </mat-form-field>
            <mat-form-field>
              <mat-label>Cost centre</mat-label>
              <input matInput formControlName="costCentre" required maxlength="20" placeholder="CC-410" />
              <mat-error>{{ submission.error('costCentre', 'Cost centre') }}</mat-error>
            </mat-form-field>
            <mat-form-field>
              <mat-label>Parent department</mat-label>
              <mat-select formControlName="parentId">
                <mat-option value="">None (top level)</mat-option>
                @for (row of parentOptions(); track row.department.id) {
                  <mat-option [value]="row.department.id">{{ indent(row.depth) }}{{ row.department.name }}</mat-option>
                }
              </mat-select>
              <mat-error>{{ submission.error('parentId', 'Parent department') }}</mat-error>
            </mat-form-field>
<k-person-picker
              label="Manager"
              noneLabel="No manager"
              testId="department-manager-picker"
              [control]="form.controls.managerId"
              [initialName]="editingManagerName()"
              [error]="submission.error('managerId', 'Manager')"
            />
          </div>
          <k-form-message [message]="submission.message()" />
          <div class="actions">
            <button mat-flat-button type="submit" [disabled]="busy()">{{ busy() ? 'Saving…' : 'Save department' }}</button>
            <button mat-button type="button" (click)="editing.set(false)">Cancel</button>
          </div>
        </form>
      </mat-card>
    }
    @if (message()) {
      <p class="state error" role="alert">{{ message() }}</p>
    }
    <div class="table-wrap">
      <table mat-table [dataSource]="rows()" aria-label="Departments">
        <ng-container matColumnDef="name">
          <th mat-header-cell *matHeaderCellDef>Department</th>
          <td mat-cell *matCellDef="let r">
            <span [style.padding-left.px]="r.depth * 20" [class.child]="r.depth > 0">{{ r.department.name }}</span>
          </td>
        </ng-container>
        <ng-container matColumnDef="costCentre">
          <th mat-header-cell *matHeaderCellDef>Cost centre</th>
          <td mat-cell *matCellDef="let r" class="nowrap">{{ r.department.costCentre }}</td>
        </ng-container>
        <ng-container matColumnDef="manager">
          <th mat-header-cell *matHeaderCellDef>Manager</th>
          <td mat-cell *matCellDef="let r">{{ r.department.managerName ?? '—' }}</td>
        </ng-container>
        <ng-container matColumnDef="headcount">
          <th mat-header-cell *matHeaderCellDef>Headcount</th>
          <td mat-cell *matCellDef="let r">{{ r.department.headcount }}</td>
        </ng-container>
        <ng-container matColumnDef="actions">
          <th mat-header-cell *matHeaderCellDef><span class="cdk-visually-hidden">Actions</span></th>
          <td mat-cell *matCellDef="let r">
            @if (deleting() === r.department.id) {
              <span class="actions nowrap">
                <button mat-flat-button type="button" class="danger-fill" [disabled]="busy()" (click)="remove(r.department)">
                  Confirm delete
                </button>
                <button mat-button type="button" (click)="deleting.set(undefined)">Keep</button>
              </span>
            } @else {
              <span class="actions nowrap">
                <button mat-button type="button" (click)="startEdit(r.department)" [attr.aria-label]="'Edit ' + r.department.name">
                  Edit
                </button>
                <button
                  mat-button
                  type="button"
                  class="danger"
                  (click)="deleting.set(r.department.id)"
                  [attr.aria-label]="'Delete ' + r.department.name"
                >
                  Delete
                </button>
              </span>
            }
          </td>
        </ng-container>
        <tr mat-header-row *matHeaderRowDef="columns"></tr>
        <tr mat-row *matRowDef="let r; columns: columns" data-testid="department-row"></tr>
      </table>
    </div>
    <k-list-state [state]="list.state()" [error]="list.error()" empty="No departments yet." (retry)="list.reload()" />
  `,
  styleUrl: './organisation.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DepartmentsTab {
  private readonly api = inject(Api);
  protected readonly canManage = inject(Auth).can('hr.departments.manage');
  protected readonly indent = indent;
  protected readonly columns = this.canManage
    ? ['name', 'costCentre', 'manager', 'headcount', 'actions']
    : ['name', 'costCentre', 'manager', 'headcount'];
  protected readonly list = loader(() => this.api.all<Department>('/api/hr/departments').then((r) => r.items));
  protected readonly editingManagerName = computed(
    () => this.list.data()?.find((d) => d.id === this.editingId())?.managerName ?? null,
  );
  protected readonly rows = computed(() => departmentTree(this.list.data() ?? []));
  protected readonly editing = signal(false);
  protected readonly editingId = signal<string | undefined>(undefined);
  protected readonly deleting = signal<string | undefined>(undefined);
  protected readonly busy = signal(false);
  protected readonly message = signal<string | undefined>(undefined);
  /** Row actions (not form submits) share the page's busy flag and alert. */
  private readonly actions = pageActions(this.busy, this.message);
  /** A department cannot move under itself or its own sub-departments. */
  protected readonly parentOptions = computed(() => {
    const id = this.editingId();
    const all = this.list.data() ?? [];
    const banned = id ? descendantIds(all, id) : new Set<string>();
    return this.rows().filter((r) => !banned.has(r.department.id));
  });

  protected readonly form = inject(FormBuilder).nonNullable.group({
    name: ['', [Validators.required, Validators.minLength(2), Validators.maxLength(120)]],
    costCentre: [
      '',
      [Validators.required, matching(/^[A-Za-z0-9-]{2,20}$/, '2 to 20 letters, digits or dashes, e.g. CC-410.')],
    ],
    parentId: [''],
    managerId: [''],
  });
  protected readonly submission = formSubmission(this.form, this.busy);

  constructor() {
    void this.list.reload();
  }

  private openForm(): void {
    this.submission.message.set(undefined);
    this.editing.set(true);
  }

  protected startCreate(): void {
    this.editingId.set(undefined);
    this.form.reset();
    this.openForm();
  }

  protected startEdit(d: Department): void {
    this.editingId.set(d.id);
    this.form.reset({
      name: d.name,
      costCentre: d.costCentre,
      parentId: d.parentId ?? '',
      managerId: d.managerId ?? '',
    });
    this.openForm();
    setTimeout(() => document.querySelector<HTMLInputElement>('[data-testid="department-form"] input')?.focus());
  }

  protected async save(): Promise<void> {
    await this.submission.run(async () => {
      const v = this.form.getRawValue();
      const body = {
        name: v.name.trim(),
        costCentre: v.costCentre.trim(),
        parentId: v.parentId || null,
        managerId: v.managerId || null,
      };
      const id = this.editingId();
      if (id) await this.api.patch(`/api/hr/departments/${id}`, body);
      else await this.api.post('/api/hr/departments', body);
      this.editing.set(false);
      await this.list.reload();
    });
  }

  protected async remove(d: Department): Promise<void> {
    const deleted = await this.actions.run(
      async () => {
        await this.api.delete(`/api/hr/departments/${d.id}`);
        this.deleting.set(undefined);
        await this.list.reload();
        return true;
      },
      (text) => `${d.name}: ${text}`,
    );
    if (!deleted) this.deleting.set(undefined);
  }
}
