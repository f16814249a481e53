import { afterEach, beforeEach, describe, expect, it } from 'vitest';
// eslint-disable-next-line no-restricted-imports -- tests drive the real simulator
import type { AlpacaSim } from '../../sim/alpaca/server';
// eslint-disable-next-line no-restricted-imports -- tests drive the real simulator
import { IDS } from '../../sim/alpaca/testSupport';
// eslint-disable-next-line no-restricted-imports -- tests drive the real simulator
import type { AlpacaOrder } from '../../sim/alpaca/types';
import type { CancelThenCloseReceipt } from '../../shared/actions';
import { SIM_CONNECTION, startAlpacaSimService, type AlpacaSimService } from './alpacaSimService.testkit';

// Cancel-then-close through the real core and the Alpaca adapter over HTTP: every request the simulator received is
// checked, since the close must leave only after the confirmed cancels read back as done.

let env: AlpacaSimService;
let sim: AlpacaSim;
let holding: AlpacaOrder[];

const target = { connection: SIM_CONNECTION, accountId: IDS.trader, positionId: 'AAPL' };
const sent = () => sim.requests.filter((request) => request.method !== 'GET').map((request) => `${request.method} ${request.path.replace(`/v1/trading/accounts/${IDS.trader}`, '')}`);

async function cancelThenClose(orderIds: string[]): Promise<CancelThenCloseReceipt> {
  const answer = await env.dispatch('position:cancelThenClose', { ...target, orderIds });
  if (!answer.ok) throw new Error(answer.error.message);
  return answer.data as CancelThenCloseReceipt;
}

beforeEach(async () => {
  env = await startAlpacaSimService();
  sim = env.sim;
  // AAPL 10, of which 6 are held by two working sells.
  holding = [
    sim.state.addOrder(IDS.trader, { symbol: 'AAPL', side: 'sell', qty: '4', type: 'limit', limit_price: '400', time_in_force: 'gtc' }),
    sim.state.addOrder(IDS.trader, { symbol: 'AAPL', side: 'sell', qty: '2', type: 'limit', limit_price: '450', time_in_force: 'gtc' }),
  ];
});

afterEach(async () => {
  await env.close();
});

describe('cancel those orders, then close', () => {
  it('cancels each confirmed order as its own action, then sends the full close once they read back cancelled', async () => {
    const receipt = await cancelThenClose(holding.map((order) => order.id));
    expect(sent()).toEqual([...holding.map((order) => `DELETE /orders/${order.id}`), 'DELETE /positions/AAPL']);
    expect(receipt).toMatchObject({ kind: 'close_position', closeSent: true, state: 'accepted' });
    expect(receipt.cancels.map((step) => [step.orderId, step.state])).toEqual(holding.map((order) => [order.id, 'accepted']));
    expect(receipt.message).toMatch(/^Cancelled 2 orders \(read back as no longer working\), then: Alpaca accepted the close of AAPL/);
    const records = await env.stores.audit.readNewest(20, {});
    const attempts = records.filter((record) => record.phase === 'attempt' && record.accountId === IDS.trader).map((record) => record.action);
    expect(attempts.sort()).toEqual(['cancel_order', 'cancel_order', 'close_position']);
    expect(sim.state.positionOf(IDS.trader, 'AAPL')).toBeUndefined();
  });

  it('stops before the close when the broker refuses a cancel, and says so', async () => {
    sim.state.uncancelable.add((holding[1] as AlpacaOrder).id);
    const receipt = await cancelThenClose(holding.map((order) => order.id));
    expect(sent()).toEqual(holding.map((order) => `DELETE /orders/${order.id}`));
    expect(receipt).toMatchObject({ closeSent: false, state: 'rejected' });
    expect(receipt.cancels.map((step) => step.state)).toEqual(['accepted', 'rejected']);
    expect(receipt.cancels[1]?.brokerCode).toBe('42210000');
    expect(receipt.message).toContain(`The cancel of AAPL order ${holding[1]?.id} was refused`);
    expect(receipt.message).toContain('The close of AAPL was not sent.');
    expect(sim.state.positionOf(IDS.trader, 'AAPL')?.qty).toBe('10');
  });

  it('stops before the close when a cancel gets no answer, never sending it again', async () => {
    sim.faults.hang = { match: { method: 'DELETE', path: new RegExp(`/orders/${holding[0]?.id}$`) }, when: 'after-apply' };
    const receipt = await cancelThenClose(holding.map((order) => order.id));
    expect(sent()).toEqual([`DELETE /orders/${holding[0]?.id}`]);
    expect(receipt).toMatchObject({ closeSent: false, state: 'unknown' });
    expect(receipt.actionId).toBe(receipt.cancels[0]?.actionId);
    expect(receipt.message).toContain('has an unknown outcome');
    expect(await env.settled).toMatchObject({ kind: 'cancel_order', resolution: 'happened' });
    expect(sent()).toEqual([`DELETE /orders/${holding[0]?.id}`]);
  });

  it('sends nothing when a confirmed order is not working on the position', async () => {
    const other = sim.state.addOrder(IDS.trader, { symbol: 'GME', side: 'sell', qty: '1', type: 'limit', limit_price: '90', time_in_force: 'gtc' });
    const answer = await env.dispatch('position:cancelThenClose', { ...target, orderIds: [(holding[0] as AlpacaOrder).id, other.id] });
    expect(answer).toMatchObject({ ok: false, error: { code: 'validation', field: 'orderIds', outcome: 'not_sent' } });
    expect(sent()).toEqual([]);
  });

  it('stops before the close when another working order still holds part of the position', async () => {
    const receipt = await cancelThenClose([(holding[0] as AlpacaOrder).id]);
    expect(sent()).toEqual([`DELETE /orders/${holding[0]?.id}`]);
    expect(receipt).toMatchObject({ closeSent: false, state: 'rejected' });
    expect(receipt.message).toBe('The confirmed orders are cancelled, but 2 of AAPL is still held by other working orders, so the close was not sent.');
  });
});
