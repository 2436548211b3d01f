import { describe, expect, it } from 'vitest';
import { rssKiB } from './memory.ts';
import { mapLimit } from './platform.ts';

describe('bench helpers', () => {
  it('reads a process’s resident memory from /proc, in KiB', async () => {
    const kib = await rssKiB(process.pid);
    const reported = process.memoryUsage().rss / 1024;
    expect(kib).toBeGreaterThan(reported * 0.5);
    expect(kib).toBeLessThan(reported * 2);
  });

  it('mapLimit keeps the order of results and never runs more than the limit at once', async () => {
    let running = 0;
    let peak = 0;
    const results = await mapLimit([5, 1, 4, 2, 3, 0], 2, async (n) => {
      running += 1;
      peak = Math.max(peak, running);
      await new Promise((resolve) => setTimeout(resolve, n * 3));
      running -= 1;
      return n * 10;
    });
    expect(results).toEqual([50, 10, 40, 20, 30, 0]);
    expect(peak).toBe(2);
  });
});
