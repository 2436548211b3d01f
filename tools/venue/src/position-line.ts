// One venue position as the operator reads it: the quantity exactly as the venue reports it.
import type { VenuePosition } from '@perp/venue-adapter';
import type { OpenedVenueAccount } from './venue-account.ts';

/** `ETH-PERP 0.005 @ 2800`; LN Markets' quantities are USD contracts, so they say so. */
export function positionLine(venue: OpenedVenueAccount['venue'], position: VenuePosition): string {
  const unit = venue === 'lnmarkets' ? ' USD' : '';
  const entry = position.entryPrice?.toString() ?? '-';
  return `${position.symbol} ${position.quantity.toString()}${unit} @ ${entry}`;
}
