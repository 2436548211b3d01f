import { describe, expect, it } from 'vitest';
import { checkReadiness } from './index.ts';

describe('checkReadiness', () => {
  it('reports a check that never answers as a timeout instead of hanging', async () => {
    const report = await checkReadiness({ stuck: () => new Promise(() => undefined) }, 30);
    expect(report).toEqual({ ready: false, checks: { stuck: 'no answer within 30 ms' } });
  });

  it('is ready with no checks', async () => {
    expect(await checkReadiness({})).toEqual({ ready: true, checks: {} });
  });
});
