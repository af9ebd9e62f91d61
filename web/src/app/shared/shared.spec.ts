import '../../testing';
import { HttpErrorResponse } from '@angular/common/http';
import { describe, expect, it } from 'vitest';
import { loader } from './loader';

describe('loader', () => {
  it('goes loading → ready, or empty for an empty list', async () => {
    const rows = loader(async () => ({ items: [1, 2], total: 2 }));
    expect(rows.state()).toBe('loading');
    await rows.reload();
    expect(rows.state()).toBe('ready');
    const none = loader(async () => [] as number[]);
    await none.reload();
    expect(none.state()).toBe('empty');
  });

  it('shows the problem detail when the call fails, and clears it on a good retry', async () => {
    let fail = true;
    const rows = loader(async () => {
      if (fail) throw new HttpErrorResponse({ status: 403, error: { title: 'Forbidden', status: 403, detail: 'No.' } });
      return [1];
    });
    await rows.reload();
    expect(rows.state()).toBe('error');
    expect(rows.error()).toBe('No.');
    fail = false;
    await rows.reload();
    expect(rows.state()).toBe('ready');
  });

  it('keeps the newest answer when an older call finishes last', async () => {
    const resolvers: ((v: string) => void)[] = [];
    const value = loader(() => new Promise<string>((r) => resolvers.push(r)));
    const first = value.reload();
    const second = value.reload();
    resolvers[1]?.('new');
    await second;
    resolvers[0]?.('old');
    await first;
    expect(value.data()).toBe('new');
  });
});
