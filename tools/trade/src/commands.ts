import type { Command } from './args.ts';
import {
  accountView,
  cancelAllResult,
  cancelResult,
  notificationLine,
  ordersTable,
  placeResult,
  positionsTable,
  telegramLinkView,
} from './format.ts';
import type { Channel, RpcParamsInput } from '@perp/contracts';
import type { TraderClient } from '@perp/trader-client';

/** Where a command writes its output: stdout lines. */
export type Print = (line: string) => void;

type Row = Record<string, unknown>;

/** `--wait`: the gateway itself waits up to 5 s for the OMS's verdict. */
const WAIT_TIMEOUT_MS = 15_000;

/** Runs one request command; prints the result (raw JSON with `json`). */
export async function runRequest(
  client: TraderClient,
  command: Exclude<Command, { name: 'help' | 'watch' | 'sim-price' }>,
  json: boolean,
  print: Print,
): Promise<void> {
  const show = (result: unknown, human: (r: never) => string) =>
    print(json ? JSON.stringify(result) : human(result as never));
  switch (command.name) {
    case 'place': {
      const timeoutMs = command.params.respType === 'result' ? WAIT_TIMEOUT_MS : undefined;
      // As the user typed them: the gateway judges them, and its -32602 names the field.
      const params = command.params as RpcParamsInput<'order.place'>;
      show(await client.call('order.place', params, { timeoutMs }), (r: Row) => placeResult(r));
      return;
    }
    case 'cancel':
      show(await client.call('order.cancel', command.params), (r: Row) => cancelResult(r));
      return;
    case 'cancel-all':
      show(await client.call('order.cancelAll', command.params), (r: Row) => cancelAllResult(r));
      return;
    case 'open':
      show(await client.call('orders.open', command.params), (r: Row[]) => ordersTable(r));
      return;
    case 'positions':
      show(await client.call('positions.list'), (r: Row[]) => positionsTable(r));
      return;
    case 'account':
      show(await client.call('account.get'), (r: Row) => accountView(r));
      return;
    case 'telegram-link':
      show(await client.call('telegram.link'), (r: Row) => telegramLinkView(r));
      return;
  }
}

/**
 * `watch`: subscribes, then prints every notification (one line, or one JSON document per line)
 * until `stop` resolves or the server closes the socket.
 */
export async function runWatch(
  client: TraderClient,
  command: Extract<Command, { name: 'watch' }>,
  json: boolean,
  print: Print,
  stop: Promise<void>,
): Promise<'stopped' | 'closed'> {
  const show = (method: string, params: unknown) =>
    print(json ? JSON.stringify({ method, params }) : notificationLine(method, params));
  client.on('notification', (params) => show('subscription', params));
  client.on('notice', ({ method, params }) => show(method, params));
  // Names are the gateway's to judge: its -32602 names the bad channel.
  const result = await client.subscribe(command.channels as Channel[], command.since);
  if (!json) print(`subscribed ${result.subscribed.join(', ')} (Ctrl-C stops)`);
  return Promise.race([
    stop.then(() => 'stopped' as const),
    client.closed.then(() => 'closed' as const),
  ]);
}
