import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { Router } from '@angular/router';
import { CompanyCalendar } from '../../core/company-calendar';
import { ListStateView } from '../../shared/list-state';
import { loader } from '../../shared/loader';
import { type AppNotification, Notifications } from './notifications';

const PAGE = 50;

/** Every notification of mine, newest first; opening one marks it read and goes to its record. */
@Component({
  selector: 'k-notifications-page',
  imports: [MatButtonModule, MatButtonToggleModule, ListStateView],
  template: `
    <section class="page">
      <header class="page-header">
        <h1>Notifications</h1>
        <div class="tools">
          <mat-button-toggle-group
            [value]="unreadOnly() ? 'unread' : 'all'"
            (change)="filter($event.value === 'unread')"
            aria-label="Which notifications"
          >
            <mat-button-toggle value="all">All</mat-button-toggle>
            <mat-button-toggle value="unread" data-testid="notifications-unread-only">Unread</mat-button-toggle>
          </mat-button-toggle-group>
          <button mat-stroked-button type="button" (click)="markAll()" [disabled]="!notifications.unread()" data-testid="notifications-read-all">
            Mark all read
          </button>
        </div>
      </header>
      <k-list-state [state]="page.state()" [error]="page.error()" empty="No notifications." (retry)="page.reload()" />
      @if (page.state() === 'ready') {
        <ul class="list">
          @for (n of page.data()!.items; track n.id) {
            <li [class.unread]="!n.readAt" data-testid="notification-row">
              <button type="button" class="open" (click)="open(n)">
                <span class="title">{{ n.title }}</span>
                <span class="body">{{ n.body }}</span>
                <small class="when">{{ calendar.dateTime(n.createdAt) }}{{ n.readAt ? '' : ' · unread' }}</small>
              </button>
            </li>
          }
        </ul>
        @if (more()) {
          <button mat-button type="button" (click)="showMore()">Show more</button>
        }
      }
    </section>
  `,
  styles: `
    .page-header { display: flex; flex-wrap: wrap; gap: 12px; align-items: center; justify-content: space-between; }
    .tools { display: flex; gap: 12px; align-items: center; }
    .list { list-style: none; margin: 0; padding: 0; }
    .list li { border-bottom: 1px solid var(--mat-sys-outline-variant); }
    .open { all: unset; box-sizing: border-box; cursor: pointer; display: block; width: 100%; padding: 12px 8px; }
    .open:focus-visible { outline: 2px solid var(--mat-sys-primary); }
    .title { display: block; }
    .unread .title { font-weight: 600; }
    .body { display: block; color: var(--mat-sys-on-surface-variant); }
    .when { color: var(--mat-sys-on-surface-variant); }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class NotificationsPage {
  protected readonly notifications = inject(Notifications);
  /** Times on the company's clocks, as every other screen shows them. */
  protected readonly calendar = inject(CompanyCalendar);
  private readonly router = inject(Router);
  protected readonly unreadOnly = signal(false);
  private readonly limit = signal(PAGE);
  protected readonly page = loader(() => this.notifications.list({ unread: this.unreadOnly(), limit: this.limit() }));

  constructor() {
    void this.calendar.load();
    void this.page.reload();
    void this.notifications.refreshCount().catch(() => undefined);
  }

  protected more(): boolean {
    const p = this.page.data();
    return !!p && (p.total === null || p.total > p.items.length);
  }

  protected filter(unread: boolean): void {
    this.unreadOnly.set(unread);
    this.limit.set(PAGE);
    void this.page.reload();
  }

  protected showMore(): void {
    this.limit.update((n) => Math.min(n + PAGE, 200));
    void this.page.reload();
  }

  protected async markAll(): Promise<void> {
    await this.notifications.markAllRead();
    await this.page.reload();
  }

  protected async open(n: AppNotification): Promise<void> {
    await this.notifications.markRead(n.id);
    await this.router.navigateByUrl(n.link);
  }
}
