import { HttpClient } from '@angular/common/http';
import { computed, Injectable, inject, signal } from '@angular/core';
import { Router } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import type { AuthSchemas } from './api-types';
import { RUNTIME_CONFIG } from './config';

export type RoleRef = AuthSchemas['User']['roles'][number];

/** The signed-in user, as `/api/auth/me` and the session answers describe them. */
export type Me = AuthSchemas['Me'];

/** Name of the auth service's readable "a session exists" cookie (packages/auth/src/sessions/hint-cookie.ts). */
export const SESSION_HINT_COOKIE = 'konecta_session';

export function hasSessionHint(cookies: string = typeof document === 'undefined' ? '' : document.cookie): boolean {
  return cookies.split(';').some((c) => c.trim().startsWith(`${SESSION_HINT_COOKIE}=`));
}

type Session = AuthSchemas['Session'];

/**
 * The session: the access token lives in memory only (never in storage); the refresh token is an
 * httpOnly cookie the browser sends to `/api/auth/refresh`, which renews the access token before
 * it expires and on a reload.
 */
@Injectable({ providedIn: 'root' })
export class Auth {
  private readonly http = inject(HttpClient);
  private readonly router = inject(Router);
  private readonly base = inject(RUNTIME_CONFIG).apiBaseUrl;
  private token: string | null = null;
  private renewTimer: ReturnType<typeof setTimeout> | undefined;
  private refreshing: Promise<boolean> | undefined;
  private restored: Promise<boolean> | undefined;

  readonly user = signal<Me | null>(null);
  readonly signedIn = computed(() => this.user() !== null);
  readonly permissions = computed(() => new Set(this.user()?.permissions ?? []));

  get accessToken(): string | null {
    return this.token;
  }

  can(...permissions: string[]): boolean {
    const held = this.permissions();
    return permissions.some((p) => held.has(p));
  }

  async signIn(identifier: string, password: string): Promise<Me> {
    const id = identifier.trim();
    const body = id.includes('@') ? { email: id, password } : { username: id, password };
    const session = await firstValueFrom(this.http.post<Session>(`${this.base}/api/auth/login`, body));
    this.start(session);
    return session.user;
  }

  /** Starts a session from an answer that carries one (sign-in, code confirmation, reset). */
  start(session: Session): void {
    this.token = session.accessToken;
    this.user.set(session.user);
    clearTimeout(this.renewTimer);
    const renewInMs = Math.max(10_000, (session.expiresIn - 60) * 1000);
    this.renewTimer = setTimeout(() => void this.refresh(), renewInMs);
  }

  /**
   * On first navigation: a refresh cookie from an earlier visit restores the session. The auth
   * service sets a readable hint cookie beside the (httpOnly) refresh cookie, so a visitor who never
   * signed in is not sent to /refresh for a 401.
   */
  restore(): Promise<boolean> {
    if (!hasSessionHint()) return Promise.resolve(false);
    this.restored ??= this.refresh();
    return this.restored;
  }

  /** Renews the access token through the refresh cookie; concurrent callers share one call. */
  refresh(): Promise<boolean> {
    this.refreshing ??= firstValueFrom(this.http.post<Session>(`${this.base}/api/auth/refresh`, {}))
      .then((session) => {
        this.start(session);
        return true;
      })
      .catch(() => {
        this.clear();
        return false;
      })
      .finally(() => {
        this.refreshing = undefined;
      });
    return this.refreshing;
  }

  async reloadMe(): Promise<void> {
    this.user.set(await firstValueFrom(this.http.get<Me>(`${this.base}/api/auth/me`)));
  }

  async signOut(): Promise<void> {
    try {
      await firstValueFrom(this.http.post(`${this.base}/api/auth/logout`, {}));
    } catch {
      // Signing out locally matters more than the server's answer.
    }
    this.clear();
    await this.router.navigate(['/sign-in']);
  }

  clear(): void {
    this.token = null;
    this.restored = undefined;
    clearTimeout(this.renewTimer);
    this.user.set(null);
  }
}
