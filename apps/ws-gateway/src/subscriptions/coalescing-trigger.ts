/**
 * Runs `work` when triggered; triggers while it runs make it run once more after (not once
 * each), so a burst of reports costs at most two reads.
 */
export function coalescingTrigger(
  work: () => Promise<void>,
  onError: (error: unknown) => void,
): () => void {
  let running = false;
  let again = false;
  const run = async () => {
    running = true;
    do {
      again = false;
      try {
        await work();
      } catch (error) {
        onError(error);
      }
    } while (again);
    running = false;
  };
  return () => {
    if (running) again = true;
    else void run();
  };
}
