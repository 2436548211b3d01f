import { Writable } from 'node:stream';
import { AuthError } from '@perp/auth';
import { createLogger } from '@perp/logger';
import { RetryableStoreError } from '@perp/trading-store';
import { QueueSendError } from '@perp/sqs-adapter';
import { describe, expect, it } from 'vitest';
import { retryableOnRedisFailure } from '../dependency-error.ts';
import { failures } from './rpc-failure.ts';
import { toRpcError } from './to-rpc-error.ts';

function capturedLogger() {
  const lines: { level: string; msg: string; err?: { message?: string } }[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return { log: createLogger({ service: 'test', level: 'debug', destination }), lines };
}

describe('toRpcError: the one translation from a failure to the client’s error', () => {
  it('a method’s own answer passes as it is, without a log line', () => {
    const { log, lines } = capturedLogger();
    expect(toRpcError(failures.rateLimited(1200.2), log)).toEqual({
      code: 10003,
      message: 'Rate limited',
      data: { retryAfterMs: 1201 },
    });
    expect(toRpcError(failures.invalidParams('price', 'is off the tick'), log)).toMatchObject({
      code: -32602,
      data: { field: 'price', reason: 'is off the tick' },
    });
    expect(lines).toEqual([]);
  });

  it('a retryable dependency failure is 10007 (nothing queued), logged as a warning', async () => {
    const { log, lines } = capturedLogger();
    const redis = await retryableOnRedisFailure(() =>
      Promise.reject(new Error('ECONNREFUSED 127.0.0.1:6379')),
    ).catch((error: unknown) => error);
    for (const error of [
      redis,
      new RetryableStoreError('DynamoDB unavailable: throttled'),
      new QueueSendError('SQS unavailable'),
      new AuthError('JWKS_UNAVAILABLE', 'the issuer keys could not be fetched'),
    ])
      expect(toRpcError(error, log)).toEqual({
        code: 10007,
        message: 'Temporarily unavailable, nothing was queued; retry',
      });
    expect(lines.map((l) => l.level)).toEqual(['warn', 'warn', 'warn', 'warn']);
  });

  it('anything else is -32603 and tells the client nothing of the internals', () => {
    const { log, lines } = capturedLogger();
    const answer = toRpcError(
      new TypeError('cannot read properties of undefined (secret path)'),
      log,
    );
    expect(answer).toEqual({ code: -32603, message: 'Internal error' });
    expect(JSON.stringify(answer)).not.toContain('secret');
    // Something thrown that is not an Error, and not marked retryable, is internal too.
    expect(toRpcError({ retryable: 'yes' }, log).code).toBe(-32603);
    // Something thrown that is no Error is still answered (and logged) rather than unanswered.
    expect(toRpcError('a string', log)).toEqual({ code: -32603, message: 'Internal error' });
    expect(lines.map((l) => [l.level, l.err?.message])).toEqual([
      ['error', 'cannot read properties of undefined (secret path)'],
      ['error', "non-Error thrown: { retryable: 'yes' }"],
      ['error', "non-Error thrown: 'a string'"],
    ]);
  });
});
