import { afterEach, beforeEach, describe, expect, it } from 'vitest';
// eslint-disable-next-line no-restricted-imports -- tests drive the real simulator
import type { AlpacaSim } from '../../sim/alpaca/server';
// eslint-disable-next-line no-restricted-imports -- tests drive the real simulator
import { IDS } from '../../sim/alpaca/testSupport';
import type { ActionReceipt, CancelAllOrdersReceipt } from '../../shared/actions';
import { SIM_CONNECTION, startAlpacaSimService, type AlpacaSimService } from './alpacaSimService.testkit';
import type { Dispatch } from './handlers';
import type { Verdict } from './reconcile';

// Cancel all orders through the real core (journal, leases, audit) and the Alpaca adapter, over HTTP to the simulator.

let env: AlpacaSimService;
let sim: AlpacaSim;
let dispatch: Dispatch;
let pushed: ActionReceipt[];
let settled: Promise<Verdict>;

const target = { connection: SIM_CONNECTION, accountId: IDS.trader };
const bulkCancels = () => sim.requests.filter((request) => request.method === 'DELETE' && request.path === `/v1/trading/accounts/${IDS.trader}/orders`);
const workingIds = () =>
  sim.state
    .ordersOf(IDS.trader)
    .filter((order) => !['filled', 'canceled', 'expired', 'rejected', 'replaced', 'done_for_day'].includes(order.status))
    .map((order) => order.id);

/** The receipt of a cancel all the core answered; a refusal fails the test with its message. */
async function cancelAll(orderIds: string[]): Promise<CancelAllOrdersReceipt> {
  const answer = await dispatch('orders:cancelAll', { ...target, orderIds });
  if (!answer.ok) throw new Error(answer.error.message);
  return answer.data as CancelAllOrdersReceipt;
}

beforeEach(async () => {
  env = await startAlpacaSimService();
  ({ sim, dispatch, pushed, settled } = env);
  sim.state.addOrder(IDS.trader, { symbol: 'AAPL', side: 'sell', qty: '2', type: 'limit', limit_price: '400', time_in_force: 'gtc' });
  sim.state.addOrder(IDS.trader, { symbol: 'HD', side: 'buy', qty: '1', type: 'limit', limit_price: '10', time_in_force: 'day' });
});

afterEach(async () => {
  await env.close();
});

describe('cancel all orders', () => {
  it('sends one bulk request and answers with a result per order, recorded as one action on the audit trail', async () => {
    const confirmed = workingIds();
    expect(confirmed.length).toBeGreaterThan(1);
    const receipt = await cancelAll(confirmed);
    expect(receipt.items.map((item) => [item.orderId, item.state]).sort()).toEqual(confirmed.map((id) => [id, 'cancelled']).sort());
    expect(receipt.items.every((item) => item.symbol !== '')).toBe(true);
    expect(receipt).toMatchObject({ kind: 'cancel_all_orders', state: 'accepted', message: `Cancel accepted for ${confirmed.length} of ${confirmed.length} orders.` });
    expect(receipt.requestId).toBe(bulkCancels()[0]?.requestId);
    expect(bulkCancels()).toHaveLength(1);
    expect(workingIds()).toEqual([]);
    const records = await env.stores.audit.readNewest(10, { action: 'cancel_all_orders' });
    expect(records.map((record) => record.phase)).toEqual(['outcome', 'attempt']);
    expect(records[1]?.params).toEqual({ orderIds: confirmed });
  });

  it('reports the order the broker refused beside the ones it cancelled', async () => {
    const [stuck, ...rest] = workingIds();
    sim.state.uncancelable.add(stuck as string);
    const receipt = await cancelAll([stuck as string, ...rest]);
    expect(receipt.items.find((item) => item.orderId === stuck)).toMatchObject({ state: 'rejected', httpStatus: 422, brokerCode: '42210000', message: 'Alpaca rejected the cancel: order is not cancelable' });
    expect(receipt.message).toBe(`Cancel accepted for ${rest.length} of ${rest.length + 1} orders; 1 refused.`);
    expect(workingIds()).toEqual([stuck]);
  });

  it('sends nothing when an order the confirmation did not list is working, naming it', async () => {
    const [first, ...others] = workingIds();
    const answer = await dispatch('orders:cancelAll', { ...target, orderIds: others });
    expect(answer).toMatchObject({ ok: false, error: { code: 'precondition_failed', outcome: 'not_sent' } });
    expect(answer.ok ? '' : answer.error.message).toContain(first);
    expect(bulkCancels()).toEqual([]);
    expect(workingIds()).toContain(first);
  });

  it('ends unknown when the broker hangs after cancelling, then settles by reading without sending again', async () => {
    const confirmed = workingIds();
    sim.faults.hang = { match: { method: 'DELETE' }, when: 'after-apply' };
    const answer = await dispatch('orders:cancelAll', { ...target, orderIds: confirmed });
    expect(answer).toMatchObject({ ok: false, error: { code: 'outcome_unknown', outcome: 'unknown', actionId: expect.any(String) } });
    sim.faults.reset();
    expect(await settled).toMatchObject({ kind: 'cancel_all_orders', resolution: 'happened', message: `Cancel all did happen: none of the ${confirmed.length} orders is still working.` });
    expect(pushed).toEqual([expect.objectContaining({ kind: 'cancel_all_orders', state: 'filled' })]);
    expect(bulkCancels()).toHaveLength(1);
  });

  it('keeps a second cancel all off the account until the first is settled', async () => {
    const confirmed = workingIds();
    sim.faults.hang = { match: { method: 'DELETE' }, when: 'before-apply' };
    await dispatch('orders:cancelAll', { ...target, orderIds: confirmed });
    const second = await dispatch('orders:cancelAll', { ...target, orderIds: confirmed });
    expect(second).toMatchObject({ ok: false, error: { code: 'in_flight' } });
    sim.faults.reset();
    expect(await settled).toMatchObject({ resolution: 'did_not_happen' });
    expect(bulkCancels()).toHaveLength(1);
  });
});

