import type { Routes } from '@angular/router';
import { permissionGuard } from '../../../core/guards';

/** HR people: employees (list, form, detail), departments & positions, org chart. */
const routes: Routes = [
  {
    path: 'employees',
    canActivate: [permissionGuard],
    data: { permissions: ['hr.employees.read'] },
    title: 'Employees · Konecta ERP',
    loadComponent: () => import('./employee-list').then((m) => m.EmployeeListPage),
  },
  // Static paths before `employees/:id`, which would otherwise claim them.
  {
    path: 'employees/new',
    canActivate: [permissionGuard],
    data: { permissions: ['hr.employees.manage'] },
    title: 'New employee · Konecta ERP',
    loadComponent: () => import('./employee-form').then((m) => m.EmployeeFormPage),
  },
  {
    path: 'employees/me',
    canActivate: [permissionGuard],
    data: { permissions: ['hr.employees.read'], me: true },
    title: 'My employee record · Konecta ERP',
    loadComponent: () => import('./employee-detail').then((m) => m.EmployeeDetailPage),
  },
  {
    path: 'employees/:id/edit',
    canActivate: [permissionGuard],
    data: { permissions: ['hr.employees.manage'] },
    title: 'Edit employee · Konecta ERP',
    loadComponent: () => import('./employee-form').then((m) => m.EmployeeFormPage),
  },
  {
    path: 'employees/:id',
    canActivate: [permissionGuard],
    data: { permissions: ['hr.employees.read'] },
    title: 'Employee · Konecta ERP',
    loadComponent: () => import('./employee-detail').then((m) => m.EmployeeDetailPage),
  },
  {
    path: 'organisation',
    canActivate: [permissionGuard],
    data: { permissions: ['hr.departments.read'] },
    title: 'Departments & positions · Konecta ERP',
    loadComponent: () => import('./organisation').then((m) => m.OrganisationPage),
  },
  {
    path: 'org-chart',
    canActivate: [permissionGuard],
    // The same permission GET /api/hr/org-chart checks.
    data: { permissions: ['hr.employees.read'] },
    title: 'Org chart · Konecta ERP',
    loadComponent: () => import('./org-chart').then((m) => m.OrgChartPage),
  },
];
export default routes;
