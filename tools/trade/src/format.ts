// Human-readable output. Values are printed as the gateway sent them: decimals are strings and
// are never turned into numbers.

type Row = Readonly<Record<string, unknown>>;

export interface Column {
  readonly key: string;
  readonly header: string;
  /** Right-aligned (numbers); default left. */
  readonly right?: boolean;
}

export function text(value: unknown): string {
  if (value === null || value === undefined) return '-';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/** An aligned table: a header line, then one line per row; `empty` when there are no rows. */
export function table(rows: readonly Row[], columns: readonly Column[], empty: string): string {
  if (rows.length === 0) return empty;
  const cells = rows.map((row) => columns.map((c) => text(row[c.key])));
  const widths = columns.map((c, i) =>
    Math.max(c.header.length, ...cells.map((line) => (line[i] ?? '').length)),
  );
  const line = (values: readonly string[]) =>
    values
      .map((v, i) => {
        const width = widths[i] ?? 0;
        return columns[i]?.right ? v.padStart(width) : v.padEnd(width);
      })
      .join('  ')
      .trimEnd();
  return [line(columns.map((c) => c.header)), ...cells.map((values) => line(values))].join('\n');
}

/** `key  value` lines, the keys padded to one width. */
export function keyValues(entries: readonly (readonly [string, unknown])[]): string {
  const width = Math.max(...entries.map(([key]) => key.length));
  return entries.map(([key, value]) => `${key.padEnd(width)}  ${text(value)}`).join('\n');
}

const ORDER_COLUMNS: readonly Column[] = [
  { key: 'orderId', header: 'ORDER ID' },
  { key: 'clientOrderId', header: 'CLIENT ORDER ID' },
  { key: 'symbol', header: 'SYMBOL' },
  { key: 'side', header: 'SIDE' },
  { key: 'type', header: 'TYPE' },
  { key: 'timeInForce', header: 'TIF' },
  { key: 'price', header: 'PRICE', right: true },
  { key: 'quantity', header: 'QTY', right: true },
  { key: 'filledQuantity', header: 'FILLED', right: true },
  { key: 'status', header: 'STATUS' },
];

export function ordersTable(orders: readonly Row[]): string {
  return table(orders, ORDER_COLUMNS, 'no open orders');
}

const POSITION_COLUMNS: readonly Column[] = [
  { key: 'symbol', header: 'SYMBOL' },
  { key: 'quantity', header: 'QTY', right: true },
  { key: 'entryPrice', header: 'ENTRY', right: true },
  { key: 'markPrice', header: 'MARK', right: true },
  { key: 'unrealizedPnl', header: 'UNREALIZED PNL', right: true },
  { key: 'realizedPnl', header: 'REALIZED PNL', right: true },
];

export function positionsTable(positions: readonly Row[]): string {
  return table(positions, POSITION_COLUMNS, 'no positions');
}

const ACCOUNT_FIELDS = [
  'accountId',
  'collateral',
  'equity',
  'unrealizedPnl',
  'initialMargin',
  'maintenanceMargin',
  'availableMargin',
  'marginUtilization',
  'tradingState',
] as const;

export function accountView(account: Row): string {
  return keyValues(ACCOUNT_FIELDS.map((key) => [key, account[key]] as const));
}

/**
 * telegram.link's answer: the deep link and when the code expires, then the code alone on the
 * last line, so a script can take it with `tail -n 1`.
 */
export function telegramLinkView(link: Row): string {
  const expiresAt =
    typeof link['expiresAt'] === 'number'
      ? new Date(link['expiresAt']).toISOString()
      : text(link['expiresAt']);
  return [
    `open ${text(link['url'])} in Telegram, or send /link ${text(link['code'])} to the bot`,
    `single use, expires ${expiresAt}`,
    text(link['code']),
  ].join('\n');
}

/** An execution report on one line: what happened, to which order, how much is filled. */
export function reportLine(report: Row): string {
  const parts = [
    `${text(report['status'])} (${text(report['execType'])})`,
    `${text(report['symbol'])} ${text(report['side'])} ${text(report['type'])}`,
    `${text(report['quantity'])}${report['price'] == null ? '' : ` @ ${text(report['price'])}`}`,
    `filled ${text(report['filledQuantity'])}`,
  ];
  if (report['lastFillQuantity'] != null)
    parts.push(`last ${text(report['lastFillQuantity'])} @ ${text(report['lastFillPrice'])}`);
  if (report['reason'] != null) parts.push(`reason ${text(report['reason'])}`);
  parts.push(
    `orderId=${text(report['orderId'])}`,
    `clientOrderId=${text(report['clientOrderId'])}`,
  );
  if (report['seq'] !== undefined) parts.push(`seq=${text(report['seq'])}`);
  return parts.join('  ');
}

/** `order.place`'s answer: the queue's ack, or (with --wait) the first execution report. */
export function placeResult(result: Row): string {
  if (result['execType'] !== undefined) return `order ${reportLine(result)}`;
  return `order ${text(result['status'])}  clientOrderId=${text(result['clientOrderId'])}  commandId=${text(result['commandId'])}`;
}

export function cancelResult(result: Row): string {
  return `cancel ${text(result['status'])}  clientOrderId=${text(result['clientOrderId'])}  commandId=${text(result['commandId'])}`;
}

export function cancelAllResult(result: Row): string {
  return `cancel-all queued  commandId=${text(result['commandId'])}`;
}

function levels(value: unknown, depth: number): string {
  if (!Array.isArray(value) || value.length === 0) return '-';
  return value
    .slice(0, depth)
    .map((level) => (Array.isArray(level) ? `${text(level[1])}@${text(level[0])}` : text(level)))
    .join(' ');
}

function isRow(value: unknown): value is Row {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function positionLine(p: Row): string {
  return `${text(p['symbol'])} qty ${text(p['quantity'])}  entry ${text(p['entryPrice'])}  mark ${text(p['markPrice'])}  upnl ${text(p['unrealizedPnl'])}  rpnl ${text(p['realizedPnl'])}`;
}

function accountLine(a: Row): string {
  return `equity ${text(a['equity'])}  available ${text(a['availableMargin'])}  utilization ${text(a['marginUtilization'])}  state ${text(a['tradingState'])}`;
}

function bookLine(book: Row): string {
  return `seq=${text(book['seq'])}  bids ${levels(book['bids'], 3)}  asks ${levels(book['asks'], 3)}`;
}

function count(value: unknown, noun: string): string {
  const n = Array.isArray(value) ? value.length : 0;
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function channelData(channel: string, data: Row): string {
  const snapshot = data['snapshot'] === true ? 'snapshot: ' : '';
  if (channel === 'orders')
    return snapshot
      ? `${snapshot}${count(data['orders'], 'open order')}, seq=${text(data['seq'])}`
      : reportLine(data);
  if (channel === 'fills')
    return `${text(data['symbol'])} ${text(data['side'])} ${text(data['quantity'])} @ ${text(data['price'])}  fee ${text(data['fee'])}  ${text(data['liquidity'])}  orderId=${text(data['orderId'])}  clientOrderId=${text(data['clientOrderId'])}  tradeId=${text(data['tradeId'])}`;
  if (channel === 'positions') {
    if (!snapshot) return positionLine(data);
    const positions = Array.isArray(data['positions']) ? (data['positions'] as Row[]) : [];
    return `${snapshot}${count(positions, 'position')}${positions.map((p) => `; ${positionLine(p)}`).join('')}`;
  }
  if (channel === 'account')
    return `${snapshot}${accountLine(isRow(data['account']) ? data['account'] : data)}`;
  if (channel.startsWith('book.'))
    return `${snapshot}${bookLine(isRow(data['book']) ? data['book'] : data)}`;
  if (channel.startsWith('trades.'))
    return `${text(data['takerSide'])} ${text(data['quantity'])} @ ${text(data['price'])}  tradeId=${text(data['tradeId'])}`;
  if (channel.startsWith('ticker.'))
    return `bid ${text(data['bestBidQuantity'])}@${text(data['bestBidPrice'])}  ask ${text(data['bestAskQuantity'])}@${text(data['bestAskPrice'])}  last ${text(data['lastPrice'])}  mark ${text(data['markPrice'])}`;
  return JSON.stringify(data);
}

/** One line per notification, led by its channel (or method, for other notifications). */
export function notificationLine(method: string, params: unknown): string {
  if (method !== 'subscription' || !isRow(params) || !isRow(params['data']))
    return `${method}  ${JSON.stringify(params)}`;
  const channel = text(params['channel']);
  return `${channel.padEnd(10)}  ${channelData(channel, params['data'])}`;
}

/** `error <code>: <message>`, and the error's data as JSON when there is any. */
export function rpcErrorLine(code: number, message: string, data: unknown): string {
  return `error ${code}: ${message}${data === undefined ? '' : ` ${JSON.stringify(data)}`}`;
}
