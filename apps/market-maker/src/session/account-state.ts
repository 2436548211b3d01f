import { Decimal } from '@perp/decimal';
import type { AccountSnapshot, Position } from '@perp/contracts';

/** The bot's account as the platform last said: positions (channel) and margin (polled). */
export class AccountState {
  readonly #positions = new Map<string, Position>();
  #account: AccountSnapshot | undefined;

  position(symbol: string): Decimal {
    const position = this.#positions.get(symbol);
    return position ? Decimal.parse(position.quantity) : Decimal.ZERO;
  }

  positionOf(symbol: string): Position | undefined {
    return this.#positions.get(symbol);
  }

  get account(): AccountSnapshot | undefined {
    return this.#account;
  }

  replacePositions(positions: readonly Position[]): void {
    this.#positions.clear();
    for (const position of positions) this.#positions.set(position.symbol, position);
  }

  updatePosition(position: Position): void {
    const known = this.#positions.get(position.symbol);
    if (known && known.ts > position.ts) return;
    this.#positions.set(position.symbol, position);
  }

  updateAccount(account: AccountSnapshot): void {
    if (this.#account && this.#account.ts > account.ts) return;
    this.#account = account;
  }

  clear(): void {
    this.#positions.clear();
    this.#account = undefined;
  }
}
