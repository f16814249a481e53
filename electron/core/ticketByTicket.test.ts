import { describe, expect, it } from 'vitest';
import type { CloseAmount } from '../../shared/actions';
import { BROKER_CAPABILITIES } from '../../shared/brokers';
import { toDecimalString } from '../../shared/decimal';
import type { Position } from '../../shared/domain';
import { AppError } from '../../shared/errors';
import type { BrokerAdapter } from './brokers/broker';
import { closeTicketByTicket } from './ticketByTicket';

function ticket(id: string): Position {
  return {
    id, accountId: 'acct', symbol: `SYM${id}`, side: 'long', quantity: toDecimalString('1'), available: toDecimalString('1'),
    unit: { name: 'lots', step: toDecimalString('0.01') }, fractional: false, avgPrice: null, lastPrice: null, marketValue: null,
    unrealizedPnl: null, unrealizedPnlPct: null, assetClass: null,
  };
}

type Close = (position: Position, amount: CloseAmount) => Promise<void>;

function brokerWith(close: Close): BrokerAdapter {
  const unused = async () => { throw new Error('not used'); };
  return {
    kind: 'scaletrade', capabilities: BROKER_CAPABILITIES.scaletrade, listAccounts: unused, getAccount: unused, getBalances: unused,
    listPositions: unused, listOrders: unused, cancelOrder: unused,
    closePosition: async (_accountId, position, amount) => {
      await close(position, amount);
      return { requestId: null, order: null, message: `Closed ${position.symbol}.` };
    },
  };
}

const noSleep = async () => {};

describe('closing ticket by ticket', () => {
  it('closes every ticket in full and reports each one as it settles', async () => {
    const closed: string[] = [];
    const progress: Array<[number, number]> = [];
    const items = await closeTicketByTicket(brokerWith(async (p, amount) => { expect(amount).toEqual({ kind: 'all' }); closed.push(p.id); }), 'acct',
      ['1', '2', '3', '4', '5'].map(ticket), { onSettled: (done, total) => progress.push([done, total]) });
    expect(closed.sort()).toEqual(['1', '2', '3', '4', '5']);
    expect(items.map((i) => [i.positionId, i.state])).toEqual([['1', 'accepted'], ['2', 'accepted'], ['3', 'accepted'], ['4', 'accepted'], ['5', 'accepted']]);
    expect(progress.at(-1)).toEqual([5, 5]);
    expect(progress).toHaveLength(5);
  });

  it('never has more closes in flight than the concurrency bound', async () => {
    let inFlight = 0;
    let peak = 0;
    await closeTicketByTicket(brokerWith(async () => {
      inFlight += 1;
      peak = Math.max(peak, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 5));
      inFlight -= 1;
    }), 'acct', Array.from({ length: 20 }, (_, i) => ticket(String(i))), { concurrency: 3 });
    expect(peak).toBe(3);
  });

  it('waits out a rate limit for as long as the broker asks and then closes the ticket', async () => {
    const attempts = new Map<string, number>();
    const waits: number[] = [];
    const items = await closeTicketByTicket(brokerWith(async (p) => {
      const n = (attempts.get(p.id) ?? 0) + 1;
      attempts.set(p.id, n);
      if (p.id === '2' && n < 3) throw new AppError({ code: 'rate_limited', message: 'slow down', outcome: 'rejected', retryAfterMs: 40 });
    }), 'acct', ['1', '2', '3'].map(ticket), { concurrency: 1, sleep: async (ms) => { waits.push(ms); await new Promise((r) => setTimeout(r, ms)); } });
    expect(items.map((i) => i.state)).toEqual(['accepted', 'accepted', 'accepted']);
    expect(attempts.get('2')).toBe(3);
    expect(waits.length).toBeGreaterThanOrEqual(2);
    expect(Math.max(...waits)).toBeLessThanOrEqual(40);
  });

  it('reports a ticket as refused after too many rate limits', async () => {
    const items = await closeTicketByTicket(brokerWith(async () => {
      throw new AppError({ code: 'rate_limited', message: 'slow down', outcome: 'rejected', retryAfterMs: 0 });
    }), 'acct', [ticket('1')], { maxRateLimitWaits: 2, sleep: noSleep });
    expect(items[0]).toMatchObject({ state: 'rejected', message: 'slow down' });
  });

  it('never resends a ticket whose outcome is unknown, and keeps the broker code of a refusal', async () => {
    const attempts: string[] = [];
    const items = await closeTicketByTicket(brokerWith(async (p) => {
      attempts.push(p.id);
      if (p.id === '1') throw new AppError({ code: 'outcome_unknown', message: 'no answer', outcome: 'unknown' });
      if (p.id === '2') throw new AppError({ code: 'not_found', message: 'Trade 2 was not found', outcome: 'rejected', brokerCode: 'TRADE_ERROR', httpStatus: 404 });
    }), 'acct', ['1', '2', '3'].map(ticket), { sleep: noSleep });
    expect(attempts.sort()).toEqual(['1', '2', '3']);
    expect(items.map((i) => [i.state, i.brokerCode, i.httpStatus])).toEqual([
      ['unknown', null, null],
      ['rejected', 'TRADE_ERROR', 404],
      ['accepted', null, null],
    ]);
  });
});
