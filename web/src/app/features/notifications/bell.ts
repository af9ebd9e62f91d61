import { ChangeDetectionStrategy, Component, DestroyRef, inject, signal } from '@angular/core';
import { MatBadgeModule } from '@angular/material/badge';
import { MatButtonModule } from '@angular/material/button';
import { MatMenuModule } from '@angular/material/menu';
import { Router, RouterLink } from '@angular/router';
import { type AppNotification, Notifications } from './notifications';

/** How often the bell asks for the unread count. */
const POLL_MS = 45_000;

/** The toolbar's bell: the unread count, and a menu of the latest unread notifications. */
@Component({
  selector: 'k-notification-bell',
  imports: [MatButtonModule, MatBadgeModule, MatMenuModule, RouterLink],
  template: `
    <button
      mat-icon-button
      type="button"
      [matMenuTriggerFor]="menu"
      (menuOpened)="openMenu()"
      [attr.aria-label]="label()"
      data-testid="notification-bell"
    >
      <!-- An inline bell: the app loads no icon font, and a word would crowd a phone's toolbar. -->
      <span
        class="bell"
        aria-hidden="true"
        [matBadge]="notifications.unread()"
        [matBadgeHidden]="!notifications.unread()"
        matBadgeColor="warn"
      >
        <svg viewBox="0 0 24 24" width="24" height="24" focusable="false">
          <path
            fill="currentColor"
            d="M12 22a2 2 0 0 0 2-2h-4a2 2 0 0 0 2 2zm6-6V11c0-3.07-1.64-5.64-4.5-6.32V4a1.5 1.5 0 0 0-3 0v.68C7.63 5.36 6 7.92 6 11v5l-2 2v1h16v-1l-2-2z"
          />
        </svg>
      </span>
    </button>
    <mat-menu #menu="matMenu" class="notification-menu">
      @for (n of latest(); track n.id) {
        <button mat-menu-item type="button" (click)="open(n)" data-testid="notification-item">
          <span class="title">{{ n.title }}</span>
          <span class="body">{{ n.body }}</span>
        </button>
      } @empty {
        <p class="empty" data-testid="notification-empty">{{ loading() ? 'Loading…' : 'Nothing new.' }}</p>
      }
      <a mat-menu-item routerLink="/notifications" data-testid="notification-all">All notifications</a>
    </mat-menu>
  `,
  styles: `
    .bell {
      display: inline-flex;
    }
    .title {
      display: block;
      font-weight: 500;
    }
    .body {
      display: block;
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
      white-space: normal;
    }
    .empty {
      padding: 8px 16px;
      margin: 0;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class NotificationBell {
  protected readonly notifications = inject(Notifications);
  private readonly router = inject(Router);
  protected readonly latest = signal<AppNotification[]>([]);
  protected readonly loading = signal(false);

  constructor() {
    const poll = () => void this.notifications.refreshCount().catch(() => undefined);
    poll();
    const timer = setInterval(poll, POLL_MS);
    inject(DestroyRef).onDestroy(() => clearInterval(timer));
  }

  protected label(): string {
    const n = this.notifications.unread();
    return n ? `Notifications: ${n} unread` : 'Notifications: none unread';
  }

  protected async openMenu(): Promise<void> {
    this.loading.set(true);
    try {
      const page = await this.notifications.list({ unread: true, limit: 8 });
      this.latest.set(page.items);
      this.notifications.unread.set(page.total ?? page.items.length);
    } finally {
      this.loading.set(false);
    }
  }

  /** Opening a notification marks it read and goes to its record. */
  protected async open(n: AppNotification): Promise<void> {
    await this.notifications.markRead(n.id);
    await this.router.navigateByUrl(n.link);
  }
}
