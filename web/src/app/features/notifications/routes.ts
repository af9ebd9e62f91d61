import type { Routes } from '@angular/router';

/** My notifications, for every signed-in user (mounted at /notifications inside the shell). */
const routes: Routes = [
  {
    path: '',
    title: 'Notifications · Konecta ERP',
    loadComponent: () => import('./notifications-page').then((m) => m.NotificationsPage),
  },
];
export default routes;
