import { randomUUID } from 'node:crypto';
import type { ActionReceipt, ActionState, CloseAllItem, CloseAllReceipt, CloseAmount } from '../../shared/actions';
import { checkCloseAmount } from '../../shared/closeAmount';
import type { Channel, ParsedRequestOf, PushEvent, PushEvents, ResponseOf } from '../../shared/contract';
import type { Order, Position } from '../../shared/domain';
import { AppError, validationError } from '../../shared/errors';
import { buildAccountCloseCheck } from './accountCloseCheck';
import type { AuditEntry, AuditLog } from './audit/auditLog';
import type { BrokerActionResult, BrokerAdapter } from './brokers/broker';
import { ConnectionRegistry, type ConnectionRegistryDeps } from './connectionRegistry';
import { InFlightLocks, lockTarget } from './inFlightLocks';
import { closeTicketByTicket } from './ticketByTicket';

export type Handlers = { [C in Channel]: (request: ParsedRequestOf<C>) => Promise<ResponseOf<C>> };

export interface ServiceDeps extends ConnectionRegistryDeps {
  audit: AuditLog;
  demo: boolean;
  version: string;
  emit?: <E extends PushEvent>(event: E, payload: PushEvents[E]) => void;
  newActionId?: () => string;
}

/** The core the renderer (over IPC) and the `closeout` command (directly) both talk to: one handler per contract channel. */
export function createService(deps: ServiceDeps): Handlers {
  const connections = new ConnectionRegistry(deps);
  const locks = new InFlightLocks();
  const newActionId = deps.newActionId ?? randomUUID;

  type AuditMeta = Pick<AuditEntry, 'actionId' | 'action' | 'connection' | 'broker' | 'accountId' | 'params'>;

  /** Records the attempt on disk before the work runs (and refuses to run if it cannot), then the outcome either way. */
  async function audited<T extends object>(meta: AuditMeta, work: () => Promise<T>): Promise<T> {
    await deps.audit.append({ ...meta, phase: 'attempt', requestId: null, outcome: null, errorCode: null, message: null });
    try {
      const result = await work();
      const receipt: Partial<Pick<ActionReceipt, 'state' | 'requestId' | 'message'>> = result;
      await deps.audit.append({
        ...meta, phase: 'outcome', requestId: receipt.requestId ?? null, outcome: receipt.state ?? 'done', errorCode: null, message: receipt.message ?? null,
      });
      return result;
    } catch (error) {
      const failure = error instanceof AppError ? error : null;
      await deps.audit.append({
        ...meta,
        phase: 'outcome',
        requestId: failure?.requestId ?? null,
        outcome: failure?.outcome ?? 'failed',
        errorCode: failure?.code ?? 'internal',
        message: failure?.message ?? null,
      });
      throw error;
    }
  }

  async function findPosition(adapter: BrokerAdapter, accountId: string, positionId: string): Promise<Position> {
    const position = (await adapter.listPositions(accountId)).find((p) => p.id === positionId);
    if (!position) {
      throw new AppError({ code: 'not_found', field: 'positionId', outcome: 'not_sent', message: `Position ${positionId} is not open in account ${accountId}.` });
    }
    return position;
  }

  return {
    'app:info': async () => ({ demo: deps.demo, version: deps.version }),
    'connections:list': () => connections.list(),
    'connections:add': (request) =>
      audited(
        {
          actionId: newActionId(), action: 'connection_add', connection: request.name, broker: request.broker, accountId: null,
          params: { baseUrl: request.baseUrl, ...(request.keyId ? { keyId: request.keyId } : {}), ...(request.login ? { login: request.login } : {}) },
        },
        () => connections.add(request),
      ),
    'connections:remove': ({ name }) =>
      audited({ actionId: newActionId(), action: 'connection_remove', connection: name, broker: null, accountId: null, params: {} }, async () => {
        await connections.remove(name);
        return { removed: true as const };
      }),
    'accounts:list': async ({ connection, search }) => {
      const { adapter } = await connections.resolve(connection);
      const query = search?.trim();
      return adapter.listAccounts(query ? query : undefined);
    },
    'positions:list': async ({ connection, accountId }) => (await connections.resolve(connection)).adapter.listPositions(accountId),
    'orders:list': async ({ connection, accountId }) => (await connections.resolve(connection)).adapter.listOrders(accountId),
    'positions:history': async ({ connection, accountId }) => {
      const { adapter } = await connections.resolve(connection);
      if (!adapter.capabilities.closeHistory.available || !adapter.listCloseHistory) {
        const reason = adapter.capabilities.closeHistory.available ? 'not implemented' : adapter.capabilities.closeHistory.reason;
        throw new AppError({ code: 'unsupported', message: reason });
      }
      return adapter.listCloseHistory(accountId);
    },
    'account:closeCheck': async ({ connection, accountId }) => {
      const { adapter } = await connections.resolve(connection);
      return closeCheck(adapter, accountId);
    },

    'position:close': async ({ connection, accountId, positionId, amount, comment }) => {
      const { adapter, profile } = await connections.resolve(connection);
      const actionId = newActionId();
      const description = `close ${describeAmount(amount)} of ${positionId}`;
      const meta = {
        actionId, action: 'close_position', connection, broker: profile.broker, accountId,
        params: { positionId, amount, ...(comment !== undefined ? { comment } : {}) },
      };
      return audited(meta, () => locks.run(lockTarget.position(connection, accountId, positionId), { actionId, description }, async () => {
        const position = await findPosition(adapter, accountId, positionId);
        const invalid = checkCloseAmount(position, amount, adapter.capabilities.partialClose);
        if (invalid) throw invalid;
        if (comment !== undefined && !adapter.capabilities.closeComment) {
          throw validationError('comment', `is not accepted by ${adapter.capabilities.displayName}`);
        }
        const result = await adapter.closePosition(accountId, position, amount, comment !== undefined ? { comment } : {});
        return receipt(actionId, 'close_position', result);
      }));
    },

    'positions:closeAll': async ({ connection, accountId, cancelOrders }) => {
      const { adapter, profile } = await connections.resolve(connection);
      if (cancelOrders && !adapter.capabilities.closeAll.cancelOrdersOption.available) {
        throw validationError('cancelOrders', `is not available: ${adapter.capabilities.closeAll.cancelOrdersOption.reason}`);
      }
      const actionId = newActionId();
      const meta = { actionId, action: 'close_all', connection, broker: profile.broker, accountId, params: { cancelOrders } };
      return audited(meta, () => locks.run(lockTarget.account(connection, accountId), { actionId, description: 'close all positions' }, async () => {
        const { items, requestId } = adapter.closeAllPositions
          ? await closeAllInOneCall(adapter.closeAllPositions.bind(adapter), accountId, cancelOrders)
          : {
              requestId: null,
              items: await closeTicketByTicket(adapter, accountId, await adapter.listPositions(accountId), {
                onSettled: (done, total) => deps.emit?.('action:progress', { actionId, connection, accountId, done, total }),
              }),
            };
        const receipt: CloseAllReceipt = {
          actionId,
          kind: 'close_all',
          state: closeAllState(items),
          message: closeAllMessage(items),
          requestId,
          cancelOrdersFirst: cancelOrders,
          items,
        };
        return receipt;
      }));
    },

    'order:cancel': async ({ connection, accountId, orderId }) => {
      const { adapter, profile } = await connections.resolve(connection);
      if (!adapter.capabilities.cancelOrder.available) {
        throw new AppError({ code: 'unsupported', outcome: 'not_sent', message: adapter.capabilities.cancelOrder.reason });
      }
      const actionId = newActionId();
      const meta = { actionId, action: 'cancel_order', connection, broker: profile.broker, accountId, params: { orderId } };
      return audited(meta, () => locks.run(lockTarget.order(connection, accountId, orderId), { actionId, description: `cancel order ${orderId}` }, async () => {
        const result = await adapter.cancelOrder(accountId, orderId);
        return receipt(actionId, 'cancel_order', result);
      }));
    },

    'account:close': async ({ connection, accountId, confirmAccountNumber }) => {
      const { adapter, profile } = await connections.resolve(connection);
      if (!adapter.capabilities.closeAccount.available || !adapter.closeAccount) {
        const reason = adapter.capabilities.closeAccount.available ? 'not implemented' : adapter.capabilities.closeAccount.reason;
        throw new AppError({ code: 'unsupported', outcome: 'not_sent', message: reason });
      }
      const closeAccount = adapter.closeAccount.bind(adapter);
      const actionId = newActionId();
      const meta = { actionId, action: 'close_account', connection, broker: profile.broker, accountId, params: {} };
      return audited(meta, () => locks.run(lockTarget.account(connection, accountId), { actionId, description: `close account ${accountId}` }, async () => {
        const check = await closeCheck(adapter, accountId);
        if (confirmAccountNumber !== check.account.number) {
          throw validationError('confirmAccountNumber', `must match the account number ${check.account.number} exactly`);
        }
        if (check.blockers.length > 0) {
          throw new AppError({
            code: 'precondition_failed',
            outcome: 'not_sent',
            message: `Account ${check.account.number} cannot be closed yet. ${check.blockers.join(' ')}`,
          });
        }
        const result = await closeAccount(accountId);
        return receipt(actionId, 'close_account', result);
      }));
    },
  };
}

async function closeCheck(adapter: BrokerAdapter, accountId: string) {
  const [account, balances, positions, orders] = await Promise.all([
    adapter.getAccount(accountId),
    adapter.getBalances(accountId),
    adapter.listPositions(accountId),
    adapter.listOrders(accountId),
  ]);
  return buildAccountCloseCheck(account, balances, positions, orders);
}

function orderState(order: Order | null): ActionState {
  return order?.status === 'filled' ? 'filled' : 'accepted';
}

function receipt(actionId: string, kind: ActionReceipt['kind'], result: BrokerActionResult): ActionReceipt {
  return { actionId, kind, state: orderState(result.order), message: result.message, requestId: result.requestId, order: result.order };
}

function describeAmount(amount: CloseAmount): string {
  if (amount.kind === 'all') return 'all';
  if (amount.kind === 'percent') return `${amount.percent}%`;
  return amount.quantity;
}

async function closeAllInOneCall(
  closeAll: NonNullable<BrokerAdapter['closeAllPositions']>,
  accountId: string,
  cancelOrders: boolean,
): Promise<{ items: CloseAllItem[]; requestId: string | null }> {
  const result = await closeAll(accountId, { cancelOrders });
  const items = result.items.map((item): CloseAllItem => ({
    symbol: item.symbol,
    positionId: item.positionId,
    state: item.ok ? orderState(item.order) : 'rejected',
    httpStatus: item.httpStatus,
    orderId: item.order?.id ?? null,
    message: item.message,
    brokerCode: item.brokerCode,
  }));
  return { items, requestId: result.requestId };
}

function closeAllState(items: CloseAllItem[]): ActionState {
  if (items.some((item) => item.state === 'unknown')) return 'unknown';
  if (items.length > 0 && items.every((item) => item.state === 'rejected')) return 'rejected';
  return 'accepted';
}

function closeAllMessage(items: CloseAllItem[]): string {
  const total = items.length;
  const refused = items.filter((item) => item.state === 'rejected').length;
  const unknown = items.filter((item) => item.state === 'unknown').length;
  if (total === 0) return 'There were no positions to close.';
  const accepted = total - refused - unknown;
  const parts = [`Closing accepted for ${accepted} of ${total} positions`];
  if (refused > 0) parts.push(`${refused} refused`);
  if (unknown > 0) parts.push(`${unknown} with no answer (outcome unknown: check before closing again)`);
  return `${parts.join('; ')}.`;
}
