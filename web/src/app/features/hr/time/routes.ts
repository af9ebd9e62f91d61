import type { Routes } from '@angular/router';
import { permissionGuard } from '../../../core/guards';

/** HR time: attendance, office locations, holidays and leave (mounted at /hr). */
const routes: Routes = [
  {
    path: 'attendance/me',
    canActivate: [permissionGuard],
    data: { permissions: ['hr.attendance.self'] },
    title: 'My attendance · Konecta ERP',
    loadComponent: () => import('./attendance-me').then((m) => m.AttendanceMePage),
  },
  {
    path: 'attendance/daily',
    canActivate: [permissionGuard],
    data: { permissions: ['hr.attendance.read'] },
    title: 'Team attendance · Konecta ERP',
    loadComponent: () => import('./attendance-daily').then((m) => m.AttendanceDailyPage),
  },
  {
    path: 'attendance/offices',
    canActivate: [permissionGuard],
    data: { permissions: ['hr.attendance.manage'] },
    title: 'Office locations · Konecta ERP',
    loadComponent: () => import('./offices').then((m) => m.OfficesPage),
  },
  {
    path: 'holidays',
    canActivate: [permissionGuard],
    data: { permissions: ['hr.holidays.read'] },
    title: 'Holidays · Konecta ERP',
    loadComponent: () => import('./holidays').then((m) => m.HolidaysPage),
  },
  {
    path: 'leave/me',
    canActivate: [permissionGuard],
    data: { permissions: ['hr.leaves.request'] },
    title: 'My leave · Konecta ERP',
    loadComponent: () => import('./leave-me').then((m) => m.LeaveMePage),
  },
  {
    path: 'leave/request',
    canActivate: [permissionGuard],
    data: { permissions: ['hr.leaves.request'] },
    title: 'Request leave · Konecta ERP',
    loadComponent: () => import('./leave-request').then((m) => m.LeaveRequestPage),
  },
  {
    path: 'leave/approvals',
    canActivate: [permissionGuard],
    data: { permissions: ['hr.leaves.approve'] },
    title: 'Leave approvals · Konecta ERP',
    loadComponent: () => import('./leave-approvals').then((m) => m.LeaveApprovalsPage),
  },
];
export default routes;
