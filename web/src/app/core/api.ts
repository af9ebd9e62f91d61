import { HttpClient, type HttpParams, type HttpResponse } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import { RUNTIME_CONFIG } from './config';

export type Query = Record<string, string | number | boolean | null | undefined>;

/**
 * A page of a list endpoint (every list answers this envelope): rows, the total for the pager
 * (null when more than 10,000 match), and the limit and offset it was asked for.
 */
export interface Page<T> {
  items: T[];
  total: number | null;
  limit: number;
  offset: number;
}

/** The most rows a list endpoint gives in one page. */
export const PAGE_MAX = 200;

/**
 * Every row of a list, a page of PAGE_MAX at a time, until a short page: for pickers and screens
 * that show a whole list without a pager. Stops after `maxRows` so a runaway list cannot hang a screen.
 */
export async function allPages<T>(
  fetchPage: (page: { limit: number; offset: number }) => Promise<Page<T>>,
  maxRows = 10_000,
): Promise<{ items: T[]; total: number }> {
  const items: T[] = [];
  for (let offset = 0; offset < maxRows; offset += PAGE_MAX) {
    const page = await fetchPage({ limit: PAGE_MAX, offset });
    items.push(...page.items);
    if (page.items.length < PAGE_MAX) break;
  }
  return { items, total: items.length };
}

/** Drops empty values so `?search=` never reaches the server. */
export function cleanQuery(query: Query = {}): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    out[key] = String(value);
  }
  return out;
}

/** The file name in `Content-Disposition`, or a fallback. */
export function fileNameFrom(disposition: string | null, fallback: string): string {
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition ?? '');
  if (star?.[1]) return decodeURIComponent(star[1]);
  const plain = /filename="?([^";]+)"?/i.exec(disposition ?? '');
  return plain?.[1] ?? fallback;
}

/** The one HTTP layer: every call goes through here (and the auth interceptor). */
@Injectable({ providedIn: 'root' })
export class Api {
  private readonly http = inject(HttpClient);
  private readonly base = inject(RUNTIME_CONFIG).apiBaseUrl;

  url(path: string): string {
    return `${this.base}${path}`;
  }

  get<T>(path: string, query?: Query): Promise<T> {
    return firstValueFrom(this.http.get<T>(this.url(path), { params: cleanQuery(query) as unknown as HttpParams }));
  }

  /** Every row of a list endpoint (see allPages), with the list's filters in `query`. */
  all<T>(path: string, query: Query = {}): Promise<{ items: T[]; total: number }> {
    return allPages((page) => this.get<Page<T>>(path, { ...query, ...page }));
  }

  post<T>(path: string, body: unknown = {}): Promise<T> {
    return firstValueFrom(this.http.post<T>(this.url(path), body));
  }

  put<T>(path: string, body: unknown = {}): Promise<T> {
    return firstValueFrom(this.http.put<T>(this.url(path), body));
  }

  patch<T>(path: string, body: unknown = {}): Promise<T> {
    return firstValueFrom(this.http.patch<T>(this.url(path), body));
  }

  delete<T = void>(path: string): Promise<T> {
    return firstValueFrom(this.http.delete<T>(this.url(path)));
  }

  /** Sends a text body as it is (a CSV import), with its content type. */
  postText<T>(path: string, text: string, contentType = 'text/csv'): Promise<T> {
    return firstValueFrom(this.http.post<T>(this.url(path), text, { headers: { 'content-type': contentType } }));
  }

  /** Uploads a file as multipart form data. */
  upload<T>(path: string, file: File, fields: Record<string, string> = {}, query?: Query): Promise<T> {
    const form = new FormData();
    form.append('file', file, file.name);
    for (const [key, value] of Object.entries(fields)) form.append(key, value);
    return firstValueFrom(
      this.http.post<T>(this.url(path), form, { params: cleanQuery(query) as unknown as HttpParams }),
    );
  }

  /** Fetches a file (export, certificate) and saves it under the server's name. */
  async download(path: string, query?: Query, fallbackName = 'download'): Promise<string> {
    const res = await firstValueFrom(
      this.http.get(this.url(path), {
        params: cleanQuery(query) as unknown as HttpParams,
        observe: 'response',
        responseType: 'blob',
      }),
    );
    const name = fileNameFrom((res as HttpResponse<Blob>).headers.get('content-disposition'), fallbackName);
    const href = URL.createObjectURL(res.body as Blob);
    const link = document.createElement('a');
    link.href = href;
    link.download = name;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(href), 10_000);
    return name;
  }
}
