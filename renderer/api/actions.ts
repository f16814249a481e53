import type { QueryClient } from '@tanstack/react-query';
import type { ActionKind, CloseAmount } from '../../shared/actions';
import type { RequestOf, ResponseOf } from '../../shared/contract';
import type { Position } from '../../shared/domain';
import { AppError } from '../../shared/errors';
import { failureNotice, receiptNotice } from '../lib/notices';
import { aboutAction, type NoticeText } from '../lib/noticeText';
import type { ActionLogWriter } from '../state/actionLog';
import type { AccountTarget } from '../state/dialogs';
import type { InFlightRegistry } from '../state/inFlight';
import { toAppError, type Call } from './client';
import { queryKeys } from './queries';

export type ActionChannel = 'position:close' | 'position:cancelThenClose' | 'positions:closeAll' | 'order:cancel' | 'orders:cancelAll' | 'account:close';

export interface ActionSpec<C extends ActionChannel> {
  channel: C;
  request: RequestOf<C>;
  target: AccountTarget;
  /** Names the action for people, e.g. "Close AAPL in account 9JA74XQ2". */
  label: string;
  /** Two sends under one key never overlap. */
  key: string;
}

export interface ActionDeps {
  call: Call;
  queryClient: Pick<QueryClient, 'invalidateQueries'>;
  notify(notice: NoticeText): void;
  inFlight: InFlightRegistry;
  log: ActionLogWriter;
}

const KIND_OF: Record<ActionChannel, ActionKind> = {
  'position:close': 'close_position',
  'position:cancelThenClose': 'close_position',
  'positions:closeAll': 'close_all',
  'order:cancel': 'cancel_order',
  'orders:cancelAll': 'cancel_all_orders',
  'account:close': 'close_account',
};

/** The position or order an action works on, as the Actions panel and row badges match it; null for the account. */
export function actionSubject<C extends ActionChannel>(channel: C, request: RequestOf<C>): string | null {
  if (channel === 'position:close') return (request as RequestOf<'position:close'>).positionId;
  if (channel === 'position:cancelThenClose') return (request as RequestOf<'position:cancelThenClose'>).positionId;
  if (channel === 'order:cancel') return (request as RequestOf<'order:cancel'>).orderId;
  return null;
}

export const actionKeys = {
  closePosition: (target: AccountTarget, positionId: string) => `position:close|${target.connection}|${target.accountId}|${positionId}`,
  closeAll: (target: AccountTarget) => `positions:closeAll|${target.connection}|${target.accountId}`,
  cancelOrder: (target: AccountTarget, orderId: string) => `order:cancel|${target.connection}|${target.accountId}|${orderId}`,
  cancelAllOrders: (target: AccountTarget) => `orders:cancelAll|${target.connection}|${target.accountId}`,
  closeAccount: (target: AccountTarget) => `account:close|${target.connection}|${target.accountId}`,
};

/**
 * Sends one destructive action exactly once: refuses while the same action is in flight, reports the broker's answer
 * (or the failure) as a notice naming the account, one that the push settling an unknown outcome replaces, and re-reads the account afterwards whatever happened, since an unknown outcome is
 * settled by reading, never by resending.
 */
export async function runAction<C extends ActionChannel>(deps: ActionDeps, spec: ActionSpec<C>): Promise<ResponseOf<C>> {
  if (!deps.inFlight.begin(spec.key, spec.label)) {
    throw new AppError({ code: 'in_flight', message: `${spec.label} is already in flight: wait for its result.`, outcome: 'not_sent' });
  }
  const { connection, accountId, accountNumber } = spec.target;
  const source = { connection, accountNumber };
  const entryId = deps.log.start({
    kind: KIND_OF[spec.channel],
    connection,
    accountId,
    accountNumber,
    subject: actionSubject(spec.channel, spec.request),
    label: spec.label,
  });
  try {
    const receipt = await deps.call(spec.channel, spec.request);
    deps.log.answer(entryId, receipt);
    deps.notify(aboutAction(receiptNotice(receipt), source, receipt.actionId));
    return receipt;
  } catch (error) {
    const appError = toAppError(error);
    deps.log.fail(entryId, appError.toShape());
    deps.notify(aboutAction(failureNotice(spec.label, appError), source, appError.actionId));
    throw appError;
  } finally {
    deps.inFlight.end(spec.key);
    // Closing an account changes the account list too; everything else stays within the account.
    const queryKey = spec.channel === 'account:close' ? queryKeys.connection(connection) : queryKeys.account(connection, accountId);
    void deps.queryClient.invalidateQueries({ queryKey });
  }
}

/**
 * A close of one position, the same from the dialog and from a row whose connection skips the dialog. `retryOf` makes
 * it a deliberate retry of an earlier close that did not happen: the core sends that close's client order id again.
 */
export function closePositionSpec(
  target: AccountTarget,
  position: Position,
  amount: CloseAmount,
  comment: string | null = null,
  retryOf: string | null = null,
): ActionSpec<'position:close'> {
  return {
    channel: 'position:close',
    request: {
      connection: target.connection,
      accountId: target.accountId,
      positionId: position.id,
      amount,
      ...(comment === null ? {} : { comment }),
      ...(retryOf === null ? {} : { retryOf }),
    },
    target,
    label: `Close ${position.symbol} in account ${target.accountNumber}`,
    key: actionKeys.closePosition(target, position.id),
  };
}
