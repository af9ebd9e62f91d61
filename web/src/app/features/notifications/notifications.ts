import { Injectable, inject, signal } from '@angular/core';
import { Api } from '../../core/api';
import type { AuthSchemas } from '../../core/api-types';

export type AppNotification = AuthSchemas['Notification'];
export type NotificationPage = AuthSchemas['NotificationList'];
export type NotificationPreferences = AuthSchemas['NotificationPreferences'];
export type NotificationPreference = NotificationPreferences['items'][number];

/** My notifications, read from the auth service: the bell's count, the list, and marking read. */
@Injectable({ providedIn: 'root' })
export class Notifications {
  private readonly api = inject(Api);
  /** Unread notifications, as last asked (the bell polls it). */
  readonly unread = signal(0);

  async refreshCount(): Promise<void> {
    const { unread } = await this.api.get<AuthSchemas['UnreadCount']>('/api/auth/notifications/unread-count');
    this.unread.set(unread);
  }

  list(query: { unread?: boolean; limit?: number; offset?: number } = {}): Promise<NotificationPage> {
    return this.api.get<NotificationPage>('/api/auth/notifications', {
      limit: query.limit,
      offset: query.offset,
      unread: query.unread ? 'true' : undefined,
    });
  }

  async markRead(id: string): Promise<AppNotification> {
    const read = await this.api.post<AppNotification>(`/api/auth/notifications/${id}/read`);
    await this.refreshCount();
    return read;
  }

  async markAllRead(): Promise<void> {
    await this.api.post('/api/auth/notifications/read-all');
    this.unread.set(0);
  }

  preferences(): Promise<NotificationPreferences> {
    return this.api.get<NotificationPreferences>('/api/auth/notification-preferences');
  }

  savePreferences(items: Omit<NotificationPreference, 'label'>[]): Promise<NotificationPreferences> {
    return this.api.put<NotificationPreferences>('/api/auth/notification-preferences', { items });
  }
}
