/**
 * Runs tasks one at a time per key, in arrival order; different keys run
 * concurrently. The query server spends a customer's points one spend at a
 * time: concurrent spends of one balance would otherwise all read the same
 * lots, and all but one would be invalidated and re-run, block after block.
 * (Across servers the ledger's MVCC check still decides; see
 * `retryOnConflict`.)
 */
export class KeyedSerializer {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(task, task);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }
}
