import { newOrderId, type OrderId } from '@perp/trading-domain';
import { describe, expect, it } from 'vitest';
import { cloidOf, orderIdOfCloid } from './cloid.ts';

describe('cloidOf', () => {
  it("maps the OMS's order ids to 16-byte cloids and back", () => {
    for (let i = 0; i < 200; i += 1) {
      const orderId = newOrderId(1_795_000_000_000 + i * 7_919);
      const cloid = cloidOf(orderId);
      expect(cloid).toMatch(/^0x01[0-9a-f]{30}$/);
      expect(orderIdOfCloid(cloid)).toBe(orderId);
      expect(orderIdOfCloid(cloid.toUpperCase().replace('0X', '0x'))).toBe(orderId);
    }
  });

  it('keeps the extremes of the id grammar exact', () => {
    for (const orderId of ['0000000000000-0000000000', '9999999999999-zzzzzzzzzz'] as OrderId[])
      expect(orderIdOfCloid(cloidOf(orderId))).toBe(orderId);
  });

  it('gives distinct ids distinct cloids', () => {
    const ids = Array.from({ length: 1_000 }, () => newOrderId(1_795_000_000_000));
    expect(new Set(ids.map(cloidOf)).size).toBe(new Set(ids).size);
  });

  it('hashes ids of another shape, which then do not map back', () => {
    const cloid = cloidOf('o-1' as OrderId);
    expect(cloid).toMatch(/^0x02[0-9a-f]{30}$/);
    expect(cloidOf('o-1' as OrderId)).toBe(cloid);
    expect(cloidOf('o-2' as OrderId)).not.toBe(cloid);
    expect(orderIdOfCloid(cloid)).toBeUndefined();
  });

  it("treats cloids outside the scheme as foreign (another client's orders)", () => {
    for (const foreign of [
      '0x00000000000000000000000000000001',
      '0x01ffffffffffff00ffffffffffffffff', // ms beyond 13 digits, suffix beyond 10 characters
      '0x1234',
      'not-a-cloid',
    ])
      expect(orderIdOfCloid(foreign)).toBeUndefined();
  });
});
