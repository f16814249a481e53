import { randomBytes } from 'node:crypto';
import type { BulkItemRequest } from '../../../shared/bulk';
import { dec } from '../../../shared/decimal';
import type { Account, ConnectionSummary, Order, Position } from '../../../shared/domain';
import { AppError, describeError, validationError } from '../../../shared/errors';
import type { FlattenAccountPlan, FlattenPlan } from '../../../shared/flatten';
import type { ParsedRequestOf } from '../../../shared/contract';
import type { Handlers } from '../handlers';
import { runInLanes } from '../rateLimitedRun';

export type FlattenReadHandlers = Pick<Handlers, 'connections:list' | 'accounts:list' | 'positions:list' | 'orders:list'>;

/** Accounts read at once per connection: the reads share the connection's rate limit with everything else. */
const READS_PER_CONNECTION = 4;

/**
 * Reads every account picked (all of each connection's, or those named) and plans its flatten: the open orders to
 * cancel, the positions to close, and what the broker cannot do. Nothing is sent.
 */
export async function prepareFlatten(handlers: FlattenReadHandlers, request: ParsedRequestOf<'flatten:prepare'>, now = new Date()): Promise<FlattenPlan> {
  const known = await handlers['connections:list']({});
  const connections = request.connections.map((name) => {
    const found = known.find((connection) => connection.name === name);
    if (!found) throw validationError('connections', `names no saved connection: ${name}`);
    return found;
  });
  for (const target of request.accounts ?? []) {
    if (!request.connections.includes(target.connection)) throw validationError('accounts', `names connection ${target.connection}, which is not among the connections`);
  }

  const listed = await Promise.all(connections.map(async (connection) => ({ connection, accounts: await listAccounts(handlers, connection.name) })));
  const picked = listed.flatMap(({ connection, accounts }) => {
    const wanted = request.accounts?.filter((target) => target.connection === connection.name);
    if (wanted === undefined) return accounts.map((account) => ({ connection, account }));
    return wanted.map((target) => {
      const account = accounts.find((candidate) => candidate.id === target.accountId);
      if (!account) throw validationError('accounts', `names account ${target.accountId}, which ${connection.name} does not reach`);
      return { connection, account };
    });
  });

  const settled = await runInLanes(picked, async ({ connection, account }) => {
    const target = { connection: connection.name, accountId: account.id };
    const [positions, orders] = await Promise.all([handlers['positions:list'](target), handlers['orders:list'](target)]);
    return accountPlan(connection, account, positions, orders);
  }, { laneOf: ({ connection }) => connection.name, concurrency: READS_PER_CONNECTION });
  const accounts = settled.map((result, index) => {
    if (result.ok) return result.value;
    const { connection, account } = picked[index] as (typeof picked)[number];
    return { ...accountPlan(connection, account, [], []), readError: `Could not be read, so nothing will be sent to it: ${describeError(result.error)}` };
  });
  return {
    runId: `flatten-${now.toISOString().replace(/[:.]/g, '-')}-${randomBytes(3).toString('hex')}`,
    preparedAt: now.toISOString(),
    accounts,
    positions: accounts.reduce((sum, plan) => sum + plan.positions.length, 0),
    orders: accounts.reduce((sum, plan) => sum + plan.orders.length, 0),
  };
}

async function listAccounts(handlers: FlattenReadHandlers, connection: string): Promise<Account[]> {
  try {
    return await handlers['accounts:list']({ connection });
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    throw new AppError({ ...error.toShape(), message: `The accounts of ${connection} could not be listed, so nothing was planned: ${error.message}` });
  }
}

function accountPlan(connection: ConnectionSummary, account: Account, positions: Position[], orders: Order[]): FlattenAccountPlan {
  const { capabilities } = connection;
  const open = orders.filter((order) => order.open);
  const cannotDo: string[] = [];
  for (const position of positions) {
    if (position.notClosable !== undefined) cannotDo.push(`${position.symbol} stays: ${position.notClosable}`);
  }
  if (open.length > 0 && !capabilities.cancelOrder.available) {
    cannotDo.push(`${open.length} open ${open.length === 1 ? 'order stays' : 'orders stay'} (${open.map((order) => order.symbol).join(', ')}): ${capabilities.cancelOrder.reason}`);
    for (const position of positions) {
      const held = dec(position.quantity).minus(position.available);
      if (held.gt(0) && position.notClosable === undefined) {
        cannotDo.push(`${position.symbol}: ${held.toString()} of ${position.quantity} is held by those orders, so ${capabilities.displayName} may refuse its close`);
      }
    }
  }
  return {
    connection: connection.name,
    broker: connection.broker,
    accountId: account.id,
    accountNumber: account.number,
    accountName: account.name,
    positions: positions
      .filter((position) => position.notClosable === undefined)
      .map((position) => ({ id: position.id, symbol: position.symbol, side: position.side, quantity: position.quantity, unit: position.unit.name })),
    orders: capabilities.cancelOrder.available ? open.map((order) => ({ id: order.id, symbol: order.symbol, side: order.side, type: order.type, quantity: order.quantity })) : [],
    cannotDo,
    readError: null,
  };
}

/** What the run sends, account by account: each account's cancels, then its closes. */
export function planItems(plan: FlattenPlan): BulkItemRequest[] {
  return plan.accounts.flatMap((account) => {
    if (account.readError !== null) return [];
    const target = { connection: account.connection, accountId: account.accountId };
    return [
      ...account.orders.map((order): BulkItemRequest => ({ kind: 'cancel', ...target, orderId: order.id })),
      ...account.positions.map((position): BulkItemRequest => ({ kind: 'close', ...target, positionId: position.id })),
    ];
  });
}

