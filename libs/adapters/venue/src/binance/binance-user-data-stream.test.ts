// Binance's user data stream against the stand-in: orders placed through the real client, their
// ORDER_TRADE_UPDATE events turned into commands under reconciliation's ids; the listen key
// replaced when it lapses, the stream connected again with it.
import type { CommandEnvelope } from '@perp/contracts';
import { waitFor } from '@perp/test-services';
import type { AccountId, InstrumentSymbol } from '@perp/trading-domain';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startBinanceStandIn, type BinanceStandIn } from '../stand-ins.ts';
import { orderRequest } from '../test-support/order-request.ts';
import { BinanceClient } from './binance-client.ts';
import { BinanceUserDataStream } from './binance-user-data-stream.ts';

const BTC = 'BTC-PERP' as InstrumentSymbol;
const symbols = { 'BTC-PERP': 'BTCUSDT' };

let standIn: BinanceStandIn;
let client: BinanceClient;
beforeAll(async () => {
  standIn = await startBinanceStandIn({ keys: { key: 'secret' } });
  client = new BinanceClient({
    url: standIn.url,
    network: 'mainnet',
    apiKey: 'key',
    apiSecret: 'secret',
    symbols,
    timeoutMs: 2_000,
  });
});
afterAll(() => standIn.close());

const streams: BinanceUserDataStream[] = [];
afterEach(async () => {
  await Promise.all(streams.splice(0).map((s) => s.stop()));
});

async function follow() {
  const commands: CommandEnvelope[] = [];
  const stream = new BinanceUserDataStream({
    client,
    url: `${standIn.url.replace('http', 'ws')}/ws`,
    network: 'mainnet',
    accountId: 'alice' as AccountId,
    symbols,
    onCommand: (command) => {
      commands.push(command);
    },
    reconnectDelayMs: 20,
  });
  streams.push(stream);
  await stream.start();
  await waitFor(async () => (stream.connected ? true : undefined), {
    what: 'connected',
    timeoutMs: 5_000,
    intervalMs: 10,
  });
  return { stream, commands };
}

const until = (what: string, probe: () => boolean) =>
  waitFor(async () => (probe() ? true : undefined), { what, timeoutMs: 5_000, intervalMs: 10 });

describe('BinanceUserDataStream', () => {
  it("turns our orders' updates into commands with reconciliation's ids; foreign orders are skipped", async () => {
    const { commands } = await follow();
    const request = orderRequest({ symbol: BTC, price: '59000', quantity: '0.01' });
    const placed = await client.placeOrder(request);
    const orderId = Number(placed.outcome === 'accepted' ? placed.venueOrderId : 0);
    await client.placeOrder(
      orderRequest(
        { symbol: BTC, price: '58000', quantity: '0.01' },
        { orderId: 'web_manual1' as never },
      ),
    );
    standIn.fill(orderId, '0.004');
    await client.cancelOrder(request);
    const ioc = orderRequest(
      { symbol: BTC, price: '59000', quantity: '0.01' },
      { timeInForce: 'ioc' },
    );
    await client.placeOrder(ioc);
    await until('five commands', () => commands.length >= 5);
    expect(commands.map((c) => c.commandId)).toEqual([
      `binance-usdm:accepted:${request.orderId}`,
      expect.stringMatching(new RegExp(`^binance-usdm:fill:\\d+:${request.orderId}$`)) as unknown,
      `binance-usdm:canceled:${request.orderId}`,
      `binance-usdm:accepted:${ioc.orderId}`,
      `binance-usdm:expired:${ioc.orderId}`,
    ]);
    expect(commands[1]?.type === 'venue.orderFilled' && commands[1].payload).toMatchObject({
      venueOrderId: String(orderId),
      price: '59000',
      quantity: '0.004',
      fee: '0.0472',
      liquidity: 'maker',
    });
    expect(commands[4]?.type === 'venue.orderExpired' && commands[4].payload).toMatchObject({
      reason: 'VENUE_EXPIRED',
    });
  });

  it('replaces a lapsed listen key and connects again with it; a cut connection reconnects', async () => {
    const { stream, commands } = await follow();
    standIn.expireListenKeys();
    await until('a new key', () => stream.listenKeys === 2 && stream.connected);
    expect(standIn.listenKeys).toHaveLength(1);
    const request = orderRequest({ symbol: BTC, price: '59100', quantity: '0.01' });
    await client.placeOrder(request);
    await until('the order on the new key', () =>
      commands.some((c) => c.commandId === `binance-usdm:accepted:${request.orderId}`),
    );
    const before = stream.connections;
    standIn.dropStreams();
    await until('reconnected', () => stream.connections > before && stream.connected);
    await client.cancelOrder(request);
    await until('the cancel after the cut', () =>
      commands.some((c) => c.commandId === `binance-usdm:canceled:${request.orderId}`),
    );
    await stream.stop();
    expect(standIn.listenKeys).toEqual([]);
  });
});
