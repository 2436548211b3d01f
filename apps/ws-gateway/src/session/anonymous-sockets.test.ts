import { describe, expect, it } from 'vitest';
import { AnonymousSockets } from './anonymous-sockets.ts';

describe('AnonymousSockets', () => {
  it('counts per address up to the maximum; a release frees one, once', () => {
    const sockets = new AnonymousSockets(2);
    const first = sockets.take('198.51.100.1');
    sockets.take('198.51.100.1');
    expect(sockets.hasRoom('198.51.100.1')).toBe(false);
    expect(sockets.hasRoom('198.51.100.2')).toBe(true);
    first();
    first();
    expect(sockets.count('198.51.100.1')).toBe(1);
    expect(sockets.hasRoom('198.51.100.1')).toBe(true);
  });
});
