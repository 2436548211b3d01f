import type { Principal } from '@perp/auth';
import { describe, expect, it } from 'vitest';
import { AuthDeadline } from './auth-deadline.ts';
import type { ClientConnection } from './client-connection.ts';

function socket(openedAt: number, principal?: Principal, marketDataAt?: number): ClientConnection {
  return { openedAt, principal, marketDataAt } as ClientConnection;
}

describe('AuthDeadline', () => {
  it('passes for a socket that has not logged in once the deadline is over', () => {
    const deadline = new AuthDeadline({ deadlineMs: 1_000 });
    const anonymous = socket(5_000);
    expect(deadline.passed(anonymous, 5_999)).toBe(false);
    expect(deadline.passed(anonymous, 6_000)).toBe(true);
  });

  it('never passes for a socket that has logged in (an expired token included)', () => {
    const deadline = new AuthDeadline({ deadlineMs: 1_000 });
    const principal = { accountId: 'alice', expiresAt: 0 } as unknown as Principal;
    expect(deadline.passed(socket(0, principal), 60_000)).toBe(false);
  });

  it('lets an exempt socket stay, and runs the deadline again from when it stops being exempt', () => {
    let exempt = true;
    const deadline = new AuthDeadline({ deadlineMs: 1_000, exempt: () => exempt });
    const watcher = socket(0);
    expect(deadline.passed(watcher, 5_000)).toBe(false);
    exempt = false;
    expect(deadline.passed(watcher, 5_999)).toBe(false);
    expect(deadline.passed(watcher, 6_000)).toBe(true);
  });

  it('runs the deadline from the last public market-data request of an anonymous socket', () => {
    const deadline = new AuthDeadline({ deadlineMs: 1_000 });
    expect(deadline.passed(socket(0, undefined, 4_500), 5_000)).toBe(false);
    expect(deadline.passed(socket(0, undefined, 4_500), 5_500)).toBe(true);
  });
});
