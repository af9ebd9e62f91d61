import type { RoleRef } from '../../core/auth';

export type UserStatus = 'invited' | 'active' | 'disabled' | 'locked';

export interface AdminUser {
  id: string;
  email: string;
  username: string;
  fullName: string;
  phone: string | null;
  status: UserStatus;
  roles: RoleRef[];
  employeeId: string | null;
  lastLoginAt: string | null;
  lockedUntil: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface UserPage {
  items: AdminUser[];
  total: number;
  limit: number;
  offset: number;
}

export interface Role {
  id: string;
  name: string;
  description: string;
  builtIn: boolean;
  permissions: string[];
  userCount: number;
  createdAt: string;
  updatedAt: string;
}

export interface Permission {
  code: string;
  domain: string;
  description: string;
}

export interface Mail {
  id: string;
  to: string;
  subject: string;
  text: string;
  template: string;
  createdAt: string;
}

export interface ServiceHealth {
  name: string;
  title: string;
  state: 'up' | 'down';
  runtime: string;
  reachedAt: string;
  latencyMs: number;
  version?: string;
  detail?: string;
}

export interface SystemHealth {
  status: 'ok' | 'degraded';
  stage: string;
  services: ServiceHealth[];
}
