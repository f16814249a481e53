import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '../../../shared/errors';
import { FAKE_CONNECTION, bookPosition, bookAccount, bookOrder, fakeBroker } from './fakeBroker.testkit';
import { preflightAccounts } from './preflight';
import { CONNECTION, startSimCore, type SimCore } from './simCore.testkit';

const OPEN = '5e5e5e5e-0000-4000-8000-000000000005';
const CLOSED = '6f6f6f6f-0000-4000-8000-000000000006';

let env: SimCore | undefined;

afterEach(async () => {
  await env?.close();
  env = undefined;
});

describe('preflightAccounts against the Alpaca simulator', () => {
  it('reads status, positions, orders and cash by number or id, and skips closed, unknown and repeated accounts', async () => {
    env = await startSimCore([
      { id: OPEN, number: 'OPEN0001', cash: '125.50', positions: [{ symbol: 'AAPL', qty: '3', avg_entry_price: '150' }], orders: [{ symbol: 'TSLA', side: 'buy', qty: '1', type: 'limit', limit_price: '300' }] },
      { id: CLOSED, number: 'GONE0001', cash: '0', status: 'ACCOUNT_CLOSED' },
    ]);
    const before = env.sim.requests.length;
    const preflights = await preflightAccounts(env.core.handlers, CONNECTION, ['open0001', CLOSED, 'NOPE0001', '7a7a7a7a-0000-4000-8000-000000000007', OPEN]);

    expect(preflights.map((p) => [p.ref, p.disposition, p.reason])).toEqual([
      ['open0001', 'run', null],
      [CLOSED, 'skip', 'already closed (ACCOUNT_CLOSED)'],
      ['NOPE0001', 'skip', `not found on ${CONNECTION}`],
      ['7a7a7a7a-0000-4000-8000-000000000007', 'skip', `not found on ${CONNECTION}`],
      [OPEN, 'skip', 'listed twice: the same account as open0001'],
    ]);
    const open = preflights[0];
    expect(open).toMatchObject({ account: { id: OPEN, number: 'OPEN0001', status: 'ACTIVE' }, cash: '125.5', currency: 'USD' });
    expect(open?.positions.map((p) => `${p.symbol} ${p.quantity}`)).toEqual(['AAPL 3']);
    expect(open?.openOrders.map((o) => `${o.symbol} ${o.side} ${o.quantity}`)).toEqual(['TSLA buy 1']);
    expect(open?.steps.map((step) => `${step.action} ${step.step}: ${step.note}`)).toEqual([
      'run cancel_orders: cancel 1 open order (TSLA buy 1)',
      'run close_positions: close 1 position (AAPL long 3) at market',
      'run wait_flat: wait until no position and no open order remains',
      'run settle: waits for about 600.00 USD of sale proceeds to settle (the next business day)',
      'skip sweep_cash: no sweep: cash must leave the account another way',
      'run recheck: waits for the cash (now 125.50 USD, about 725.50 USD after the sales) to be withdrawn at the broker: this run sweeps nothing',
      'run close_account: close account OPEN0001 at the broker, once its cash has left (a later run: resume it)',
    ]);
    expect(open?.steps.map((step) => step.waitsFor ?? 'now')).toEqual(['now', 'now', 'now', 'settlement', 'now', 'cash_out', 'cash_out']);
    expect(env.sim.requests.slice(before).every((request) => request.method === 'GET')).toBe(true);
  });
});

describe('preflightAccounts and the broker capabilities', () => {
  it('plans no account close where the broker has none, and says the account stays open', async () => {
    const broker = fakeBroker([{ account: bookAccount('a1', 'N1'), cash: '0', positions: [bookPosition('a1', 'AAPL')], orders: [] }], { broker: 'clearstreet' });
    const [preflight] = await preflightAccounts(broker.handlers, FAKE_CONNECTION, ['N1']);
    expect(preflight?.steps.at(-1)).toEqual({ step: 'close_account', action: 'skip', note: 'the account stays open: Clear Street has no API to close an account.' });
    expect(preflight?.steps.map((step) => step.action)).toEqual(['skip', 'run', 'run', 'skip', 'skip', 'run', 'skip']);
  });

  it('stops an account whose open orders the broker cannot cancel, before anything is sent', async () => {
    const broker = fakeBroker([{ account: bookAccount('7001', '7001'), cash: '0', positions: [], orders: [bookOrder('7001', 'p1', 'EURUSD')] }], { broker: 'scaletrade' });
    const [preflight] = await preflightAccounts(broker.handlers, FAKE_CONNECTION, ['7001']);
    expect(preflight).toMatchObject({
      disposition: 'stop',
      reason: '1 open order (EURUSD sell 5) cannot be cancelled here (ScaleTrade pending trades cannot be cancelled through this API): cancel them at the broker, then run again',
    });
  });

  it('stops an account that could not be read, with the error words, code and request id', async () => {
    const failure = new AppError({ code: 'credentials_refused', message: 'Alpaca refused the credentials.', requestId: 'req-4' });
    const broker = fakeBroker([{ account: bookAccount('a1', 'N1'), cash: '0', positions: [], orders: [] }], {
      overrides: { 'account:closeCheck': vi.fn(async () => { throw failure; }) },
    });
    const [preflight] = await preflightAccounts(broker.handlers, FAKE_CONNECTION, ['N1']);
    expect(preflight).toMatchObject({
      disposition: 'stop', reason: 'could not be read: Alpaca refused the credentials. (request id req-4)', errorCode: 'credentials_refused', requestId: 'req-4',
    });
  });

  it('refuses an unknown connection as a whole', async () => {
    const broker = fakeBroker([]);
    await expect(preflightAccounts(broker.handlers, 'Elsewhere', ['N1'])).rejects.toMatchObject({ code: 'not_found', message: 'There is no connection named "Elsewhere".' });
  });
});
