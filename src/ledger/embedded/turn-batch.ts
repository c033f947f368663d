/**
 * Collects what one turn of the event loop produces and hands it on in one
 * call at the end of the turn (setImmediate). Between the ledger's threads
 * every message costs a wake-up of the receiving thread; at thousands of
 * transactions a second, one message per turn instead of one per
 * transaction saves most of them.
 */
export class TurnBatch<T> {
  private items: T[] = [];
  private scheduled = false;

  constructor(private readonly flush: (items: T[]) => void) {}

  /** Adds an item to this turn's batch. */
  push(item: T): void {
    this.items.push(item);
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      const items = this.items;
      this.items = [];
      this.flush(items);
    });
  }
}
