import { ChangeDetectionStrategy, Component, DestroyRef, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatMenuModule } from '@angular/material/menu';
import { MatPaginatorModule, type PageEvent } from '@angular/material/paginator';
import { MatSelectModule } from '@angular/material/select';
import { MatSnackBar, MatSnackBarModule } from '@angular/material/snack-bar';
import { MatTableModule } from '@angular/material/table';
import { debounceTime, distinctUntilChanged, firstValueFrom } from 'rxjs';
import { Api } from '../../core/api';
import { Auth } from '../../core/auth';
import { CompanyCalendar } from '../../core/company-calendar';
import { problemMessage, toProblem } from '../../core/problems';
import { ListStateView } from '../../shared/list-state';
import { loader } from '../../shared/loader';
import { statusLabel, USER_STATUSES } from './logic';
import type { AdminUser, Role, UserPage, UserStatus } from './models';
import { DisableUserDialog, EditUserDialog, InviteUserDialog, UserRolesDialog } from './user-dialogs';

@Component({
  selector: 'k-admin-users',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    MatTableModule,
    MatPaginatorModule,
    MatMenuModule,
    MatSnackBarModule,
    ListStateView,
  ],
  template: `
    <section class="page">
      <header class="page-header">
        <h1>Users</h1>
        @if (canInvite) {
          <button mat-flat-button type="button" (click)="invite()" data-testid="invite-user">Invite user</button>
        }
      </header>

      <div class="filters">
        <mat-form-field>
          <mat-label>Search</mat-label>
          <input matInput type="search" [formControl]="search" placeholder="Name, email or username" data-testid="users-search" />
        </mat-form-field>
        <mat-form-field>
          <mat-label>Status</mat-label>
          <mat-select [formControl]="status" data-testid="users-status">
            <mat-option value="">Any status</mat-option>
            @for (s of statuses; track s.value) {
              <mat-option [value]="s.value">{{ s.label }}</mat-option>
            }
          </mat-select>
        </mat-form-field>
      </div>

      <k-list-state [state]="users.state()" [error]="users.error()" empty="No users match." (retry)="users.reload()" />
      @if (users.data(); as page) {
        @if (page.items.length) {
          <div class="table-wrap">
            <table mat-table [dataSource]="page.items" data-testid="users-table" [class.stale]="users.loading()">
              <ng-container matColumnDef="name">
                <th mat-header-cell *matHeaderCellDef>Name</th>
                <td mat-cell *matCellDef="let u">
                  <div class="name">{{ u.fullName }}</div>
                  <div class="sub">{{ u.username }}</div>
                </td>
              </ng-container>
              <ng-container matColumnDef="email">
                <th mat-header-cell *matHeaderCellDef>Email</th>
                <td mat-cell *matCellDef="let u">{{ u.email }}</td>
              </ng-container>
              <ng-container matColumnDef="roles">
                <th mat-header-cell *matHeaderCellDef>Roles</th>
                <td mat-cell *matCellDef="let u">{{ roleNames(u) }}</td>
              </ng-container>
              <ng-container matColumnDef="status">
                <th mat-header-cell *matHeaderCellDef>Status</th>
                <td mat-cell *matCellDef="let u">
                  <span class="status" [attr.data-status]="u.status" data-testid="user-status">{{ label(u.status) }}</span>
                </td>
              </ng-container>
              <ng-container matColumnDef="lastLogin">
                <th mat-header-cell *matHeaderCellDef>Last sign-in</th>
                <td mat-cell *matCellDef="let u">{{ u.lastLoginAt ? calendar.dateTime(u.lastLoginAt) : 'Never' }}</td>
              </ng-container>
              <ng-container matColumnDef="actions">
                <th mat-header-cell *matHeaderCellDef><span class="visually-hidden">Actions</span></th>
                <td mat-cell *matCellDef="let u">
                  @if (hasActions(u)) {
                    <button
                      mat-stroked-button
                      type="button"
                      [matMenuTriggerFor]="menu"
                      [matMenuTriggerData]="{ user: u }"
                      [attr.aria-label]="'Actions for ' + u.fullName"
                      data-testid="user-actions"
                    >
                      Actions
                    </button>
                  }
                </td>
              </ng-container>
              <tr mat-header-row *matHeaderRowDef="columns"></tr>
              <tr mat-row *matRowDef="let row; columns: columns" data-testid="user-row"></tr>
            </table>
          </div>
        }
        <mat-paginator
          [length]="page.total"
          [pageIndex]="pageIndex()"
          [pageSize]="pageSize()"
          [pageSizeOptions]="[10, 25, 50, 100]"
          (page)="onPage($event)"
          aria-label="Pages of users"
        />
      }

      <mat-menu #menu="matMenu">
        <ng-template matMenuContent let-user="user">
          @if (canManage) {
            <button mat-menu-item type="button" (click)="edit(user)">Edit name and phone</button>
            <button mat-menu-item type="button" (click)="setRoles(user)">Set roles</button>
            @if (user.status === 'disabled') {
              <button mat-menu-item type="button" (click)="enable(user)">Enable</button>
            } @else {
              <button mat-menu-item type="button" (click)="disable(user)">Disable</button>
            }
            @if (user.status === 'locked') {
              <button mat-menu-item type="button" (click)="enable(user)">Lift lock-out</button>
            }
          }
          @if (canInvite && user.status === 'invited') {
            <button mat-menu-item type="button" (click)="resend(user)">Resend invitation</button>
          }
        </ng-template>
      </mat-menu>
    </section>
  `,
  styles: `
    .filters {
      display: flex;
      flex-wrap: wrap;
      gap: 0 16px;
    }
    .filters mat-form-field {
      flex: 1 1 220px;
      max-width: 360px;
    }
    table {
      width: 100%;
    }
    table.stale {
      opacity: 0.6;
    }
    .name {
      font-weight: 500;
    }
    .sub {
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
    }
    .status {
      padding: 2px 8px;
      border-radius: 8px;
      background: var(--mat-sys-surface-container-high);
      white-space: nowrap;
    }
    .status[data-status='active'] {
      background: var(--mat-sys-primary-container);
      color: var(--mat-sys-on-primary-container);
    }
    .status[data-status='disabled'],
    .status[data-status='locked'] {
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
    }
    .visually-hidden {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip: rect(0 0 0 0);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class UsersPage {
  private readonly api = inject(Api);
  protected readonly calendar = inject(CompanyCalendar);
  private readonly dialog = inject(MatDialog);
  private readonly snack = inject(MatSnackBar);
  private readonly auth = inject(Auth);
  protected readonly canInvite = this.auth.can('auth.users.invite');
  protected readonly canManage = this.auth.can('auth.users.manage');
  protected readonly statuses = USER_STATUSES;
  protected readonly columns = ['name', 'email', 'roles', 'status', 'lastLogin', 'actions'];
  protected readonly search = new FormControl('', { nonNullable: true });
  protected readonly status = new FormControl<UserStatus | ''>('', { nonNullable: true });
  protected readonly pageIndex = signal(0);
  protected readonly pageSize = signal(25);
  private roles: Role[] | undefined;

  protected readonly users = loader(() =>
    this.api.get<UserPage>('/api/auth/users', {
      search: this.search.value.trim(),
      status: this.status.value,
      limit: this.pageSize(),
      offset: this.pageIndex() * this.pageSize(),
      sort: 'name',
    }),
  );

  constructor() {
    const destroyRef = inject(DestroyRef);
    this.search.valueChanges
      .pipe(debounceTime(300), distinctUntilChanged(), takeUntilDestroyed(destroyRef))
      .subscribe(() => this.firstPage());
    this.status.valueChanges.pipe(takeUntilDestroyed(destroyRef)).subscribe(() => this.firstPage());
    void this.users.reload();
  }

  protected label = statusLabel;

  protected roleNames(user: AdminUser): string {
    return user.roles.map((r) => r.name).join(', ') || '—';
  }

  protected hasActions(user: AdminUser): boolean {
    return this.canManage || (this.canInvite && user.status === 'invited');
  }

  private firstPage(): void {
    this.pageIndex.set(0);
    void this.users.reload();
  }

  protected onPage(event: PageEvent): void {
    this.pageIndex.set(event.pageIndex);
    this.pageSize.set(event.pageSize);
    void this.users.reload();
  }

  private async loadRoles(): Promise<Role[] | undefined> {
    try {
      this.roles ??= (await this.api.all<Role>('/api/auth/roles')).items;
      return this.roles;
    } catch (err) {
      this.notify(`Could not load the roles: ${problemMessage(toProblem(err))}`);
      return undefined;
    }
  }

  private notify(message: string): void {
    this.snack.open(message, 'Close', { duration: 5000 });
  }

  async invite(): Promise<void> {
    const roles = await this.loadRoles();
    if (!roles) return;
    const ref = this.dialog.open(InviteUserDialog, { data: { roles }, width: '480px', maxWidth: '95vw' });
    const user = await firstValueFrom(ref.afterClosed());
    if (user) {
      this.notify(`Invitation sent to ${user.email}.`);
      void this.users.reload();
    }
  }

  async edit(user: AdminUser): Promise<void> {
    const ref = this.dialog.open(EditUserDialog, { data: { user }, width: '480px', maxWidth: '95vw' });
    if (await firstValueFrom(ref.afterClosed())) {
      this.notify('User saved.');
      void this.users.reload();
    }
  }

  async setRoles(user: AdminUser): Promise<void> {
    const roles = await this.loadRoles();
    if (!roles) return;
    const ref = this.dialog.open(UserRolesDialog, { data: { user, roles }, width: '480px', maxWidth: '95vw' });
    if (await firstValueFrom(ref.afterClosed())) {
      this.notify('Roles saved.');
      void this.users.reload();
    }
  }

  async disable(user: AdminUser): Promise<void> {
    const ref = this.dialog.open(DisableUserDialog, { data: { user }, width: '480px', maxWidth: '95vw' });
    if (await firstValueFrom(ref.afterClosed())) {
      this.notify(`${user.fullName} is disabled.`);
      void this.users.reload();
    }
  }

  async enable(user: AdminUser): Promise<void> {
    try {
      await this.api.post(`/api/auth/users/${user.id}/enable`);
      this.notify(`${user.fullName} is enabled.`);
      void this.users.reload();
    } catch (err) {
      this.notify(problemMessage(toProblem(err)));
    }
  }

  async resend(user: AdminUser): Promise<void> {
    try {
      await this.api.post(`/api/auth/users/${user.id}/invitations`);
      this.notify(`A new invitation is on its way to ${user.email}.`);
    } catch (err) {
      this.notify(problemMessage(toProblem(err)));
    }
  }
}
