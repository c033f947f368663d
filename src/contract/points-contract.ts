import { Context, Contract, Info, Transaction } from 'fabric-contract-api';
import { authorize } from './access';
import { KeyType } from './keys';
import { balanceOf } from './points';
import type { PointsMovement } from './records';
import { parseRequest, requests } from './requests';
import { parseRecord } from './state';

/** A customer's points balance. */
export interface Balance {
  readonly customerId: string;
  readonly balance: number;
  /** Number of unspent lots the balance is made of. */
  readonly lots: number;
}

/** A page of points movements, oldest first. */
export interface MovementPage {
  readonly movements: PointsMovement[];
  readonly cursor?: string;
}

const DEFAULT_PAGE = 100;

/** Loyalty points: balances and movement history. */
@Info({ title: 'points', description: 'Loyalty points balances and movements' })
export class PointsContract extends Contract {
  constructor() {
    super('points');
  }

  @Transaction(false)
  async GetBalance(ctx: Context, requestJson: string): Promise<Balance> {
    authorize(ctx, 'GetBalance');
    const { customerId } = parseRequest(requestJson, requests.CustomerRef);
    const { balance, lots } = await balanceOf(ctx.stub, customerId);
    return { customerId, balance, lots: lots.length };
  }

  @Transaction(false)
  async ListMovements(ctx: Context, requestJson: string): Promise<MovementPage> {
    authorize(ctx, 'ListMovements');
    const request = parseRequest(requestJson, requests.ListMovements);
    const limit = request.limit ?? DEFAULT_PAGE;
    const movements: PointsMovement[] = [];
    for await (const kv of ctx.stub.getStateByPartialCompositeKey(KeyType.movement, [
      request.customerId,
    ])) {
      const movement = parseRecord<PointsMovement>(kv.value);
      const position = `${movement.at}|${movement.txId}`;
      if (request.cursor !== undefined && position <= request.cursor) continue;
      if (movements.length === limit) return { movements, cursor: positionOf(movements) };
      movements.push(movement);
    }
    return { movements };
  }
}

function positionOf(movements: readonly PointsMovement[]): string | undefined {
  const last = movements[movements.length - 1];
  return last && `${last.at}|${last.txId}`;
}
