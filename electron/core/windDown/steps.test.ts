import { describe, expect, it, vi } from 'vitest';
import type { CloseAllReceipt } from '../../../shared/actions';
import { AppError } from '../../../shared/errors';
import { FAKE_CONNECTION, bookPosition, bookAccount, bookOrder, fakeBroker, type FakeBook } from './fakeBroker.testkit';
import { prepareWindDown } from './plan';
import { createMemoryProgressStore, type ProgressStore } from './progressStore';
import { runWindDown, type WindDownRunOptions } from './runner';
import type { WindDownHandlers } from './serviceCalls';

const FAST: WindDownRunOptions = { flatTimeoutMs: 200, pollIntervalMs: 5 };

function book(id: string, number: string, holdings: Partial<FakeBook> = {}): FakeBook {
  return { account: bookAccount(id, number), cash: '0', positions: [], orders: [], ...holdings };
}

async function windDown(handlers: WindDownHandlers, refs: string[], store: ProgressStore = createMemoryProgressStore(), options: WindDownRunOptions = FAST) {
  return runWindDown(handlers, await prepareWindDown(handlers, FAKE_CONNECTION, refs, store), store, options);
}

describe('runWindDown', () => {
  it('stops an account whose close-all is refused for a position, naming it, and sends nothing more for it', async () => {
    const refused: CloseAllReceipt = {
      actionId: 'a', kind: 'close_all', state: 'accepted', message: 'Closing accepted for 1 of 2 positions; 1 refused.', requestId: 'req-7', cancelOrdersFirst: false,
      items: [
        { symbol: 'AAPL', positionId: 'AAPL', state: 'accepted', httpStatus: 200, orderId: 'o1', message: 'Accepted.', brokerCode: null },
        { symbol: 'TSLA', positionId: 'TSLA', state: 'rejected', httpStatus: 403, orderId: null, message: 'Alpaca rejected the close: insufficient qty available', brokerCode: '40310000' },
      ],
    };
    const closeAll = vi.fn(async () => refused);
    const broker = fakeBroker([book('a1', 'N1', { positions: [bookPosition('a1', 'AAPL'), bookPosition('a1', 'TSLA')] }), book('a2', 'N2')], { overrides: { 'positions:closeAll': closeAll } });

    const report = await windDown(broker.handlers, ['N1', 'N2']);

    expect(report.accounts.map((account) => account.status)).toEqual(['stopped', 'done']);
    expect(report.accounts[0]?.reason).toBe(
      'close positions: Closing accepted for 1 of 2 positions; 1 refused. Refused: TSLA: Alpaca rejected the close: insufficient qty available (broker code 40310000). [broker_rejected]',
    );
    expect(report.accounts[0]?.steps[1]).toMatchObject({ state: 'failed', requestId: 'req-7' });
    expect(closeAll).toHaveBeenCalledTimes(1);
    expect(broker.sent).toEqual(['account:close a2']);
  });

  it('stops with the error words, code and request id when the broker refuses a request', async () => {
    const refusal = new AppError({ code: 'broker_rejected', outcome: 'rejected', message: 'Alpaca rejected the request: account is restricted', brokerCode: '40110000', requestId: 'req-9' });
    const broker = fakeBroker([book('a1', 'N1')], { overrides: { 'account:close': vi.fn(async () => { throw refusal; }) } });
    const report = await windDown(broker.handlers, ['N1']);
    expect(report.accounts[0]).toMatchObject({
      status: 'stopped',
      errorCode: 'broker_rejected',
      reason: 'close account: Alpaca rejected the request: account is restricted (broker code 40110000, request id req-9) [broker_rejected]',
      unknown: false,
    });
    expect(report.accounts[0]?.steps.at(-1)).toMatchObject({ state: 'failed', requestId: 'req-9' });
  });

  it('sends a close the rate limit turned away again after the broker\'s wait, and finishes the account', async () => {
    const turnedAway = new AppError({ code: 'rate_limited', outcome: 'rejected', message: 'Alpaca is limiting the request rate.', retryAfterMs: 5 });
    const broker = fakeBroker([book('a1', 'N1')]);
    const close = broker.handlers['account:close'];
    const closeAccount = vi.fn<typeof close>().mockRejectedValueOnce(turnedAway).mockRejectedValueOnce(turnedAway).mockImplementation(close);
    const report = await windDown({ ...broker.handlers, 'account:close': closeAccount }, ['N1']);
    expect(report.accounts[0]?.status).toBe('done');
    expect(closeAccount).toHaveBeenCalledTimes(3);
    expect(broker.sent).toEqual(['account:close a1']);
  });

  it('never sends a close again when its outcome is unknown, even when the error may be retried for a read', async () => {
    const unknown = new AppError({ code: 'network', outcome: 'unknown', message: 'The connection to Alpaca dropped after the request was sent.' });
    const closeAccount = vi.fn(async () => { throw unknown; });
    const broker = fakeBroker([book('a1', 'N1')], { overrides: { 'account:close': closeAccount } });
    const report = await windDown(broker.handlers, ['N1']);
    expect(report.accounts[0]?.status).not.toBe('done');
    expect(closeAccount).toHaveBeenCalledTimes(1);
  });

  it('leaves the account open where the broker cannot close accounts, and says why', async () => {
    const broker = fakeBroker([book('a1', 'N1', { cash: '250', positions: [bookPosition('a1', 'AAPL')], orders: [bookOrder('a1', 'o1')] })], { broker: 'clearstreet' });
    const report = await windDown(broker.handlers, ['N1']);
    expect(report.accounts[0]).toMatchObject({ status: 'done', closed: false, reason: 'the account stays open: Clear Street has no API to close an account.' });
    expect(report.accounts[0]?.steps.map((step) => step.state)).toEqual(['done', 'done', 'done', 'skipped', 'skipped', 'done', 'skipped']);
    expect(report.accounts[0]?.steps[5]?.message).toBe('Flat; cash of 250.00 USD remains in the account.');
    expect(broker.sent).toEqual(['order:cancel a1', 'positions:closeAll a1']);
  });

  it('moves on when an order ended between the listing and its cancel', async () => {
    const broker = fakeBroker([book('a1', 'N1', { orders: [bookOrder('a1', 'o1'), bookOrder('a1', 'o2')] })]);
    const cancel = broker.handlers['order:cancel'];
    broker.handlers['order:cancel'] = async (request) => {
      if (request.orderId !== 'o1') return cancel(request);
      const order = broker.books.get('a1')?.orders.find((candidate) => candidate.id === 'o1');
      if (order) order.open = false;
      throw new AppError({ code: 'broker_rejected', outcome: 'rejected', message: 'Alpaca rejected the request: order is not cancelable' });
    };
    const report = await windDown(broker.handlers, ['N1']);
    expect(report.accounts[0]?.status).toBe('done');
    expect(report.accounts[0]?.steps[0]?.message).toBe('Cancelled 1 open order. 1 order had already ended: o1.');
  });

  it('stops the rest of the run between steps when the signal fires, and a re-run finishes it', async () => {
    const broker = fakeBroker([book('a1', 'N1', { positions: [bookPosition('a1', 'AAPL')] }), book('a2', 'N2')]);
    const store = createMemoryProgressStore();
    const controller = new AbortController();
    const first = await windDown(broker.handlers, ['N1', 'N2'], store, {
      ...FAST,
      onProgress: (event) => {
        if (event.step === 'close_positions' && event.state === 'done') controller.abort();
      },
      signal: controller.signal,
    });
    expect(first.accounts.map((account) => account.status)).toEqual(['stopped', 'stopped']);
    expect(first.accounts[0]?.reason).toBe('wait until flat not started: the run was cancelled; run again to resume');
    // The second account runs beside the first, so the signal stops it wherever it had got to.
    expect(first.accounts[1]?.reason).toMatch(/not started: the run was cancelled; run again to resume$/);
    expect(broker.sent).toEqual(['positions:closeAll a1']);

    const second = await windDown(broker.handlers, ['N1', 'N2'], store);
    expect(second.accounts.map((account) => account.status)).toEqual(['done', 'done']);
    expect([...broker.sent].sort()).toEqual(['account:close a1', 'account:close a2', 'positions:closeAll a1']);
  });

  it('re-reads before repeating a step a crash interrupted, and does not send it again when it happened', async () => {
    const broker = fakeBroker([book('a1', 'N1')]);
    const store = createMemoryProgressStore();
    const plan = await prepareWindDown(broker.handlers, FAKE_CONNECTION, ['N1'], store);
    await store.save({
      version: 1, runId: plan.runId, connection: FAKE_CONNECTION, createdAt: 't', updatedAt: 't',
      accounts: {
        a1: {
          accountId: 'a1', number: 'N1', name: 'Holder N1', status: 'running', reason: null, errorCode: null,
          steps: {
            cancel_orders: { state: 'skipped', message: 'no open orders', requestId: null, at: 't' },
            close_positions: { state: 'skipped', message: 'no open positions', requestId: null, at: 't' },
            wait_flat: { state: 'done', message: 'Flat.', requestId: null, at: 't' },
            recheck: { state: 'done', message: 'Nothing remains.', requestId: null, at: 't' },
            close_account: { state: 'running', message: 'Under way.', requestId: null, at: 't' },
          },
        },
      },
    });
    const closed = broker.books.get('a1');
    if (closed) closed.account = { ...closed.account, status: 'CLOSED', statusTone: 'closed' };

    const report = await runWindDown(broker.handlers, await prepareWindDown(broker.handlers, FAKE_CONNECTION, ['N1'], store), store, FAST);
    expect(report.accounts[0]).toMatchObject({ status: 'done', closed: true });
    expect(report.accounts[0]?.steps.at(-1)?.message).toBe('Verified: account N1 is closed (CLOSED).');
    expect(broker.sent).toEqual([]);
  });

  it('closes the positions again on the next run when they remain with no closing order working', async () => {
    const broker = fakeBroker([book('a1', 'N1', { positions: [bookPosition('a1', 'AAPL')] })]);
    const closeAll = broker.handlers['positions:closeAll'];
    let attempts = 0;
    // The first closing order is accepted, then ends without filling: the position stays.
    broker.handlers['positions:closeAll'] = async (request) => {
      attempts += 1;
      if (attempts > 1) return closeAll(request);
      return { actionId: 'a', kind: 'close_all', state: 'accepted', message: 'Closing accepted for 1 of 1 positions.', requestId: 'r', cancelOrdersFirst: false, items: [] };
    };
    const store = createMemoryProgressStore();
    const first = await windDown(broker.handlers, ['N1'], store);
    expect(first.accounts[0]?.reason).toBe(
      'wait until flat: Not flat after 200 ms: 1 position (AAPL long 10) remain. No closing order is working, so the next run closes them again. [precondition_failed]',
    );
    const second = await windDown(broker.handlers, ['N1'], store);
    expect(second.accounts[0]).toMatchObject({ status: 'done', closed: true });
    expect(attempts).toBe(2);
  });
});
