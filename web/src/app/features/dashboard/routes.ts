import type { Routes } from '@angular/router';
import { BarController, BarElement, CategoryScale, LinearScale, Tooltip } from 'chart.js';
import { provideCharts } from 'ng2-charts';

/**
 * The dashboard at `/`, for every signed-in user. Chart.js is provided here (bar charts only), so it
 * loads with the dashboard's chunk and stays out of the initial bundle.
 */
const routes: Routes = [
  {
    path: '',
    title: 'Dashboard · Konecta ERP',
    providers: [provideCharts({ registerables: [BarController, BarElement, CategoryScale, LinearScale, Tooltip] })],
    loadComponent: () => import('./dashboard.page').then((m) => m.DashboardPage),
  },
];
export default routes;
