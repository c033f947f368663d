import { setFlagsFromString } from 'node:v8';

/**
 * Bounds how far each V8 heap of this process (main thread and workers)
 * grows past what its last full collection kept, before the next one.
 *
 * Left alone, V8 lets a heap that allocates fast grow up to fourfold: the
 * server's main heap reached ~150 MB holding ~50 MB live, and its resident
 * size ~420 MB under batch intake. At 30 % it stays near 90 MB and the
 * process near 310 MB, for a few percent more CPU in collection (measured
 * in docs/benchmarks.md). `0` keeps V8's own heuristic.
 *
 * The flag is read at each collection, so setting it at start-up, before the
 * heaps have grown, takes effect for every isolate, including workers
 * started later.
 */
export function limitHeapGrowth(percent: number): void {
  if (percent > 0) setFlagsFromString(`--heap-growing-percent=${percent}`);
}
