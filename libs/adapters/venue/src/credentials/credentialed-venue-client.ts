import type { ContractType, InstrumentSymbol, VenueName } from '@perp/trading-domain';
import type {
  VenueCancelAnswer,
  VenueClient,
  VenueAccountFill,
  VenueFill,
  VenueMarket,
  VenueOpenOrder,
  VenueOrderRef,
  VenueOrderRequest,
  VenueOrderState,
  VenuePlaceAnswer,
  VenuePosition,
} from '../venue-client.ts';
import { VenueCredentialsRefusedError } from '../venue-errors.ts';
import type { VenueCredentialStore } from './credential-store.ts';
import type { CredentialedVenue, VenueAccountRef, VenueCredentials } from './venue-credentials.ts';

export interface CredentialedVenueClientOptions<V extends CredentialedVenue> {
  readonly venue: VenueName;
  readonly contractType: ContractType;
  readonly account: VenueAccountRef<V>;
  readonly store: VenueCredentialStore;
  /** A client signing with these credentials; built again whenever they change. */
  readonly build: (credentials: VenueCredentials<V>) => VenueClient;
}

/**
 * A venue client that follows credential rotation without a restart: every call uses the client
 * built from the account's current credentials (the store re-reads them after its TTL), and a
 * call the venue refuses for its credentials makes the store read them again and, if they
 * changed, is made once more with the new ones (a refusal did nothing at the venue, so repeating
 * it cannot double anything).
 */
export class CredentialedVenueClient<V extends CredentialedVenue> implements VenueClient {
  readonly venue: VenueName;
  readonly contractType: ContractType;
  readonly #options: CredentialedVenueClientOptions<V>;
  #current: { readonly version: string; readonly client: VenueClient } | undefined;

  constructor(options: CredentialedVenueClientOptions<V>) {
    this.venue = options.venue;
    this.contractType = options.contractType;
    this.#options = options;
  }

  placeOrder(request: VenueOrderRequest): Promise<VenuePlaceAnswer> {
    return this.#call((client) => client.placeOrder(request));
  }

  cancelOrder(ref: VenueOrderRef): Promise<VenueCancelAnswer> {
    return this.#call((client) => client.cancelOrder(ref));
  }

  getOrder(ref: VenueOrderRef): Promise<VenueOrderState | undefined> {
    return this.#call((client) => client.getOrder(ref));
  }

  orderFills(ref: VenueOrderRef): Promise<VenueFill[]> {
    return this.#call((client) => client.orderFills(ref));
  }

  fillsSince(since: number, limit: number): Promise<VenueAccountFill[]> {
    return this.#call((client) => client.fillsSince(since, limit));
  }

  cancelAllOrders(symbol?: InstrumentSymbol): Promise<number> {
    return this.#call((client) => client.cancelAllOrders(symbol));
  }

  positions(): Promise<VenuePosition[]> {
    return this.#call((client) => client.positions());
  }

  openOrders(): Promise<VenueOpenOrder[]> {
    return this.#call((client) => client.openOrders());
  }

  market(symbol: InstrumentSymbol): Promise<VenueMarket> {
    return this.#call((client) => client.market(symbol));
  }

  /** The version of the credentials the last call used (for `venue check` and logs). */
  get credentialsVersion(): string | undefined {
    return this.#current?.version;
  }

  async #client(): Promise<{ readonly version: string; readonly client: VenueClient }> {
    const { credentials, version } = await this.#options.store.get(this.#options.account);
    if (this.#current?.version !== version)
      this.#current = { version, client: this.#options.build(credentials.reveal()) };
    return this.#current;
  }

  async #call<T>(call: (client: VenueClient) => Promise<T>): Promise<T> {
    const used = await this.#client();
    try {
      return await call(used.client);
    } catch (error) {
      if (!(error instanceof VenueCredentialsRefusedError)) throw error;
      this.#options.store.invalidate(this.#options.account);
      const fresh = await this.#client();
      // The same credentials again: the rotation has not reached the source yet.
      if (fresh.version === used.version) throw error;
      return call(fresh.client);
    }
  }
}
