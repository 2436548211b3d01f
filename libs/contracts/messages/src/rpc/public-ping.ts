import { z } from 'zod';
import { TimestampMs } from '../primitives/timestamp.ts';

export const PublicPingResult = z.strictObject({ ts: TimestampMs });
export type PublicPingResult = z.infer<typeof PublicPingResult>;
