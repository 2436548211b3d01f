// @perp/venue-adapter/stand-ins: local servers that speak the real venues' documented protocols,
// for tests (the venues cannot be reached from CI). Not part of the adapters' runtime surface.
export {
  startHyperliquidStandIn,
  type HyperliquidStandIn,
  type HyperliquidStandInOptions,
  type StandInCoin,
  type StandInOrder,
} from './hyperliquid/stand-in/hyperliquid-stand-in.ts';
export {
  startBinanceStandIn,
  type BinanceStandIn,
  type BinanceStandInOptions,
  type BinanceStandInSymbol,
  type StandInBinanceOrder,
} from './binance/stand-in/binance-stand-in.ts';
export {
  startLnMarketsStandIn,
  type LnMarketsStandIn,
  type LnMarketsStandInAccount,
  type LnMarketsStandInOptions,
  type StandInLnMarketsOrder,
} from './lnmarkets/stand-in/lnmarkets-stand-in.ts';
