import { describe, expect, it } from 'vitest';
import type { ActionReceipt } from '../../shared/actions';
import type { Channel } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import type { NoticeText } from '../lib/noticeText';
import type { Call } from './client';
import type { ActionLogWriter } from '../state/actionLog';
import { actionKeys, actionSubject, closePositionSpec, runAction, type ActionDeps, type ActionSpec } from './actions';

const target = { connection: 'Alpaca', accountId: 'acc-1', accountNumber: '9JA74XQ2' };

const receipt: ActionReceipt = {
  actionId: 'a-1',
  kind: 'close_position',
  state: 'accepted',
  message: 'Close order for 10 AAPL accepted by Alpaca',
  requestId: 'req-1',
  order: null,
};

function harness(answer: () => Promise<unknown>) {
  const calls: Array<{ channel: Channel; request: unknown }> = [];
  const notices: NoticeText[] = [];
  const invalidated: unknown[] = [];
  const inFlight = new Set<string>();
  const log: Array<[string, ...unknown[]]> = [];
  const writer: ActionLogWriter = {
    start: (entry) => (log.push(['start', entry]), 'local-1'),
    answer: (id, answer) => void log.push(['answer', id, answer.state]),
    fail: (id, error) => void log.push(['fail', id, error.code, error.outcome]),
  };
  const deps: ActionDeps = {
    call: (async (channel: Channel, request: unknown) => {
      calls.push({ channel, request });
      return answer();
    }) as Call,
    queryClient: { invalidateQueries: async (filters?: { queryKey?: unknown }) => void invalidated.push(filters?.queryKey) },
    notify: (notice) => void notices.push(notice),
    inFlight: {
      begin: (key) => (inFlight.has(key) ? false : (inFlight.add(key), true)),
      end: (key) => void inFlight.delete(key),
    },
    log: writer,
  };
  return { deps, calls, notices, invalidated, inFlight, log };
}

const closeAapl: ActionSpec<'position:close'> = {
  channel: 'position:close',
  request: { connection: 'Alpaca', accountId: 'acc-1', positionId: 'AAPL', amount: { kind: 'quantity', quantity: '10' } },
  target,
  label: 'Close AAPL in account 9JA74XQ2',
  key: actionKeys.closePosition(target, 'AAPL'),
};

describe('runAction', () => {
  it('sends the request, reports the receipt naming its connection and account, and re-reads the account', async () => {
    const h = harness(async () => receipt);
    await expect(runAction(h.deps, closeAapl)).resolves.toBe(receipt);
    expect(h.calls).toEqual([{ channel: 'position:close', request: closeAapl.request }]);
    expect(h.notices).toEqual([
      {
        tone: 'success',
        text: 'Close order for 10 AAPL accepted by Alpaca (request id req-1)',
        source: { connection: 'Alpaca', accountNumber: '9JA74XQ2' },
        key: `action:${receipt.actionId}`,
      },
    ]);
    expect(h.invalidated).toEqual([['connections', 'one', 'Alpaca', 'account', 'acc-1']]);
    expect(h.inFlight.size).toBe(0);
  });

  it('writes the action to the log as pending before sending, then its answer', async () => {
    const h = harness(async () => {
      expect(h.log).toHaveLength(1);
      return receipt;
    });
    await runAction(h.deps, closeAapl);
    expect(h.log).toEqual([
      [
        'start',
        { kind: 'close_position', connection: 'Alpaca', accountId: 'acc-1', accountNumber: '9JA74XQ2', subject: 'AAPL', label: 'Close AAPL in account 9JA74XQ2' },
      ],
      ['answer', 'local-1', 'accepted'],
    ]);
  });

  it('logs an unknown outcome as a failure carrying its outcome', async () => {
    const h = harness(() => Promise.reject(new AppError({ code: 'outcome_unknown', message: 'No answer', outcome: 'unknown', actionId: 'act-7' })));
    await runAction(h.deps, closeAapl).catch(() => undefined);
    expect(h.log.at(-1)).toEqual(['fail', 'local-1', 'outcome_unknown', 'unknown']);
  });

  it('keys the notice of an unknown outcome by its action, so the push that settles it replaces that notice', async () => {
    const h = harness(() => Promise.reject(new AppError({ code: 'outcome_unknown', message: 'No answer', outcome: 'unknown', actionId: 'act-7' })));
    await runAction(h.deps, closeAapl).catch(() => undefined);
    expect(h.notices).toMatchObject([{ tone: 'warning', key: 'action:act-7', source: { connection: 'Alpaca', accountNumber: '9JA74XQ2' } }]);
  });

  it('sends nothing while the same action is in flight', async () => {
    let release: (value: unknown) => void = () => undefined;
    const h = harness(() => new Promise((resolve) => (release = resolve)));
    const first = runAction(h.deps, closeAapl);
    const second = await runAction(h.deps, closeAapl).catch((error: unknown) => error);
    expect(second).toMatchObject({ code: 'in_flight', outcome: 'not_sent' });
    expect(h.calls).toHaveLength(1);
    expect(h.log.filter(([step]) => step === 'start')).toHaveLength(1);
    release(receipt);
    await first;
  });

  it('reports a failure with its code and still re-reads the account', async () => {
    const h = harness(() => Promise.reject(new AppError({ code: 'outcome_unknown', message: 'The broker did not answer', outcome: 'unknown' })));
    await expect(runAction(h.deps, closeAapl)).rejects.toMatchObject({ code: 'outcome_unknown' });
    expect(h.notices[0]?.tone).toBe('warning');
    expect(h.invalidated).toHaveLength(1);
    expect(h.inFlight.size).toBe(0);
  });

  it('re-reads the whole connection after closing an account', async () => {
    const h = harness(async () => ({ ...receipt, kind: 'close_account' }));
    await runAction(h.deps, {
      channel: 'account:close',
      request: { connection: 'Alpaca', accountId: 'acc-1', confirmAccountNumber: '9JA74XQ2' },
      target,
      label: 'Close account 9JA74XQ2',
      key: actionKeys.closeAccount(target),
    });
    expect(h.invalidated).toEqual([['connections', 'one', 'Alpaca']]);
  });
});

describe('actionSubject', () => {
  it('names the position or order acted on, and nothing for account-wide actions', () => {
    expect(actionSubject('position:close', closeAapl.request)).toBe('AAPL');
    expect(actionSubject('order:cancel', { connection: 'A', accountId: '1', orderId: 'o-9' })).toBe('o-9');
    expect(actionSubject('positions:closeAll', { connection: 'A', accountId: '1', cancelOrders: true })).toBeNull();
  });
});

describe('closePositionSpec', () => {
  it('builds the same close the dialog sends, with the comment only when there is one', () => {
    const position = { id: '51234', symbol: 'EURUSD' } as Parameters<typeof closePositionSpec>[1];
    const spec = closePositionSpec(target, position, { kind: 'all' });
    expect(spec.request).toEqual({ connection: 'Alpaca', accountId: 'acc-1', positionId: '51234', amount: { kind: 'all' } });
    expect(spec.label).toBe('Close EURUSD in account 9JA74XQ2');
    expect(spec.key).toBe(actionKeys.closePosition(target, '51234'));
    expect(closePositionSpec(target, position, { kind: 'all' }, 'desk').request.comment).toBe('desk');
  });

  it('names the earlier close a deliberate retry repeats, and nothing otherwise', () => {
    const position = { id: 'AAPL', symbol: 'AAPL' } as Parameters<typeof closePositionSpec>[1];
    const earlier = '6d0f3c0e-3b1f-4f5e-9a43-0c6f1b2a7d11';
    expect(closePositionSpec(target, position, { kind: 'all' }, null, earlier).request).toMatchObject({ positionId: 'AAPL', retryOf: earlier });
    expect(closePositionSpec(target, position, { kind: 'all' }).request).not.toHaveProperty('retryOf');
  });
});
