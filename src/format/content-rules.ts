/**
 * The ticket rules a JSON Schema cannot express: currency precision and the
 * three sums, GTIN check digits, unique line numbers, return references and
 * the no-personal-data rule. They run after the schema, on the parts of the
 * ticket that passed it.
 */
import { currencyMinorUnits } from './currency';
import {
  type Decimal,
  decimalPlaces,
  formatDecimal,
  parseDecimalUnchecked,
  pow10,
  roundHalfEven,
} from './decimal';
import { isValidGtin } from './gtin';
import { type PersonalDataKind, personalDataKind } from './personal-data';
import type { TicketError, TicketRule } from './rules';
import type { Ticket, TicketLine, TicketType } from './types';

/** Says whether the value at a JSON pointer passed the schema (and so may be read). */
export type UsablePath = (path: string) => boolean;

function ruleError(path: string, rule: TicketRule, message: string): TicketError {
  return { path, rule, message };
}

/** The `personal-data` error for a customerId that looks like `kind`. */
export function personalDataError(kind: PersonalDataKind): TicketError {
  const article = kind.startsWith('e') ? 'an' : 'a';
  return ruleError(
    '/customerId',
    'personal-data',
    `looks like ${article} ${kind}: customer ids must be pseudonymous, the ledger cannot forget`,
  );
}

/**
 * Checks the content rules of `ticket`. With `usable` undefined the whole
 * ticket passed the schema; otherwise a field is read only if
 * `usable(pointer)` says it passed, so that one malformed value gives one
 * schema error and no cascade of content errors.
 */
/** With the u flag, a surrogate pair is one code point: only an unpaired half matches. */
const LONE_SURROGATE = /\p{Cs}/u;

export function checkContentRules(ticket: Ticket, usable: UsablePath | undefined): TicketError[] {
  return new ContentRules(ticket, usable).check();
}

class ContentRules {
  readonly errors: TicketError[] = [];
  /** Minor-unit digits of the ticket's currency, if known. */
  private minor: number | undefined;
  private type: TicketType | undefined;
  private readonly lineNos = new Map<number, number>();

  constructor(
    private readonly t: Ticket,
    private readonly usableOrAll: UsablePath | undefined,
  ) {}

  check(): TicketError[] {
    const t = this.t;
    if (this.usable('/currency')) {
      this.minor = currencyMinorUnits(t.currency);
      if (this.minor === undefined) {
        this.fail('/currency', 'unknown-currency', `"${t.currency}" is not an accepted currency`);
      }
    }
    if (t.customerId !== undefined && this.usable('/customerId')) {
      const kind = personalDataKind(t.customerId);
      if (kind !== undefined) this.errors.push(personalDataError(kind));
    }
    this.type = this.usable('/type') ? t.type : undefined;
    this.checkReturnReferences();
    this.checkPointsPayments();

    // The sum of the line amounts, or undefined once one of them is unusable.
    let lineSum: bigint | undefined;
    if (this.usable('/lines')) {
      lineSum = 0n;
      for (let i = 0; i < t.lines.length; i++) {
        const amount = this.checkLine(t.lines[i], i);
        lineSum = amount === undefined || lineSum === undefined ? undefined : lineSum + amount;
      }
    }
    if (this.minor !== undefined) this.checkSums(lineSum, this.minor);
    return this.errors;
  }

  private usable(path: string): boolean {
    return this.usableOrAll === undefined || this.usableOrAll(path);
  }

  private fail(path: string, rule: TicketRule, message: string): void {
    this.errors.push(ruleError(path, rule, message));
  }

  /** The amount in minor units, or undefined (and an error) if it has too many decimals. */
  private amount(text: string, path: string, minor: number): bigint | undefined {
    const scale = decimalPlaces(text);
    if (scale > minor) {
      const currency = this.t.currency;
      this.fail(
        path,
        'currency-precision',
        `${currency} amounts have at most ${minor} decimals, got "${text}"`,
      );
      return undefined;
    }
    return parseDecimalUnchecked(text).units * pow10(minor - scale);
  }

  /** A points payment names its grant; one per ticket; sales only (refunds go back by money). */
  private checkPointsPayments(): void {
    if (!this.usable('/payments')) return;
    let seen = false;
    this.t.payments.forEach((payment, i) => {
      const path = `/payments/${i}`;
      if (!this.usable(`${path}/method`)) return;
      if (payment.method !== 'pointsRedeemed') {
        if (payment.grantCode !== undefined) {
          this.fail(`${path}/grantCode`, 'points-payment', 'only a pointsRedeemed payment has one');
        }
        return;
      }
      if (payment.grantCode === undefined) {
        this.fail(`${path}/grantCode`, 'points-payment', 'a pointsRedeemed payment needs one');
      }
      if (seen) {
        this.fail(`${path}/method`, 'points-payment', 'at most one pointsRedeemed payment');
      } else if (this.type === 'return') {
        this.fail(`${path}/method`, 'points-payment', 'a return is refunded in money, not points');
      }
      seen = true;
    });
  }

  private checkReturnReferences(): void {
    const t = this.t;
    if (this.type === 'sale') {
      if (t.originalTicketId !== undefined) {
        this.fail('/originalTicketId', 'return-original', 'only a return has an originalTicketId');
      }
      if (t.originalStoreId !== undefined) {
        this.fail('/originalStoreId', 'return-original', 'only a return has an originalStoreId');
      }
    } else if (this.type === 'return') {
      if (t.originalTicketId === undefined) {
        this.fail(
          '/originalTicketId',
          'return-original',
          'a return must name the sale it takes goods back from (originalTicketId)',
        );
      } else if (
        ['/originalTicketId', '/originalStoreId', '/ticketId', '/storeId'].every((p) =>
          this.usable(p),
        ) &&
        t.originalTicketId === t.ticketId &&
        (t.originalStoreId ?? t.storeId) === t.storeId
      ) {
        this.fail('/originalTicketId', 'return-original', 'a ticket cannot return itself');
      }
    }
  }

  /** Checks line `i`; returns its amount in minor units, or undefined if unusable. */
  private checkLine(line: TicketLine, i: number): bigint | undefined {
    const at = (field: string): string => `/lines/${i}/${field}`;
    const all = this.usableOrAll === undefined;
    const usable = (field: string): boolean => all || this.usable(at(field));
    if (!all && !this.usable(`/lines/${i}`)) return undefined;

    if (usable('description') && LONE_SURROGATE.test(line.description)) {
      const message = 'holds a lone surrogate (U+D800 to U+DFFF unpaired): not Unicode text';
      this.fail(at('description'), 'unicode-text', message);
    }
    if (usable('gtin') && !isValidGtin(line.gtin)) {
      this.fail(at('gtin'), 'gtin-check-digit', `"${line.gtin}" has a wrong GS1 check digit`);
    }
    if (usable('lineNo')) {
      const first = this.lineNos.get(line.lineNo);
      if (first === undefined) {
        this.lineNos.set(line.lineNo, i);
      } else {
        const message = `lineNo ${line.lineNo} is already used by /lines/${first}`;
        this.fail(at('lineNo'), 'unique-line-no', message);
      }
    }
    if (this.type === 'return' && line.originalLineNo === undefined) {
      const message = 'a return line must name the line it takes back (originalLineNo)';
      this.fail(at('originalLineNo'), 'return-original', message);
    } else if (this.type === 'sale' && line.originalLineNo !== undefined) {
      const message = 'only a return line has an originalLineNo';
      this.fail(at('originalLineNo'), 'return-original', message);
    }

    let quantity: Decimal | undefined;
    if (usable('quantity')) {
      quantity = parseDecimalUnchecked(line.quantity);
      if (quantity.units === 0n) {
        this.fail(at('quantity'), 'quantity-positive', 'must be greater than zero');
        quantity = undefined;
      }
    }

    const minor = this.minor;
    if (minor === undefined) return undefined;
    const discount = usable('discount')
      ? this.amount(line.discount, at('discount'), minor)
      : undefined;
    const amount = usable('amount') ? this.amount(line.amount, at('amount'), minor) : undefined;
    if (quantity === undefined || discount === undefined || amount === undefined) return amount;
    if (!usable('unitPrice')) return amount;

    const price = parseDecimalUnchecked(line.unitPrice);
    // The exact product at scale q+p minus the discount at the same scale,
    // then one rounding. (Rounding the product first would give the same:
    // the discount is a whole number of minor units.)
    const scale = Math.max(quantity.scale + price.scale, minor);
    const exact =
      quantity.units * price.units * pow10(scale - quantity.scale - price.scale) -
      discount * pow10(scale - minor);
    if (exact < 0n) {
      const message = `discount ${line.discount} is larger than ${line.quantity} × ${line.unitPrice}`;
      this.fail(at('discount'), 'line-discount', message);
      return amount;
    }
    const expected = roundHalfEven(exact, scale, minor);
    if (expected !== amount) {
      const rounded = scale > minor ? ` = ${formatDecimal(exact, scale)} rounded half-even` : '';
      this.fail(
        at('amount'),
        'line-amount',
        `must be ${formatDecimal(expected, minor)}: ${line.quantity} × ${line.unitPrice} − ` +
          `${line.discount}${rounded}, got "${line.amount}"`,
      );
    }
    return amount;
  }

  /** total = Σ line amounts, and Σ payments − change = total. */
  private checkSums(lineSum: bigint | undefined, minor: number): void {
    const t = this.t;
    const total = this.usable('/total') ? this.amount(t.total, '/total', minor) : undefined;
    if (total !== undefined && lineSum !== undefined && total !== lineSum) {
      const message = `must be ${formatDecimal(lineSum, minor)}, the sum of the line amounts, got "${t.total}"`;
      this.fail('/total', 'total', message);
    }

    let change: bigint | undefined = 0n;
    if (t.change !== undefined) {
      change = this.usable('/change') ? this.amount(t.change, '/change', minor) : undefined;
    }
    let paid: bigint | undefined;
    if (this.usable('/payments')) {
      paid = 0n;
      for (let i = 0; i < t.payments.length; i++) {
        const path = `/payments/${i}/amount`;
        const amount = this.usable(path)
          ? this.amount(t.payments[i].amount, path, minor)
          : undefined;
        paid = amount === undefined || paid === undefined ? undefined : paid + amount;
      }
    }
    if (total === undefined || change === undefined || paid === undefined) return;
    if (paid - change === total) return;
    const money = (units: bigint): string => formatDecimal(units, minor);
    const message =
      t.change === undefined
        ? `payments add up to ${money(paid)}, not the total ${money(total)}`
        : `payments ${money(paid)} − change ${money(change)} = ${money(paid - change)}, ` +
          `not the total ${money(total)}`;
    this.fail('/payments', 'payments-total', message);
  }
}
