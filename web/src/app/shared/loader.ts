import { computed, signal } from '@angular/core';
import { problemMessage, toProblem } from '../core/problems';

/**
 * A value fetched from the API with its loading and error state, for lists and details:
 * `state()` is what a screen shows (loading, error, empty, ready). Later answers win only if
 * they belong to the newest call, so a slow old search never overwrites a newer one.
 */
export function loader<T>(fetcher: () => Promise<T>, isEmpty: (value: T) => boolean = defaultEmpty) {
  const data = signal<T | undefined>(undefined);
  const loading = signal(false);
  const error = signal<string | undefined>(undefined);
  let call = 0;
  const reload = async (): Promise<void> => {
    const mine = ++call;
    loading.set(true);
    error.set(undefined);
    try {
      const value = await fetcher();
      if (mine === call) data.set(value);
    } catch (err) {
      if (mine === call) error.set(problemMessage(toProblem(err)));
    } finally {
      if (mine === call) loading.set(false);
    }
  };
  const state = computed<ListState>(() => {
    if (error()) return 'error';
    const value = data();
    if (value === undefined) return 'loading';
    return isEmpty(value) ? 'empty' : 'ready';
  });
  return { data, loading, error, state, reload };
}

export type ListState = 'loading' | 'error' | 'empty' | 'ready';

function defaultEmpty(value: unknown): boolean {
  if (Array.isArray(value)) return value.length === 0;
  if (value && typeof value === 'object' && 'items' in value && Array.isArray((value as { items: unknown[] }).items)) {
    return (value as { items: unknown[] }).items.length === 0;
  }
  return false;
}
