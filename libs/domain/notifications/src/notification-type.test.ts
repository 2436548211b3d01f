import { describe, expect, it } from 'vitest';
import { NotificationError } from './notification-error.ts';
import {
  allowedModes,
  chooseDeliveryMode,
  deliveryMode,
  nextDeliveryMode,
  NotificationTypes,
} from './notification-type.ts';

describe('delivery modes', () => {
  it('defaults: fills and trading state on, order outcomes off, margin alerts on', () => {
    const defaults = Object.fromEntries(
      NotificationTypes.map((t) => [t, deliveryMode(t, undefined)]),
    );
    expect(defaults).toEqual({
      fill: 'on',
      orderCanceled: 'off',
      orderDenied: 'off',
      orderRejected: 'off',
      orderExpired: 'off',
      marginWarning: 'on',
      marginCall: 'on',
      tradingState: 'on',
    });
  });

  it('margin alerts can be silenced but never turned off', () => {
    expect(allowedModes('marginCall')).toEqual(['on', 'silent']);
    expect(chooseDeliveryMode('marginWarning', 'silent')).toBe('silent');
    expect(() => chooseDeliveryMode('marginCall', 'off')).toThrow(NotificationError);
    expect(() => chooseDeliveryMode('marginCall', 'off')).toThrow(/cannot be turned off/);
    // A stored `off` (written before the type became mandatory) still delivers.
    expect(deliveryMode('marginCall', 'off')).toBe('on');
    expect(chooseDeliveryMode('fill', 'off')).toBe('off');
  });

  it('a settings button cycles through the allowed modes only', () => {
    expect(nextDeliveryMode('fill', 'on')).toBe('silent');
    expect(nextDeliveryMode('fill', 'silent')).toBe('off');
    expect(nextDeliveryMode('fill', 'off')).toBe('on');
    expect(nextDeliveryMode('marginCall', 'silent')).toBe('on');
    expect(nextDeliveryMode('marginCall', 'on')).toBe('silent');
  });
});
