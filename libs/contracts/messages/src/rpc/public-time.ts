import { z } from 'zod';
import { TimestampMs } from '../primitives/timestamp.ts';

export const PublicTimeResult = z.strictObject({ serverTime: TimestampMs });
export type PublicTimeResult = z.infer<typeof PublicTimeResult>;
