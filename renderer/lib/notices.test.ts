import { describe, expect, it } from 'vitest';
import type { ActionReceipt, CloseAllItem, CloseAllReceipt } from '../../shared/actions';
import { toDecimalString } from '../../shared/decimal';
import { closeAllItemDetail, failureNotice, receiptNotice, settledNotice, summariseCloseAll } from './notices';

function receipt(overrides: Partial<ActionReceipt> = {}): ActionReceipt {
  return {
    actionId: 'act-1',
    kind: 'close_position',
    state: 'accepted',
    message: 'Close order for 10 AAPL accepted by Alpaca',
    requestId: 'req-42',
    order: null,
    ...overrides,
  };
}

function item(symbol: string, state: CloseAllItem['state']): CloseAllItem {
  return { symbol, positionId: symbol, state, httpStatus: null, orderId: null, message: '', brokerCode: null };
}

describe('receiptNotice', () => {
  it('reports an accepted close as success with the request id', () => {
    expect(receiptNotice(receipt())).toEqual({ tone: 'success', text: 'Close order for 10 AAPL accepted by Alpaca (request id req-42)' });
  });

  it('puts the request id before the closing full stop', () => {
    expect(receiptNotice(receipt({ message: 'Alpaca accepted the close of AMZN.' })).text).toBe(
      'Alpaca accepted the close of AMZN (request id req-42).',
    );
  });

  it('does not repeat a request id the message already carries', () => {
    expect(receiptNotice(receipt({ message: 'Done (request id req-42)' })).text).toBe('Done (request id req-42)');
  });

  it('reports a rejection as an error', () => {
    expect(receiptNotice(receipt({ state: 'rejected', requestId: null })).tone).toBe('error');
  });

  it('says outcome unknown and warns against resending', () => {
    const notice = receiptNotice(receipt({ state: 'unknown' }));
    expect(notice.tone).toBe('warning');
    expect(notice.text).toMatch(/^Outcome unknown: .*do not send it again\.$/);
  });

  it('adds the per-position tally to a close-all and warns when some were rejected', () => {
    const closeAll: CloseAllReceipt = {
      actionId: 'act-2',
      kind: 'close_all',
      state: 'accepted',
      message: 'Close all sent for account 9JA74XQ2.',
      requestId: null,
      cancelOrdersFirst: true,
      items: [item('AAPL', 'accepted'), item('MSFT', 'accepted'), item('SQQQ', 'rejected')],
    };
    expect(receiptNotice(closeAll)).toEqual({
      tone: 'warning',
      text: 'Close all sent for account 9JA74XQ2. Per position: 2 accepted, 1 rejected.',
    });
  });
});

describe('receiptNotice for an answer that found an earlier interrupted attempt', () => {
  const startedAt = new Date(2026, 11, 3, 9, 41, 3).toISOString();
  const earlier = (verdict: 'happened' | 'not_happened') =>
    receipt({ state: verdict === 'happened' ? 'filled' : 'rejected', earlier: { actionId: 'act-0', summary: 'close of 10 shares of AAPL', startedAt, verdict } });

  it('says nothing new was sent and how the earlier attempt ended, never a fresh success', () => {
    expect(receiptNotice(earlier('happened'))).toEqual({
      tone: 'info',
      text: 'Nothing new was sent. An earlier close of 10 shares of AAPL, started 2026-12-03 09:41:03 by a Closeout process that stopped, did happen.',
    });
  });

  it('keeps an earlier attempt that did not happen in view as a warning', () => {
    expect(receiptNotice(earlier('not_happened'))).toMatchObject({ tone: 'warning', text: expect.stringMatching(/^Nothing new was sent\. .*, did not happen\.$/) });
  });
});

describe('summariseCloseAll', () => {
  it('says so when there was nothing to close', () => {
    expect(summariseCloseAll([])).toBe('no positions');
  });
});

describe('failureNotice', () => {
  it('names the action, the broker code and request id, and says nothing was sent', () => {
    const notice = failureNotice('Close AAPL in account 9JA74XQ2', {
      code: 'broker_rejected',
      message: 'insufficient qty available for order',
      retryable: false,
      outcome: 'not_sent',
      brokerCode: '40310000',
      requestId: 'req-7',
    });
    expect(notice).toEqual({
      tone: 'error',
      text: 'Close AAPL in account 9JA74XQ2 failed: insufficient qty available for order (broker code 40310000, request id req-7). Nothing was sent to the broker.',
    });
  });

  it('treats an unknown outcome as a warning to reconcile, not a failure', () => {
    const notice = failureNotice('Cancel order o-1', { code: 'outcome_unknown', message: 'The broker did not answer', retryable: false, outcome: 'unknown' });
    expect(notice.tone).toBe('warning');
    expect(notice.text).toContain('outcome unknown');
  });

  it('ends with one full stop when the message already has one', () => {
    const notice = failureNotice('Close ARKK', { code: 'outcome_unknown', message: 'No answer within 10 s.', retryable: false, outcome: 'unknown' });
    expect(notice.text).toBe('Close ARKK: outcome unknown. No answer within 10 s. Closeout is re-reading positions and orders; do not send it again.');
    expect(failureNotice('Close ARKK', { code: 'network', message: 'Offline.', retryable: true }).text).toBe('Close ARKK failed: Offline.');
  });

  it('never doubles the full stop before "Nothing was sent", whatever the message ends with', () => {
    const notSent = (message: string) => failureNotice('Close AAPL', { code: 'precondition_failed', message, retryable: false, outcome: 'not_sent' }).text;
    const endings = ['Position AAPL is not open.', 'Position AAPL is not open. ', 'Position AAPL is not open.\n', 'Position AAPL is not open..'];
    for (const message of endings) {
      expect(notSent(message)).toBe('Close AAPL failed: Position AAPL is not open. Nothing was sent to the broker.');
    }
    expect(notSent('Refused (the market is closed.)')).toBe('Close AAPL failed: Refused (the market is closed.) Nothing was sent to the broker.');
    expect(notSent('The broker said "closed."')).toBe('Close AAPL failed: The broker said "closed." Nothing was sent to the broker.');
    expect(notSent('Still waiting…')).toBe('Close AAPL failed: Still waiting… Nothing was sent to the broker.');
    expect(notSent('Still waiting...')).toBe('Close AAPL failed: Still waiting... Nothing was sent to the broker.');
    expect(notSent('Position AAPL is not open')).toBe('Close AAPL failed: Position AAPL is not open. Nothing was sent to the broker.');
  });

  it('points at the action already in flight in one sentence per thought', () => {
    expect(failureNotice('Close AAPL', { code: 'in_flight', message: 'A close is in flight', retryable: false }).text).toBe(
      'Close AAPL is already in flight: wait for its result. A close is in flight.',
    );
  });

  it('points at the action already in flight', () => {
    expect(failureNotice('Close AAPL', { code: 'in_flight', message: 'A close is in flight', retryable: false }).tone).toBe('info');
  });
});

describe('closeAllItemDetail', () => {
  it('shows the order id of an accepted close', () => {
    expect(closeAllItemDetail({ ...item('AAPL', 'accepted'), orderId: 'o-9' })).toBe('o-9');
  });

  it('says what stays open of a position the close covers only in part', () => {
    expect(closeAllItemDetail({ ...item('XOM', 'accepted'), orderId: 'o-9', remaining: toDecimalString('81') })).toBe('o-9 (81 stay open)');
  });

  it('gives the reason of a refused close with the broker code and HTTP status', () => {
    const refused = { ...item('SQQQ', 'rejected'), message: 'insufficient qty available for order', brokerCode: '40310000', httpStatus: 403 };
    expect(closeAllItemDetail(refused)).toBe('insufficient qty available for order (broker code 40310000, HTTP 403)');
  });

  it('does not repeat a code that is the whole message', () => {
    expect(closeAllItemDetail({ ...item('US30', 'rejected'), message: 'TRADE_ERROR', brokerCode: 'TRADE_ERROR', httpStatus: 500 })).toBe('TRADE_ERROR (HTTP 500)');
  });
});

describe('settledNotice', () => {
  it('names the action the push settles, in the tone of its verdict', () => {
    const settled = receipt({ state: 'filled', message: 'The close did happen: AAPL is no longer open.', requestId: null });
    expect(settledNotice(settled, 'Close AAPL in account 9JA74XQ2')).toEqual({
      tone: 'success',
      text: 'Close AAPL in account 9JA74XQ2: The close did happen: AAPL is no longer open.',
    });
  });

  it('falls back to the plain receipt for an action this window did not start', () => {
    const settled = receipt({ state: 'rejected', message: 'The close did not happen: AAPL is still open.', requestId: null });
    expect(settledNotice(settled, null)).toEqual({ tone: 'error', text: 'The close did not happen: AAPL is still open.' });
  });
});
