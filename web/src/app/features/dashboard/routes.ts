import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import type { Routes } from '@angular/router';
import { Auth } from '../../core/auth';

@Component({
  selector: 'k-dashboard',
  template: `<section class="page"><h1>Welcome, {{ auth.user()?.fullName }}</h1></section>`,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
class DashboardPage {
  protected readonly auth = inject(Auth);
}

const routes: Routes = [{ path: '', component: DashboardPage, title: 'Dashboard · Konecta ERP' }];
export default routes;
