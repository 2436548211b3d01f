import { describe, expect, it } from 'vitest';
import { newOrderId, orderIdForCommand } from './order-id.ts';

describe('order ids', () => {
  it('a command always names the same order, and other commands other orders', () => {
    const receivedAt = 1_795_000_000_123;
    const id = orderIdForCommand('cmd-a', receivedAt);
    expect(orderIdForCommand('cmd-a', receivedAt)).toBe(id);
    expect(orderIdForCommand('cmd-b', receivedAt)).not.toBe(id);
    const many = new Set(
      Array.from({ length: 10_000 }, (_, i) => orderIdForCommand(`cmd-${i}`, receivedAt)),
    );
    expect(many.size).toBe(10_000);
  });

  it('has the shape of a new order id and sorts by time', () => {
    const shape = /^\d{13}-[0-9a-z]{10}$/;
    expect(orderIdForCommand('cmd-a', 1_795_000_000_123)).toMatch(shape);
    expect(newOrderId(1_795_000_000_123)).toMatch(shape);
    const earlier = orderIdForCommand('zzz', 1_795_000_000_123);
    const later = orderIdForCommand('aaa', 1_795_000_000_124);
    expect([later, earlier].sort()).toEqual([earlier, later]);
  });
});
