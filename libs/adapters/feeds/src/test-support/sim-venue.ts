import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Decimal } from '@perp/decimal';
import { startSimVenueProcess as startVenueProcess } from '@perp/local-stack';
import { SEED_INSTRUMENTS } from '@perp/demo-seed';
import type { NodeService } from '@perp/test-services';
import { identifierOf, type TimeInForce } from '@perp/trading-domain';
import { SimBook, SimVenueClient, type VenueOrderRequest } from '@perp/venue-adapter';

/** The sim-venue as a child process, as in production; its journal survives restarts. */
export interface SimVenueProcess {
  readonly url: string;
  readonly client: SimVenueClient;
  /** SIGKILL: an outage. */
  kill(): Promise<void>;
  /** Starts it again on the same port and data directory: the journal brings the book back. */
  restart(): Promise<void>;
  /** GET /v1/book/:symbol?depth=1000: the book with its seq, as deep as the stream's snapshots. */
  book(symbol: string): Promise<SimBook>;
  /** Open /v1/stream and /v1/market connections, from its metrics. */
  streamConnections(): Promise<number>;
  dispose(): Promise<void>;
}

export async function startSimVenueProcess(): Promise<SimVenueProcess> {
  const dataDir = await mkdtemp(join(tmpdir(), 'feeds-test-venue-'));
  const start = (port?: number) =>
    startVenueProcess({
      instruments: SEED_INSTRUMENTS.filter((i) => i.symbol === 'BTC-PERP'),
      dataDir,
      ...(port === undefined ? {} : { port }),
    });
  let service: NodeService = await start();
  const url = service.url;
  const client = new SimVenueClient({ baseUrl: url, timeoutMs: 5_000 });
  return {
    url,
    client,
    kill: () => service.kill(),
    async restart() {
      service = await start(service.port);
    },
    async book(symbol) {
      const response = await fetch(`${url}/v1/book/${encodeURIComponent(symbol)}?depth=1000`);
      return SimBook.parse(await response.json());
    },
    async streamConnections() {
      const text = await (await fetch(`${url}/metrics`)).text();
      const line = text.split('\n').find((l) => l.startsWith('sim_venue_stream_connections'));
      return Number(line?.split(' ').at(-1));
    },
    async dispose() {
      await service.stop(2_000);
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

let orderNumber = 0;

/** A limit order of account `mm` (or `accountId`) at `price`; gtc unless told otherwise. */
export function limitOrder(
  side: 'buy' | 'sell',
  price: string,
  quantity: string,
  overrides: { readonly accountId?: string; readonly timeInForce?: TimeInForce } = {},
): VenueOrderRequest {
  orderNumber += 1;
  return {
    accountId: identifierOf('AccountId', overrides.accountId ?? 'mm'),
    orderId: identifierOf('OrderId', `feeds-${process.pid}-${orderNumber}`),
    symbol: identifierOf('InstrumentSymbol', 'BTC-PERP'),
    side,
    type: 'limit',
    timeInForce: overrides.timeInForce ?? 'gtc',
    price: Decimal.parse(price),
    quantity: Decimal.parse(quantity),
    postOnly: false,
    reduceOnly: false,
  };
}
