import { z } from 'zod';
import { Fill } from '../events/fill.ts';
import { listQueryShape } from './list-query.ts';

export const FillsListParams = z.strictObject(listQueryShape);
export type FillsListParams = z.infer<typeof FillsListParams>;

/** Newest first. */
export const FillsListResult = z.array(Fill);
export type FillsListResult = z.infer<typeof FillsListResult>;
