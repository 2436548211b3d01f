/**
 * A loop's pause that another part can cut short: `sleep(ms)` resolves after `ms` or at `wake()`,
 * whichever comes first. A wake while nobody sleeps is kept, so the next sleep returns at once and
 * news that arrived between two looks is never slept through.
 */
export class WakeableSleep {
  #wake: (() => void) | undefined;
  #woken = false;

  sleep(ms: number): Promise<void> {
    if (this.#woken) {
      this.#woken = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        if (this.#wake === done) this.#wake = undefined;
        resolve();
      };
      const timer = setTimeout(done, Math.max(0, ms));
      this.#wake = done;
    });
  }

  wake(): void {
    if (this.#wake) this.#wake();
    else this.#woken = true;
  }
}
