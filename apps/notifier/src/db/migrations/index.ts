import type { Migration } from 'kysely/migration';
import * as initial from './2026-12-07-initial.ts';

/** Every migration, by name; names sort in the order they run. Append only. */
export const MIGRATIONS: Readonly<Record<string, Migration>> = {
  '2026-12-07-initial': initial,
};
