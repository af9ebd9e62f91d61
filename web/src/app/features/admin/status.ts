import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatTableModule } from '@angular/material/table';
import { Api } from '../../core/api';
import { CompanyCalendar } from '../../core/company-calendar';
import { ListStateView } from '../../shared/list-state';
import { loader } from '../../shared/loader';
import type { SystemHealth } from './models';

/** System status: the gateway's aggregated `/health` of every service. */
@Component({
  selector: 'k-admin-status',
  imports: [MatButtonModule, MatTableModule, ListStateView],
  template: `
    <section class="page">
      <header class="page-header">
        <h1>System status</h1>
        <button mat-stroked-button type="button" (click)="refresh()" [disabled]="health.loading()" data-testid="status-refresh">
          {{ health.loading() ? 'Checking…' : 'Refresh' }}
        </button>
      </header>
      @if (health.data(); as h) {
        <p class="summary" role="status" data-testid="status-summary">
          <span class="badge" [attr.data-state]="h.status === 'ok' ? 'up' : 'down'">
            {{ h.status === 'ok' ? 'All services up' : 'Degraded: some services are down' }}
          </span>
          Stage {{ h.stage }} · checked {{ calendar.time(checkedAt()) }}
        </p>
      }
      <k-list-state [state]="health.state()" [error]="health.error()" empty="No services reported." (retry)="refresh()" />
      @if (health.state() === 'ready') {
        <div class="table-wrap">
          <table mat-table [dataSource]="health.data()?.services ?? []" data-testid="status-table" [class.stale]="health.loading()">
            <ng-container matColumnDef="service">
              <th mat-header-cell *matHeaderCellDef>Service</th>
              <td mat-cell *matCellDef="let s">
                <div class="name">{{ s.title }}</div>
                <div class="sub">{{ s.name }}</div>
              </td>
            </ng-container>
            <ng-container matColumnDef="state">
              <th mat-header-cell *matHeaderCellDef>Status</th>
              <td mat-cell *matCellDef="let s">
                <span class="badge" [attr.data-state]="s.state" data-testid="service-state">{{ s.state === 'up' ? 'Up' : 'Down' }}</span>
                @if (s.detail) {
                  <div class="sub">{{ s.detail }}</div>
                }
              </td>
            </ng-container>
            <ng-container matColumnDef="latency">
              <th mat-header-cell *matHeaderCellDef>Response</th>
              <td mat-cell *matCellDef="let s">{{ s.latencyMs }} ms</td>
            </ng-container>
            <ng-container matColumnDef="runtime">
              <th mat-header-cell *matHeaderCellDef>Runtime</th>
              <td mat-cell *matCellDef="let s">{{ s.runtime }}</td>
            </ng-container>
            <ng-container matColumnDef="version">
              <th mat-header-cell *matHeaderCellDef>Version</th>
              <td mat-cell *matCellDef="let s">{{ s.version ?? '—' }}</td>
            </ng-container>
            <tr mat-header-row *matHeaderRowDef="columns"></tr>
            <tr mat-row *matRowDef="let row; columns: columns" data-testid="service-row"></tr>
          </table>
        </div>
      }
    </section>
  `,
  styles: `
    table {
      width: 100%;
    }
    table.stale {
      opacity: 0.6;
    }
    .summary {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 8px 12px;
      margin: 0 0 12px;
    }
    .name {
      font-weight: 500;
    }
    .sub {
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
    }
    .badge {
      padding: 2px 8px;
      border-radius: 8px;
      white-space: nowrap;
    }
    .badge[data-state='up'] {
      background: var(--mat-sys-primary-container);
      color: var(--mat-sys-on-primary-container);
    }
    .badge[data-state='down'] {
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class StatusPage {
  private readonly api = inject(Api);
  protected readonly calendar = inject(CompanyCalendar);
  protected readonly columns = ['service', 'state', 'latency', 'runtime', 'version'];
  protected readonly checkedAt = signal<Date | undefined>(undefined);
  protected readonly health = loader(
    async () => {
      const h = await this.api.get<SystemHealth>('/health');
      this.checkedAt.set(new Date());
      return h;
    },
    (h) => !h.services?.length,
  );

  constructor() {
    void this.health.reload();
  }

  protected refresh(): void {
    void this.health.reload();
  }
}
