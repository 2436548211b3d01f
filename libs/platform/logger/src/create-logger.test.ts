import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, defaultLogFormat, REDACTED, scrubSecrets } from './index.ts';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return { lines, destination };
}

describe('createLogger', () => {
  it('writes JSON lines bound to the service with a text level', () => {
    const { lines, destination } = capture();
    createLogger({ service: 'oms', destination }).info({ orderId: 'o-1' }, 'order accepted');
    expect(lines[0]).toMatchObject({
      service: 'oms',
      level: 'info',
      orderId: 'o-1',
      msg: 'order accepted',
    });
    expect(typeof lines[0]?.['time']).toBe('string');
  });

  it('child loggers carry their bindings', () => {
    const { lines, destination } = capture();
    const log = createLogger({ service: 'oms', destination }).child({ accountId: 'alice' });
    log.warn({ clientOrderId: 'c1' }, 'denied');
    expect(lines[0]).toMatchObject({ service: 'oms', accountId: 'alice', clientOrderId: 'c1' });
  });

  it('redacts secret-looking fields at any of the first three levels', () => {
    const { lines, destination } = capture();
    createLogger({ service: 'gw', destination }).info(
      {
        token: 'eyJraw',
        password: 'p4ss',
        config: { apiKey: 'k-123', nested: { privateKey: '0xabc' } },
        req: { headers: { authorization: 'Bearer abc.def.ghi' } },
      },
      'connected',
    );
    const line = JSON.stringify(lines[0]);
    for (const secret of ['eyJraw', 'p4ss', 'k-123', '0xabc', 'abc.def.ghi'])
      expect(line).not.toContain(secret);
    expect(lines[0]?.['token']).toBe(REDACTED);
    expect((lines[0]?.['config'] as { nested: { privateKey: string } }).nested.privateKey).toBe(
      REDACTED,
    );
  });

  it('redacts extra configured paths', () => {
    const { lines, destination } = capture();
    createLogger({ service: 'x', destination, redact: ['venue.signingSeed'] }).info({
      venue: { signingSeed: 's' },
    });
    expect((lines[0]?.['venue'] as { signingSeed: string }).signingSeed).toBe(REDACTED);
  });

  it('scrubs credentials from messages and error messages', () => {
    const { lines, destination } = capture();
    const log = createLogger({ service: 'x', destination });
    log.error({ err: new Error('connect failed to postgres://app:s3cret@db:5432/app') }, 'db down');
    log.info('auth header was Bearer eyJhbGciOi.eyJzdWIi.c2lnbmF0dXJl');
    log.info(
      { client: { clientSecret: 'cs-42' } },
      'sent Basic bW0tYm90OnMzY3JldA== to the issuer',
    );
    const text = JSON.stringify(lines);
    expect(text).not.toContain('s3cret');
    expect(text).not.toContain('cs-42');
    expect(text).not.toContain('bW0tYm90OnMzY3JldA==');
    expect(text).not.toContain('eyJzdWIi');
    expect((lines[0]?.['err'] as { message: string }).message).toBe(
      `connect failed to postgres://app:${REDACTED}@db:5432/app`,
    );
  });

  it('scrubs a Telegram bot token, bare or inside a Bot API URL a network error quotes', () => {
    const { lines, destination } = capture();
    const log = createLogger({ service: 'x', destination });
    const token = '123456789:AAHfiqksKZ8WmR2zSjiQ7_v4TMAKdiHm9T0';
    // grammY's HttpError keeps the fetch error, whose message names the URL, as `error`.
    const httpError = Object.assign(new Error("Network request for 'getUpdates' failed!"), {
      error: new Error(`request to https://api.telegram.org/bot${token}/getUpdates failed`),
    });
    log.error({ err: httpError }, 'poll failed');
    log.warn(`using ${token}`);
    const text = JSON.stringify(lines);
    expect(text).not.toContain('AAHfiqksKZ8WmR2zSjiQ7_v4TMAKdiHm9T0');
    expect(text).toContain(`api.telegram.org/bot${REDACTED}/getUpdates`);
  });

  it('logs a thrown non-Error as it is, strings scrubbed', () => {
    const { lines, destination } = capture();
    const log = createLogger({ service: 'x', destination });
    log.error({ err: 'refused by redis://:hunter2@cache:6379' }, 'string thrown');
    log.error({ err: undefined }, 'nothing thrown');
    log.error({ err: { code: 'E42' } }, 'object thrown');
    expect(lines.map((l) => l['msg'])).toEqual([
      'string thrown',
      'nothing thrown',
      'object thrown',
    ]);
    expect(lines[0]?.['err']).toBe(`refused by redis://:${REDACTED}@cache:6379`);
    expect(lines[2]?.['err']).toEqual({ code: 'E42' });
  });

  it('honours the level', () => {
    const { lines, destination } = capture();
    const log = createLogger({ service: 'x', level: 'warn', destination });
    log.info('hidden');
    log.warn('shown');
    expect(lines.map((l) => l['msg'])).toEqual(['shown']);
  });
});

describe('defaultLogFormat', () => {
  it('follows LOG_FORMAT, else JSON in production', () => {
    expect(defaultLogFormat({ LOG_FORMAT: 'pretty', NODE_ENV: 'production' })).toBe('pretty');
    expect(defaultLogFormat({ NODE_ENV: 'production' })).toBe('json');
  });
});

describe('scrubSecrets', () => {
  it('leaves ordinary text alone', () => {
    expect(scrubSecrets('order o-1 filled at 61234.5 on http://sim-venue:9100/orders')).toBe(
      'order o-1 filled at 61234.5 on http://sim-venue:9100/orders',
    );
  });
});
