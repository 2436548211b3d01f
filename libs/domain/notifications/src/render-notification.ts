import { Decimal } from '@perp/decimal';
import { raw, tgHtml } from './html.ts';
import type {
  FillNotification,
  MarginNotification,
  Notification,
  OrderEndedNotification,
  PositionClosed,
  TradingStateNotification,
} from './notification.ts';

// One collateral currency per account (docs/architecture.md): margins and fees are in USD.
const CURRENCY = 'USD';
const HUNDRED = Decimal.fromInt(100);

/** A ratio as an exact percentage: "0.825" → "82.5 %". */
export function percent(ratio: Decimal): string {
  return `${ratio.mul(HUNDRED).toString()} %`;
}

const accountLine = (accountId: string) => tgHtml`Account <code>${accountId}</code>`;

function renderFill(n: FillNotification): string {
  const complete = n.filledQuantity.eq(n.orderQuantity);
  const title = complete ? 'Filled' : 'Partially filled';
  const side = n.side.toUpperCase();
  return [
    tgHtml`✅ <b>${title}</b>: ${side} ${n.quantity.toString()} ${n.symbol} @ ${n.price.toString()}`,
    tgHtml`Order <code>${n.clientOrderId}</code>: ${n.filledQuantity.toString()} of ${n.orderQuantity.toString()} filled · fee ${n.fee.toString()} ${CURRENCY}`,
    accountLine(n.accountId),
  ].join('\n');
}

const ENDED_TITLE: Record<OrderEndedNotification['type'], string> = {
  orderCanceled: 'Order canceled',
  orderDenied: 'Order denied',
  orderRejected: 'Order rejected by the venue',
  orderExpired: 'Order expired',
};

function renderEnded(n: OrderEndedNotification): string {
  const price = n.price === null ? n.orderType : `${n.orderType} @ ${n.price.toString()}`;
  const reason = n.reason === null ? '' : tgHtml` · reason <code>${n.reason}</code>`;
  const side = n.side.toUpperCase();
  return [
    tgHtml`<b>${ENDED_TITLE[n.type]}</b>: ${side} ${n.orderQuantity.toString()} ${n.symbol} ${price}`,
    tgHtml`Order <code>${n.clientOrderId}</code>: ${n.filledQuantity.toString()} of ${n.orderQuantity.toString()} filled${raw(reason)}`,
    accountLine(n.accountId),
  ].join('\n');
}

function renderMargin(n: MarginNotification): string {
  const utilisation =
    n.marginUtilization === null ? 'unbounded (equity ≤ 0)' : percent(n.marginUtilization);
  const threshold = percent(n.threshold);
  const head =
    n.type === 'marginCall'
      ? tgHtml`🚨 <b>Margin call</b>: utilisation ${utilisation}, at or above ${threshold}. Open orders are canceled and positions reduced.`
      : tgHtml`⚠️ <b>Margin warning</b>: utilisation ${utilisation} (warns at ${threshold}). Add collateral or reduce positions.`;
  const lines = [
    head,
    tgHtml`Equity ${n.equity.toString()} ${CURRENCY} · maintenance margin ${n.maintenanceMargin.toString()} ${CURRENCY}`,
  ];
  if (n.actions !== undefined) {
    const closed = n.actions.closed.length > 0 ? closes(n.actions.closed) : 'nothing';
    lines.push(
      tgHtml`Done: ${String(n.actions.ordersCanceled)} open orders canceled; closed ${closed}.`,
    );
  }
  if (n.remedy !== undefined && n.remedy.deposit.isPositive()) {
    const close = n.remedy.close.length > 0 ? tgHtml` or close ${closes(n.remedy.close)}` : '';
    lines.push(
      tgHtml`To get under ${threshold}: deposit ${n.remedy.deposit.toString()} ${CURRENCY}${raw(close)} (at mark).`,
    );
  }
  lines.push(accountLine(n.accountId));
  return lines.join('\n');
}

/** "0.334 BTC-PERP (sell), 4.67 ETH-PERP (buy)". */
function closes(list: readonly PositionClosed[]): string {
  return list.map((c) => `${c.quantity.toString()} ${c.symbol} (${c.side})`).join(', ');
}

const STATE_MEANING = {
  active: 'trading as usual',
  reducing: 'only orders that reduce a position pass',
  halted: 'only cancels pass',
} as const;

function renderTradingState(n: TradingStateNotification): string {
  const where =
    n.scope === 'global' ? 'whole platform' : n.scope === 'symbol' ? (n.target ?? '?') : 'account';
  return [
    tgHtml`Trading state (${where}): <b>${n.state}</b>, ${STATE_MEANING[n.state]}`,
    accountLine(n.accountId),
  ].join('\n');
}

/** The message a chat receives, in Telegram's HTML parse mode, decimals exact. */
export function renderNotification(notification: Notification): string {
  switch (notification.type) {
    case 'fill':
      return renderFill(notification);
    case 'orderCanceled':
    case 'orderDenied':
    case 'orderRejected':
    case 'orderExpired':
      return renderEnded(notification);
    case 'marginWarning':
    case 'marginCall':
      return renderMargin(notification);
    case 'tradingState':
      return renderTradingState(notification);
  }
}
