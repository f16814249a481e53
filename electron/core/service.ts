import { randomUUID } from 'node:crypto';
import type { ActionKind, ActionReceipt, ActionState, CancelAllOrdersReceipt, CloseAllReceipt, CloseAmount } from '../../shared/actions';
import type { DecimalString } from '../../shared/decimal';
import { checkCloseAmount, quantityToClose } from '../../shared/closeAmount';
import { sweepDescription, type PushEvent, type PushEvents } from '../../shared/contract';
import type { Account, CashJournal, Order, Position } from '../../shared/domain';
import { AppError, validationError } from '../../shared/errors';
import type { PolledList } from '../../shared/polledList';
import { buildAccountCloseCheck } from './accountCloseCheck';
import { accountStatusBlocker } from './accountStatusRule';
import { createActionRunner, createRecordedAction } from './actionRunner';
import { createAuditSubjects } from './auditSubjects';
import type { BrokerActionResult, BrokerAdapter } from './brokers/broker';
import { cancelThenClose } from './cancelThenClose';
import { cancelAllItems, cancelAllMessage, cancelAllState, confirmedWorkingOrders } from './cancelAllOrders';
import { closeAllMessage, closeAllState, itemsFromBulkResult } from './closeAll';
import type { ProgressStore } from './windDown/progressStore';
import { createWindDownChannels } from './windDownChannels';
import { runBulkItems } from './bulkActions';
import { createFlattenChannels } from './flatten/channels';
import { ConnectionRegistry, type ConnectionRegistryDeps } from './connectionRegistry';
import { createJournalHealthStore } from './connections/healthStore';
import type { Handlers } from './handlers';
import { earlierAttempt, earlierAttemptMessage, receiptOfSettled, settleAbandonedAtStart, STATE_OF_VERDICT } from './interrupted';
import type { JournalStores } from './journal';
import type { Intent } from './journal/intents';
import { brokerIdentity, leaseKey } from './journal/leaseKeys';
import { createBodyRevisions, toPolledList } from './listRevision';
import type { ReconcileOptions, Verdict } from './reconcile';
import { closeAllNeedsReading, followCloseAll, hasFollowable, type CloseAllFollowSpec } from './closeAllFollowing';
import { followOrder, needsReading, type FollowedOrder, type FollowPace, type FollowSpec } from './fillFollowing';
import { closeTicketByTicket } from './ticketByTicket';

const DEFAULT_AUDIT_LIMIT = 1000;

const bodyListName = (list: 'positions' | 'orders', connection: string, accountId: string): string => [list, connection, accountId].join('\u0000');
const INTERRUPTED_LIST_LIMIT = 50;

export interface ServiceDeps extends ConnectionRegistryDeps {
  /** The journal shared with every other Closeout process on this data folder: audit trail, intents, leases. */
  stores: JournalStores;
  /** Where wind-down runs keep their progress, so a re-run resumes. */
  windDownProgress: ProgressStore;
  demo: boolean;
  version: string;
  emit?: (<E extends PushEvent>(event: E, payload: PushEvents[E]) => void) | undefined;
  newActionId?: () => string;
  reconcileOptions?: ReconcileOptions | undefined;
  onSettled?: ((actionId: string, verdict: Verdict) => void) | undefined;
  /** How often and how long an accepted order is read until it ends. */
  followPace?: FollowPace | undefined;
  /** Waits between reads that confirm a cancel-then-close's cancels took effect before its close is sent. */
  cancelConfirmDelaysMs?: readonly number[] | undefined;
}

/** The core the renderer (over IPC) and the `closeout` command (directly) both talk to: one handler per contract channel. */
export function createService(deps: ServiceDeps): Handlers {
  const { stores } = deps;
  const connections = new ConnectionRegistry({ ...deps, healthStore: deps.healthStore ?? createJournalHealthStore(stores.journal) });
  const newActionId = deps.newActionId ?? randomUUID;
  const resolveAdapter = async (connection: string) => (await connections.resolve(connection)).adapter;
  // What processes that stopped left unsettled is read back once at start; sends wait for it, reads do not, and the
  // list of interrupted actions waits only for the claim, so it shows them while they are still being read.
  const recovery = settleAbandonedAtStart({ ...stores, resolveAdapter }, (settled) => deps.emit?.('action:updated', receiptOfSettled(settled)));
  const runNow = createActionRunner({
    ...stores,
    newActionId,
    resolveAdapter,
    emit: deps.emit,
    reconcileOptions: deps.reconcileOptions,
    onSettled: deps.onSettled,
  });
  const runAction: typeof runNow = async (spec) => {
    await recovery.settled;
    return runNow(spec);
  };
  const recordAction = createRecordedAction(stores, newActionId);
  const subjects = createAuditSubjects();
  const bodyRevisions = createBodyRevisions();
  const followDeps = { ...stores, ...(deps.emit ? { emit: deps.emit } : {}), ...(deps.followPace ? { pace: deps.followPace } : {}) };

  /**
   * Follows the order an accepted close or cancel left, by reading it: the caller that waits gets the followed receipt;
   * otherwise the answer goes back at once and the ending arrives as a push. An answer that already said how the
   * order ended and at what price (Exness) gets its fill at once, with nothing to read.
   */
  async function follow(spec: Omit<FollowSpec, 'actionId'>, wait: boolean): Promise<ActionReceipt> {
    const order = spec.receipt.order;
    if (spec.receipt.earlier !== undefined || spec.receipt.state === 'unknown' || order === null) return spec.receipt;
    const full = { ...spec, actionId: spec.receipt.actionId };
    if (!needsReading(spec.adapter, [{ order, position: spec.position, realizedPnl: spec.realizedPnl ?? null }])) {
      return order.open ? spec.receipt : followOrder(followDeps, full, false);
    }
    const following = followOrder(followDeps, full, !wait);
    if (wait) return following;
    void following.catch(() => undefined);
    return spec.receipt;
  }

  /** The same for each position a close all closed. */
  async function followAll(spec: Omit<CloseAllFollowSpec, 'actionId'>, wait: boolean): Promise<CloseAllReceipt> {
    if (spec.receipt.earlier !== undefined || spec.receipt.state === 'unknown' || !hasFollowable(spec)) return spec.receipt;
    const full = { ...spec, actionId: spec.receipt.actionId };
    if (!closeAllNeedsReading(spec)) {
      return [...spec.answers.values()].some((answer) => answer.order.open) ? spec.receipt : followCloseAll(followDeps, full, false);
    }
    const following = followCloseAll(followDeps, full, !wait);
    if (wait) return following;
    void following.catch(() => undefined);
    return spec.receipt;
  }

  /**
   * The earlier action a deliberate retry repeats: it must be on the same target and certainly not have happened.
   * Its client order id is sent again, so a broker that did act the first time refuses the duplicate.
   */
  function retried(retryOf: string | undefined, target: string): Intent | null {
    if (retryOf === undefined) return null;
    const earlier = stores.intents.get(retryOf);
    if (!earlier || earlier.target !== target) throw validationError('retryOf', 'must name an earlier close of this same position');
    const didNotHappen = earlier.verdict === 'not_happened' || (earlier.verdict === null && earlier.state === 'rejected');
    if (!didNotHappen) {
      const state = earlier.verdict === null ? earlier.state : `settled as ${earlier.verdict.replace('_', ' ')}`;
      throw validationError('retryOf', `must name an action that did not happen; ${retryOf} is ${state}, so sending it again could close twice`);
    }
    return earlier;
  }

  function noted<T extends Position | Order>(connection: string, accountId: string, items: T[]): T[] {
    subjects.noteSymbols(connection, accountId, items);
    return items;
  }

  function notedPoll<T extends Position | Order>(connection: string, accountId: string, polled: PolledList<T>): PolledList<T> {
    if (!polled.unchanged) noted(connection, accountId, polled.items);
    return polled;
  }

  const handlers: Omit<Handlers, 'windDown:prepare' | 'windDown:resume' | 'windDown:runs' | 'windDown:run' | 'windDown:cancel' | 'actions:runMany' | 'flatten:prepare' | 'flatten:run'> = {
    'app:info': async () => ({ demo: deps.demo, version: deps.version }),
    'connections:list': () => connections.list(),
    'connections:add': (request) =>
      recordAction({
        kind: 'connection_add',
        connection: request.name,
        broker: request.broker,
        params: { baseUrl: request.baseUrl, ...(request.keyId ? { keyId: request.keyId } : {}), ...(request.login ? { login: request.login } : {}) },
        work: () => connections.add(request),
      }),
    'connections:remove': ({ name }) =>
      recordAction({
        kind: 'connection_remove',
        connection: name,
        broker: null,
        params: {},
        work: async () => {
          await connections.remove(name);
          return { removed: true as const };
        },
      }),
    'connections:test': ({ name }) => connections.test(name),
    'connections:rotate': ({ name, secret }) =>
      recordAction({ kind: 'connection_rotate', connection: name, broker: null, params: {}, work: () => connections.rotate(name, secret) }),
    'connections:edit': ({ name, ...changes }) =>
      recordAction({ kind: 'connection_edit', connection: name, broker: null, params: { ...changes }, work: () => connections.edit(name, changes) }),
    'accounts:list': async ({ connection, search, maxAccounts }) => {
      const { adapter } = await connections.resolve(connection);
      const query = search?.trim();
      const accounts = await adapter.listAccounts(query ? query : undefined, maxAccounts === undefined ? {} : { limit: maxAccounts });
      subjects.noteAccounts(connection, accounts);
      return maxAccounts === undefined ? accounts : accounts.slice(0, maxAccounts);
    },
    'accounts:stream': async ({ connection, search, streamId }) => {
      const { adapter } = await connections.resolve(connection);
      const query = search?.trim();
      let loaded = 0;
      const push = (accounts: Account[]): void => {
        loaded += accounts.length;
        subjects.noteAccounts(connection, accounts);
        deps.emit?.('accounts:page', { streamId, connection, accounts, loaded });
      };
      const accounts = await adapter.listAccounts(query ? query : undefined, { onPage: push });
      // A broker with one account per credential lists it in one go, without pages.
      if (loaded < accounts.length) push(accounts.slice(loaded));
      return { count: accounts.length };
    },
    'positions:list': async ({ connection, accountId }) => noted(connection, accountId, await (await connections.resolve(connection)).adapter.listPositions(accountId)),
    'orders:list': async ({ connection, accountId }) => noted(connection, accountId, await (await connections.resolve(connection)).adapter.listOrders(accountId)),
    'positions:poll': async ({ connection, accountId, knownRevision }) => {
      const { adapter } = await connections.resolve(connection);
      if (!adapter.pollPositions) return toPolledList(noted(connection, accountId, await adapter.listPositions(accountId)), knownRevision);
      const list = bodyListName('positions', connection, accountId);
      return notedPoll(connection, accountId, bodyRevisions.toPolledList(list, await adapter.pollPositions(accountId, bodyRevisions.held(list, knownRevision))));
    },
    'orders:poll': async ({ connection, accountId, knownRevision }) => {
      const { adapter } = await connections.resolve(connection);
      if (!adapter.pollOrders) return toPolledList(noted(connection, accountId, await adapter.listOrders(accountId)), knownRevision);
      const list = bodyListName('orders', connection, accountId);
      return notedPoll(connection, accountId, bodyRevisions.toPolledList(list, await adapter.pollOrders(accountId, bodyRevisions.held(list, knownRevision))));
    },
    'positions:history': async ({ connection, accountId }) => {
      const { adapter } = await connections.resolve(connection);
      if (!adapter.capabilities.closeHistory.available || !adapter.listCloseHistory) {
        const reason = adapter.capabilities.closeHistory.available ? 'not implemented' : adapter.capabilities.closeHistory.reason;
        throw new AppError({ code: 'unsupported', message: reason });
      }
      return adapter.listCloseHistory(accountId);
    },
    'audit:list': ({ accountId, action, outcome, limit }) =>
      stores.audit.readNewest(limit ?? DEFAULT_AUDIT_LIMIT, {
        ...(accountId !== undefined ? { accountId } : {}),
        ...(action !== undefined ? { action } : {}),
        ...(outcome !== undefined ? { outcome } : {}),
      }),
    'audit:verify': ({ expectHead }) => stores.audit.verify(expectHead ? { expectHead } : {}),
    'actions:interrupted': async () => {
      await recovery.claimed;
      return stores.intents.interrupted(INTERRUPTED_LIST_LIMIT).map(interruptedReceipt);
    },
    'account:closeCheck': async ({ connection, accountId }) => {
      const check = await closeCheck((await connections.resolve(connection)).adapter, accountId);
      // Wind-down runs read accounts only this way: what they close next is recorded by number and symbol too.
      subjects.noteAccounts(connection, [check.account]);
      subjects.noteSymbols(connection, accountId, [...check.positions, ...check.openOrders]);
      return check;
    },
    'account:balances': async ({ connection, accountId }) => (await connections.resolve(connection)).adapter.getBalances(accountId),

    'position:close': async ({ connection, accountId, positionId, amount, comment, retryOf, wait }) => {
      const { adapter, profile } = await connections.resolve(connection);
      const target = leaseKey.position(brokerIdentity(profile), accountId, positionId);
      const earlier = retried(retryOf, target);
      const subject = subjects.subject(connection, accountId, positionId);
      const clientOrderId = adapter.capabilities.clientOrderId ? (earlier?.clientOrderId ?? randomUUID()) : undefined;
      let closing: Position | null = null;
      let brokerPnl: DecimalString | null = null;
      const params = {
        positionId,
        amount,
        ...(comment !== undefined ? { comment } : {}),
        ...(clientOrderId !== undefined ? { clientOrderId } : {}),
        ...(retryOf !== undefined ? { retryOf } : {}),
      };
      const answered = await runAction({
        kind: 'close_position',
        connection,
        broker: profile.broker,
        accountId,
        subject,
        target,
        description: `close ${describeAmount(amount)} of ${positionId}`,
        ...(clientOrderId !== undefined ? { clientOrderId } : {}),
        ...(retryOf !== undefined ? { retryOf } : {}),
        answerEarlier: (found) => earlierReceipt('close_position', found),
        params,
        adapter,
        work: async ({ actionId, settleByReading }) => {
          const position = await findPosition(adapter, accountId, positionId);
          closing = position;
          const invalid = checkCloseAmount(position, amount, adapter.capabilities.partialClose);
          if (invalid) throw invalid;
          if (comment !== undefined && !adapter.capabilities.closeComment) {
            throw validationError('comment', `is not accepted by ${adapter.capabilities.displayName}`);
          }
          settleByReading({ kind: 'close_position', accountId, position, quantityToClose: quantityToClose(position, amount), startedAt: new Date() });
          const result = await adapter.closePosition(accountId, position, amount, {
            ...(comment !== undefined ? { comment } : {}),
            ...(clientOrderId !== undefined ? { clientOrderId } : {}),
          });
          brokerPnl = result.realizedPnl ?? null;
          return receipt(actionId, 'close_position', result);
        },
      });
      return follow(
        { kind: 'close_position', connection, broker: profile.broker, accountId, params, subject, adapter, receipt: answered, position: closing, realizedPnl: brokerPnl, currency: subjects.currency(connection, accountId) },
        wait === true,
      );
    },

    'positions:closeAll': async ({ connection, accountId, cancelOrders, wait }) => {
      const { adapter, profile } = await connections.resolve(connection);
      const answers = new Map<string, FollowedOrder>();
      const subject = subjects.subject(connection, accountId);
      if (cancelOrders && !adapter.capabilities.closeAll.cancelOrdersOption.available) {
        throw validationError('cancelOrders', `is not available: ${adapter.capabilities.closeAll.cancelOrdersOption.reason}`);
      }
      const answered = await runAction({
        kind: 'close_all',
        connection,
        broker: profile.broker,
        accountId,
        params: { cancelOrders },
        subject,
        target: leaseKey.account(brokerIdentity(profile), accountId),
        description: 'close all positions',
        answerEarlier: (found): CloseAllReceipt => ({ ...earlierReceipt('close_all', found), kind: 'close_all', cancelOrdersFirst: cancelOrders, items: [] }),
        adapter,
        unknownIn: (result) => result.state === 'unknown',
        work: async ({ actionId, settleByReading }) => {
          const positions = await adapter.listPositions(accountId);
          settleByReading({ kind: 'close_all', accountId, positionIds: positions.map((p) => p.id), startedAt: new Date() });
          let requestId: string | null = null;
          let items;
          if (adapter.closeAllPositions) {
            const result = await adapter.closeAllPositions(accountId, { cancelOrders });
            requestId = result.requestId;
            items = itemsFromBulkResult(result);
            for (const item of result.items) {
              if (item.ok && item.order) answers.set(item.positionId, { order: item.order, position: positions.find((p) => p.id === item.positionId) ?? null, realizedPnl: null });
            }
          } else {
            items = await closeTicketByTicket(adapter, accountId, positions, {
              onSettled: (done, total) => deps.emit?.('action:progress', { actionId, connection, accountId, done, total }),
              onClosed: (position, result) => {
                if (result.order) answers.set(position.id, { order: result.order, position, realizedPnl: result.realizedPnl ?? null });
              },
            });
          }
          const closeAllReceipt: CloseAllReceipt = {
            actionId,
            kind: 'close_all',
            state: closeAllState(items),
            message: closeAllMessage(items),
            requestId,
            cancelOrdersFirst: cancelOrders,
            items,
          };
          return closeAllReceipt;
        },
      });
      return followAll({ connection, broker: profile.broker, accountId, params: { cancelOrders }, subject, adapter, receipt: answered, answers, currency: subjects.currency(connection, accountId) }, wait === true);
    },

    'order:cancel': async ({ connection, accountId, orderId }) => {
      const { adapter, profile } = await connections.resolve(connection);
      const subject = subjects.subject(connection, accountId, orderId);
      if (!adapter.capabilities.cancelOrder.available) {
        throw new AppError({ code: 'unsupported', outcome: 'not_sent', message: adapter.capabilities.cancelOrder.reason });
      }
      const cancelled = await runAction({
        kind: 'cancel_order',
        connection,
        broker: profile.broker,
        accountId,
        params: { orderId },
        subject,
        target: leaseKey.order(brokerIdentity(profile), accountId, orderId),
        description: `cancel order ${orderId}`,
        answerEarlier: (found) => earlierReceipt('cancel_order', found),
        adapter,
        work: async ({ actionId, settleByReading }) => {
          settleByReading({ kind: 'cancel_order', accountId, orderId, startedAt: new Date() });
          return receipt(actionId, 'cancel_order', await adapter.cancelOrder(accountId, orderId));
        },
      });
      return follow({ kind: 'cancel_order', connection, broker: profile.broker, accountId, params: { orderId }, subject, adapter, receipt: cancelled, position: null }, false);
    },

    'orders:cancelAll': async ({ connection, accountId, orderIds }) => {
      const { adapter, profile } = await connections.resolve(connection);
      const cancelAll = adapter.cancelAllOrders?.bind(adapter);
      if (!adapter.capabilities.cancelAllOrders.available || !cancelAll) {
        const reason = adapter.capabilities.cancelAllOrders.available ? 'not implemented' : adapter.capabilities.cancelAllOrders.reason;
        throw new AppError({ code: 'unsupported', outcome: 'not_sent', message: reason });
      }
      const subject = subjects.subject(connection, accountId);
      return runAction({
        kind: 'cancel_all_orders',
        connection,
        broker: profile.broker,
        accountId,
        params: { orderIds },
        subject,
        target: leaseKey.account(brokerIdentity(profile), accountId),
        description: 'cancel all orders',
        answerEarlier: (found): CancelAllOrdersReceipt => ({ ...earlierReceipt('cancel_all_orders', found), kind: 'cancel_all_orders', items: [] }),
        adapter,
        work: async ({ actionId, settleByReading }): Promise<CancelAllOrdersReceipt> => {
          const working = confirmedWorkingOrders(await adapter.listOrders(accountId), orderIds, subject.accountNumber ?? accountId);
          settleByReading({ kind: 'cancel_all_orders', accountId, orderIds: working.map((order) => order.id), startedAt: new Date() });
          const result = await cancelAll(accountId);
          const items = cancelAllItems(result, working);
          return { actionId, kind: 'cancel_all_orders', state: cancelAllState(items), message: cancelAllMessage(items, working), requestId: result.requestId, order: null, items };
        },
      });
    },

    'position:cancelThenClose': async ({ connection, accountId, positionId, orderIds }) => {
      const { adapter } = await connections.resolve(connection);
      if (!adapter.capabilities.cancelOrder.available) {
        throw new AppError({ code: 'unsupported', outcome: 'not_sent', message: adapter.capabilities.cancelOrder.reason });
      }
      return cancelThenClose(
        {
          adapter,
          cancel: (orderId) => handlers['order:cancel']({ connection, accountId, orderId }),
          close: () => handlers['position:close']({ connection, accountId, positionId, amount: { kind: 'all' } }),
          ...(deps.cancelConfirmDelaysMs ? { confirmDelaysMs: deps.cancelConfirmDelaysMs } : {}),
        },
        { accountId, positionId, orderIds },
      );
    },

    'account:close': async ({ connection, accountId, confirmAccountNumber }) => {
      const { adapter, profile } = await connections.resolve(connection);
      const closeAccount = adapter.closeAccount?.bind(adapter);
      if (!adapter.capabilities.closeAccount.available || !closeAccount) {
        const reason = adapter.capabilities.closeAccount.available ? 'not implemented' : adapter.capabilities.closeAccount.reason;
        throw new AppError({ code: 'unsupported', outcome: 'not_sent', message: reason });
      }
      return runAction({
        kind: 'close_account',
        connection,
        broker: profile.broker,
        accountId,
        params: {},
        subject: subjects.subject(connection, accountId),
        target: leaseKey.account(brokerIdentity(profile), accountId),
        description: `close account ${accountId}`,
        answerEarlier: (found) => earlierReceipt('close_account', found),
        adapter,
        work: async ({ actionId, settleByReading }) => {
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
          settleByReading({ kind: 'close_account', accountId, startedAt: new Date() });
          return receipt(actionId, 'close_account', await closeAccount(accountId));
        },
      });
    },

    'cash:journals': async ({ connection, accountId, toAccountId, since }) => {
      const { adapter } = await connections.resolve(connection);
      if (!adapter.capabilities.cashSweep.available || !adapter.listCashJournals) {
        throw new AppError({ code: 'unsupported', message: adapter.capabilities.cashSweep.available ? 'not implemented' : adapter.capabilities.cashSweep.reason });
      }
      return adapter.listCashJournals(accountId, { toAccountId, since });
    },

    'account:sweepCash': async ({ connection, accountId, toAccountId, amount, reference }) => {
      const { adapter, profile } = await connections.resolve(connection);
      const journalCash = adapter.journalCash?.bind(adapter);
      if (!adapter.capabilities.cashSweep.available || !journalCash) {
        const reason = adapter.capabilities.cashSweep.available ? 'not implemented' : adapter.capabilities.cashSweep.reason;
        throw new AppError({ code: 'unsupported', outcome: 'not_sent', message: reason });
      }
      if (toAccountId === accountId) throw validationError('toAccountId', 'must be another account than the one the cash leaves');
      const description = sweepDescription(reference);
      return runAction({
        kind: 'sweep_cash',
        connection,
        broker: profile.broker,
        accountId,
        params: { toAccountId, amount, reference },
        subject: subjects.subject(connection, accountId),
        target: leaseKey.cash(brokerIdentity(profile), accountId),
        description: `sweep of ${amount} to account ${toAccountId}`,
        answerEarlier: (found) => earlierReceipt('sweep_cash', found),
        adapter,
        work: async ({ actionId, settleByReading }): Promise<ActionReceipt> => {
          settleByReading({ kind: 'sweep_cash', accountId, toAccountId, amount, description, startedAt: new Date() });
          const { requestId, journal } = await journalCash({ fromAccountId: accountId, toAccountId, amount, description });
          return { actionId, kind: 'sweep_cash', state: journalState(journal), message: journalMessage(journal), requestId, order: null, journal };
        },
      });
    },
  };
  return {
    ...handlers,
    ...createWindDownChannels(handlers, deps.windDownProgress, deps.emit),
    'actions:runMany': ({ runId, items }) => runBulkItems(handlers, runId, items, { onProgress: (progress) => deps.emit?.('bulk:progress', progress) }),
    ...createFlattenChannels({
      handlers,
      leases: stores.leases,
      intents: stores.intents,
      identityOf: async (connection) => brokerIdentity((await connections.resolve(connection)).profile),
      emit: deps.emit,
    }),
  };
}

async function findPosition(adapter: BrokerAdapter, accountId: string, positionId: string): Promise<Position> {
  const position = (await adapter.listPositions(accountId)).find((p) => p.id === positionId);
  if (!position) {
    const account = await adapter.getAccount(accountId).catch(() => null);
    throw new AppError({
      code: 'not_found',
      field: 'positionId',
      outcome: 'not_sent',
      message: `Position ${positionId} is not open in account ${account?.number ?? accountId}.`,
    });
  }
  return position;
}

async function closeCheck(adapter: BrokerAdapter, accountId: string) {
  const [account, balances, positions, orders] = await Promise.all([
    adapter.getAccount(accountId),
    adapter.getBalances(accountId),
    adapter.listPositions(accountId),
    adapter.listOrders(accountId),
  ]);
  return buildAccountCloseCheck(account, balances, positions, orders, accountStatusBlocker(adapter.kind, account));
}

/** Nothing was sent: the answer is how the earlier interrupted action on this target ended. */
function earlierReceipt(kind: ActionKind, found: Intent[]): ActionReceipt {
  const newest = found.at(-1) as Intent;
  return {
    actionId: newest.actionId,
    kind,
    state: STATE_OF_VERDICT[newest.verdict ?? 'still_unknown'],
    message: `${earlierAttemptMessage([newest, ...found.slice(0, -1)])} ${newest.message ?? ''}`.trim(),
    requestId: newest.requestId,
    order: null,
    earlier: earlierAttempt(newest),
  };
}

/** An interrupted action as the Actions panel lists it: unknown until it is read back, then how it ended. */
function interruptedReceipt(intent: Intent): ActionReceipt {
  return {
    actionId: intent.actionId,
    kind: intent.kind,
    state: STATE_OF_VERDICT[intent.verdict ?? 'still_unknown'],
    message: intent.verdict === null ? `The ${intent.summary} was interrupted; Closeout is reading the broker to settle it.` : (intent.message ?? ''),
    requestId: intent.requestId,
    order: null,
    earlier: earlierAttempt(intent),
  };
}

function journalState(journal: CashJournal): ActionState {
  if (journal.status === 'executed') return 'filled';
  if (journal.status === 'pending' || journal.status === 'queued') return 'accepted';
  return 'rejected';
}

function journalMessage(journal: CashJournal): string {
  const what = `journal ${journal.id} of ${journal.amount} to account ${journal.toAccountId}`;
  if (journal.status === 'executed') return `The broker moved the cash: ${what} is executed.`;
  if (journal.status === 'pending' || journal.status === 'queued') return `The broker took ${what}; it is ${journal.status} and moves the cash when it executes.`;
  return `The broker refused ${what}: it is ${journal.status}.`;
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
