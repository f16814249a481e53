import { afterEach, describe, expect, it } from 'vitest';
import type { ActionReceipt } from '../../shared/actions';
import type { AuditRecord } from '../../shared/audit';
import { dec } from '../../shared/decimal';
import { US_EQUITY_SCALE } from '../../shared/numberFormat';
import { CONNECTION, startSimCore, type SimCore } from './windDown/simCore.testkit';

const ACCOUNT = 'f1e2d3c4-0000-4000-8000-00000000f111';

let env: SimCore | undefined;

afterEach(async () => {
  await env?.close();
  env = undefined;
});

async function closeAndWait(core: SimCore, symbol: string): Promise<ActionReceipt> {
  const answer = await core.core.dispatch('position:close', { connection: CONNECTION, accountId: ACCOUNT, positionId: symbol, amount: { kind: 'all' }, wait: true });
  if (!answer.ok) throw new Error(answer.error.message);
  return answer.data as ActionReceipt;
}

describe('following a close to its fill', () => {
  it('answers FILLED with the fill price, quantity and a realised P&L estimated from the entry price, sending the close once', async () => {
    env = await startSimCore([{ id: ACCOUNT, number: 'FILL0001', cash: '0', positions: [{ symbol: 'AAPL', qty: '10', avg_entry_price: '150' }] }]);
    const price = env.sim.state.requireAsset('AAPL').price;
    const receipt = await closeAndWait(env, 'AAPL');

    expect(receipt.state).toBe('filled');
    expect(receipt.fill).toEqual({
      orderId: receipt.order?.id,
      status: 'filled',
      filledQuantity: '10',
      remaining: '0',
      avgPrice: dec(price).toFixed(),
      realizedPnl: dec(price).minus(150).times(10).toDecimalPlaces(2).toFixed(),
      realizedPnlEstimated: true,
      ended: true,
      priceScale: US_EQUITY_SCALE,
      // The account was not listed before the close: its currency is not known, and P&L has two places alone.
      currency: null,
    });
    expect(receipt.message).toMatch(/^Filled 10 AAPL at [\d,]+\.\d{2}; realised P&L -?[\d,]+\.\d{2} \(estimated from the average entry price\)\.$/);
    expect(env.sentFor(ACCOUNT)).toEqual([`DELETE /v1/trading/accounts/${ACCOUNT}/positions/AAPL`]);

    const trail = await env.core.dispatch('audit:list', { accountId: ACCOUNT });
    if (!trail.ok) throw new Error(trail.error.message);
    const records = trail.data as AuditRecord[];
    const followed = records.filter((record) => record.actionId === receipt.actionId && record.phase === 'outcome');
    expect(followed.map((record) => record.outcome)).toEqual(['filled', 'accepted']);
    expect(followed[0]?.message).toBe(`Followed: ${receipt.message}`);
  });

  it('says how much is left when the closing order fills only in part', async () => {
    env = await startSimCore([{ id: ACCOUNT, number: 'FILL0002', cash: '0', positions: [{ symbol: 'AAPL', qty: '10', avg_entry_price: '150' }] }]);
    env.sim.state.fillShare = '0.3';
    const receipt = await closeAndWait(env, 'AAPL');

    expect(receipt.state).toBe('partly_filled');
    expect(receipt.fill).toMatchObject({ status: 'canceled', filledQuantity: '3', remaining: '7', ended: true });
    expect(receipt.message).toMatch(/^Partly filled: 3 AAPL at .*\. 7 of the closing order did not fill \(order canceled\) and stay open\.$/);
    expect(env.sim.state.positionOf(ACCOUNT, 'AAPL')?.qty).toBe('7');
    expect(env.sentFor(ACCOUNT)).toHaveLength(1);
  });
});
