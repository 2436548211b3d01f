import { describe, expect, it } from 'vitest';
import {
  isMintedOrderId,
  newOrderId,
  orderIdForCommand,
  unwrap,
  parseCommandId,
  parseOrderId,
} from './index.ts';

const cmd = (raw: string) => unwrap(parseCommandId(raw));

describe('order ids', () => {
  it('a command always names the same order, and other commands other orders', () => {
    const receivedAt = 1_795_000_000_123;
    const id = orderIdForCommand(cmd('cmd-a'), receivedAt);
    expect(orderIdForCommand(cmd('cmd-a'), receivedAt)).toBe(id);
    expect(orderIdForCommand(cmd('cmd-b'), receivedAt)).not.toBe(id);
    const many = new Set(
      Array.from({ length: 10_000 }, (_, i) => orderIdForCommand(cmd(`cmd-${i}`), receivedAt)),
    );
    expect(many.size).toBe(10_000);
  });

  it('has the shape of a new order id and sorts by time', () => {
    const shape = /^\d{13}-[0-9a-z]{10}$/;
    expect(orderIdForCommand(cmd('cmd-a'), 1_795_000_000_123)).toMatch(shape);
    expect(newOrderId(1_795_000_000_123)).toMatch(shape);
    // Minted ids always pass the grammar every other layer checks them against.
    expect(parseOrderId(newOrderId(Date.now())).ok).toBe(true);
    const earlier = orderIdForCommand(cmd('zzz'), 1_795_000_000_123);
    const later = orderIdForCommand(cmd('aaa'), 1_795_000_000_124);
    expect([later, earlier].sort()).toEqual([earlier, later]);
  });

  it('tells the ids it minted from client order ids another client chose', () => {
    expect(isMintedOrderId(newOrderId(Date.now()))).toBe(true);
    expect(isMintedOrderId(orderIdForCommand(cmd('cmd-a'), 1))).toBe(true);
    for (const foreign of [
      'web_8x2kq',
      'x-abc123',
      '1795000000123-ABCDEFGHIJ',
      '1795000000123-abc',
      '',
    ])
      expect(isMintedOrderId(foreign), foreign).toBe(false);
  });
});
