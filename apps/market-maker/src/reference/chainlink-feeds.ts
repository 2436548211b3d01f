import { getAddress, isAddress } from 'ethers';
import {
  parseInstrumentSymbol,
  type InstrumentSymbol,
  type ParseResult,
} from '@perp/trading-domain';

/** Why `MARKET_MAKER_CHAINLINK_FEEDS` was refused: one line per bad entry. */
export class ChainlinkFeedsError extends Error {
  readonly code = 'INVALID_CHAINLINK_FEEDS';
  readonly problems: readonly string[];

  constructor(problems: readonly string[]) {
    super(`MARKET_MAKER_CHAINLINK_FEEDS: ${problems.join('; ')}`);
    this.name = 'ChainlinkFeedsError';
    this.problems = problems;
  }
}

// 0x and 40 hex digits only: ethers' isAddress alone also takes ICAP (`XE…`) addresses.
const HEX_ADDRESS = /^0x[0-9a-fA-F]{40}$/;

/**
 * Parses `BTC-PERP=0xabc…,ETH-PERP=0xdef…` into each symbol's aggregator address (checksummed).
 * Every bad entry is reported, by position and text, so one restart fixes them all: a symbol
 * that is not one, an address that is not one (mixed case must carry a valid EIP-55 checksum,
 * which catches a mistyped digit), a symbol given twice, an empty entry.
 */
export function parseChainlinkFeeds(
  text: string,
): ParseResult<Map<InstrumentSymbol, string>, ChainlinkFeedsError> {
  if (text.trim() === '') return fail(['names no feed (expected SYMBOL=0xADDRESS,…)']);
  const feeds = new Map<InstrumentSymbol, string>();
  const problems: string[] = [];
  const seen = new Set<InstrumentSymbol>();
  text.split(',').forEach((raw, index) => {
    const entry = raw.trim();
    const where = `entry ${index + 1} ${JSON.stringify(entry)}`;
    const equals = entry.indexOf('=');
    if (equals < 0) {
      problems.push(`${where}: expected SYMBOL=0xADDRESS`);
      return;
    }
    const symbolText = entry.slice(0, equals).trim();
    const addressText = entry.slice(equals + 1).trim();
    const symbol = parseInstrumentSymbol(symbolText);
    const address = HEX_ADDRESS.test(addressText) && isAddress(addressText);
    if (!symbol.ok)
      problems.push(`${where}: ${JSON.stringify(symbolText)}: ${symbol.error.message}`);
    else if (seen.has(symbol.value)) problems.push(`${where}: ${symbolText} is given twice`);
    else seen.add(symbol.value);
    if (!address)
      problems.push(
        `${where}: ${JSON.stringify(addressText)} is not an address ` +
          '(0x and 40 hex digits, with a valid checksum if mixed case)',
      );
    if (symbol.ok && address && problems.length === 0)
      feeds.set(symbol.value, getAddress(addressText));
  });
  return problems.length > 0 ? fail(problems) : { ok: true, value: feeds };
}

function fail(problems: readonly string[]): { ok: false; error: ChainlinkFeedsError } {
  return { ok: false, error: new ChainlinkFeedsError(problems) };
}
