import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, effect, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatPaginatorModule, type PageEvent } from '@angular/material/paginator';
import { MatSelectModule } from '@angular/material/select';
import { MatSortModule, type Sort } from '@angular/material/sort';
import { MatTableModule } from '@angular/material/table';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { debounceTime, distinctUntilChanged } from 'rxjs';
import { Api } from '../../../core/api';
import { Auth } from '../../../core/auth';
import { CompanyCalendar } from '../../../core/company-calendar';
import { problemMessage, toProblem } from '../../../core/problems';
import { ListStateView } from '../../../shared/list-state';
import { loader } from '../../../shared/loader';
import { ImportPanel } from './import-panel';
import {
  type Department,
  departmentTree,
  EMPLOYMENT_TYPES,
  type EmployeePage,
  exportQuery,
  type ListState,
  listQuery,
  paramsToState,
  STATUSES,
  stateToParams,
  statusLabel,
} from './people';

@Component({
  selector: 'k-employee-list',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    MatTableModule,
    MatSortModule,
    MatPaginatorModule,
    ListStateView,
    ImportPanel,
  ],
  template: `
    <section class="page">
      <header class="page-header">
        <h1>Employees</h1>
        <div class="actions">
          @if (canManage) {
            <a mat-flat-button routerLink="/hr/employees/new" data-testid="new-employee">New employee</a>
          }
          @if (canExport) {
            <button mat-stroked-button type="button" data-testid="export-xlsx" [disabled]="exporting()" (click)="export('xlsx')">
              Export XLSX
            </button>
            <button mat-stroked-button type="button" data-testid="export-csv" [disabled]="exporting()" (click)="export('csv')">
              Export CSV
            </button>
          }
          @if (canImport) {
            <button
              mat-stroked-button
              type="button"
              data-testid="import-toggle"
              [attr.aria-expanded]="importOpen()"
              aria-controls="employee-import"
              (click)="importOpen.set(!importOpen())"
            >
              {{ importOpen() ? 'Close import' : 'Import' }}
            </button>
          }
        </div>
      </header>

      @if (message()) {
        <p class="state error" role="alert">{{ message() }}</p>
      }
      @if (notice()) {
        <p class="notice" role="status">{{ notice() }}</p>
      }

      @if (importOpen()) {
        <k-import-panel id="employee-import" (imported)="list.reload()" />
      }

      <div class="filters">
        <mat-form-field class="search">
          <mat-label>Search</mat-label>
          <input
            matInput
            type="search"
            [formControl]="search"
            placeholder="Name, email or number"
            maxlength="100"
            data-testid="employee-search"
          />
        </mat-form-field>
        <mat-form-field>
          <mat-label>Department</mat-label>
          <mat-select [value]="state().departmentId" (selectionChange)="patch({ departmentId: $event.value })" data-testid="filter-department">
            <mat-option value="">All departments</mat-option>
            @for (row of departmentRows(); track row.department.id) {
              <mat-option [value]="row.department.id">{{ indent(row.depth) }}{{ row.department.name }}</mat-option>
            }
          </mat-select>
        </mat-form-field>
        <mat-form-field>
          <mat-label>Status</mat-label>
          <mat-select [value]="state().status" (selectionChange)="patch({ status: $event.value })" data-testid="filter-status">
            <mat-option value="">All statuses</mat-option>
            @for (s of statuses; track s.value) {
              <mat-option [value]="s.value">{{ s.label }}</mat-option>
            }
          </mat-select>
        </mat-form-field>
        <mat-form-field>
          <mat-label>Employment type</mat-label>
          <mat-select [value]="state().employmentType" (selectionChange)="patch({ employmentType: $event.value })">
            <mat-option value="">All types</mat-option>
            @for (t of types; track t.value) {
              <mat-option [value]="t.value">{{ t.label }}</mat-option>
            }
          </mat-select>
        </mat-form-field>
        @if (filtered()) {
          <button mat-button type="button" (click)="clearFilters()">Clear filters</button>
        }
      </div>

      <div class="table-wrap">
        <table
          mat-table
          [dataSource]="rows()"
          matSort
          [matSortActive]="state().sortActive"
          [matSortDirection]="state().sortDirection"
          (matSortChange)="sort($event)"
          aria-label="Employees"
          [class.stale]="list.loading() && list.state() === 'ready'"
        >
          <ng-container matColumnDef="number">
            <th mat-header-cell *matHeaderCellDef mat-sort-header sortActionDescription="Sort by number">Number</th>
            <td mat-cell *matCellDef="let e" class="nowrap">{{ e.number }}</td>
          </ng-container>
          <ng-container matColumnDef="name">
            <th mat-header-cell *matHeaderCellDef mat-sort-header sortActionDescription="Sort by name">Name</th>
            <td mat-cell *matCellDef="let e">
              <a [routerLink]="['/hr/employees', e.id]" (click)="$event.stopPropagation()">{{ e.fullName }}</a>
              <div class="sub">{{ e.workEmail }}</div>
            </td>
          </ng-container>
          <ng-container matColumnDef="department">
            <th mat-header-cell *matHeaderCellDef>Department</th>
            <td mat-cell *matCellDef="let e">{{ e.departmentName ?? '—' }}</td>
          </ng-container>
          <ng-container matColumnDef="position">
            <th mat-header-cell *matHeaderCellDef>Position</th>
            <td mat-cell *matCellDef="let e">{{ e.positionTitle ?? '—' }}</td>
          </ng-container>
          <ng-container matColumnDef="status">
            <th mat-header-cell *matHeaderCellDef>Status</th>
            <td mat-cell *matCellDef="let e">
              <span class="status" [attr.data-status]="e.status">{{ statusLabel(e.status) }}</span>
            </td>
          </ng-container>
          <ng-container matColumnDef="hireDate">
            <th mat-header-cell *matHeaderCellDef mat-sort-header sortActionDescription="Sort by hire date">Hire date</th>
            <td mat-cell *matCellDef="let e" class="nowrap">{{ e.hireDate ? calendar.date(e.hireDate) : '—' }}</td>
          </ng-container>
          <tr mat-header-row *matHeaderRowDef="columns"></tr>
          <tr mat-row *matRowDef="let e; columns: columns" data-testid="employee-row" class="clickable" (click)="open(e.id)"></tr>
        </table>
      </div>
      <k-list-state
        [state]="list.state()"
        [error]="list.error()"
        [empty]="filtered() ? 'No employees match these filters.' : 'No employees yet.'"
        (retry)="list.reload()"
      />
      <mat-paginator
        [length]="list.data()?.total ?? 0"
        [pageIndex]="state().pageIndex"
        [pageSize]="state().pageSize"
        [pageSizeOptions]="[10, 25, 50, 100]"
        (page)="page($event)"
        aria-label="Employee pages"
      />
    </section>
  `,
  styles: `
    .filters {
      display: flex;
      flex-wrap: wrap;
      gap: 0 12px;
      align-items: baseline;
    }
    .filters mat-form-field {
      flex: 1 1 150px;
      min-width: 150px;
    }
    .filters .search {
      flex: 2 1 100%;
    }
    @media (min-width: 900px) {
      .filters .search {
        flex-basis: 240px;
      }
    }
    .nowrap {
      white-space: nowrap;
    }
    table {
      width: 100%;
    }
    table.stale {
      opacity: 0.6;
    }
    .clickable {
      cursor: pointer;
    }
    .clickable:hover {
      background: var(--mat-sys-surface-container-low);
    }
    .sub {
      font-size: 12px;
      color: var(--mat-sys-on-surface-variant);
    }
    .status[data-status='terminated'],
    .status[data-status='resigned'] {
      color: var(--mat-sys-error);
    }
    .notice {
      padding: 8px 12px;
      border-radius: 8px;
      background: var(--mat-sys-surface-container);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class EmployeeListPage {
  private readonly api = inject(Api);
  protected readonly calendar = inject(CompanyCalendar);
  private readonly auth = inject(Auth);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);

  protected readonly canManage = this.auth.can('hr.employees.manage');
  protected readonly canExport = this.auth.can('hr.employees.export');
  protected readonly canImport = this.auth.can('hr.employees.import');
  protected readonly statuses = STATUSES;
  protected readonly types = EMPLOYMENT_TYPES;
  protected readonly statusLabel = statusLabel;
  protected readonly columns = ['number', 'name', 'department', 'position', 'status', 'hireDate'];

  protected readonly state = signal<ListState>(
    paramsToState(this.route.snapshot.queryParams as Record<string, string | undefined>),
  );
  protected readonly search = new FormControl(this.state().search, { nonNullable: true });
  protected readonly importOpen = signal(false);
  protected readonly exporting = signal(false);
  protected readonly message = signal<string | undefined>(undefined);
  protected readonly notice = signal<string | undefined>(undefined);

  protected readonly list = loader(() => this.api.get<EmployeePage>('/api/hr/employees', listQuery(this.state())));
  protected readonly rows = computed(() => this.list.data()?.items ?? []);
  private readonly departments = loader(() => this.api.all<Department>('/api/hr/departments').then((r) => r.items));
  protected readonly departmentRows = computed(() => departmentTree(this.departments.data() ?? []));
  protected readonly filtered = computed(() => {
    const s = this.state();
    return !!(s.search || s.departmentId || s.status || s.employmentType);
  });

  constructor() {
    if (this.auth.can('hr.departments.read')) void this.departments.reload();
    // Every change of filters, sort or page: fetch, and keep it in the URL (back and reload restore it).
    effect(() => {
      const s = this.state();
      void this.list.reload();
      void this.router.navigate([], {
        relativeTo: this.route,
        queryParams: stateToParams(s),
        replaceUrl: true,
      });
    });
    this.search.valueChanges
      .pipe(debounceTime(300), distinctUntilChanged(), takeUntilDestroyed())
      .subscribe((search) => this.patch({ search }));
  }

  protected indent(depth: number): string {
    return '\u00a0\u00a0'.repeat(depth);
  }

  /** A filter change starts again at the first page. */
  protected patch(change: Partial<ListState>): void {
    this.state.update((s) => ({ ...s, ...change, pageIndex: 0 }));
  }

  protected clearFilters(): void {
    this.search.setValue('', { emitEvent: false });
    this.patch({ search: '', departmentId: '', status: '', employmentType: '' });
  }

  protected sort(event: Sort): void {
    this.state.update((s) => ({ ...s, sortActive: event.active, sortDirection: event.direction, pageIndex: 0 }));
  }

  protected page(event: PageEvent): void {
    this.state.update((s) => ({ ...s, pageIndex: event.pageIndex, pageSize: event.pageSize }));
  }

  protected open(id: string): void {
    void this.router.navigate(['/hr/employees', id]);
  }

  protected async export(format: 'csv' | 'xlsx'): Promise<void> {
    this.message.set(undefined);
    this.notice.set(undefined);
    this.exporting.set(true);
    try {
      const name = await this.api.download(
        '/api/hr/employees/export',
        exportQuery(this.state(), format),
        `employees.${format}`,
      );
      this.notice.set(`Downloaded ${name}.`);
    } catch (err) {
      this.message.set(problemMessage(toProblem(await readBlobError(err))));
    } finally {
      this.exporting.set(false);
    }
  }
}

/** A failed file download carries its problem body as a Blob: read it back as JSON. */
async function readBlobError(err: unknown): Promise<unknown> {
  if (err instanceof HttpErrorResponse && err.error instanceof Blob) {
    try {
      return new HttpErrorResponse({
        error: JSON.parse(await err.error.text()),
        status: err.status,
        statusText: err.statusText,
      });
    } catch {
      return err;
    }
  }
  return err;
}
