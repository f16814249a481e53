import { describe, expect, it } from 'vitest';
import type { ActionReceipt } from '../../shared/actions';
import type { BulkItemRequest, BulkProgress } from '../../shared/bulk';
import { AppError } from '../../shared/errors';
import { runBulkItems, type BulkItemHandlers } from './bulkActions';

// The service's close and cancel handlers stand in here; flatten.test.ts runs the same through the real core.

function receipt(actionId: string, extra: Partial<ActionReceipt> = {}): ActionReceipt {
  return { actionId, kind: 'close_position', state: 'accepted', message: `${actionId} accepted`, requestId: `req-${actionId}`, order: null, ...extra };
}

function handlersFor(answer: (id: string) => Promise<ActionReceipt>, log: string[]): BulkItemHandlers {
  return {
    'position:close': async ({ positionId, amount }) => {
      expect(amount).toEqual({ kind: 'all' });
      log.push(`close ${positionId}`);
      return answer(positionId);
    },
    'order:cancel': async ({ orderId }) => {
      log.push(`cancel ${orderId}`);
      return answer(orderId);
    },
  };
}

const close = (connection: string, positionId: string): BulkItemRequest => ({ kind: 'close', connection, accountId: 'acct', positionId });
const cancel = (connection: string, orderId: string): BulkItemRequest => ({ kind: 'cancel', connection, accountId: 'acct', orderId });

describe('a bulk run of picked rows', () => {
  it('sends each item through its own handler, cancels before closes, and answers a result per item in request order', async () => {
    const log: string[] = [];
    const progress: BulkProgress[] = [];
    const results = await runBulkItems(handlersFor(async (id) => receipt(id), log), 'run-1', [close('A', 'AAPL'), cancel('A', 'o-1'), close('A', 'MSFT')], {
      onProgress: (event) => progress.push(event),
    });
    expect(log[0]).toBe('cancel o-1');
    expect(results.map((result) => [result.index, result.kind, result.targetId, result.state, result.actionId])).toEqual([
      [0, 'close', 'AAPL', 'accepted', 'AAPL'],
      [1, 'cancel', 'o-1', 'accepted', 'o-1'],
      [2, 'close', 'MSFT', 'accepted', 'MSFT'],
    ]);
    expect(progress.map((event) => [event.runId, event.done, event.total])).toEqual([['run-1', 1, 3], ['run-1', 2, 3], ['run-1', 3, 3]]);
  });

  it('keeps the broker code and request id of a refusal, marks an unknown outcome, and says when an earlier action was read back', async () => {
    const log: string[] = [];
    const results = await runBulkItems(handlersFor(async (id) => {
      if (id === 'GME') throw new AppError({ code: 'broker_rejected', outcome: 'rejected', brokerCode: '40310000', requestId: 'req-9', message: 'insufficient qty', actionId: 'a-gme' });
      if (id === 'TSLA') throw new AppError({ code: 'outcome_unknown', outcome: 'unknown', message: 'no answer', actionId: 'a-tsla' });
      if (id === 'SQQQ') return receipt('a-earlier', { state: 'filled', earlier: { actionId: 'a-earlier', summary: 'close of SQQQ', startedAt: '2026-12-03T09:41:00Z', verdict: 'happened' } });
      return receipt(id);
    }, log), 'run-2', ['GME', 'TSLA', 'SQQQ'].map((id) => close('A', id)), { sleep: async () => {} });
    expect(results[0]).toMatchObject({ state: 'rejected', errorCode: 'broker_rejected', brokerCode: '40310000', requestId: 'req-9', actionId: 'a-gme' });
    expect(results[1]).toMatchObject({ state: 'unknown', errorCode: 'outcome_unknown', actionId: 'a-tsla' });
    expect(results[2]).toMatchObject({ state: 'filled', earlier: true, actionId: 'a-earlier' });
    expect(log.filter((line) => line === 'close TSLA')).toHaveLength(1);
  });

  it('sends nothing for an item its caller refuses, and reports the refusal as that item\'s result', async () => {
    const log: string[] = [];
    const results = await runBulkItems(handlersFor(async (id) => receipt(id), log), 'run-3', [close('A', 'AAPL'), close('B', 'EURUSD')], {
      refuse: (item) => (item.connection === 'B' ? new AppError({ code: 'in_flight', outcome: 'not_sent', message: 'held elsewhere' }) : null),
    });
    expect(log).toEqual(['close AAPL']);
    expect(results[1]).toMatchObject({ state: 'rejected', errorCode: 'in_flight', message: 'held elsewhere', actionId: null });
  });
});
