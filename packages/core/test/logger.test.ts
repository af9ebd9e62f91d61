import { describe, expect, it } from 'vitest';
import { createLogger } from '../src/logger';

function capture(level = 'info') {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger({
    level,
    service: 'hr',
    destination: { write: (l: string) => lines.push(JSON.parse(l)) },
  });
  return { logger, lines };
}

describe('the kernel logger', () => {
  it('writes one JSON line per entry: level, time, service, fields, message', () => {
    const { logger, lines } = capture();
    logger.info({ requestId: 'r1', status: 200 }, 'request');
    logger.warn('plain message');
    expect(lines).toEqual([
      {
        level: 'info',
        time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        service: 'hr',
        requestId: 'r1',
        status: 200,
        msg: 'request',
      },
      { level: 'warn', time: expect.any(String), service: 'hr', msg: 'plain message' },
    ]);
  });

  it('drops entries below its level, and writes nothing when silent', () => {
    const warn = capture('warn');
    warn.logger.info('no');
    warn.logger.error('yes');
    expect(warn.lines.map((l) => l.msg)).toEqual(['yes']);
    expect(warn.logger.isLevelEnabled('info')).toBe(false);
    const silent = capture('silent');
    silent.logger.fatal('no');
    expect(silent.lines).toEqual([]);
  });

  it('redacts passwords, tokens, authorization and cookies at the top level and one level down', () => {
    const { logger, lines } = capture();
    logger.info({
      password: 'p',
      headers: { authorization: 'Bearer x', cookie: 'c', accept: 'json' },
      body: { token: 't' },
    });
    expect(lines[0]).toMatchObject({
      password: '[redacted]',
      headers: { authorization: '[redacted]', cookie: '[redacted]', accept: 'json' },
      body: { token: '[redacted]' },
    });
    expect(JSON.stringify(lines[0])).not.toMatch(/Bearer x|"p"|"t"/);
  });

  it('writes errors without the SQL parameters and keeps bigints and cycles from throwing', () => {
    const { logger, lines } = capture();
    const err = Object.assign(new Error('insert failed'), { code: '23505', parameters: ['secret value'] });
    const cyclic: Record<string, unknown> = { amount: 10n };
    cyclic.self = cyclic;
    logger.error({ err, cyclic }, 'failed');
    expect(lines[0]?.err).toMatchObject({ type: 'Error', message: 'insert failed', code: '23505' });
    expect(JSON.stringify(lines[0])).not.toContain('secret value');
    expect(lines[0]?.cyclic).toEqual({ amount: '10', self: '[Circular]' });
  });

  it('child loggers carry their bindings on every line', () => {
    const { logger, lines } = capture();
    logger.child({ requestId: 'abc' }).info({ n: 1 }, 'hello');
    expect(lines[0]).toMatchObject({ service: 'hr', requestId: 'abc', n: 1, msg: 'hello' });
  });

  it('refuses an unknown level', () => {
    expect(() => createLogger({ level: 'loud', service: 'hr' })).toThrow(/unknown log level/);
  });
});
