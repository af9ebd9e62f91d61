import type { Routes } from '@angular/router';

/** My profile and password, for every signed-in user (mounted at /profile inside the shell). */
const routes: Routes = [
  {
    path: '',
    title: 'My profile · Konecta ERP',
    loadComponent: () => import('./profile').then((m) => m.ProfilePage),
  },
];
export default routes;
