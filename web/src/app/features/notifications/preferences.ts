import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { MatCardModule } from '@angular/material/card';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { problemMessage, toProblem } from '../../core/problems';
import { ListStateView } from '../../shared/list-state';
import { loader } from '../../shared/loader';
import { type NotificationPreference, Notifications } from './notifications';

/** The profile's card: for each kind of notification, whether I get it in the app and by email. */
@Component({
  selector: 'k-notification-preferences',
  imports: [MatCardModule, MatCheckboxModule, ListStateView],
  template: `
    <mat-card class="card" data-testid="notification-preferences">
      <h2>Notifications</h2>
      <k-list-state [state]="prefs.state()" [error]="prefs.error()" (retry)="prefs.reload()" />
      @if (prefs.state() === 'ready') {
        <table class="k-table">
          <caption class="cdk-visually-hidden">Which notifications you receive</caption>
          <thead><tr><th scope="col">Kind</th><th scope="col">In the app</th><th scope="col">By email</th></tr></thead>
          <tbody>
            @for (p of prefs.data()!.items; track p.kind) {
              <tr [attr.data-kind]="p.kind">
                <td>{{ p.label }}</td>
                <td>
                  <mat-checkbox [checked]="p.inApp" (change)="save(p, { inApp: $event.checked })"
                                [attr.data-testid]="'pref-in-app-' + p.kind"
                                [aria-label]="p.label + ' in the app'" />
                </td>
                <td>
                  <mat-checkbox [checked]="p.email" (change)="save(p, { email: $event.checked })"
                                [attr.data-testid]="'pref-email-' + p.kind"
                                [aria-label]="p.label + ' by email'" />
                </td>
              </tr>
            }
          </tbody>
        </table>
      }
      @if (message()) {
        <p class="state" role="status" data-testid="notification-preferences-message">{{ message() }}</p>
      }
    </mat-card>
  `,
  styles: `
    .card { padding: 16px; }
    h2 { font: var(--mat-sys-title-large); margin: 0 0 12px; }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class NotificationPreferencesCard {
  private readonly notifications = inject(Notifications);
  protected readonly prefs = loader(() => this.notifications.preferences());
  protected readonly message = signal<string | undefined>(undefined);

  constructor() {
    void this.prefs.reload();
  }

  /** Each change is saved at once; the server's answer is what the card shows. */
  protected async save(p: NotificationPreference, change: Partial<Pick<NotificationPreference, 'inApp' | 'email'>>) {
    this.message.set(undefined);
    try {
      const saved = await this.notifications.savePreferences([
        { kind: p.kind, inApp: change.inApp ?? p.inApp, email: change.email ?? p.email },
      ]);
      this.prefs.data.set(saved);
      this.message.set('Saved.');
    } catch (err) {
      this.message.set(problemMessage(toProblem(err)));
      await this.prefs.reload();
    }
  }
}
