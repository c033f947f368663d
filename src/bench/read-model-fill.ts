import { statSync } from 'node:fs';
import type { LedgerBlock } from '../ledger/gateway';
import { ReadModel } from '../readmodel';
import { Projection } from '../readmodel/projection';
import { SYNTHETIC_MANUFACTURERS, type SyntheticWorkload } from '../sim/workload';
import { syntheticTicketBlock } from './synthetic-block';
import { prefixAttribution } from './synthetic-ticket-event';

/** What to put in the read model. */
export interface FillOptions {
  readonly tickets: number;
  /** Tickets are spread evenly over this many days… */
  readonly days: number;
  /** …ending just before this UTC midnight (exclusive). */
  readonly endDate: Date;
  /** Called now and then with the tickets done so far. */
  readonly onProgress?: (done: number) => void;
}

/** What the fill wrote, and how long it took. */
export interface FillResult {
  readonly tickets: number;
  readonly lines: number;
  readonly seconds: number;
  /** First and last local date holding tickets (YYYY-MM-DD). */
  readonly firstDay: string;
  readonly lastDay: string;
  /** Size of the read model file afterwards. */
  readonly fileMb: number;
}

/** Transactions per synthetic block: the ledger's default block cut. */
const BLOCK_SIZE = 500;
/** Blocks per SQLite transaction: far fewer commits than the projector makes, same rows. */
const BLOCKS_PER_COMMIT = 20;
const DAY_MS = 86_400_000;

/**
 * Fills a read model with `tickets` synthetic sales through the real
 * projection code (`Projection.applyAll`, the same statements the projector
 * runs), in blocks of 500 `TicketRecorded` transactions built as the
 * contract builds them, in the order of their issue time.
 *
 * The checkpoint is left alone, which is why this goes through `Projection`
 * rather than `ReadModel.apply`: these tickets are not on the data folder's
 * ledger, and moving the checkpoint to the synthetic blocks' numbers would
 * make the server's projector skip (or refuse) the real blocks that follow.
 * So the rows stand for history the ledger does not hold, the projector
 * starts at the ledger's block 0 as usual, and new tickets get the sequence
 * numbers after the synthetic ones. The synthetic blocks are numbered from
 * 0, like a ledger's history; nothing in the benchmark reads those numbers.
 */
export function fillReadModel(
  file: string,
  workload: SyntheticWorkload,
  options: FillOptions,
): FillResult {
  const readModel = ReadModel.open(file);
  const started = performance.now();
  let lines = 0;
  try {
    const db = readModel.db;
    // The file is scratch until the fill ends: no need to survive a power cut.
    db.pragma('synchronous = OFF');
    db.pragma('cache_size = -262144');
    const projection = new Projection(db);
    const applyBlocks = db.transaction((blocks: readonly LedgerBlock[]) => {
      projection.applyAll(blocks);
    });
    const attribution = prefixAttribution(SYNTHETIC_MANUFACTURERS);
    const start = options.endDate.getTime() - options.days * DAY_MS;
    const step = (options.days * DAY_MS) / options.tickets;
    let pending: LedgerBlock[] = [];
    let done = 0;
    for (let number = 0; done < options.tickets; number++) {
      const issuedAts: Date[] = [];
      for (; issuedAts.length < BLOCK_SIZE && done < options.tickets; done++) {
        issuedAts.push(new Date(start + Math.floor(done * step)));
      }
      const made = syntheticTicketBlock(workload, attribution, number, issuedAts, 'bench-fill');
      lines += made.lines;
      pending.push(made.block);
      if (pending.length === BLOCKS_PER_COMMIT) {
        applyBlocks(pending);
        pending = [];
        options.onProgress?.(done);
      }
    }
    if (pending.length > 0) applyBlocks(pending);
    options.onProgress?.(done);
    db.pragma('wal_checkpoint(TRUNCATE)');
    return {
      tickets: done,
      lines,
      seconds: (performance.now() - started) / 1000,
      firstDay: new Date(start).toISOString().slice(0, 10),
      lastDay: new Date(options.endDate.getTime() - 1).toISOString().slice(0, 10),
      fileMb: Math.round(statSync(file).size / 2 ** 20),
    };
  } finally {
    readModel.close();
  }
}
