// The Hyperliquid feeds (orderUpdates, userFills) against the stand-in's WebSocket, orders placed
// through the real client: each fact becomes one command under the id reconciliation uses too.
import type { CommandEnvelope } from '@perp/contracts';
import { waitFor } from '@perp/test-services';
import type { AccountId, InstrumentSymbol } from '@perp/trading-domain';
import { Wallet } from 'ethers';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startHyperliquidStandIn, type HyperliquidStandIn } from '../stand-ins.ts';
import { orderRequest } from '../test-support/order-request.ts';
import { HyperliquidClient } from './hyperliquid-client.ts';
import { HyperliquidEventStream } from './hyperliquid-event-stream.ts';

const AGENT = Wallet.createRandom();
const MASTER = Wallet.createRandom().address.toLowerCase();
const ETH = 'ETH-PERP' as InstrumentSymbol;
const coins = { 'ETH-PERP': 'ETH' };

let standIn: HyperliquidStandIn;
let client: HyperliquidClient;
beforeAll(async () => {
  standIn = await startHyperliquidStandIn({ agents: { [AGENT.address]: MASTER } });
  client = new HyperliquidClient({
    url: standIn.url,
    network: 'mainnet',
    agentPrivateKey: AGENT.privateKey,
    masterAddress: MASTER,
    coins,
    timeoutMs: 2_000,
  });
});
afterAll(() => standIn.close());

const streams: HyperliquidEventStream[] = [];
afterEach(async () => {
  await Promise.all(streams.splice(0).map((s) => s.stop()));
});

function follow(
  options: { pingIntervalMs?: number; refuse?: (command: CommandEnvelope) => boolean } = {},
) {
  const commands: CommandEnvelope[] = [];
  const { refuse, ...rest } = options;
  const stream = new HyperliquidEventStream({
    url: standIn.url.replace('http', 'ws') + '/ws',
    network: 'mainnet',
    user: MASTER,
    accountId: 'alice' as AccountId,
    coins,
    resolveOid: (oid) => client.orderIdOfOid(oid),
    onCommand: (command) => {
      if (refuse?.(command)) throw new Error('the queue is down (test)');
      commands.push(command);
    },
    reconnectDelayMs: 20,
    ...rest,
  });
  streams.push(stream);
  stream.start();
  return { stream, commands };
}

const until = <T>(what: string, probe: () => T | undefined) =>
  waitFor(async () => probe(), { what, timeoutMs: 5_000, intervalMs: 10 });

describe('HyperliquidEventStream', () => {
  it("turns our orders' updates and fills into commands with reconciliation's ids, and skips foreign ones", async () => {
    const { stream, commands } = follow();
    await until('connected', () => (stream.connected ? true : undefined));
    // Subscriptions are answered before anything is placed.
    await new Promise((resolve) => setTimeout(resolve, 50));
    const request = orderRequest({ symbol: ETH, price: '2800', quantity: '0.01' });
    const placed = await client.placeOrder(request);
    const oid = Number(placed.outcome === 'accepted' ? placed.venueOrderId : 0);
    standIn.restForeign({ user: MASTER, coin: 'ETH', limitPx: '2700', sz: '0.01' });
    standIn.fill(oid, '0.004');
    await client.cancelOrder(request);
    await until('accepted, fill, canceled', () =>
      commands.some((c) => c.type === 'venue.orderCanceled') ? true : undefined,
    );
    const ids = commands.map((c) => c.commandId);
    expect(ids).toEqual([
      `hyperliquid:accepted:${request.orderId}`,
      expect.stringMatching(new RegExp(`^hyperliquid:fill:\\d+:${request.orderId}$`)) as unknown,
      `hyperliquid:accepted:${request.orderId}`, // the update after the fill: open, still
      `hyperliquid:canceled:${request.orderId}`,
    ]);
    expect(new Set(commands.map((c) => c.accountId))).toEqual(new Set(['alice']));
    const fill = commands[1];
    expect(fill?.type === 'venue.orderFilled' && fill.payload).toMatchObject({
      venueOrderId: String(oid),
      price: '2800',
      quantity: '0.004',
      fee: '0.00168',
      liquidity: 'maker',
      symbol: ETH,
    });
  });

  it('after a reconnect: subscribes again, the fills snapshot repeats the same commands, new facts follow', async () => {
    const { stream, commands } = follow();
    await until('connected', () => (stream.connected ? true : undefined));
    await until('the snapshot', () => (commands.length > 0 ? true : undefined));
    const snapshot = commands.map((c) => c.commandId);
    expect(snapshot.every((id) => id.startsWith('hyperliquid:fill:'))).toBe(true);
    standIn.dropSockets();
    await until('reconnected', () =>
      stream.connections >= 2 && stream.connected ? true : undefined,
    );
    await until('the snapshot again', () =>
      commands.length >= snapshot.length * 2 ? true : undefined,
    );
    expect(commands.slice(snapshot.length).map((c) => c.commandId)).toEqual(snapshot);
    const request = orderRequest({ symbol: ETH, price: '2810', quantity: '0.01' });
    await client.placeOrder(request);
    await until('the new order', () =>
      commands.some((c) => c.commandId === `hyperliquid:accepted:${request.orderId}`)
        ? true
        : undefined,
    );
    await client.cancelOrder(request);
  });

  it('a command it could not hand over comes again: it resubscribes and the fills snapshot repeats it', async () => {
    let refusals = 1;
    const { stream, commands } = follow({
      refuse: (command) => command.type === 'venue.orderFilled' && refusals-- > 0,
    });
    await until('the snapshot after a resubscription', () =>
      stream.connections >= 2 && commands.some((c) => c.type === 'venue.orderFilled')
        ? true
        : undefined,
    );
    expect(refusals).toBeLessThan(0);
  });

  it('keeps the connection alive with pings', async () => {
    const before = standIn.pings;
    const { stream } = follow({ pingIntervalMs: 30 });
    await until('connected', () => (stream.connected ? true : undefined));
    await until('pings', () => (standIn.pings - before >= 3 ? true : undefined));
    expect(stream.connections).toBe(1);
  });
});
