// A venue described as data, as ccxt describes exchanges: where it is, what it allows, how it
// fails. Adapters read their description; they do not branch on the venue's name.

import type { VenueErrorRule } from './venue-error-rules.ts';

export type VenueNetwork = 'mainnet' | 'testnet';

/** A budget the venue enforces: `limit` units per `intervalMs`, counted per `scope`. */
export interface VenueRateLimit {
  readonly name: string;
  readonly scope: 'ip' | 'account' | 'address';
  readonly limit: number;
  readonly intervalMs: number;
}

export interface VenueEndpoint {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  readonly path: string;
  /** Units of the `ip` budget one call costs (its weight), where the venue publishes them. */
  readonly weight: number;
  readonly signed: boolean;
}

export interface VenueDescription<Endpoint extends string = string> {
  /** The `VenueName` the OMS routes by. */
  readonly venue: string;
  readonly urls: Readonly<Record<VenueNetwork, { readonly rest: string; readonly ws: string }>>;
  readonly endpoints: Readonly<Record<Endpoint, VenueEndpoint>>;
  readonly rateLimits: readonly VenueRateLimit[];
  /** Checked in order; see `classifyVenueError`. */
  readonly errors: readonly VenueErrorRule[];
}
