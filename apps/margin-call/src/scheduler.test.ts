import { createLogger } from '@perp/logger';
import { waitFor } from '@perp/test-services';
import { describe, expect, it } from 'vitest';
import { newSummary } from './run-summary.ts';
import { MarginCallScheduler } from './scheduler.ts';

describe('MarginCallScheduler', () => {
  it('runs each mode on its cron and never starts a run while the last of its kind runs', async () => {
    const started: string[] = [];
    let active = 0;
    let overlapped = false;
    const scheduler = new MarginCallScheduler({
      job: {
        async run(mode) {
          started.push(mode);
          active += 1;
          if (active > 1 && mode === 'warn') overlapped = true;
          // Longer than the one-second schedule: the next tick must be skipped, not stacked.
          await new Promise((resolve) => setTimeout(resolve, 1_500));
          active -= 1;
          return newSummary(`${mode}-test`, mode, Date.now());
        },
      },
      // Every second, and never (the 31st of February).
      warnCron: '* * * * * *',
      executeCron: '0 0 0 31 2 *',
      logger: createLogger({ service: 'margin-call', level: 'silent' }),
    });
    scheduler.start();
    expect(scheduler.nextRuns().execute).toBeNull();
    await waitFor(() => (scheduler.last.warn ? true : undefined), {
      timeoutMs: 5_000,
      what: 'a warn run',
    });
    await scheduler.stop();
    expect(started.every((mode) => mode === 'warn')).toBe(true);
    expect(started.length).toBeGreaterThanOrEqual(1);
    expect(overlapped).toBe(false);
    expect(scheduler.last.warn?.runId).toBe('warn-test');
  });
});
