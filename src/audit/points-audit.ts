import {
  ticketMovements,
  type PointsChangedEvent,
  type PointsMovement,
  type TicketRecordedEvent,
} from '../contract';
import type { LedgerBlock } from '../ledger/gateway';

/** The points economy in figures, all in points. */
export interface PointsFigures {
  /** Awarded on sales. */
  readonly issued: number;
  /** Spent at stores (redemptions). */
  readonly burned: number;
  /** Taken back by returns. */
  readonly reversed: number;
  /** Expired by age (no expiry policy yet: always 0). */
  readonly expired: number;
  /** Moved between customers (not part of the identity: transfers net to zero). */
  readonly transferred: number;
  /** Due from returns but already spent, so not taken back. */
  readonly writtenOff: number;
  /** Σ balances, from the movements. */
  readonly outstanding: number;
  /** Customers holding points. */
  readonly holders: number;
}

/** One thing the audit found wrong, where. */
export interface AuditProblem {
  readonly blockNumber: number;
  readonly transactionId?: string;
  readonly customerId?: string;
  readonly message: string;
}

/** The audit's verdict. */
export interface PointsAuditReport {
  /** True when no problem was found. */
  readonly ok: boolean;
  readonly blocks: number;
  readonly transactions: number;
  readonly movements: number;
  readonly figures: PointsFigures;
  /** Whether ledger state was compared (balances from the lots in world state). */
  readonly stateCompared: boolean;
  /** The first problems found (at most 20), in ledger order. */
  readonly problems: readonly AuditProblem[];
  readonly problemCount: number;
}

const MAX_REPORTED = 20;
const SIGN: Readonly<Record<PointsMovement['kind'], 1 | -1>> = {
  award: 1,
  'transfer-in': 1,
  'transfer-out': -1,
  redemption: -1,
  reversal: -1,
};

/**
 * Audits the points economy from the ledger's own record: the events of
 * every valid transaction, block by block. After every block it checks
 * that issued − burned − expired − reversed equals the sum of the balances,
 * that no balance is negative, that each movement has the sign of its kind,
 * that a transfer moves as much out as in, and that what a ticket says it
 * awarded, redeemed and reversed matches its movements. At the end,
 * {@link compareWithState} checks the balances against the lots in world
 * state, which the contract keeps apart from the events.
 */
export class PointsAudit {
  private readonly balances = new Map<string, number>();
  private issued = 0;
  private burned = 0;
  private reversed = 0;
  private transferred = 0;
  private writtenOff = 0;
  private blocks = 0;
  private transactions = 0;
  private movementCount = 0;
  private stateCompared = false;
  private readonly problems: AuditProblem[] = [];
  private problemCount = 0;

  /** Audits one committed block; blocks must come in order. */
  apply(block: LedgerBlock): void {
    this.blocks += 1;
    for (const tx of block.transactions) {
      if (tx.validationCode !== 'VALID') continue;
      for (const event of tx.events) {
        const where = { blockNumber: block.number, transactionId: tx.transactionId };
        if (event.name === 'TicketRecorded') {
          const ticket = parse<TicketRecordedEvent>(event.payload);
          const movements = ticketMovements(ticket, tx.timestamp);
          this.checkTicket(ticket, movements, where);
          this.writtenOff += ticket.pointsWrittenOff ?? 0;
          this.move(movements, where);
        } else if (event.name === 'PointsChanged') {
          const change = parse<PointsChangedEvent>(event.payload);
          this.checkTransfer(change, where);
          this.move(change.movements, where);
        } else {
          continue;
        }
        this.transactions += 1;
      }
    }
    this.checkIdentity(block.number);
  }

  /** Compares the balances with those the contract computes from world state's lots. */
  compareWithState(stateBalances: Iterable<{ customerId: string; balance: number }>): void {
    this.stateCompared = true;
    const seen = new Set<string>();
    for (const { customerId, balance } of stateBalances) {
      seen.add(customerId);
      const expected = this.balances.get(customerId) ?? 0;
      if (balance !== expected) {
        this.problem({
          blockNumber: this.blocks - 1,
          customerId,
          message: `world state holds ${balance} points, the movements say ${expected}`,
        });
      }
    }
    for (const [customerId, balance] of this.balances) {
      if (balance !== 0 && !seen.has(customerId)) {
        this.problem({
          blockNumber: this.blocks - 1,
          customerId,
          message: `world state holds no points, the movements say ${balance}`,
        });
      }
    }
  }

  /** The verdict so far. */
  report(): PointsAuditReport {
    let outstanding = 0;
    let holders = 0;
    for (const balance of this.balances.values()) {
      outstanding += balance;
      if (balance !== 0) holders += 1;
    }
    return {
      ok: this.problemCount === 0,
      blocks: this.blocks,
      transactions: this.transactions,
      movements: this.movementCount,
      figures: {
        issued: this.issued,
        burned: this.burned,
        reversed: this.reversed,
        expired: 0,
        transferred: this.transferred,
        writtenOff: this.writtenOff,
        outstanding,
        holders,
      },
      stateCompared: this.stateCompared,
      problems: this.problems,
      problemCount: this.problemCount,
    };
  }

  private move(movements: readonly PointsMovement[], where: Omit<AuditProblem, 'message'>): void {
    for (const m of movements) {
      this.movementCount += 1;
      if (!Number.isSafeInteger(m.delta) || Math.sign(m.delta) !== SIGN[m.kind]) {
        this.problem({ ...where, customerId: m.customerId, message: `${m.kind} of ${m.delta}` });
        continue;
      }
      const balance = (this.balances.get(m.customerId) ?? 0) + m.delta;
      this.balances.set(m.customerId, balance);
      if (balance < 0) {
        this.problem({ ...where, customerId: m.customerId, message: `balance went to ${balance}` });
      }
      if (m.kind === 'award') this.issued += m.delta;
      else if (m.kind === 'redemption') this.burned -= m.delta;
      else if (m.kind === 'reversal') this.reversed -= m.delta;
      else if (m.kind === 'transfer-in') this.transferred += m.delta;
    }
  }

  private checkTicket(
    ticket: TicketRecordedEvent,
    movements: readonly PointsMovement[],
    where: Omit<AuditProblem, 'message'>,
  ): void {
    const sum = (kind: PointsMovement['kind']) =>
      movements.reduce((s, m) => (m.kind === kind ? s + Math.abs(m.delta) : s), 0);
    const claims: Array<[string, number, number]> = [
      ['awarded', ticket.pointsAwarded, sum('award')],
      ['redeemed', ticket.pointsRedeemed ?? 0, sum('redemption')],
      ['reversed', ticket.pointsReversed ?? 0, sum('reversal')],
    ];
    for (const [what, claimed, moved] of claims) {
      if (claimed !== moved) {
        this.problem({
          ...where,
          message: `ticket ${ticket.ticketId} says ${claimed} points ${what}, its movements ${moved}`,
        });
      }
    }
  }

  private checkTransfer(change: PointsChangedEvent, where: Omit<AuditProblem, 'message'>): void {
    if (change.cause !== 'transfer') return;
    const net = change.movements.reduce((s, m) => s + m.delta, 0);
    if (net !== 0 || change.movements.length !== 2) {
      this.problem({ ...where, message: `transfer does not net to zero (${net})` });
    }
  }

  private checkIdentity(blockNumber: number): void {
    let outstanding = 0;
    for (const balance of this.balances.values()) outstanding += balance;
    const identity = this.issued - this.burned - this.reversed;
    if (identity !== outstanding) {
      this.problem({
        blockNumber,
        message: `issued − burned − expired − reversed = ${identity}, Σ balances = ${outstanding}`,
      });
    }
  }

  private problem(problem: AuditProblem): void {
    this.problemCount += 1;
    if (this.problems.length < MAX_REPORTED) this.problems.push(problem);
  }
}

function parse<T>(payload: Uint8Array): T {
  return JSON.parse(Buffer.from(payload).toString('utf8')) as T;
}
