import { describe, expect, it } from 'vitest';
import { UNKNOWN_IP, clientIp } from './client-ip.ts';

const from = (remoteAddress: string | undefined, forwardedFor?: string | string[]) => ({
  remoteAddress,
  forwardedFor,
});

describe('clientIp', () => {
  it('is the TCP peer without trusted proxies, whatever X-Forwarded-For says', () => {
    expect(clientIp(from('203.0.113.7'), 0)).toBe('203.0.113.7');
    expect(clientIp(from('203.0.113.7', '198.51.100.1'), 0)).toBe('203.0.113.7');
  });

  it('takes the entry the trusted proxies appended, not what the client wrote before it', () => {
    // The client sent "X-Forwarded-For: 1.2.3.4"; the ALB appended the address it saw.
    expect(clientIp(from('10.0.1.5', '1.2.3.4, 198.51.100.9'), 1)).toBe('198.51.100.9');
    expect(clientIp(from('10.0.1.5', '1.2.3.4, 198.51.100.9, 10.0.0.2'), 2)).toBe('198.51.100.9');
  });

  it('joins repeated headers in order', () => {
    expect(clientIp(from('10.0.1.5', ['1.2.3.4', '198.51.100.9']), 1)).toBe('198.51.100.9');
  });

  it('takes the leftmost entry when the header is shorter than the trusted hops', () => {
    expect(clientIp(from('10.0.1.5', '198.51.100.9'), 3)).toBe('198.51.100.9');
  });

  it('falls back to the TCP peer without a header or with an entry that is not an address', () => {
    expect(clientIp(from('10.0.1.5'), 1)).toBe('10.0.1.5');
    expect(clientIp(from('10.0.1.5', ' , '), 1)).toBe('10.0.1.5');
    expect(clientIp(from('10.0.1.5', 'anything-i-like'), 1)).toBe('10.0.1.5');
  });

  it('spells one address one way', () => {
    expect(clientIp(from('::ffff:127.0.0.1'), 0)).toBe('127.0.0.1');
    expect(clientIp(from('10.0.1.5', '198.51.100.9:51234'), 1)).toBe('198.51.100.9');
    expect(clientIp(from('10.0.1.5', '[2001:DB8::1]:443'), 1)).toBe('2001:db8::1');
    expect(clientIp(from('10.0.1.5', '2001:db8::1'), 1)).toBe('2001:db8::1');
  });

  it('has a key for a peer whose address is gone', () => {
    expect(clientIp(from(undefined), 0)).toBe(UNKNOWN_IP);
  });
});
