import { describe, expect, it } from 'vitest';
import { waitFor, waitUntil } from './wait-until.ts';

describe('waitFor', () => {
  it('returns the first value the probe gives, counting throws as not yet', async () => {
    let calls = 0;
    const value = await waitFor(
      () => {
        calls += 1;
        if (calls === 1) throw new Error('not up');
        return calls >= 3 ? `ready after ${calls}` : undefined;
      },
      { timeoutMs: 2_000, intervalMs: 1 },
    );
    expect(value).toBe('ready after 3');
  });

  it('names what it waited for and keeps the last failure as cause', async () => {
    const failure = await waitFor(
      () => {
        throw new Error('refused');
      },
      { timeoutMs: 20, intervalMs: 5, what: 'the gateway' },
    ).catch((error: unknown) => error as Error);
    expect(failure.message).toMatch(/^timed out waiting for the gateway after 20 ms$/);
    expect((failure.cause as Error).message).toBe('refused');
  });

  it('gives up at once when abortIf says so', async () => {
    const died = new Error('the child exited');
    await expect(
      waitUntil(async () => false, { timeoutMs: 10_000, abortIf: () => died }),
    ).rejects.toBe(died);
  });
});
