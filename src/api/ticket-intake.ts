import type { AccessPolicy } from '../access';
import type { ContractClient } from '../client/contract-client';
import { retryOnConflict } from '../client/conflict-retry';
import type { Ticket, TicketValidation } from '../format';
import type { Identity } from '../ledger/gateway';
import { ledgerRefusal, type LedgerRefusal } from './http/ledger-problems';
import type { Slots } from './slots';
import { refusal } from './http/access';
import { problem, ProblemType } from './http/problem';
import type { TerminalPrincipal } from './terminal-keys';

/** What a point of sale gets back for a recorded ticket. */
export interface TicketReceipt {
  readonly storeId: string;
  readonly ticketId: string;
  /** Transaction that recorded the ticket (the original one for a repeat). */
  readonly txId: string;
  readonly blockNumber: number;
  readonly contentHash: string;
  readonly pointsAwarded: number;
  /** Points burned by a `pointsRedeemed` payment. */
  readonly pointsRedeemed: number;
  /** Points a return took back from its sale. */
  readonly pointsReversed: number;
  readonly recordedAt: string;
  /** True when this exact ticket had been recorded before: nothing new was written. */
  readonly replayed: boolean;
}

/** The outcome of one ticket: a receipt (201 new, 200 repeat) or a problem. */
export type IntakeOutcome =
  { readonly status: 200 | 201; readonly receipt: TicketReceipt } | LedgerRefusal;

/** Attempts at a ticket in all, when read conflicts (a concurrent copy of itself) invalidate it. */
const CONFLICT_ATTEMPTS = 4;

/**
 * Ticket intake: takes a ticket's validation against format v1 (made where
 * the body was parsed, see `body-check/`), checks it belongs to the
 * terminal's store, records it through the contract, and answers only once
 * its block is durable. Every failure becomes a problem with the right
 * status; nothing is recorded for a refused ticket.
 */
export class TicketIntake {
  constructor(
    private readonly client: ContractClient,
    /** The ledger identity the collector submits as. */
    private readonly identity: Identity,
    /** Whose tickets a terminal may record: its own store's. */
    private readonly policy: AccessPolicy,
    /** Bounds the tickets being recorded at once; unbounded without. */
    private readonly slots?: Slots,
  ) {}

  async submit(validation: TicketValidation, terminal: TerminalPrincipal): Promise<IntakeOutcome> {
    if (!validation.ok) {
      const refused = problem(
        ProblemType.invalidTicket,
        422,
        'The ticket is invalid',
        undefined,
        validation.errors,
      );
      return {
        status: 422,
        problem: validation.truncated ? { ...refused, truncated: true } : refused,
      };
    }
    const ticket = validation.ticket;
    const caller = { kind: 'terminal', terminal } as const;
    const decision = this.policy.decide(caller, 'ticket-intake', { storeId: ticket.storeId });
    if (decision !== 'allow') {
      return { status: 403, problem: refusal(decision, 'ticket-intake', caller).problem };
    }
    if (this.slots === undefined) return this.record(ticket);
    if (!(await this.slots.acquire())) {
      return {
        status: 503,
        problem: problem(
          ProblemType.overloaded,
          503,
          'Busy: retry shortly',
          `${this.slots.maxWaiting} tickets already waiting to be recorded`,
        ),
        retryAfterSeconds: 1,
      };
    }
    try {
      return await this.record(ticket);
    } finally {
      this.slots.release();
    }
  }

  private async record(ticket: Ticket): Promise<IntakeOutcome> {
    try {
      // A read conflict is with a concurrent copy of the same ticket: the retry finds it recorded.
      const tx = await retryOnConflict(() => this.client.recordTicket(this.identity, ticket), {
        attempts: CONFLICT_ATTEMPTS,
      });
      const r = tx.value;
      // A repeat is answered by a read-only transaction of its own: report
      // the block where the ticket was first recorded.
      const original = r.replayed ? await this.client.gateway.findTransaction(r.txId) : undefined;
      return {
        status: r.replayed ? 200 : 201,
        receipt: {
          storeId: r.storeId,
          ticketId: r.ticketId,
          txId: r.txId,
          blockNumber: original?.blockNumber ?? tx.blockNumber,
          contentHash: r.contentHash,
          pointsAwarded: r.pointsAwarded,
          pointsRedeemed: r.pointsRedeemed,
          pointsReversed: r.pointsReversed,
          recordedAt: r.recordedAt,
          replayed: r.replayed,
        },
      };
    } catch (error) {
      return ledgerRefusal(error);
    }
  }
}
