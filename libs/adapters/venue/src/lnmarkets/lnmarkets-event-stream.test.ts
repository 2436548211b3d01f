// The LN Markets event stream against the stand-in's Stream v1 (JSON-RPC over a WebSocket): it
// authenticates, subscribes to the cross orders, turns them into the venue.* commands
// reconciliation builds for the same facts, and authenticates and subscribes again after a cut.
import type { CommandEnvelope } from '@perp/contracts';
import { Decimal } from '@perp/decimal';
import { defined } from '@perp/test-services';
import type { AccountId, InstrumentSymbol, OrderId, VenueName } from '@perp/trading-domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { venueFillCommand, venueStateCommand } from '../connector/venue-commands.ts';
import { startLnMarketsStandIn, type LnMarketsStandIn } from '../stand-ins.ts';
import { orderRequest } from '../test-support/order-request.ts';
import type { VenueOrderRequest } from '../venue-client.ts';
import { LnMarketsClient } from './lnmarkets-client.ts';
import {
  LnMarketsEventStream,
  type LnMarketsEventStreamOptions,
} from './lnmarkets-event-stream.ts';

const d = Decimal.parse;
const BTC = 'BTC-PERP' as InstrumentSymbol;
const KEY = 'lnm-stream-key';
const SECRET = 'lnm-stream-secret-never-printed';
const PASSPHRASE = 'lnm-stream-passphrase-never-printed';
const credentials = { key: KEY, secret: SECRET, passphrase: PASSPHRASE };
const symbols = { 'BTC-PERP': 'btc_usd' };

let standIn: LnMarketsStandIn;
let venue: LnMarketsClient;
beforeAll(async () => {
  standIn = await startLnMarketsStandIn({
    keys: { [KEY]: { secret: SECRET, passphrase: PASSPHRASE } },
    requestsPerSecond: 1_000,
  });
  venue = new LnMarketsClient({
    url: standIn.url,
    network: 'mainnet',
    credentials,
    symbols,
    accountId: 'alice' as AccountId,
    requestsPerSecond: 1_000,
  });
});
afterAll(() => standIn.close());

const order = (overrides: Partial<VenueOrderRequest> = {}) =>
  orderRequest({ symbol: BTC, price: '59000.5', quantity: '100' }, overrides);

async function until(condition: () => boolean, what: string, timeoutMs = 3_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

function stream(overrides: Partial<LnMarketsEventStreamOptions> = {}) {
  const commands: CommandEnvelope[] = [];
  const warnings: string[] = [];
  const events = new LnMarketsEventStream({
    url: standIn.streamUrl,
    network: 'mainnet',
    credentials,
    accountId: 'alice' as AccountId,
    symbols,
    onCommand: (command) => {
      commands.push(command);
    },
    logger: {
      info: () => undefined,
      warn: (obj, msg) =>
        warnings.push(`${msg} ${JSON.stringify(obj)} ${String((obj as { err?: unknown }).err)}`),
    },
    reconnectDelayMs: 20,
    ...overrides,
  });
  return { events, commands, warnings };
}

const ofOrder = (commands: CommandEnvelope[], orderId: OrderId) =>
  commands.filter((c) => (c.payload as { orderId?: string }).orderId === orderId);

describe('LnMarketsEventStream', () => {
  it('turns the cross orders feed into the commands reconciliation builds, under the same ids', async () => {
    const { events, commands } = stream();
    await events.start();
    try {
      await until(() => events.subscribed, 'the subscription');
      const resting = order();
      await venue.placeOrder(resting);
      await until(() => ofOrder(commands, resting.orderId).length === 1, 'the accepted order');
      const [accepted] = ofOrder(commands, resting.orderId);
      expect(accepted?.type).toBe('venue.orderAccepted');
      const context = { venue: 'lnmarkets' as VenueName, receivedAt: 0 };
      const polled = venueStateCommand(
        defined(await venue.getOrder(resting), 'the resting order at the venue'),
        resting,
        context,
      );
      expect(polled?.ok && polled.command.commandId).toBe(accepted?.commandId);

      // A fee in sats whose USD value at 59000.5 needs 19 digits: 0.0997836851228529455.
      standIn.fill(defined(standIn.orders.at(-1), 'the resting order at the venue').id, {
        tradingFee: d('169.1234567891'),
      });
      await until(() => ofOrder(commands, resting.orderId).length === 3, 'the fill');
      const fill = ofOrder(commands, resting.orderId).find((c) => c.type === 'venue.orderFilled');
      expect(fill?.payload).toMatchObject({
        tradeId: defined(standIn.orders.at(-1), 'the filled order at the venue').id,
        price: '59000.5',
        quantity: '100',
        // 169.1234567891 x 10^-8 x 59000.5 in USD, rounded toward +infinity at the 18th digit.
        fee: '0.099783685122852946',
        liquidity: 'maker',
      });
      const [polledFill] = await venue.orderFills(resting);
      expect(polledFill?.fee.toString()).toBe('0.099783685122852946');
      const reconciled = venueFillCommand(defined(polledFill, 'the polled fill'), resting, context);
      expect(reconciled.ok && reconciled.command.commandId).toBe(fill?.commandId);

      const canceled = order({ price: d('50000') });
      await venue.placeOrder(canceled);
      await venue.cancelOrder(canceled);
      await until(() => ofOrder(commands, canceled.orderId).length === 2, 'the cancel');
      expect(ofOrder(commands, canceled.orderId).map((c) => c.type)).toEqual([
        'venue.orderAccepted',
        'venue.orderCanceled',
      ]);

      const taken = order({ type: 'market', price: null, timeInForce: 'ioc' });
      await venue.placeOrder(taken);
      await until(() => ofOrder(commands, taken.orderId).length === 2, 'the market order');
      expect(
        ofOrder(commands, taken.orderId).map((c) => [
          c.type,
          (c.payload as { liquidity?: string }).liquidity,
        ]),
      ).toEqual([
        ['venue.orderAccepted', undefined],
        ['venue.orderFilled', 'taker'],
      ]);
      // 100 USD at the ask, 60000.5, is 166 665 sats; 0.1 % of it is 167 sats, in USD at 60000.5.
      expect(
        ofOrder(commands, taken.orderId).find((c) => c.type === 'venue.orderFilled')?.payload,
      ).toMatchObject({ price: '60000.5', fee: '0.100200835' });

      // An order another client of the account placed is not the platform's.
      const before = commands.length;
      await venue.placeOrder(order({ orderId: 'web_manual_9' as OrderId }));
      await venue.openOrders();
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(commands.length).toBe(before);
    } finally {
      await events.stop();
    }
  });

  it('authenticates and subscribes again after the connection is cut', async () => {
    const { events, commands } = stream();
    await events.start();
    try {
      await until(() => events.subscribed, 'the subscription');
      const authenticated = standIn.streamAuthentications;
      standIn.dropStreams();
      await until(() => events.connections === 2 && events.subscribed, 'the second subscription');
      expect(standIn.streamAuthentications).toBe(authenticated + 1);
      expect(standIn.streamSubscribers(KEY)).toBe(1);
      const after = order();
      await venue.placeOrder(after);
      await until(() => ofOrder(commands, after.orderId).length === 1, 'an event after the cut');
    } finally {
      await events.stop();
    }
  });

  it('is refused with a wrong secret: never subscribed, connects again, never logs the secret', async () => {
    const wrong = `${SECRET}-wrong`;
    const { events, warnings } = stream({ credentials: { ...credentials, secret: wrong } });
    const authenticated = standIn.streamAuthentications;
    await events.start();
    try {
      await until(() => events.connections >= 2, 'a second attempt');
      expect(events.subscribed).toBe(false);
      expect(standIn.streamAuthentications).toBe(authenticated);
      expect(warnings.join('\n')).toMatch(/authentication refused: Authentication failed/);
      for (const text of warnings) {
        expect(text).not.toContain(SECRET);
        expect(text).not.toContain(PASSPHRASE);
      }
    } finally {
      await events.stop();
    }
  });
});
