import { Decimal } from '@perp/decimal';

/** `latestRoundData()` of an AggregatorV3Interface, as decoded: every field a bigint. */
export interface ChainlinkRound {
  readonly roundId: bigint;
  readonly answer: bigint;
  readonly startedAt: bigint;
  readonly updatedAt: bigint;
  readonly answeredInRound: bigint;
}

export type RoundVerdict =
  | { readonly ok: true; readonly price: Decimal; readonly observedAt: number }
  | { readonly ok: false; readonly reason: RoundRejection };

export type RoundRejection =
  | 'non-positive answer'
  | 'not updated'
  | 'incomplete round'
  | 'updatedAt out of range'
  | 'inexact answer';

// updatedAt is in seconds; past this, `updatedAt * 1000` is no longer an exact JS integer.
const MAX_UPDATED_AT = BigInt(Math.floor(Number.MAX_SAFE_INTEGER / 1000));

/**
 * Whether a round is a usable price, and which. The checks are the ones Chainlink documents for
 * consumers: a price must be positive, the round must have been updated (`updatedAt` 0 means it
 * never was) and answered in itself (`answeredInRound < roundId` is a round still being
 * aggregated, carrying an older answer). Staleness is not judged here: `observedAt` says how old
 * the answer is and the quoter's guard decides.
 */
export function interpretRound(round: ChainlinkRound, decimals: number): RoundVerdict {
  if (round.answer <= 0n) return { ok: false, reason: 'non-positive answer' };
  if (round.updatedAt === 0n) return { ok: false, reason: 'not updated' };
  if (round.answeredInRound < round.roundId) return { ok: false, reason: 'incomplete round' };
  if (round.updatedAt > MAX_UPDATED_AT) return { ok: false, reason: 'updatedAt out of range' };
  const units = answerUnits(round.answer, decimals);
  if (units === undefined) return { ok: false, reason: 'inexact answer' };
  return { ok: true, price: Decimal.fromUnits(units), observedAt: Number(round.updatedAt) * 1000 };
}

/**
 * The answer (an integer of `decimals` fractional digits) as Decimal units (18 digits), exactly:
 * scaled up for up to 18 decimals; for more, divided down only when no digit is lost, `undefined`
 * otherwise (a feed finer than Decimal holds is refused, never rounded).
 */
export function answerUnits(answer: bigint, decimals: number): bigint | undefined {
  if (!Number.isInteger(decimals) || decimals < 0) throw new RangeError(`decimals ${decimals}`);
  const shift = Decimal.SCALE - decimals;
  if (shift >= 0) return answer * 10n ** BigInt(shift);
  const divisor = 10n ** BigInt(-shift);
  return answer % divisor === 0n ? answer / divisor : undefined;
}
