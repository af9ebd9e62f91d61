import type { Routes } from '@angular/router';
import { permissionGuard } from '../../../core/guards';

/** Performance, training, recruitment and offboarding, mounted at /hr. */
const routes: Routes = [
  {
    path: 'reviews',
    canActivate: [permissionGuard],
    data: { permissions: ['hr.reviews.self', 'hr.reviews.manage'] },
    title: 'Performance reviews · Konecta ERP',
    loadComponent: () => import('./reviews.page').then((m) => m.ReviewsPage),
  },
  {
    path: 'training',
    canActivate: [permissionGuard],
    data: { permissions: ['hr.training.self', 'hr.training.manage'] },
    title: 'Training · Konecta ERP',
    loadComponent: () => import('./training.page').then((m) => m.TrainingPage),
  },
  {
    path: 'recruitment',
    canActivate: [permissionGuard],
    data: { permissions: ['hr.recruitment.read', 'hr.recruitment.manage'] },
    title: 'Recruitment · Konecta ERP',
    loadComponent: () => import('./recruitment.page').then((m) => m.RecruitmentPage),
  },
  {
    path: 'recruitment/:id',
    canActivate: [permissionGuard],
    data: { permissions: ['hr.recruitment.read', 'hr.recruitment.manage'] },
    title: 'Job opening · Konecta ERP',
    loadComponent: () => import('./opening-board.page').then((m) => m.OpeningBoardPage),
  },
  {
    path: 'offboarding',
    canActivate: [permissionGuard],
    data: { permissions: ['hr.offboarding.self', 'hr.offboarding.manage'] },
    title: 'Offboarding · Konecta ERP',
    loadComponent: () => import('./offboarding.page').then((m) => m.OffboardingPage),
  },
];
export default routes;
