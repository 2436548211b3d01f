import { z } from 'zod';
import { Position } from '../events/position.ts';

export const PositionsListResult = z.array(Position);
export type PositionsListResult = z.infer<typeof PositionsListResult>;
