import type { InstrumentSymbol } from '@perp/trading-domain';
import { describe, expect, it } from 'vitest';
import { escapeHtml, raw, tgHtml } from './html.ts';
import type { MarginNotification } from './notification.ts';
import { notificationOfReport } from './notification-of-report.ts';
import { percent, renderNotification } from './render-notification.ts';
import { d, report, tradeReport } from './test-support/reports.ts';

const margin = (overrides: Partial<MarginNotification> = {}): MarginNotification => ({
  type: 'marginWarning',
  accountId: 'alice' as MarginNotification['accountId'],
  marginUtilization: d('0.825'),
  equity: d('1000.10'),
  maintenanceMargin: d('825.0825'),
  threshold: d('0.8'),
  ts: 0,
  ...overrides,
});

describe('renderNotification', () => {
  it('a fill: side, exact quantity and price, progress and fee', () => {
    const partial = notificationOfReport(tradeReport('0.25', '0.25'));
    const full = notificationOfReport(tradeReport('0.75', '1', 't-2'));
    if (!partial || !full) throw new Error('no notification');
    expect(renderNotification(partial)).toBe(
      '✅ <b>Partially filled</b>: BUY 0.25 BTC-PERP @ 60000.5\n' +
        'Order <code>c-1</code>: 0.25 of 1 filled · fee 0.0300003 USD\n' +
        'Account <code>alice</code>',
    );
    expect(renderNotification(full)).toMatch(/^✅ <b>Filled<\/b>: BUY 0.75 BTC-PERP/);
  });

  it('an order that ended says why', () => {
    const canceled = notificationOfReport(
      report({ execType: 'canceled', status: 'canceled', reason: 'CANCEL_ON_DISCONNECT' }),
    );
    if (!canceled) throw new Error('no notification');
    expect(renderNotification(canceled)).toBe(
      '<b>Order canceled</b>: BUY 1 BTC-PERP limit @ 60000\n' +
        'Order <code>c-1</code>: 0 of 1 filled · reason <code>CANCEL_ON_DISCONNECT</code>\n' +
        'Account <code>alice</code>',
    );
  });

  it('margin alerts: exact percentages, and unbounded when equity is gone', () => {
    expect(renderNotification(margin())).toBe(
      '⚠️ <b>Margin warning</b>: utilisation 82.5 % (warns at 80 %). Add collateral or reduce positions.\n' +
        'Equity 1000.1 USD · maintenance margin 825.0825 USD\n' +
        'Account <code>alice</code>',
    );
    const call = renderNotification(
      margin({ type: 'marginCall', marginUtilization: null, equity: d('-5'), threshold: d('1') }),
    );
    expect(call).toContain(
      '🚨 <b>Margin call</b>: utilisation unbounded (equity ≤ 0), at or above 100 %',
    );
    expect(call).toContain('Equity -5 USD');
  });

  it('a margin alert says how to get back under the threshold, a margin call what it did', () => {
    const symbol = 'BTC-PERP' as InstrumentSymbol;
    const warning = renderNotification(
      margin({
        remedy: {
          deposit: d('31.36'),
          close: [{ symbol, side: 'sell', quantity: d('0.012') }],
        },
      }),
    );
    expect(warning).toContain(
      'To get under 80 %: deposit 31.36 USD or close 0.012 BTC-PERP (sell) (at mark).',
    );
    const call = renderNotification(
      margin({
        type: 'marginCall',
        actions: { ordersCanceled: 2, closed: [{ symbol, side: 'buy', quantity: d('4.67') }] },
      }),
    );
    expect(call).toContain('Done: 2 open orders canceled; closed 4.67 BTC-PERP (buy).');
    expect(call).not.toContain('To get under');
  });

  it('trading state changes name the scope', () => {
    const text = renderNotification({
      type: 'tradingState',
      accountId: 'alice' as MarginNotification['accountId'],
      scope: 'symbol',
      target: 'ETH-PERP',
      state: 'reducing',
      ts: 0,
    });
    expect(text).toBe(
      'Trading state (ETH-PERP): <b>reducing</b>, only orders that reduce a position pass\n' +
        'Account <code>alice</code>',
    );
  });
});

describe('tgHtml', () => {
  it('escapes what Telegram reads as markup, in values only', () => {
    expect(escapeHtml('a<b>&c')).toBe('a&lt;b&gt;&amp;c');
    const id = '<i>x</i>&';
    expect(tgHtml`<b>${id}</b>`).toBe('<b>&lt;i&gt;x&lt;/i&gt;&amp;</b>');
    expect(tgHtml`<b>${raw('<i>ok</i>')}</b>`).toBe('<b><i>ok</i></b>');
  });

  it('percent is exact', () => {
    expect(percent(d('0.123456789'))).toBe('12.3456789 %');
    expect(percent(d('1'))).toBe('100 %');
  });
});
