import { BreakpointObserver } from '@angular/cdk/layout';
import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatListModule } from '@angular/material/list';
import { MatSidenavModule } from '@angular/material/sidenav';
import { MatToolbarModule } from '@angular/material/toolbar';
import { RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { map } from 'rxjs';
import { Auth } from '../core/auth';
import { RUNTIME_CONFIG } from '../core/config';
import { visibleNavigation } from '../core/nav';
import { NotificationBell } from '../features/notifications/bell';

/** The signed-in frame: a menu of what the user may use, their name and roles, and sign-out. */
@Component({
  selector: 'k-shell',
  imports: [
    RouterOutlet,
    RouterLink,
    RouterLinkActive,
    MatSidenavModule,
    MatToolbarModule,
    MatListModule,
    MatButtonModule,
    NotificationBell,
  ],
  templateUrl: './shell.html',
  styleUrl: './shell.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Shell {
  protected readonly auth = inject(Auth);
  private readonly stage = inject(RUNTIME_CONFIG).stage;
  protected readonly handset = toSignal(
    inject(BreakpointObserver)
      .observe('(max-width: 840px)')
      .pipe(map((s) => s.matches)),
    { initialValue: false },
  );
  protected readonly sections = computed(() => {
    const local = !this.stage || this.stage === 'local';
    return visibleNavigation(this.auth.permissions(), { linkedEmployee: !!this.auth.user()?.employeeId })
      .map((s) => ({ ...s, items: s.items.filter((i) => local || i.path !== '/admin/mailbox') }))
      .filter((s) => s.items.length);
  });
  protected readonly roles = computed(() => (this.auth.user()?.roles ?? []).map((r) => r.name).join(', '));
}
