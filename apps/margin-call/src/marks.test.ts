import { Decimal } from '@perp/decimal';
import { listedInstrument, SEED_INSTRUMENTS } from '@perp/demo-seed';
import type { InstrumentSymbol } from '@perp/trading-domain';
import { VenueRequestError, VenueUnavailableError, type VenueMarket } from '@perp/venue-adapter';
import { describe, expect, it } from 'vitest';
import { MarkBook } from './marks.ts';

// The classification of what a venue answers; the sim-venue itself always answers a current
// mark, so an old one (a real venue's stalled oracle) is given here by the venue's interface.
const btc = 'BTC-PERP' as InstrumentSymbol;
const now = 1_800_000_000_000;
const instruments = new Map(SEED_INSTRUMENTS.map((seed) => [seed.symbol, listedInstrument(seed)]));
const market = (ts: number): VenueMarket => ({
  symbol: btc,
  markPrice: Decimal.parse('60000'),
  indexPrice: Decimal.parse('60000'),
  bestBid: null,
  bestAsk: null,
  ts,
});
const book = (answer: () => Promise<VenueMarket>) =>
  new MarkBook({ venue: { market: answer }, instruments, maxAgeMs: 60_000, clock: () => now });

describe('MarkBook', () => {
  it('gives a mark up to the age limit, and none past it', async () => {
    expect(await book(async () => market(now - 60_000)).get(btc)).toMatchObject({ ok: true });
    expect(await book(async () => market(now - 60_001)).get(btc)).toMatchObject({
      ok: false,
      reason: 'MARK_STALE',
    });
  });

  it('a venue that does not answer, or does not list the symbol, gives no mark', async () => {
    const down = book(async () => {
      throw new VenueUnavailableError('timeout');
    });
    expect(await down.get(btc)).toMatchObject({ ok: false, reason: 'MARK_MISSING' });
    const unlisted = book(async () => {
      throw new VenueRequestError('HTTP_404', 'not listed');
    });
    expect(await unlisted.get(btc)).toMatchObject({ ok: false, reason: 'MARK_MISSING' });
    expect(await down.get('DOGE-PERP' as InstrumentSymbol)).toMatchObject({
      ok: false,
      reason: 'UNKNOWN_INSTRUMENT',
    });
  });

  it('asks the venue once per symbol per run, again only on refresh', async () => {
    let asked = 0;
    const marks = book(async () => {
      asked += 1;
      return market(now);
    });
    await Promise.all([marks.get(btc), marks.get(btc)]);
    expect(asked).toBe(1);
    await marks.refresh(btc);
    expect(asked).toBe(2);
  });
});
