import { describe, expect, it } from 'vitest';
import { WakeableSleep } from './wakeable-sleep.ts';

describe('WakeableSleep', () => {
  it('sleeps the time given, or until woken', async () => {
    const pause = new WakeableSleep();
    let at = Date.now();
    await pause.sleep(50);
    expect(Date.now() - at).toBeGreaterThanOrEqual(45);
    at = Date.now();
    const sleeping = pause.sleep(10_000);
    setTimeout(() => pause.wake(), 20);
    await sleeping;
    expect(Date.now() - at).toBeLessThan(1_000);
  });

  it('keeps a wake that came while nobody slept, once', async () => {
    const pause = new WakeableSleep();
    pause.wake();
    const at = Date.now();
    await pause.sleep(10_000);
    expect(Date.now() - at).toBeLessThan(100);
    const second = Date.now();
    await pause.sleep(50);
    expect(Date.now() - second).toBeGreaterThanOrEqual(45);
  });
});
