import type {
  AccountSnapshot,
  Fill as WireFill,
  Order as WireOrder,
  Position as WirePosition,
} from '@perp/contracts';
import { Decimal } from '@perp/decimal';
import { escapeHtml, percent } from '@perp/notifications';

// The answers of /status, /positions, /orders and /fills: the wire views the gateway answers
// with, in a few lines of HTML; decimals exactly as the platform states them.

const code = (text: string) => `<code>${escapeHtml(text)}</code>`;
const head = (accountId: string) => `<b>${escapeHtml(accountId)}</b>`;

export function statusText(accountId: string, s: AccountSnapshot): string {
  const utilisation =
    s.marginUtilization === null
      ? 'unbounded (equity ≤ 0)'
      : percent(Decimal.parse(s.marginUtilization));
  return [
    head(accountId),
    `Equity ${s.equity} USD (collateral ${s.collateral}, unrealised PnL ${s.unrealizedPnl})`,
    `Available margin ${s.availableMargin} USD · utilisation ${utilisation}`,
    `Trading: ${escapeHtml(s.tradingState)}`,
  ].join('\n');
}

export function positionsText(accountId: string, positions: readonly WirePosition[]): string {
  const open = positions.filter((p) => !Decimal.parse(p.quantity).isZero());
  if (open.length === 0) return `${head(accountId)}: no open position`;
  return [
    head(accountId),
    ...open.map((p) => {
      const quantity = Decimal.parse(p.quantity);
      const side = quantity.isNegative() ? 'short' : 'long';
      return `${escapeHtml(p.symbol)} ${side} ${quantity.abs().toString()} @ ${p.entryPrice ?? '–'} · mark ${p.markPrice} · uPnL ${p.unrealizedPnl} USD`;
    }),
  ].join('\n');
}

const MAX_LINES = 20;

function capped(lines: readonly string[], noun: string): string[] {
  if (lines.length <= MAX_LINES) return [...lines];
  return [...lines.slice(0, MAX_LINES), `… and ${lines.length - MAX_LINES} more ${noun}`];
}

export function ordersText(accountId: string, orders: readonly WireOrder[]): string {
  if (orders.length === 0) return `${head(accountId)}: no open order`;
  const lines = orders.map((o) => {
    const price = o.price === null ? o.type : `${o.type} @ ${o.price}`;
    return `${o.side.toUpperCase()} ${o.quantity} ${escapeHtml(o.symbol)} ${price} · filled ${o.filledQuantity} · ${code(o.clientOrderId)}`;
  });
  return [head(accountId), ...capped(lines, 'orders')].join('\n');
}

const time = (ts: number) =>
  new Date(ts)
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, ' UTC');

export function fillsText(accountId: string, fills: readonly WireFill[]): string {
  if (fills.length === 0) return `${head(accountId)}: no fill yet`;
  return [
    head(accountId),
    ...fills.map(
      (f) =>
        `${f.side.toUpperCase()} ${f.quantity} ${escapeHtml(f.symbol)} @ ${f.price} · fee ${f.fee} USD · ${f.liquidity} · ${time(f.ts)}`,
    ),
  ].join('\n');
}
