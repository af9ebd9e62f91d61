import { InjectionToken } from '@angular/core';

/** What `/config.json` says; deployed, the stacks write it, locally the build ships a default. */
export interface RuntimeConfig {
  /** Prefix for API calls; empty means the page's own origin (the gateway or CloudFront). */
  apiBaseUrl: string;
  stage?: string;
}

export const RUNTIME_CONFIG = new InjectionToken<RuntimeConfig>('RUNTIME_CONFIG');

/** Reads `/config.json`; a missing or broken file means "same origin". */
export async function loadRuntimeConfig(fetchImpl: typeof fetch = fetch): Promise<RuntimeConfig> {
  try {
    const res = await fetchImpl('/config.json', { cache: 'no-store' });
    if (!res.ok) return { apiBaseUrl: '' };
    return parseRuntimeConfig(await res.json());
  } catch {
    return { apiBaseUrl: '' };
  }
}

export function parseRuntimeConfig(value: unknown): RuntimeConfig {
  const raw = (value && typeof value === 'object' ? value : {}) as Record<string, unknown>;
  const base = typeof raw.apiBaseUrl === 'string' ? raw.apiBaseUrl.trim() : '';
  // A base left as a deploy-time placeholder, or not an http(s) URL, falls back to same origin.
  const usable = base === '' || /^https?:\/\/[^\s{}]+$/.test(base);
  return {
    apiBaseUrl: usable ? base.replace(/\/+$/, '') : '',
    stage: typeof raw.stage === 'string' ? raw.stage : undefined,
  };
}
