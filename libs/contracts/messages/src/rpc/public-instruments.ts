import { z } from 'zod';
import { Instrument } from '../events/instrument.ts';

export const PublicInstrumentsResult = z.array(Instrument);
export type PublicInstrumentsResult = z.infer<typeof PublicInstrumentsResult>;
