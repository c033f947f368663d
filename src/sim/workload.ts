import { NOTHING_RETURNED, returnLineFor } from '../contract';
import type { Ticket } from '../format';
import { Random } from './random';
import { buildTicket, gtin13, type LineSpec } from './ticket-factory';

/** A manufacturer of the synthetic network and the GS1 company prefix it owns. */
export interface SyntheticManufacturer {
  readonly manufacturerId: string;
  readonly name: string;
  readonly prefix: string;
}

/** Manufacturers with real-looking GS1 company prefixes (none restricted, none overlapping). */
export const SYNTHETIC_MANUFACTURERS: readonly SyntheticManufacturer[] = [
  { manufacturerId: 'mfr-faber', name: 'Faber Stationery', prefix: '400638' },
  { manufacturerId: 'mfr-lowlands', name: 'Lowlands Dairy', prefix: '871234' },
  { manufacturerId: 'mfr-albion', name: 'Albion Foods', prefix: '5000112' },
  { manufacturerId: 'mfr-gaule', name: 'Gaule Biscuits', prefix: '3017620' },
  { manufacturerId: 'mfr-tirreno', name: 'Tirreno Pasta', prefix: '8000500' },
  { manufacturerId: 'mfr-alpen', name: 'Alpen Chocolate', prefix: '7622210' },
  { manufacturerId: 'mfr-brabant', name: 'Brabant Brewery', prefix: '5410041' },
  { manufacturerId: 'mfr-nord', name: 'Nord Coffee', prefix: '4008400' },
];

/**
 * The retailers (chains) the synthetic stores belong to: store n is in
 * chain n mod 3, whatever the number of stores, so that a simulator and the
 * ledger it sends to agree on them without sharing a setting.
 */
export const SYNTHETIC_RETAILERS = ['chain-a', 'chain-b', 'chain-c'] as const;

interface CatalogItem {
  readonly gtin: string;
  readonly description: string;
  readonly unitPrice: string;
  readonly weighed: boolean;
}

/** Shape of a synthetic network and its traffic. */
export interface WorkloadOptions {
  readonly seed?: number;
  readonly stores?: number;
  readonly customers?: number;
  /** Customers who shop far more than the others (the same id hammered concurrently). */
  readonly hotCustomers?: number;
  /** Share of tickets that carry a loyalty id. */
  readonly loyaltyShare?: number;
  /** Share of loyalty tickets that go to a hot customer. */
  readonly hotShare?: number;
  readonly itemsPerManufacturer?: number;
  /**
   * Tag in every ticket id (`<store>-<runId>-<sequence>`), so that runs
   * against one ledger do not reuse each other's ids; none by default.
   */
  readonly runId?: string;
}

/**
 * Generates realistic retail traffic: baskets of 1–9 lines (about five on
 * average) from a catalogue of GTINs under the manufacturers' prefixes plus
 * in-store weighed goods, many stores, repeat customers and a few very busy
 * ones. Deterministic for a given seed.
 */
export class SyntheticWorkload {
  readonly storeIds: readonly string[];
  readonly customerIds: readonly string[];
  readonly hotCustomerIds: readonly string[];
  private readonly catalog: CatalogItem[] = [];
  private readonly random: Random;
  // Returns draw from their own stream: how many there are, and when, depends
  // on which sales were acknowledged, and must not shift the sales' stream.
  private readonly returnRandom: Random;
  private readonly options: Required<Omit<WorkloadOptions, 'runId'>>;
  private readonly idPrefix: string;
  private sequence = 0;
  private returnSequence = 0;

  constructor(options: WorkloadOptions = {}) {
    this.options = {
      seed: 42,
      stores: 50,
      customers: 5_000,
      hotCustomers: 20,
      loyaltyShare: 0.6,
      hotShare: 0.2,
      itemsPerManufacturer: 200,
      ...options,
    };
    this.random = new Random(this.options.seed);
    this.returnRandom = new Random(this.options.seed ^ 0x5eed);
    this.idPrefix = options.runId === undefined ? '' : `${options.runId}-`;
    this.storeIds = Array.from(
      { length: this.options.stores },
      (_, i) => `store-${String(i + 1).padStart(3, '0')}`,
    );
    this.customerIds = Array.from(
      { length: this.options.customers },
      (_, i) => `cust-${String(i + 1).padStart(6, '0')}`,
    );
    this.hotCustomerIds = this.customerIds.slice(0, this.options.hotCustomers);
    for (const m of SYNTHETIC_MANUFACTURERS) {
      for (let item = 1; item <= this.options.itemsPerManufacturer; item++) {
        const cents = this.random.int(49, 1999);
        this.catalog.push({
          gtin: gtin13(m.prefix, item),
          description: `${m.name} item ${item}`,
          unitPrice: (cents / 100).toFixed(2),
          weighed: false,
        });
      }
    }
    // In-store weighed goods: restricted-circulation numbers (prefix 2), never attributed.
    for (let item = 1; item <= 50; item++) {
      this.catalog.push({
        gtin: gtin13('21', item),
        description: `Loose produce ${item}`,
        unitPrice: (this.random.int(99, 899) / 100).toFixed(2),
        weighed: true,
      });
    }
  }

  /** The retailer of one of this workload's stores. */
  retailerOf(storeId: string): string {
    const n = Number(storeId.slice(storeId.lastIndexOf('-') + 1));
    return SYNTHETIC_RETAILERS[(n - 1) % SYNTHETIC_RETAILERS.length]!;
  }

  /** The next ticket: a sale at a random store. */
  nextTicket(issuedAt = new Date()): Ticket {
    const r = this.random;
    const storeId = r.pick(this.storeIds);
    const lineCount = Math.min(9, 1 + Math.floor(-Math.log(1 - r.next()) * 4));
    const lines: LineSpec[] = [];
    for (let i = 0; i < lineCount; i++) {
      const item = r.pick(this.catalog);
      lines.push({
        gtin: item.gtin,
        description: item.description,
        unitPrice: item.unitPrice,
        quantity: item.weighed ? (r.int(100, 2500) / 1000).toFixed(3) : String(r.int(1, 3)),
        taxRate: item.weighed ? '6' : '21',
      });
    }
    let customerId: string | undefined;
    if (r.chance(this.options.loyaltyShare)) {
      customerId = r.chance(this.options.hotShare)
        ? r.pick(this.hotCustomerIds)
        : r.pick(this.customerIds);
    }
    const n = ++this.sequence;
    return buildTicket({
      ticketId: `${storeId}-${this.idPrefix}${String(n).padStart(9, '0')}`,
      storeId,
      terminalId: `pos-${String(r.int(1, 8)).padStart(2, '0')}`,
      issuedAt: issuedAt.toISOString().replace('Z', '+00:00'),
      ...(customerId === undefined ? {} : { customerId }),
      lines,
      paymentMethod: r.pick(['card', 'card', 'cash', 'mobile'] as const),
    });
  }

  /**
   * A return of some of the goods of `original`, an acknowledged sale: one
   * to three of its lines, part or all of each (weighed goods whole),
   * refunding what the refund rule allows, the way it was paid. Usually at
   * the same store; now and then at another store of the same retailer,
   * naming the sale's store in `originalStoreId`.
   * Amounts stay positive, as format v1 requires of a return.
   */
  returnFor(original: Ticket, issuedAt = new Date()): Ticket {
    const r = this.returnRandom;
    const remaining = [...original.lines];
    const lines: LineSpec[] = [];
    for (let n = r.int(1, Math.min(3, remaining.length)); n > 0; n--) {
      const line = remaining.splice(r.int(0, remaining.length - 1), 1)[0]!;
      const whole = line.quantity.includes('.') || r.chance(0.7);
      const quantity = whole ? line.quantity : String(r.int(1, Number(line.quantity)));
      // Each sale is returned once, so nothing of it has come back before.
      const taken = returnLineFor(original, line, NOTHING_RETURNED, quantity);
      lines.push({
        gtin: taken.gtin,
        description: taken.description,
        unitPrice: taken.unitPrice,
        quantity,
        discount: taken.discount,
        taxRate: taken.taxRate,
        originalLineNo: line.lineNo,
      });
    }
    const retailer = this.retailerOf(original.storeId);
    const others = this.storeIds.filter(
      (id) => id !== original.storeId && this.retailerOf(id) === retailer,
    );
    const elsewhere = others.length > 0 && r.chance(0.1);
    const storeId = elsewhere ? r.pick(others) : original.storeId;
    const n = ++this.returnSequence;
    return buildTicket({
      ticketId: `${storeId}-${this.idPrefix}R${String(n).padStart(9, '0')}`,
      storeId,
      terminalId: `pos-${String(r.int(1, 8)).padStart(2, '0')}`,
      issuedAt: issuedAt.toISOString().replace('Z', '+00:00'),
      type: 'return',
      currency: original.currency,
      originalTicketId: original.ticketId,
      ...(elsewhere ? { originalStoreId: original.storeId } : {}),
      ...(original.customerId === undefined ? {} : { customerId: original.customerId }),
      lines,
      paymentMethod: original.payments[0]?.method ?? 'card',
    });
  }
}
